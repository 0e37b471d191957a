/** The SQLite database at the pipeline's edge: documents, their blocks, and the runs that stored them. */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Block, SegmentedDocument } from '../model.js';

export const DEFAULT_DB = 'output/ta-needs.sqlite';

export type Db = Database.Database;

const SCHEMA = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

export function openDb(path: string = DEFAULT_DB): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}

export type FileOutcome = { path: string; outcome: 'stored' | 'unchanged'; docId: string } | { path: string; outcome: 'failed'; reason: string };

export function startRun(db: Db, run: { version: string; command: string; options: object }): number {
  const result = db
    .prepare('INSERT INTO runs (started_at, version, command, options) VALUES (?, ?, ?, ?)')
    .run(new Date().toISOString(), run.version, run.command, JSON.stringify(run.options));
  return Number(result.lastInsertRowid);
}

export function finishRun(db: Db, runId: number, status: 'ok' | 'failures'): void {
  db.prepare('UPDATE runs SET finished_at = ?, status = ? WHERE id = ?').run(new Date().toISOString(), status, runId);
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
    `INSERT INTO blocks (doc_id, seq, kind, level, number, text, start, "end", page, parts, rows)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    insertDoc.run({ ...doc, symbols: JSON.stringify(doc.symbols), runId });
    doc.blocks.forEach((block, seq) => {
      insertBlock.run(doc.id, seq, block.kind, block.level ?? null, block.number ?? null, block.text, block.start, block.end, block.page ?? null, JSON.stringify(block.parts), block.rows ? JSON.stringify(block.rows) : null);
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
