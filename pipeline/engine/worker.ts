/**
 * A worker thread of the parse pool (pool.ts): reads and segments the files it is sent, one at a time, and
 * answers with the document or the reason it could not be read. Any error fails that file only.
 */
import { parentPort } from 'node:worker_threads';
import { IngestError } from '../model.js';
import type { Limits } from './limits.js';
import { processFile } from './process.js';

export interface ParseRequest {
  path: string;
  limits: Limits;
}

// The readers are loaded: a file's time limit starts when it reaches a worker ready for it.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', async ({ path, limits }: ParseRequest) => {
  try {
    parentPort!.postMessage({ doc: await processFile(path, limits) });
  } catch (error) {
    const reason = error instanceof IngestError ? error.reason : `unexpected error while reading: ${(error as Error).message ?? String(error)}`;
    parentPort!.postMessage({ reason });
  }
});
