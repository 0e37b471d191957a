/**
 * The commands that read the database start without the heavy modules: pdf.js, mammoth and nodejieba are
 * loaded only by the commands that read PDF or DOCX files or classify needs. (Their speed is in `npm run bench`.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../pipeline/store/db.js';
import { runJob } from '../pipeline/run.js';
import { FIXTURES, tempDbPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const HEAVY = ['pdf-parse', 'pdfjs-dist', 'mammoth', 'nodejieba', 'natural', 'vega', 'vega-lite'];

/** The packages of node_modules a command's process resolved. */
function packagesLoadedBy(args: string[]): Set<string> {
  const trace = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), 'imports.txt');
  writeFileSync(trace, '');
  execFileSync('node', ['--import', join(FIXTURES, 'startup', 'trace-imports.mjs'), 'bin/ta-needs.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, TRACE_IMPORTS: trace },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const urls = readFileSync(trace, 'utf8').split('\n');
  return new Set(urls.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name): name is string => name !== undefined));
}

describe('start-up', () => {
  let db: string;
  beforeAll(async () => {
    db = tempDbPath();
    const handle = openDb(db);
    await runJob(handle, ['corpus/summaries/S01.en.md', 'corpus/summaries/S02.en.pdf']);
    await runJob(handle, ['corpus/summaries/S01.en.md']);
    handle.close();
  }, 120_000);

  it.each([
    ['--help'],
    ['report', '--as-of', '2030-01-01', '--json'],
    ['needs', '--json'],
    ['diff', '1', '2', '--json'],
  ])('ta-needs %s loads neither pdf.js, mammoth, nodejieba nor vega', (...args) => {
    const loaded = packagesLoadedBy(args[0] === '--help' ? args : [...args, '--db', db]);
    expect(loaded).toContain('commander');
    for (const name of HEAVY) expect(loaded).not.toContain(name);
  }, 60_000);

  it('ta-needs report loads vega only to draw figures', () => {
    expect(packagesLoadedBy(['report', '--as-of', '2030-01-01', '--format', 'html', '--db', db])).toContain('vega');
  }, 60_000);

  it('ta-needs blocks loads pdf.js for a PDF, and not for a text file', () => {
    expect(packagesLoadedBy(['blocks', 'corpus/summaries/S02.en.pdf', '--json'])).toContain('pdfjs-dist');
    const text = packagesLoadedBy(['blocks', 'corpus/summaries/S01.en.md', '--json']);
    expect(text).toContain('commander');
    expect(text).not.toContain('pdfjs-dist');
    expect(text).not.toContain('mammoth');
  }, 60_000);
});
