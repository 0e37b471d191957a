import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RunAbortedError, runJob } from '../pipeline/run.js';
import { getRun, loadNeeds, openDb, runFiles, type FileOutcome } from '../pipeline/store/db.js';
import { TRAINING_CORPUS } from '../pipeline/needs.js';
import { FIXTURES, SHARED, seedPath, tempDbPath } from './helpers.js';
import { writeDocxBomb } from './bombs.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS_DEV = join(SHARED, 'corpus-dev', 'files');
const MIB = 1024 * 1024;
const tempDir = () => mkdtempSync(join(tmpdir(), 'ta-needs-engine-'));
/** A command run without blocking this thread (vitest's own messages must get through while it works). */
function command(file: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: ROOT });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
const cli = (...args: string[]) => command('node', ['bin/ta-needs.js', ...args]);
const reasons = (outcomes: FileOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.path, o.outcome === 'failed' ? o.reason : o.outcome]));

describe('a batch with hostile inputs', () => {
  it('fails each one by name with its reason, stores the good files, and exits 1', async () => {
    const dir = tempDir();
    const at = (name: string) => join(dir, name);
    const bombSize = await writeDocxBomb(at('bomb-300.docx'), 300);
    expect(bombSize).toBeLessThan(2 * MIB);
    await writeDocxBomb(at('bomb-30.docx'), 30);
    await writeDocxBomb(at('small.docx'), 0.5);
    writeFileSync(at('big.txt'), '');
    truncateSync(at('big.txt'), 200 * MIB);
    spawnSync('mkfifo', [at('pipe.txt')]);
    symlinkSync('/dev/zero', at('zero.txt'));
    copyFileSync(join(TRAINING_CORPUS, 'S03.zh.txt'), at('good.txt'));
    mkdirSync(at('sub'));
    symlinkSync('..', at('sub/back'));
    symlinkSync('self.md', at('self.md'));
    symlinkSync(at('missing.md'), at('gone.md'));
    symlinkSync(join(TRAINING_CORPUS, 'S01.en.md'), at('linked.md'));
    const db = tempDbPath();

    const result = await cli('run', dir, '--db', db);

    expect(result.status).toBe(1);
    const outcomes = runFiles(openDb(db), 1);
    expect(reasons(outcomes)).toEqual({
      [at('big.txt')]: expect.stringMatching(/^file is 200\.0 MiB, over the limit of 64 MiB \(--max-file-mb\)$/),
      [at('bomb-30.docx')]: expect.stringMatching(/^DOCX part word\/document\.xml inflates \d+ times .*over the limit of 100 \(--max-ratio\)$/),
      [at('bomb-300.docx')]: 'DOCX part word/document.xml inflates to more than 64 MiB (--max-part-mb)',
      [at('gone.md')]: 'broken symbolic link',
      [at('good.txt')]: 'stored',
      [at('linked.md')]: 'stored',
      [at('pipe.txt')]: 'a FIFO (named pipe): only regular files are read',
      [at('self.md')]: 'symbolic link loop',
      [at('small.docx')]: 'stored',
      [at('sub/back')]: `${dir} was searched already (a symbolic link loop or a second way in): not searched again`,
      [at('zero.txt')]: 'a device: only regular files are read',
    });
    for (const o of outcomes.filter((o) => o.outcome === 'failed')) expect(result.stdout).toContain(`failed     ${o.path}: ${o.outcome === 'failed' && o.reason}`);
    expect(getRun(openDb(db), 1)).toMatchObject({ status: 'failures', error: null });
  }, 300_000);

  it('fails a file that exhausts its worker\'s heap, and reads the next one in a fresh worker', async () => {
    const dir = tempDir();
    // With the DOCX limits raised out of the way, the XML parser meets 30 MiB of paragraphs: only the heap limit stops it.
    await writeDocxBomb(join(dir, 'a.docx'), 30);
    copyFileSync(join(TRAINING_CORPUS, 'S03.zh.txt'), join(dir, 'b.txt'));
    const db = openDb(tempDbPath());
    const { outcomes } = await runJob(db, [dir], undefined, { limits: { jobs: 1, maxHeapMb: 128, maxRatio: 1e6, maxPartMb: 1024 } });
    expect(reasons(outcomes)).toEqual({
      [join(dir, 'a.docx')]: 'ran out of memory (worker heap limit 128 MiB, --max-heap-mb)',
      [join(dir, 'b.txt')]: 'stored',
    });
  }, 300_000);

  it('holds each file to the limits on text length, PDF pages and time, as raised or lowered by options', async () => {
    const db = openDb(tempDbPath());
    const [pdf, longText, shortText] = [join(FIXTURES, 'notes', '003.pdf'), seedPath('001'), join(TRAINING_CORPUS, 'S03.zh.txt')];
    const { outcomes } = await runJob(db, [pdf, longText, shortText], undefined, { limits: { maxChars: 10000, maxPages: 3 } });
    expect(reasons(outcomes)).toEqual({
      [pdf]: 'PDF has 4 pages, over the limit of 3 (--max-pages)',
      [longText]: expect.stringMatching(/^text is 13\d{3} characters, over the limit of 10000 \(--max-chars\)$/),
      [shortText]: 'stored',
    });
    const timed = await runJob(openDb(tempDbPath()), [pdf], undefined, { limits: { maxSeconds: 0.001 } });
    expect(reasons(timed.outcomes)).toEqual({ [pdf]: 'took longer than 0.001 s to read (--max-seconds)' });
  }, 300_000);

  it('reports an unreadable subdirectory as a failed entry and reads the rest', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'locked'));
    copyFileSync(join(TRAINING_CORPUS, 'S03.zh.txt'), join(dir, 'locked', 'hidden.txt'));
    copyFileSync(join(TRAINING_CORPUS, 'S01.en.md'), join(dir, 'open.md'));
    chmodSync(join(dir, 'locked'), 0o000);
    const dbDir = tempDir();
    chmodSync(dbDir, 0o777);
    const db = join(dbDir, 'out.sqlite');
    // Root reads a directory whatever its mode: as root, run the command as an unprivileged user.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const [file, ...args] = [...asUser, 'node', 'bin/ta-needs.js', 'run', dir, '--db', db];
    const result = await command(file!, args);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(reasons(runFiles(openDb(db), 1))).toEqual({
      [join(dir, 'locked')]: expect.stringMatching(/^cannot read directory: EACCES: permission denied/),
      [join(dir, 'open.md')]: 'stored',
    });
  }, 300_000);
});

describe('runs and their states', () => {
  it('a killed run leaves the database sound, readers keep to the last complete run, and the next run marks it aborted', async () => {
    const db = tempDbPath();
    expect((await cli('run', TRAINING_CORPUS, '--db', db)).status).toBe(0);
    // Killed as soon as it has written its first document, with more files to go.
    const killed = spawn('node', ['bin/ta-needs.js', 'run', join(ROOT, 'corpus'), CORPUS_DEV, '--db', db, '--jobs', '1'], { cwd: ROOT });
    let output = '';
    await new Promise<void>((resolve) => {
      killed.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/^stored /m.test(output)) killed.kill('SIGKILL');
      });
      killed.on('exit', () => resolve());
    });
    expect(killed.signalCode).toBe('SIGKILL');
    expect(output).not.toMatch(/^run 2:/m);

    const raw = new Database(db, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare('SELECT id, status FROM runs ORDER BY id').all()).toEqual([{ id: 1, status: 'ok' }, { id: 2, status: 'running' }]);
    raw.close();

    const report = await cli('report', '--as-of', '2030-01-01', '--db', db);
    expect(report.status).toBe(0);
    expect(report.stderr).toBe('report: reading run 1 (the latest complete run, complete)\n');
    expect(report.stdout).toMatch(/^run 1, as of 2030-01-01: [1-9]\d* summaries/);
    expect(report.stdout).toBe((await cli('report', '--as-of', '2030-01-01', '--db', db, '--run', '1')).stdout);
    expect((await cli('needs', '--db', db)).stdout).toMatch(/needs in run 1 /);

    const next = await cli('run', TRAINING_CORPUS, '--db', db);
    expect(next.stderr).toMatch(/^run 2 was left running by process \d+, which has stopped: marked aborted$/m);
    const runs = openDb(db).prepare('SELECT id, status, error FROM runs ORDER BY id').all();
    expect(runs).toEqual([
      { id: 1, status: 'ok', error: null },
      { id: 2, status: 'aborted', error: expect.stringMatching(/^left running by process \d+, which has stopped$/) },
      { id: 3, status: 'ok', error: null },
    ]);
  }, 300_000);

  it('marks the run aborted, with the file and the cause, when the database is full', async () => {
    const db = openDb(tempDbPath());
    await runJob(db, [join(TRAINING_CORPUS, 'S03.zh.txt')]);
    // SQLite's own page limit: the next page it needs fails as a full disk does, with SQLITE_FULL.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const failed = await runJob(db, [join(ROOT, 'corpus', 'notes')]).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(RunAbortedError);
    const message = /^run 2 aborted: while storing \S+corpus\/notes\/000_\w+\.txt: database or disk is full \(SQLITE_FULL\)$/;
    expect((failed as Error).message).toMatch(message);
    expect(getRun(db, 2)).toMatchObject({ status: 'aborted', error: expect.stringContaining('SQLITE_FULL') });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 300_000);
});

describe('workers and incremental runs', () => {
  const dump = (db: Database.Database) =>
    ['documents', 'blocks', 'needs', 'run_summaries', 'run_files'].map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all())).join('\n');

  it('stores the same records byte for byte with one worker or two, and a re-run reads nothing again', async () => {
    const paths = [join(ROOT, 'corpus'), CORPUS_DEV];
    const [one, two] = [openDb(tempDbPath()), openDb(tempDbPath())];
    await runJob(one, paths, undefined, { limits: { jobs: 1 } });
    await runJob(two, paths, undefined, { limits: { jobs: 2 } });
    expect(dump(two)).toBe(dump(one));

    // Any file read again would fail this time limit: none is, and the needs are those of the first run.
    const again = await runJob(one, paths, undefined, { limits: { maxSeconds: 0.001 } });
    expect(new Set(again.outcomes.map((o) => o.outcome))).toEqual(new Set(['unchanged']));
    const needs = (runId: number) => JSON.stringify(loadNeeds(one, runId).map(({ run, ...need }) => need));
    expect(needs(again.runId)).toBe(needs(1));

    // Documents stored by another version of the pipeline are read again, by this version's readers.
    one.prepare("UPDATE runs SET version = '0.0.0-earlier'").run();
    const upgraded = await runJob(one, [join(TRAINING_CORPUS, 'S03.zh.txt')], undefined, { limits: { maxSeconds: 0.001 } });
    expect(upgraded.outcomes).toEqual([{ path: join(TRAINING_CORPUS, 'S03.zh.txt'), outcome: 'failed', reason: 'took longer than 0.001 s to read (--max-seconds)' }]);
  }, 300_000);
});
