/** The main job: every file through ingest and segment into the database, one transaction a document. */
import { readFileSync } from 'node:fs';
import { IngestError, type SegmentedDocument } from './model.js';
import { ingestFile, listInputFiles } from './ingest/index.js';
import { segment } from './segment/index.js';
import { finishRun, hasDocument, recordOutcome, startRun, storeDocument, type Db, type FileOutcome } from './store/db.js';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function processFile(path: string): Promise<SegmentedDocument> {
  return segment(await ingestFile(path));
}

export interface RunResult {
  runId: number;
  outcomes: FileOutcome[];
}

export async function runJob(
  db: Db,
  paths: string[],
  onProgress: (done: number, total: number, outcome: FileOutcome) => void = () => {},
): Promise<RunResult> {
  const files = await listInputFiles(paths);
  const runId = startRun(db, { version: VERSION, command: 'run', options: { paths } });
  const outcomes: FileOutcome[] = [];
  for (const path of files) {
    let outcome: FileOutcome;
    try {
      const doc = await processFile(path);
      if (hasDocument(db, doc.id)) {
        outcome = { path, outcome: 'unchanged', docId: doc.id };
      } else {
        storeDocument(db, runId, doc);
        outcome = { path, outcome: 'stored', docId: doc.id };
      }
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      outcome = { path, outcome: 'failed', reason: error.reason };
    }
    recordOutcome(db, runId, outcome);
    outcomes.push(outcome);
    onProgress(outcomes.length, files.length, outcome);
  }
  finishRun(db, runId, outcomes.some((o) => o.outcome === 'failed') ? 'failures' : 'ok');
  return { runId, outcomes };
}
