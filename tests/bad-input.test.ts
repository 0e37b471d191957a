import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob } from '../pipeline/run.js';
import { openDb, runFiles } from '../pipeline/store/db.js';
import { FIXTURES, seedPath, tempDbPath } from './helpers.js';

const BAD = join(FIXTURES, 'bad');
const REASONS: Record<string, RegExp> = {
  'empty.txt': /^empty file$/,
  'not-a-pdf.pdf': /^named \.pdf but its content is text$/,
  'truncated.pdf': /^corrupt or truncated PDF/,
  'encrypted.pdf': /^encrypted PDF: it needs a password$/,
  'scanned.pdf': /^PDF has no text layer/,
  'corrupt.docx': /^corrupt DOCX/,
  'notes.rtf': /^unsupported file type "\.rtf"/,
};

describe('bad input', () => {
  it.each(Object.entries(REASONS))('reports %s with its reason, stores nothing of it, and goes on', async (file, reason) => {
    const db = openDb(tempDbPath());
    const good = seedPath('003');
    const { runId, outcomes } = await runJob(db, [join(BAD, file), good]);
    expect(outcomes).toHaveLength(2);
    const [bad, ok] = outcomes;
    expect(bad).toMatchObject({ path: join(BAD, file), outcome: 'failed' });
    expect(bad!.outcome === 'failed' && bad!.reason).toMatch(reason);
    expect(ok).toMatchObject({ path: good, outcome: 'stored' });
    expect(runFiles(db, runId)).toEqual(outcomes);
    expect(db.prepare('SELECT path FROM documents').all()).toEqual([{ path: good }]);
    expect(db.prepare("SELECT status FROM runs WHERE id = ?").get(runId)).toEqual({ status: 'failures' });
    db.close();
  });

  it('names each failed file on its own line and exits non-zero from the command line', () => {
    const db = tempDbPath();
    const result = spawnSync('node', ['bin/ta-needs.js', 'run', BAD, seedPath('000'), '--db', db], { encoding: 'utf8', cwd: join(import.meta.dirname, '..') });
    expect(result.status).toBe(1);
    for (const file of Object.keys(REASONS)) expect(result.stdout).toMatch(new RegExp(`^failed +\\S*${file.replace('.', '\\.')}: `, 'm'));
    expect(result.stdout).toMatch(/1 stored, 0 unchanged, 7 failed/);
    const docs = JSON.parse(execFileSync('node', ['bin/ta-needs.js', 'docs', '--json', '--db', db], { encoding: 'utf8', cwd: join(import.meta.dirname, '..') }));
    expect(docs).toHaveLength(1);
  });
});
