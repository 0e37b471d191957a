/**
 * Times ingest + segment over files or directories, and the start-up of the commands an analyst runs most,
 * and prints the numbers (not a test: machines differ).
 * Usage: node --import tsx scripts/bench.ts [paths...]   (default: corpus and ../shared/corpus-dev/files)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listInputFiles } from '../pipeline/ingest/index.js';
import { processFile } from '../pipeline/run.js';

const paths = process.argv.length > 2 ? process.argv.slice(2) : ['corpus', '../shared/corpus-dev/files'];
const files = await listInputFiles(paths);
const rounds = 3;
let blocks = 0;
let characters = 0;
const started = performance.now();
for (let round = 0; round < rounds; round++) {
  for (const file of files) {
    const doc = await processFile(file);
    if (round === 0) {
      blocks += doc.blocks.length;
      characters += doc.text.length;
    }
  }
}
const perRound = (performance.now() - started) / rounds;
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(`${files.length} files, ${characters} characters, ${blocks} blocks`);
console.log(`ingest + segment: ${perRound.toFixed(0)} ms per pass (${(perRound / files.length).toFixed(1)} ms per file), mean of ${rounds}; RSS ${rss.toFixed(0)} MiB`);

/** Wall time of the command line as a user starts it: a child process of `node bin/ta-needs.js`. */
function timeCommand(args: string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['bin/ta-needs.js', ...args], { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (child.status !== 0) throw new Error(`ta-needs ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return elapsed;
}

const db = join(mkdtempSync(join(tmpdir(), 'ta-needs-bench-')), 'bench.sqlite');
console.log(`\nrun corpus: ${timeCommand(['run', 'corpus', '--db', db]).toFixed(0)} ms (child process, a new database)`);
const startRounds = 5;
const commands = [['--help'], ['report', '--as-of', '2030-01-01', '--json', '--db', db], ['needs', '--json', '--db', db]];
for (const args of commands) {
  const times = Array.from({ length: startRounds }, () => timeCommand(args)).sort((a, b) => a - b);
  console.log(`ta-needs ${args.filter((a) => a !== db && a !== '--db').join(' ').padEnd(36)} median ${times[Math.floor(startRounds / 2)]!.toFixed(0).padStart(5)} ms, best ${times[0]!.toFixed(0).padStart(5)} ms of ${startRounds}`);
}
