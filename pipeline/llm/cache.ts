/** The second reader's answers in the project's database, by (prompt hash, model, input hash). */
import type { Db } from '../store/db.js';
import type { Task } from './answers.js';

export interface CacheKey {
  promptHash: string;
  model: string;
  inputHash: string;
}

export type CachedAnswer = { status: 'ok'; answer: unknown } | { status: 'dropped' };

export function readCachedAnswer(db: Db, key: CacheKey): CachedAnswer | null {
  const row = db.prepare('SELECT status, answer FROM llm_answers WHERE prompt_hash = ? AND model = ? AND input_hash = ?').get(key.promptHash, key.model, key.inputHash) as
    | { status: 'ok' | 'dropped'; answer: string | null }
    | undefined;
  if (!row) return null;
  return row.status === 'ok' ? { status: 'ok', answer: JSON.parse(row.answer!) } : { status: 'dropped' };
}

export function writeCachedAnswer(db: Db, key: CacheKey, task: Task, cached: CachedAnswer): void {
  db.prepare('INSERT OR REPLACE INTO llm_answers (prompt_hash, model, input_hash, task, status, answer) VALUES (?, ?, ?, ?, ?, ?)').run(
    key.promptHash,
    key.model,
    key.inputHash,
    task,
    cached.status,
    cached.status === 'ok' ? JSON.stringify(cached.answer) : null,
  );
}
