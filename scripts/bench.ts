/**
 * Times the pipeline and the start-up of the commands an analyst runs most, and prints the numbers (not a
 * test: machines differ).
 * Usage: node --import tsx scripts/bench.ts [--copies N] [paths...]   (default: corpus and ../shared/corpus-dev/files)
 *
 * 1. ingest + segment of every file in this thread, mean of 3 passes;
 * 2. `run` into a fresh database with 1 worker, then with 2;
 * 3. the same `run` again with nothing changed (every file hashed, none read again);
 * 4. the PDFs again, per page, beside poppler's `pdftotext` on the same files, and the ratio;
 * 5. `--help`, `report --json` and `needs --json` started as users start them (dist/) and through tsx.
 * --copies N makes N copies of each text and PDF file that differ in their bytes only (trailing line breaks, a
 * PDF comment after %%EOF), so that a batch of a thousand distinct documents can be timed.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listInputFiles } from '../pipeline/ingest/inputs.js';
import { processFile, runJob } from '../pipeline/run.js';
import { openDb } from '../pipeline/store/db.js';

const args = process.argv.slice(2);
const copiesAt = args.indexOf('--copies');
const copies = copiesAt >= 0 ? Number(args.splice(copiesAt, 2)[1]) : 0;
const named = args.length > 0 ? args : ['corpus', '../shared/corpus-dev/files'];
const scratch = mkdtempSync(join(tmpdir(), 'ta-needs-bench-'));

function makeCopies(files: string[]): string[] {
  const dir = join(scratch, 'copies');
  mkdirSync(dir);
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    if (!['.txt', '.md', '.pdf'].includes(ext)) continue;
    for (let i = 1; i <= copies; i++) {
      const copy = join(dir, `${basename(file, ext)}.copy${String(i).padStart(4, '0')}${ext}`);
      copyFileSync(file, copy);
      appendFileSync(copy, ext === '.pdf' ? `\n%copy ${i}\n` : '\n'.repeat(i));
    }
  }
  return [dir];
}

const listed = (await listInputFiles(named)).filter((file) => !file.problem).map((file) => file.path);
const paths = copies > 0 ? [...named, ...makeCopies(listed)] : named;
const files = (await listInputFiles(paths)).filter((file) => !file.problem).map((file) => file.path);

const rounds = copies > 0 ? 1 : 3;
let blocks = 0;
let characters = 0;
let started = performance.now();
for (let round = 0; round < rounds; round++) {
  for (const file of files) {
    const doc = await processFile(file).catch(() => null);
    if (round === 0 && doc) {
      blocks += doc.blocks.length;
      characters += doc.text.length;
    }
  }
}
const perRound = (performance.now() - started) / rounds;
console.log(`${files.length} files, ${characters} characters, ${blocks} blocks`);
console.log(`ingest + segment in this thread: ${perRound.toFixed(0)} ms per pass (${(perRound / files.length).toFixed(1)} ms per file), mean of ${rounds}`);

// The PDFs again on their own, per page, beside poppler's pdftotext on the same files (a process each file).
const pdfs = files.filter((file) => extname(file).toLowerCase() === '.pdf');
if (pdfs.length > 0) {
  let pageCount = 0;
  for (const file of pdfs) pageCount += (await processFile(file)).pageCount ?? 0;
  const perPage = async (work: (file: string) => unknown) => {
    const begun = performance.now();
    for (let round = 0; round < rounds; round++) for (const file of pdfs) await work(file);
    return (performance.now() - begun) / rounds / pageCount;
  };
  const ours = await perPage(processFile);
  const poppler = await perPage((file) => spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-']));
  console.log(`PDF: ${pdfs.length} files, ${pageCount} pages; ingest + segment ${ours.toFixed(1)} ms per page, pdftotext ${poppler.toFixed(1)} ms per page: ${(ours / poppler).toFixed(1)}× pdftotext`);
}

for (const jobs of [1, 2]) {
  const db = openDb(join(scratch, `jobs-${jobs}.sqlite`));
  started = performance.now();
  const first = await runJob(db, paths, undefined, { limits: { jobs } });
  const firstMs = performance.now() - started;
  started = performance.now();
  const again = await runJob(db, paths, undefined, { limits: { jobs } });
  const againMs = performance.now() - started;
  const count = (outcomes: typeof first.outcomes, kind: string) => outcomes.filter((o) => o.outcome === kind).length;
  console.log(`run, ${jobs} worker${jobs > 1 ? 's' : ''}: ${firstMs.toFixed(0)} ms (${count(first.outcomes, 'stored')} stored); again with nothing changed: ${againMs.toFixed(0)} ms (${count(again.outcomes, 'unchanged')} unchanged)`);
  db.close();
}

/** How the command line is started: as users start it (bin/ta-needs.js runs dist/), and the sources through tsx. */
const STARTS = { 'dist/': ['bin/ta-needs.js'], 'sources (tsx)': ['--import', 'tsx', 'pipeline/cli.ts'] };

/** Wall time of the command line in a child process, started one way. */
function timeCommand(args: string[], start: string[] = STARTS['dist/']): number {
  const begun = performance.now();
  const child = spawnSync(process.execPath, [...start, ...args], { encoding: 'utf8' });
  const elapsed = performance.now() - begun;
  if (child.status !== 0) throw new Error(`ta-needs ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return elapsed;
}

const db = join(scratch, 'jobs-2.sqlite');
const startRounds = 5;
const commands = [['--help'], ['report', '--as-of', '2030-01-01', '--json', '--db', db], ['needs', '--json', '--db', db]];
for (const args of commands) {
  for (const [how, start] of Object.entries(STARTS)) {
    const times = Array.from({ length: startRounds }, () => timeCommand(args, start)).sort((a, b) => a - b);
    const name = `ta-needs ${args.filter((a) => a !== db && a !== '--db').join(' ')}`;
    console.log(`${name.padEnd(46)} ${how.padEnd(14)} median ${times[Math.floor(startRounds / 2)]!.toFixed(0).padStart(5)} ms, best ${times[0]!.toFixed(0).padStart(5)} ms of ${startRounds}`);
  }
}
console.log(`RSS of this thread's process at the end: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB; scratch files in ${scratch}`);
