/**
 * The files of a run read ahead in the pool and handed back in path order, so that what is written is the
 * same whatever order the workers finish in. A file is hashed first: one whose bytes are a stored document is
 * not read again.
 */
import { IngestError, type SegmentedDocument } from '../model.js';
import { documentId } from '../ingest/index.js';
import { readRegularFile } from '../ingest/guard.js';
import type { InputFile } from '../ingest/inputs.js';
import type { Limits } from './limits.js';
import { ParsePool } from './pool.js';

export type BatchItem =
  | { path: string; doc: SegmentedDocument }
  /** The file's bytes are a document stored before. */
  | { path: string; storedId: string }
  | { path: string; reason: string };

/** How many files are read ahead of the one being written, per worker: enough to keep the workers busy. */
const AHEAD_PER_WORKER = 4;

export async function* readInOrder(files: InputFile[], isStored: (docId: string) => boolean, limits: Limits): AsyncGenerator<BatchItem> {
  // Started at the first file to read: a run with nothing new needs no worker.
  let pool = null as ParsePool | null;
  /** Each document being read, by id, so that a second copy of a file in the batch waits for the first. */
  const reading = new Map<string, Promise<BatchItem>>();

  async function prepare(file: InputFile): Promise<BatchItem> {
    if (file.problem) return { path: file.path, reason: file.problem };
    let docId: string;
    try {
      docId = documentId(await readRegularFile(file.path, limits));
    } catch (error) {
      if (error instanceof IngestError) return { path: file.path, reason: error.reason };
      throw error;
    }
    if (isStored(docId)) return { path: file.path, storedId: docId };
    const copyOf = reading.get(docId);
    if (copyOf) return { ...(await copyOf), path: file.path };
    const read = (pool ??= new ParsePool(limits)).parse(file.path).then(
      (doc): BatchItem => ({ path: file.path, doc }),
      (error: Error): BatchItem => {
        if (error instanceof IngestError) return { path: file.path, reason: error.reason };
        throw error;
      },
    );
    reading.set(docId, read);
    return read;
  }

  const ahead: Promise<BatchItem>[] = [];
  const window = AHEAD_PER_WORKER * Math.max(1, limits.jobs);
  let next = 0;
  try {
    while (next < files.length || ahead.length > 0) {
      while (next < files.length && ahead.length < window) {
        const item = prepare(files[next++]!);
        item.catch(() => {}); // awaited in turn below; this keeps a failure from going unhandled meanwhile
        ahead.push(item);
      }
      yield await ahead.shift()!;
    }
  } finally {
    await pool?.close();
  }
}
