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

/** How the command line is started: as users start it (bin/ta-needs.js runs dist/), and the sources through tsx. */
const STARTS = { 'dist/': ['bin/ta-needs.js'], 'sources (tsx)': ['--import', 'tsx', 'pipeline/cli.ts'] };

/** Wall time of the command line in a child process, started one way. */
function timeCommand(args: string[], start: string[] = STARTS['dist/']): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, [...start, ...args], { encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`ta-needs ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return elapsed;
}

const db = join(mkdtempSync(join(tmpdir(), 'ta-needs-bench-')), 'bench.sqlite');
console.log(`\nrun corpus: ${timeCommand(['run', 'corpus', '--db', db]).toFixed(0)} ms (child process, a new database)`);
const startRounds = 5;
const commands = [['--help'], ['report', '--as-of', '2030-01-01', '--json', '--db', db], ['needs', '--json', '--db', db]];
for (const args of commands) {
  for (const [how, start] of Object.entries(STARTS)) {
    const times = Array.from({ length: startRounds }, () => timeCommand(args, start)).sort((a, b) => a - b);
    const name = `ta-needs ${args.filter((a) => a !== db && a !== '--db').join(' ')}`;
    console.log(`${name.padEnd(46)} ${how.padEnd(14)} median ${times[Math.floor(startRounds / 2)]!.toFixed(0).padStart(5)} ms, best ${times[0]!.toFixed(0).padStart(5)} ms of ${startRounds}`);
  }
}
