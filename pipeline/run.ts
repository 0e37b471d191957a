/** The main job: every file through ingest and segment into the database, one transaction a document. */
import { IngestError, type Lang, type SegmentedDocument } from './model.js';
import { ingestFile, listInputFiles } from './ingest/index.js';
import { segment } from './segment/index.js';
import { annotateTopics } from './extract/topics.js';
import { finishRun, hasDocument, loadCorrections, markCounted, recordOutcome, startRun, storeDocument, storeNeeds, type Db, type FileOutcome } from './store/db.js';
import { applyCorrections } from './review/corrections.js';
import { extractNeeds, stateOf } from './needs.js';
import { chooseVersions, type Disagreement, type Version } from './versions.js';
import { VERSION } from './package-version.js';

export async function processFile(path: string): Promise<SegmentedDocument> {
  return annotateTopics(segment(await ingestFile(path)));
}

export interface RunResult {
  runId: number;
  outcomes: FileOutcome[];
  needs: number;
  /** Countries whose summaries in several versions do not list the same needs. */
  disagreements: Disagreement[];
}

export interface RunOptions {
  /** The language whose version of a country's summary counts when there are several (English by default). */
  prefer?: Lang;
}

export async function runJob(
  db: Db,
  paths: string[],
  onProgress: (done: number, total: number, outcome: FileOutcome) => void = () => {},
  options: RunOptions = {},
): Promise<RunResult> {
  const prefer = options.prefer ?? 'en';
  const files = await listInputFiles(paths);
  const runId = startRun(db, { version: VERSION, command: 'run', options: { paths, prefer } });
  const outcomes: FileOutcome[] = [];
  const versions = new Map<string, Version>();
  const corrections = loadCorrections(db);
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
      if (doc.kind === 'executive_summary' && !versions.has(doc.id)) {
        const needs = applyCorrections(extractNeeds(doc), corrections);
        const state = stateOf(doc);
        const country = state?.code ?? doc.country;
        storeNeeds(db, runId, { docId: doc.id, country, region: state?.region ?? null }, needs);
        versions.set(doc.id, { docId: doc.id, path, lang: doc.lang, format: doc.format, country, needs });
      }
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      outcome = { path, outcome: 'failed', reason: error.reason };
    }
    recordOutcome(db, runId, outcome);
    outcomes.push(outcome);
    onProgress(outcomes.length, files.length, outcome);
  }
  const { counted, disagreements } = chooseVersions([...versions.values()], prefer);
  markCounted(db, runId, counted);
  finishRun(db, runId, outcomes.some((o) => o.outcome === 'failed') ? 'failures' : 'ok');
  const needs = [...versions.values()].filter((v) => counted.has(v.docId)).reduce((sum, v) => sum + v.needs.length, 0);
  return { runId, outcomes, needs, disagreements };
}
