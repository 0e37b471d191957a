/** The SQLite database at the pipeline's edge: documents, their blocks, and the runs that stored them. */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Block, Category, Correction, Lang, Need, RegionalGroup, Review, SegmentedDocument } from '../model.js';

export const DEFAULT_DB = 'output/ta-needs.sqlite';

export type Db = Database.Database;

const SCHEMA = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

export function openDb(path: string = DEFAULT_DB): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  addMissingColumns(db);
  return db;
}

/** Columns added since a database file was made: `CREATE TABLE IF NOT EXISTS` leaves an older table as it was. */
function addMissingColumns(db: Db): void {
  const columns = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('runs') as { name: string }[]).map((c) => c.name));
  for (const [name, type] of [['pid', 'INTEGER'], ['error', 'TEXT']] as const) {
    if (!columns.has(name)) db.exec(`ALTER TABLE runs ADD COLUMN ${name} ${type}`);
  }
}

export type FileOutcome = { path: string; outcome: 'stored' | 'unchanged'; docId: string } | { path: string; outcome: 'failed'; reason: string };

export type RunStatus = 'running' | 'ok' | 'failures' | 'aborted';

/** The states of a run that finished: the ones readers take. */
const COMPLETE = "('ok', 'failures')";

export function startRun(db: Db, run: { version: string; command: string; options: object }): number {
  const result = db
    .prepare('INSERT INTO runs (started_at, version, command, options, pid) VALUES (?, ?, ?, ?, ?)')
    .run(new Date().toISOString(), run.version, run.command, JSON.stringify(run.options), process.pid);
  return Number(result.lastInsertRowid);
}

export function finishRun(db: Db, runId: number, status: 'ok' | 'failures'): void {
  db.prepare('UPDATE runs SET finished_at = ?, status = ? WHERE id = ?').run(new Date().toISOString(), status, runId);
}

export function abortRun(db: Db, runId: number, error: string): void {
  db.prepare("UPDATE runs SET finished_at = ?, status = 'aborted', error = ? WHERE id = ?").run(new Date().toISOString(), error, runId);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Marks `aborted` the runs left `running` by a process that is gone (killed, crashed); returns them. */
export function abortDeadRuns(db: Db): { id: number; pid: number | null }[] {
  const running = db.prepare("SELECT id, pid FROM runs WHERE status = 'running' ORDER BY id").all() as { id: number; pid: number | null }[];
  const dead = running.filter((run) => run.pid === null || !isAlive(run.pid));
  const mark = db.prepare("UPDATE runs SET status = 'aborted', error = ? WHERE id = ?");
  db.transaction(() => {
    for (const run of dead) mark.run(`left running by process ${run.pid ?? '(unknown)'}, which has stopped`, run.id);
  })();
  return dead;
}

export function recordOutcome(db: Db, runId: number, outcome: FileOutcome): void {
  db.prepare('INSERT OR REPLACE INTO run_files (run_id, path, outcome, doc_id, reason) VALUES (?, ?, ?, ?, ?)').run(
    runId,
    outcome.path,
    outcome.outcome,
    outcome.outcome === 'failed' ? null : outcome.docId,
    outcome.outcome === 'failed' ? outcome.reason : null,
  );
}

export function hasDocument(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
}

/** Writes a document and all its blocks in one transaction: a failure leaves nothing of it behind. */
export function storeDocument(db: Db, runId: number, doc: SegmentedDocument): void {
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, path, format, lang, kind, title, symbols, date, country, page_count, text, first_run_id)
     VALUES (@id, @path, @format, @lang, @kind, @title, @symbols, @date, @country, @pageCount, @text, @runId)`,
  );
  const insertBlock = db.prepare(
    `INSERT INTO blocks (doc_id, seq, kind, level, number, text, start, "end", page, parts, rows, topics)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    insertDoc.run({ ...doc, symbols: JSON.stringify(doc.symbols), runId });
    doc.blocks.forEach((block, seq) => {
      insertBlock.run(doc.id, seq, block.kind, block.level ?? null, block.number ?? null, block.text, block.start, block.end, block.page ?? null, JSON.stringify(block.parts), block.rows ? JSON.stringify(block.rows) : null, block.topics ? JSON.stringify(block.topics) : null);
    });
  })();
}

export interface StoredDocument {
  id: string;
  path: string;
  format: string;
  lang: string;
  kind: string;
  title: string | null;
  symbols: string[];
  date: string | null;
  country: string | null;
  pageCount: number | null;
  blockCount: number;
}

export function listDocuments(db: Db): StoredDocument[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.path, d.format, d.lang, d.kind, d.title, d.symbols, d.date, d.country, d.page_count AS pageCount,
              (SELECT COUNT(*) FROM blocks b WHERE b.doc_id = d.id) AS blockCount
       FROM documents d ORDER BY d.path, d.id`,
    )
    .all() as (Omit<StoredDocument, 'symbols'> & { symbols: string })[];
  return rows.map((row) => ({ ...row, symbols: JSON.parse(row.symbols) as string[] }));
}

export function loadBlocks(db: Db, docId: string): Block[] {
  const rows = db.prepare('SELECT * FROM blocks WHERE doc_id = ? ORDER BY seq').all(docId) as Record<string, unknown>[];
  return rows.map((row) => {
    const block: Block = { kind: row.kind as Block['kind'], text: row.text as string, start: row.start as number, end: row.end as number, parts: JSON.parse(row.parts as string) };
    if (row.level !== null) block.level = row.level as number;
    if (row.number !== null) block.number = row.number as string;
    if (row.page !== null) block.page = row.page as number;
    if (row.rows !== null) block.rows = JSON.parse(row.rows as string);
    if (row.topics !== null) block.topics = JSON.parse(row.topics as string);
    return block;
  });
}

export function runFiles(db: Db, runId: number): FileOutcome[] {
  const rows = db.prepare('SELECT path, outcome, doc_id AS docId, reason FROM run_files WHERE run_id = ? ORDER BY rowid').all(runId) as {
    path: string;
    outcome: FileOutcome['outcome'];
    docId: string | null;
    reason: string | null;
  }[];
  return rows.map((row) => (row.outcome === 'failed' ? { path: row.path, outcome: 'failed', reason: row.reason! } : { path: row.path, outcome: row.outcome, docId: row.docId! }));
}

/** A need as stored: the record, its run, and whether it is of the version of its country that counts. */
export interface StoredNeed extends Need {
  run: number;
  counted: boolean;
}

/** An executive summary as a run saw it: whose it is, and (once the run is over) whether it counts. */
export interface RunSummary {
  docId: string;
  /** The State's code, or the name as written when the table does not know it. */
  country: string | null;
  region: RegionalGroup | null;
  date?: string | null;
  path?: string;
  counted?: boolean;
}

/** Writes a summary's needs for a run in one transaction: all of them or none. */
export function storeNeeds(db: Db, runId: number, summary: RunSummary, needs: Need[]): void {
  const insertNeed = db.prepare(
    `INSERT INTO needs (run_id, doc_id, id, lang, country, country_code, region, chapter, article, category, confidence, cues, text, block, start, "end", page, review)
     VALUES (@run, @doc, @id, @lang, @country, @countryCode, @region, @chapter, @article, @category, @confidence, @cues, @text, @block, @start, @end, @page, @review)`,
  );
  db.transaction(() => {
    db.prepare('INSERT INTO run_summaries (run_id, doc_id, country, region) VALUES (?, ?, ?, ?)').run(runId, summary.docId, summary.country, summary.region);
    for (const need of needs) insertNeed.run({ ...need, run: runId, cues: JSON.stringify(need.cues), page: need.page ?? null, review: need.review ? JSON.stringify(need.review) : null });
  })();
}

/** Marks the documents whose needs count in a run. */
export function markCounted(db: Db, runId: number, docIds: Iterable<string>): void {
  const needs = db.prepare('UPDATE needs SET counted = 1 WHERE run_id = ? AND doc_id = ?');
  const summaries = db.prepare('UPDATE run_summaries SET counted = 1 WHERE run_id = ? AND doc_id = ?');
  db.transaction(() => {
    for (const docId of docIds) {
      needs.run(runId, docId);
      summaries.run(runId, docId);
    }
  })();
}

/** The latest complete run that stored needs or summaries, or null: a run still going or aborted is partial. */
export function latestRun(db: Db): number | null {
  const row = db.prepare(`SELECT MAX(id) AS run FROM runs WHERE status IN ${COMPLETE} AND id IN (SELECT run_id FROM run_summaries)`).get() as { run: number | null };
  return row.run;
}

/** The complete run with summaries before this one, or null. */
export function previousRun(db: Db, runId: number): number | null {
  const row = db.prepare(`SELECT MAX(id) AS run FROM runs WHERE id < ? AND status IN ${COMPLETE} AND id IN (SELECT run_id FROM run_summaries)`).get(runId) as { run: number | null };
  return row.run;
}

export function loadNeeds(db: Db, runId: number, options: { countedOnly?: boolean } = {}): StoredNeed[] {
  const rows = db
    .prepare(
      `SELECT n.* FROM needs n JOIN documents d ON d.id = n.doc_id
       WHERE n.run_id = ? ${options.countedOnly ? 'AND n.counted = 1' : ''}
       ORDER BY d.path, n.start, n.id`,
    )
    .all(runId) as Record<string, unknown>[];
  return rows.map((r) => {
    const need: StoredNeed = {
      id: r.id as string,
      run: r.run_id as number,
      doc: r.doc_id as string,
      lang: r.lang as Lang,
      country: r.country as string | null,
      countryCode: r.country_code as string | null,
      region: r.region as RegionalGroup | null,
      chapter: r.chapter as string,
      article: r.article as number | null,
      category: r.category as Category,
      confidence: r.confidence as number,
      cues: JSON.parse(r.cues as string) as string[],
      text: r.text as string,
      block: r.block as number,
      start: r.start as number,
      end: r.end as number,
      counted: r.counted === 1,
    };
    if (r.page !== null) need.page = r.page as number;
    if (r.review !== null) need.review = JSON.parse(r.review as string) as Review;
    return need;
  });
}

export function loadRunSummaries(db: Db, runId: number): RunSummary[] {
  const rows = db
    .prepare(
      `SELECT s.doc_id AS docId, s.country, s.region, s.counted, d.date, d.path FROM run_summaries s JOIN documents d ON d.id = s.doc_id
       WHERE s.run_id = ? ORDER BY d.path, s.doc_id`,
    )
    .all(runId) as (Omit<RunSummary, 'counted'> & { counted: number })[];
  return rows.map((row) => ({ ...row, counted: row.counted === 1 }));
}

/** What a run found: its needs and its summaries. */
export interface RunRecords {
  needs: StoredNeed[];
  summaries: RunSummary[];
}

export function loadRun(db: Db, runId: number): RunRecords {
  return { needs: loadNeeds(db, runId), summaries: loadRunSummaries(db, runId) };
}

/**
 * Records a decision; the same decision (need, action, field, value, who, when) twice is kept once. Only that
 * repetition is ignored: a decision the table's checks refuse is an error, never silently dropped.
 */
export function addCorrection(db: Db, c: Correction): void {
  db.prepare('INSERT INTO corrections (need_id, action, field, value, who, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (need_id, action, field, value, who, at) DO NOTHING').run(c.needId, c.action, c.field ?? '', c.value ?? '', c.who, c.at);
}

/** Whether some run found a need with this id. */
export function hasNeed(db: Db, needId: string): boolean {
  return db.prepare('SELECT 1 FROM needs WHERE id = ? LIMIT 1').get(needId) !== undefined;
}

export function loadCorrections(db: Db): Correction[] {
  const rows = db.prepare('SELECT need_id, action, field, value, who, at FROM corrections ORDER BY at, id').all() as { need_id: string; action: Correction['action']; field: Correction['field'] | ''; value: string; who: string; at: string }[];
  return rows.map((r) => {
    const c: Correction = { needId: r.need_id, action: r.action, who: r.who, at: r.at };
    if (r.field) {
      c.field = r.field;
      c.value = r.value;
    }
    return c;
  });
}

export interface RunRow {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  error: string | null;
}

/** The runs, newest last. */
export function listRuns(db: Db): RunRow[] {
  return db.prepare('SELECT id, started_at AS startedAt, finished_at AS finishedAt, status, error FROM runs ORDER BY id').all() as RunRow[];
}

export function getRun(db: Db, runId: number): RunRow | null {
  return (db.prepare('SELECT id, started_at AS startedAt, finished_at AS finishedAt, status, error FROM runs WHERE id = ?').get(runId) as RunRow | undefined) ?? null;
}

/**
 * The ids and kinds of the documents stored by this version of the pipeline: what a run need not read again.
 * One stored by another version is read again, so that its needs come from this version's readers.
 */
export function storedDocumentKinds(db: Db, version: string): Map<string, string> {
  const rows = db.prepare('SELECT d.id, d.kind FROM documents d JOIN runs r ON r.id = d.first_run_id WHERE r.version = ?').all(version) as { id: string; kind: string }[];
  return new Map(rows.map((row) => [row.id, row.kind]));
}

/** A stored document with its blocks, as ingest and segment made it (layout facts are not stored). */
export function loadDocument(db: Db, docId: string): SegmentedDocument {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(docId) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`document ${docId} is not stored`);
  return {
    id: row.id as string,
    path: row.path as string,
    format: row.format as SegmentedDocument['format'],
    text: row.text as string,
    pageCount: row.page_count as number | null,
    lang: row.lang as Lang,
    kind: row.kind as SegmentedDocument['kind'],
    title: row.title as string | null,
    symbols: JSON.parse(row.symbols as string) as string[],
    date: row.date as string | null,
    country: row.country as string | null,
    blocks: loadBlocks(db, docId),
  };
}

export function documentText(db: Db, docId: string): string {
  const row = db.prepare('SELECT text FROM documents WHERE id = ?').get(docId) as { text: string } | undefined;
  return row?.text ?? '';
}
