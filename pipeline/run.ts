/**
 * The main job: every file through ingest and segment (in worker threads, engine/) into the database, one
 * transaction a document, written in path order by this thread alone.
 */
import type { Lang } from './model.js';
import { listInputFiles } from './ingest/inputs.js';
import { readInOrder } from './engine/batch.js';
import { DEFAULT_LIMITS, type Limits } from './engine/limits.js';
import { abortDeadRuns, abortRun, finishRun, hasDocument, loadCorrections, loadDocument, markCounted, recordOutcome, startRun, storedDocumentKinds, storeDocument, storeNeeds, type Db, type FileOutcome } from './store/db.js';
import { applyCorrections } from './review/corrections.js';
import { extractNeeds, stateOf } from './needs.js';
import { chooseVersions, type Disagreement, type Version } from './versions.js';
import { VERSION } from './package-version.js';

export { processFile } from './engine/process.js';

export interface RunResult {
  runId: number;
  outcomes: FileOutcome[];
  needs: number;
  /** Countries whose summaries in several versions do not list the same needs. */
  disagreements: Disagreement[];
  /** Earlier runs found left `running` by a process that is gone, now marked `aborted`. */
  abortedRuns: { id: number; pid: number | null }[];
}

export interface RunOptions {
  /** The language whose version of a country's summary counts when there are several (English by default). */
  prefer?: Lang;
  /** Worker threads and the limits on each file; the defaults are in engine/data/limits.json. */
  limits?: Partial<Limits>;
}

/** The run stopped part-way on an error that is not one file's (a full disk, a database it cannot write). */
export class RunAbortedError extends Error {
  constructor(
    readonly runId: number,
    readonly reason: string,
  ) {
    super(`run ${runId} aborted: ${reason}`);
    this.name = 'RunAbortedError';
  }
}

export async function runJob(
  db: Db,
  paths: string[],
  onProgress: (done: number, total: number, outcome: FileOutcome) => void = () => {},
  options: RunOptions = {},
): Promise<RunResult> {
  const prefer = options.prefer ?? 'en';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const abortedRuns = abortDeadRuns(db);
  const runId = startRun(db, { version: VERSION, command: 'run', options: { paths, prefer } });
  const outcomes: FileOutcome[] = [];
  const versions = new Map<string, Version>();
  let current = '';
  try {
    const files = await listInputFiles(paths);
    const corrections = loadCorrections(db);
    const stored = storedDocumentKinds(db, VERSION);
    for await (const item of readInOrder(files, (docId) => stored.has(docId), limits)) {
      current = item.path;
      let outcome: FileOutcome;
      if ('reason' in item) {
        outcome = { path: item.path, outcome: 'failed', reason: item.reason };
      } else {
        const parsed = 'doc' in item ? item.doc : null;
        const docId = 'doc' in item ? item.doc.id : item.storedId;
        if (parsed && !hasDocument(db, docId)) {
          storeDocument(db, runId, parsed);
          stored.set(docId, parsed.kind);
          outcome = { path: item.path, outcome: 'stored', docId };
        } else {
          outcome = { path: item.path, outcome: 'unchanged', docId };
        }
        if ((parsed?.kind ?? stored.get(docId)) === 'executive_summary' && !versions.has(docId)) {
          const doc = parsed ?? loadDocument(db, docId);
          const needs = applyCorrections(extractNeeds(doc), corrections);
          const state = stateOf(doc);
          const country = state?.code ?? doc.country;
          storeNeeds(db, runId, { docId, country, region: state?.region ?? null }, needs);
          versions.set(docId, { docId, path: item.path, lang: doc.lang, format: doc.format, country, needs });
        }
      }
      recordOutcome(db, runId, outcome);
      outcomes.push(outcome);
      onProgress(outcomes.length, files.length, outcome);
    }
    current = '';
    const { counted, disagreements } = chooseVersions([...versions.values()], prefer);
    markCounted(db, runId, counted);
    finishRun(db, runId, outcomes.some((o) => o.outcome === 'failed') ? 'failures' : 'ok');
    const needs = [...versions.values()].filter((v) => counted.has(v.docId)).reduce((sum, v) => sum + v.needs.length, 0);
    return { runId, outcomes, needs, disagreements, abortedRuns };
  } catch (error) {
    const { message, code } = error as Error & { code?: string };
    const reason = `${current ? `while storing ${current}: ` : ''}${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
    try {
      abortRun(db, runId, reason);
    } catch {
      // The database cannot take even this (a full disk): the next run marks this one aborted by its dead pid.
    }
    throw new RunAbortedError(runId, reason);
  }
}
