import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHARED = join(import.meta.dirname, '..', '..', 'shared');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The seed note whose file name starts with this number, e.g. seedPath('002'). */
export function seedPath(number: string): string {
  const dir = join(SHARED, 'seeds');
  const name = readdirSync(dir).find((file) => file.startsWith(`${number}_`));
  if (!name) throw new Error(`seed ${number} not found in ${dir}`);
  return join(dir, name);
}

export const squeeze = (text: string) => text.replace(/\s+/g, '');

/** A database file of its own for one test, on disk as users have it. */
export const tempDbPath = () => join(mkdtempSync(join(tmpdir(), 'ta-needs-')), 'test.sqlite');

/** A document written to a file of its own and read back through ingest and segment, as users' files are. */
export async function processText(text: string, name = 'document.txt') {
  const { writeFileSync } = await import('node:fs');
  const { processFile } = await import('../pipeline/run.js');
  const path = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), name);
  writeFileSync(path, text);
  return processFile(path);
}
