/** The `ta-needs` command line. */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { IngestError } from './model.js';
import { processFile, runJob, VERSION } from './run.js';
import { DEFAULT_DB, listDocuments, openDb, type FileOutcome } from './store/db.js';

const program = new Command('ta-needs').version(VERSION).description('Counted, traceable technical-assistance needs from UNCAC review documents');

function describe(outcome: FileOutcome): string {
  return outcome.outcome === 'failed' ? `failed     ${outcome.path}: ${outcome.reason}` : `${outcome.outcome.padEnd(10)} ${outcome.path} (${outcome.docId})`;
}

program
  .command('run')
  .description('ingest, segment and store documents (files or directories)')
  .argument('<paths...>')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .action(async (paths: string[], options: { db: string }) => {
    const db = openDb(options.db);
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} {file}', clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
    const failures: FileOutcome[] = [];
    const { runId, outcomes } = await runJob(db, paths, (done, total, outcome) => {
      if (outcome.outcome === 'failed') failures.push(outcome);
      if (bar) {
        if (done === 1) bar.start(total, 0, { file: '' });
        bar.update(done, { file: outcome.path });
        if (done === total) bar.stop();
      } else {
        console.log(describe(outcome));
      }
    });
    if (bar) for (const failure of failures) console.error(describe(failure));
    const count = (kind: FileOutcome['outcome']) => outcomes.filter((o) => o.outcome === kind).length;
    console.log(`run ${runId}: ${count('stored')} stored, ${count('unchanged')} unchanged, ${count('failed')} failed → ${options.db}`);
    db.close();
    if (failures.length > 0) process.exitCode = 1;
  });

program
  .command('blocks')
  .description('the blocks of one document')
  .argument('<file>')
  .option('--json', 'print a JSON array')
  .action(async (file: string, options: { json?: boolean }) => {
    const doc = await processFile(file);
    const blocks = doc.blocks.map(({ kind, level, number, text, start, end, page, rows }) => ({ kind, level, number, text, start, end, page, rows }));
    if (options.json) {
      console.log(JSON.stringify(blocks, null, 2));
      return;
    }
    for (const block of blocks) {
      const label = [block.kind, block.number, block.page !== undefined ? `p.${block.page}` : undefined].filter(Boolean).join(' ');
      console.log(`${label.padEnd(22)} ${block.start}-${block.end}  ${block.text.slice(0, 80)}`);
    }
  });

program
  .command('docs')
  .description('the stored documents and their metadata')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--json', 'print a JSON array')
  .action((options: { db: string; json?: boolean }) => {
    const db = openDb(options.db);
    const docs = listDocuments(db);
    db.close();
    if (options.json) {
      console.log(JSON.stringify(docs, null, 2));
      return;
    }
    for (const d of docs) {
      console.log([d.id, d.lang, d.kind.padEnd(17), (d.date ?? '-').padEnd(10), d.symbols.join(' ') || '-', d.country ?? '', d.path].join('  '));
    }
  });

try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof IngestError)) throw error;
  console.error(`ta-needs: ${error.message}`);
  process.exitCode = 1;
}
