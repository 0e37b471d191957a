/**
 * The command line refuses what makes no sense, with exit code 2 and a message naming what is valid, and
 * never creates a database where a read-only command was given a wrong path. One process per case, run as
 * users run it (`node bin/ta-needs.js`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../pipeline/store/db.js';
import { runJob } from '../pipeline/run.js';
import { tempDbPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'ta-needs.js');

/** One command as a user runs it: its exit code, and what it printed (without the note that the sources run through tsx). */
function taNeeds(...args: string[]) {
  const result = spawnSync('node', [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  const stderr = result.stderr.split('\n').filter((line) => !line.includes('running the sources through tsx')).join('\n');
  return { status: result.status, stdout: result.stdout, stderr };
}

let db: string;
beforeAll(async () => {
  db = tempDbPath();
  const handle = openDb(db);
  await runJob(handle, ['corpus/summaries/S01.en.md']);
  await runJob(handle, ['corpus/summaries/S01.en.md', 'corpus/summaries/S03.zh.txt']);
  handle.close();
}, 120_000);

describe('ta-needs refuses nonsense with exit code 2 and says what is valid', () => {
  it.each([
    [['needs', '--run', '99'], /no run 99 in .*test\.sqlite \(runs: 1, 2\)/],
    [['needs', '--run', 'abc'], /--run must be a run number, not "abc" \(runs: 1, 2\)/],
    [['diff', 'a', 'b'], /<runA> must be a run number, not "a" \(runs: 1, 2\)/],
    [['diff', '1', '99'], /no run 99 in .* \(runs: 1, 2\)/],
    [['report', '--as-of', '2025-13-45'], /--as-of must be a calendar date YYYY-MM-DD \(e\.g\. 2025-06-30\), not "2025-13-45"/],
    [['report', '--as-of', '2025-02-29'], /not "2025-02-29"/],
    [['report', '--as-of', '2025-06-30', '--chapter', 'III'], /--chapter must be II or V, not "III"/],
    [['report', '--as-of', '2025-06-30', '--lang', 'fr'], /--lang must be en or zh, not "fr"/],
    [['corrections', 'add', '0123456789abcdef', '--field', 'category', '--value', 'training', '--who', 'a'], /not a category \(capacity_building, institution_building, legislative_assistance, policymaking, research_data, international_cooperation\): "training"/],
    // Commander's own refusals are usage errors too.
    [['needs', '--bogus'], /unknown option '--bogus'/],
    [['report'], /required option '--as-of <date>' not specified/],
  ])('ta-needs %j', (args, message) => {
    const result = taNeeds(...args, '--db', db);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(2);
  }, 60_000);

  it('never creates a database a read-only command was pointed at, and names the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-needs-'));
    const mistyped = join(dir, 'ta-neds.sqlite');
    for (const args of [['needs'], ['report', '--as-of', '2025-06-30']]) {
      const result = taNeeds(...args, '--db', mistyped);
      expect(result.stderr).toContain(`no database at ${mistyped}`);
      expect(result.status).toBe(2);
    }
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('refuses a file where --out names a folder, an empty folder to run, and a summary where a note is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-needs-'));
    writeFileSync(join(dir, 'report.html'), '');
    const out = taNeeds('report', '--as-of', '2025-06-30', '--format', 'html', '--out', join(dir, 'report.html'), '--db', db);
    expect(out.stderr).toContain(`--out ${join(dir, 'report.html')} is a file: name a folder`);
    expect(out.status).toBe(2);

    mkdirSync(join(dir, 'empty'));
    const empty = taNeeds('run', join(dir, 'empty'), '--db', join(dir, 'run.sqlite'));
    expect(empty.stderr).toContain(`no document found in ${join(dir, 'empty')}`);
    expect(empty.status).toBe(2);
    expect(existsSync(join(dir, 'run.sqlite'))).toBe(false);

    const claims = taNeeds('claims', 'corpus/summaries/S01.en.md');
    expect(claims.stderr).toContain('corpus/summaries/S01.en.md is an executive summary, not a note');
    expect(claims.status).toBe(2);
  }, 60_000);
});

describe('ta-needs output', () => {
  it('states its exit codes in --help, and exits 0 for help', () => {
    const help = taNeeds('--help');
    expect(help.stdout).toContain('Exit codes: 0 done; 1 findings, or files that could not be read; 2 a usage error');
    expect(help.status).toBe(0);
  });

  it('ends quietly when the reader closes the pipe', async () => {
    const child = spawn('node', [BIN, 'needs', '--csv', '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader has gone before the first line is written, as `| head -1` is once it has its line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(status).toBe(0);
  }, 60_000);

  it('heads the needs with their columns, counts in words that agree with the number, and names cells by their labels in diff', () => {
    const needs = taNeeds('needs', '--run', '1', '--db', db);
    const lines = needs.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+\*\s+country\s+chapter\/art\.\s+category\s+conf\.\s+text$/);
    expect(lines.at(-1)).toBe(`${lines.length - 2} needs in run 1 (* counted)`);

    const diff = taNeeds('diff', '1', '2', '--db', db);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('Summaries');
    expect(diff.stdout).toMatch(/Chapter II: Preventive measures \(Needs\)\s+\d+ → \d+/);
    expect(diff.stdout).not.toMatch(/byChapter\.|byArticle\.|\.needs\b/);
    expect(diff.stdout).toMatch(/\d+ needs differ between run 1 and run 2; \d+ counts moved/);

    const report = taNeeds('report', '--as-of', '2030-01-01', '--run', '1', '--db', db);
    expect(report.stdout).toMatch(/run 1, as of 2030-01-01: 1 summary, 1 country with needs, \d+ needs/);
    expect(report.stdout).toMatch(/\n {2}1 need +1 country +\S/);
  }, 120_000);
});
