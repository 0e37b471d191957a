/**
 * Times ingest + segment over files or directories and prints the numbers (not a test: machines differ).
 * Usage: node --import tsx scripts/bench.ts [paths...]   (default: corpus and ../shared/corpus-dev/files)
 */
import { performance } from 'node:perf_hooks';
import { listInputFiles } from '../pipeline/ingest/inputs.js';
import { processFile } from '../pipeline/run.js';

const paths = process.argv.length > 2 ? process.argv.slice(2) : ['corpus', '../shared/corpus-dev/files'];
const files = (await listInputFiles(paths)).filter((file) => !file.problem).map((file) => file.path);
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
