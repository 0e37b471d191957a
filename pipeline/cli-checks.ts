/**
 * What the command line accepts, checked before a command does anything: each refusal names what would have
 * been valid (the runs that exist, the chapters the report knows), so that a mistyped value is never read as
 * "nothing found".
 */
import { existsSync, statSync } from 'node:fs';
import { latestRun, listRuns, openDb, type Db } from './store/db.js';

/** A wrong argument or option value: said to the user, exit code 2. */
export class UsageError extends Error {}

/** The exit codes, as `--help` states them. */
export const EXIT_CODES = 'Exit codes: 0 done; 1 findings, or files that could not be read; 2 a usage error (an unknown option, a wrong value, a missing database or run).';

/** "1 need", "2 needs". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A database that must already exist: the commands that only read never create one where a path was mistyped. */
export function existingDb(path: string): Db {
  if (!existsSync(path)) throw new UsageError(`no database at ${path}: make one with \`ta-needs run <paths>\`, or name another with --db`);
  if (!statSync(path).isFile()) throw new UsageError(`--db ${path} is not a file`);
  return openDb(path);
}

/** The run a command reads: the one named by --run, which must exist, or the latest with summaries. */
export function chosenRun(db: Db, dbPath: string, value: string | undefined, command: string, option = '--run'): number {
  const runs = listRuns(db);
  const known = runs.length > 0 ? `runs: ${runs.map((r) => r.id).join(', ')}` : `${dbPath} has no run yet: make one with \`ta-needs run <paths>\``;
  let runId: number;
  if (value === undefined) {
    const latest = latestRun(db);
    if (latest === null) throw new UsageError(`no complete run with summaries in ${dbPath}: ${known}`);
    runId = latest;
  } else {
    if (!/^\d+$/.test(value)) throw new UsageError(`${option} must be a run number, not ${JSON.stringify(value)} (${known})`);
    runId = Number(value);
  }
  const run = runs.find((r) => r.id === runId);
  if (!run) throw new UsageError(`no run ${value} in ${dbPath} (${known})`);
  // Said on stderr, so that a reader of a run left unfinished knows its records are partial.
  const state = run.status === 'ok' || run.status === 'failures' ? `complete${run.status === 'failures' ? ', with failed files' : ''}` : `${run.status}${run.error ? `: ${run.error}` : ''}; its records are partial`;
  console.error(`${command}: reading run ${runId} (${value === undefined ? 'the latest complete run, ' : ''}${state})`);
  return runId;
}

/** A real calendar date written YYYY-MM-DD: 2025-02-30 and 2025-13-45 are refused. */
export function calendarDate(value: string, option: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new UsageError(`${option} must be a calendar date YYYY-MM-DD (e.g. 2025-06-30), not ${JSON.stringify(value)}`);
  return value;
}

/** One of a few values: "--lang must be en or zh, not fr". */
export function oneOf<T extends string>(value: string, valid: readonly T[], option: string): T {
  if (valid.includes(value as T)) return value as T;
  const list = valid.length > 1 ? `${valid.slice(0, -1).join(', ')} or ${valid.at(-1)}` : valid[0];
  throw new UsageError(`${option} must be ${list}, not ${JSON.stringify(value)}`);
}
