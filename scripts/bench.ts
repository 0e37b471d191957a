/**
 * Times ingest + segment over files or directories and prints the numbers (not a test: machines differ).
 * The PDFs are timed again on their own, per page, beside poppler's `pdftotext` on the same files.
 * Usage: node --import tsx scripts/bench.ts [paths...]   (default: corpus, ../shared/corpus-dev/files, tests/fixtures)
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { listInputFiles } from '../pipeline/ingest/index.js';
import { formatOf } from '../pipeline/ingest/read.js';
import { processFile } from '../pipeline/run.js';

const paths = process.argv.length > 2 ? process.argv.slice(2) : ['corpus', '../shared/corpus-dev/files', 'tests/fixtures/layout', 'tests/fixtures/notes', 'tests/fixtures/summaries'];
const files = (await listInputFiles(paths)).filter((file) => formatOf(file) !== null);
const rounds = 3;

/** Mean milliseconds per round of `work` over `inputs`. */
async function time(inputs: string[], work: (file: string) => unknown): Promise<number> {
  const started = performance.now();
  for (let round = 0; round < rounds; round++) for (const file of inputs) await work(file);
  return (performance.now() - started) / rounds;
}

let blocks = 0;
let characters = 0;
const pages = new Map<string, number>();
for (const file of files) {
  const doc = await processFile(file);
  blocks += doc.blocks.length;
  characters += doc.text.length;
  if (doc.format === 'pdf') pages.set(file, doc.pageCount!);
}
const perRound = await time(files, processFile);
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(`${files.length} files, ${characters} characters, ${blocks} blocks`);
console.log(`ingest + segment: ${perRound.toFixed(0)} ms per pass (${(perRound / files.length).toFixed(1)} ms per file), mean of ${rounds}; RSS ${rss.toFixed(0)} MiB`);

const pdfs = [...pages.keys()];
const pageCount = [...pages.values()].reduce((sum, n) => sum + n, 0);
if (pdfs.length > 0) {
  const ours = (await time(pdfs, processFile)) / pageCount;
  const poppler = (await time(pdfs, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']))) / pageCount;
  console.log(`PDF: ${pdfs.length} files, ${pageCount} pages; ingest + segment ${ours.toFixed(1)} ms per page, pdftotext ${poppler.toFixed(1)} ms per page (a process each file): ${(ours / poppler).toFixed(1)}× pdftotext`);
}
