/** The `ta-needs` command line. */
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { IngestError } from './model.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processFile, RunAbortedError, runJob, VERSION } from './run.js';
import { addCorrection, DEFAULT_DB, getRun, latestRun, listDocuments, loadCorrections, loadNeeds, loadRun, loadRunSummaries, openDb, previousRun, type Db, type FileOutcome, type StoredNeed } from './store/db.js';
import { LIMIT_SETTINGS, type Limits } from './engine/limits.js';
import { invalidCorrection, newCorrection } from './review/corrections.js';
import { countNeeds } from './report/counts.js';
import { buildReport, renderCsv, renderHtml, renderJson, renderMarkdown } from './report/render.js';
import { csvCell } from './report/markup.js';
import { diffRuns } from './review/diff.js';
import { renderDiffHtml } from './review/diff-html.js';
import { reviewServer } from './review/server.js';
import { extractClaims } from './extract/claims.js';
import { auditNote } from './audit/index.js';
import { goldFiles, readGold, reproduce, scoreClaims, type ClaimsScore, type Reproduction } from './evaluate/claims.js';
import { evaluateNeeds, type NeedsScore } from './evaluate/needs.js';
import { labelledNeeds, TRAINING_CORPUS } from './needs.js';
import { CATEGORIES, type Correction, type Lang } from './model.js';

/** A wrong option value: said to the user, exit code 2. */
class UsageError extends Error {}

const program = new Command('ta-needs').version(VERSION).description('Counted, traceable technical-assistance needs from UNCAC review documents');

/** The run a reader takes: the one asked for, else the latest complete one; said on stderr, with its state. */
function chooseRun(db: Db, asked: string | undefined, command: string): number | null {
  const runId = asked !== undefined ? Number(asked) : latestRun(db);
  if (asked !== undefined && !Number.isInteger(runId)) throw new UsageError(`--run must be a run number, not ${asked}`);
  if (runId === null) return null;
  const run = getRun(db, runId);
  if (!run) throw new UsageError(`no run ${runId} in this database`);
  const state = run.status === 'ok' || run.status === 'failures' ? `complete${run.status === 'failures' ? ', with failed files' : ''}` : `${run.status}${run.error ? `: ${run.error}` : ''}; its records are partial`;
  console.error(`${command}: reading run ${runId} (${asked === undefined ? 'the latest complete run, ' : ''}${state})`);
  return runId;
}

/** A limit option's value: a positive number. */
function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

function describe(outcome: FileOutcome): string {
  return outcome.outcome === 'failed' ? `failed     ${outcome.path}: ${outcome.reason}` : `${outcome.outcome.padEnd(10)} ${outcome.path} (${outcome.docId})`;
}

const runCommand = program
  .command('run')
  .description('ingest, segment and store documents (files or directories): read in worker threads, each file within the limits below; a file over one fails with its reason, and the run goes on')
  .argument('<paths...>')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--prefer <lang>', 'language whose version of a summary counts when a country has several (en|zh)', 'en');
for (const setting of Object.values(LIMIT_SETTINGS)) runCommand.option(setting.option, setting.help, positive, setting.default);
runCommand.action(async (paths: string[], options: { db: string; prefer: string } & Limits) => {
    if (options.prefer !== 'en' && options.prefer !== 'zh') throw new UsageError(`--prefer must be en or zh, not ${options.prefer}`);
    const db = openDb(options.db);
    const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} {file}', clearOnComplete: true }, cliProgress.Presets.shades_classic) : null;
    const failures: FileOutcome[] = [];
    const limits = Object.fromEntries(Object.keys(LIMIT_SETTINGS).map((key) => [key, options[key as keyof Limits]])) as unknown as Limits;
    limits.jobs = Math.round(limits.jobs);
    const { runId, outcomes, needs, disagreements, abortedRuns } = await runJob(db, paths, (done, total, outcome) => {
      if (outcome.outcome === 'failed') failures.push(outcome);
      if (bar) {
        if (done === 1) bar.start(total, 0, { file: '' });
        bar.update(done, { file: outcome.path });
        if (done === total) bar.stop();
      } else {
        console.log(describe(outcome));
      }
    }, { prefer: options.prefer as Lang, limits });
    for (const run of abortedRuns) console.error(`run ${run.id} was left running by process ${run.pid ?? '(unknown)'}, which has stopped: marked aborted`);
    if (bar) for (const failure of failures) console.error(describe(failure));
    const count = (kind: FileOutcome['outcome']) => outcomes.filter((o) => o.outcome === kind).length;
    for (const d of disagreements) console.log(`versions disagree for ${d.country}: ${d.counted} (counted) vs ${d.other}: ${d.differences.join('; ')}`);
    console.log(`run ${runId}: ${count('stored')} stored, ${count('unchanged')} unchanged, ${count('failed')} failed, ${needs} needs counted → ${options.db}`);
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
    const blocks = doc.blocks.map(({ kind, level, number, text, start, end, page, rows, topics }) => ({ kind, level, number, text, start, end, page, rows, topics }));
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

const NEED_COLUMNS = ['id', 'run', 'doc', 'country', 'countryCode', 'region', 'chapter', 'article', 'category', 'confidence', 'counted', 'page', 'start', 'end', 'text'] as const;

program
  .command('needs')
  .description("the needs a run found (the latest complete run by default), with each one's article, category and source span")
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--run <id>', 'run id (default: the latest complete run)')
  .option('--counted', "only the needs that count (one version of each country's summary)")
  .option('--json', 'print a JSON array of the records')
  .option('--csv', 'print CSV')
  .action((options: { db: string; run?: string; counted?: boolean; json?: boolean; csv?: boolean }) => {
    const db = openDb(options.db);
    const runId = chooseRun(db, options.run, 'needs');
    const needs: StoredNeed[] = runId === null ? [] : loadNeeds(db, runId, { countedOnly: options.counted });
    db.close();
    if (options.json) {
      console.log(JSON.stringify(needs, null, 2));
    } else if (options.csv) {
      console.log(NEED_COLUMNS.join(','));
      for (const need of needs) console.log(NEED_COLUMNS.map((c) => csvCell(need[c])).join(','));
    } else {
      for (const n of needs) {
        const where = `${n.chapter}/${n.article ?? 'general'}`.padEnd(12);
        console.log(`${n.id} ${n.counted ? '*' : ' '} ${(n.country ?? '?').padEnd(16)} ${where} ${n.category.padEnd(25)} ${n.confidence.toFixed(2)}  ${n.text.slice(0, 70)}`);
      }
      console.log(`${needs.length} needs${runId === null ? '' : ` in run ${runId}`} (* counted)`);
    }
  });

program
  .command('report')
  .description('the counts, tables and figures a note needs, from the needs that count in a run, as of a date (a summary counts from its date)')
  .requiredOption('--as-of <date>', 'YYYY-MM-DD')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--run <id>', 'run id (default: the latest complete run)')
  .option('--chapter <chapter>', 'only the needs of one chapter (II or V)')
  .option('--lang <lang>', 'labels in en or zh', 'en')
  .option('--format <format>', 'md, csv, json or html: the tables and figures, each number referring to its records')
  .option('--out <dir>', 'write report.<format> and figures/*.svg there instead of printing')
  .option('--json', 'print the raw counts as JSON (every cell with the ids behind it)')
  .action((options: { asOf: string; db: string; run?: string; chapter?: string; lang: string; format?: string; out?: string; json?: boolean }) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new UsageError(`--as-of must be YYYY-MM-DD, not ${options.asOf}`);
    if (options.lang !== 'en' && options.lang !== 'zh') throw new UsageError(`--lang must be en or zh, not ${options.lang}`);
    if (options.format && !['md', 'csv', 'json', 'html'].includes(options.format)) throw new UsageError(`--format must be md, csv, json or html, not ${options.format}`);
    const db = openDb(options.db);
    const runId = chooseRun(db, options.run, 'report');
    if (runId === null) throw new UsageError(`no complete run with summaries in ${options.db}: run \`ta-needs run\` first`);
    const needs = loadNeeds(db, runId).filter((n) => !options.chapter || n.chapter === options.chapter);
    const counts = countNeeds(runId, needs, loadRunSummaries(db, runId), options.asOf);
    db.close();
    if (options.json) {
      console.log(JSON.stringify(counts, null, 2));
      return;
    }
    if (options.format) {
      const report = buildReport(counts, needs, options.lang);
      const text = { md: renderMarkdown, csv: renderCsv, json: renderJson, html: renderHtml }[options.format as 'md' | 'csv' | 'json' | 'html'](report);
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      mkdirSync(join(options.out, 'figures'), { recursive: true });
      writeFileSync(join(options.out, `report.${options.format}`), text);
      for (const f of report.figures) writeFileSync(join(options.out, 'figures', `${f.id}.svg`), `${f.svg}\n`);
      console.log(`${join(options.out, `report.${options.format}`)} and ${report.figures.length} figures in ${join(options.out, 'figures')}`);
      return;
    }
    console.log(`run ${counts.run}, as of ${counts.asOf}: ${counts.summaries} summaries, ${counts.countriesWithNeeds} countries with needs, ${counts.needs} needs`);
    for (const [title, tableOf] of [['chapter', counts.byChapter], ['article', counts.byArticle], ['category', counts.byCategory], ['regional group', counts.byRegion]] as const) {
      console.log(`\nby ${title}`);
      for (const [key, c] of Object.entries(tableOf)) console.log(`  ${key.padEnd(28)} ${String(c.needs).padStart(5)} needs ${String(c.countries).padStart(4)} countries`);
    }
  });

program
  .command('diff')
  .description('what moved between two runs: needs added, removed, changed or corrected, by country, and the counts that moved')
  .argument('[runA]', 'default: the complete run before runB')
  .argument('[runB]', 'default: the latest complete run')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--json', 'print JSON')
  .option('--html <file>', 'write a review page of the differences')
  .action((askedA: string | undefined, askedB: string | undefined, options: { db: string; json?: boolean; html?: string }) => {
    const db = openDb(options.db);
    const runB = chooseRun(db, askedB, 'diff');
    const runA = askedA !== undefined ? chooseRun(db, askedA, 'diff') : runB === null ? null : previousRun(db, runB);
    if (runA === null || runB === null) throw new UsageError(`diff needs two runs with summaries in ${options.db}`);
    if (askedA === undefined) console.error(`diff: reading run ${runA} (the complete run before it)`);
    const diff = diffRuns(runA, loadRun(db, runA), runB, loadRun(db, runB));
    db.close();
    if (options.html) writeFileSync(options.html, renderDiffHtml(diff));
    if (options.json) {
      console.log(JSON.stringify(diff, null, 2));
      return;
    }
    let country = '';
    for (const c of diff.needs) {
      if (c.country !== country) console.log(`\n${(country = c.country)}`);
      const fields = c.fields.map((f) => `${f.field} ${f.before} → ${f.after}${f.correctedBy ? ` (corrected by ${f.correctedBy})` : ''}`).join('; ');
      console.log(`  ${c.kind.padEnd(9)} ${c.id} ${fields ? `${fields}  ` : ''}"${c.text.slice(0, 70)}"`);
    }
    console.log(`\ncounts that moved:`);
    for (const c of diff.counts) console.log(`  ${c.cell.padEnd(40)} ${c.before} → ${c.after}`);
    console.log(`${diff.needs.length} needs differ between run ${diff.runA} and run ${diff.runB}; ${diff.counts.length} counts moved`);
  });

const corrections = program.command('corrections').description("analysts' corrections: kept in the database and applied to every later run");

corrections
  .command('add')
  .description('accept a need, or correct its article, category or country')
  .argument('<needId>')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--field <field>', 'article (a number, or II-general), category or country (a State code)')
  .option('--value <value>', 'the corrected value')
  .requiredOption('--who <name>', 'who decides')
  .action((needId: string, options: { db: string; field?: string; value?: string; who: string }) => {
    const correction = newCorrection(needId, options.who, options.field, options.value);
    const problem = invalidCorrection(correction);
    if (problem) throw new UsageError(problem);
    const db = openDb(options.db);
    addCorrection(db, correction);
    db.close();
    console.log(`${correction.action} ${needId}${correction.field ? ` ${correction.field} = ${correction.value}` : ''} by ${correction.who}: applies from the next run`);
  });

corrections
  .command('export')
  .description('all corrections as JSON lines')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--out <file>', 'write to a file instead of printing')
  .action((options: { db: string; out?: string }) => {
    const db = openDb(options.db);
    const text = loadCorrections(db).map((c) => JSON.stringify(c)).join('\n');
    db.close();
    if (options.out) writeFileSync(options.out, text ? `${text}\n` : '');
    else if (text) console.log(text);
  });

corrections
  .command('import')
  .description('corrections from a JSON-lines file (as exported); ones already there are kept once')
  .argument('<file>')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .action((file: string, options: { db: string }) => {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map((line, i) => {
      const c = JSON.parse(line) as Correction;
      const problem = !c.needId || !c.who || !c.at ? 'needId, who and at are required' : invalidCorrection(c);
      if (problem) throw new UsageError(`${file}, line ${i + 1}: ${problem}`);
      return c;
    });
    const db = openDb(options.db);
    db.transaction(() => parsed.forEach((c) => addCorrection(db, c)))();
    db.close();
    console.log(`${parsed.length} corrections read from ${file}`);
  });

program
  .command('review')
  .description('serve the review page on this machine: needs with their source, filters, accept and correct')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--port <port>', 'port on 127.0.0.1', '8080')
  .option('--who <name>', 'reviewer name the page starts with', process.env.USER ?? 'analyst')
  .action((options: { db: string; port: string; who: string }) => {
    const db = openDb(options.db);
    chooseRun(db, undefined, 'review');
    const server = reviewServer(db, options.who);
    server.listen(Number(options.port), '127.0.0.1', () => console.log(`review page: http://127.0.0.1:${options.port}/  (Ctrl-C to stop)`));
  });

program
  .command('claims')
  .description("a note's quantitative statements: {paragraph, value, unit, scope, text, start, end}")
  .argument('<note>')
  .option('--json', 'print a JSON array')
  .action(async (note: string, options: { json?: boolean }) => {
    const claims = extractClaims(await processFile(note));
    if (options.json) {
      console.log(JSON.stringify(claims, null, 2));
      return;
    }
    for (const c of claims) console.log(`¶${(c.paragraph ?? '-').padEnd(4)} ${String(c.value).padStart(9)} ${c.unit.padEnd(12)} ${JSON.stringify(c.scope)}  ${c.text}`);
  });

program
  .command('audit')
  .description('check a note against itself: table cells against totals, text against tables, percentages against counts')
  .argument('<note>')
  .option('--json', 'print a JSON array of findings {check, places, values, message}')
  .action(async (note: string, options: { json?: boolean }) => {
    const findings = auditNote(await processFile(note));
    if (options.json) {
      console.log(JSON.stringify(findings, null, 2));
      return;
    }
    for (const f of findings) console.log(`${f.check.padEnd(14)} ${f.message}\n${''.padEnd(15)}${f.places[0]} ↔ ${f.places[1]}`);
    console.log(`${findings.length} findings`);
  });

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const GOLD_DIR = join(PROJECT, 'eval', 'gold');
const NOTES_DIR = join(PROJECT, 'corpus', 'notes');
/** The labelled corpora the eval reads by default: the project's own, and the development corpus beside it. */
const DEFAULT_LABELLED = [TRAINING_CORPUS, '../shared/corpus-dev'];
const THRESHOLDS = JSON.parse(readFileSync(join(PROJECT, 'eval', 'thresholds.json'), 'utf8')) as {
  claims: { precision: number; recall: number };
  needs: { precision: number; recall: number; articleAccuracy: number; categoryMacroF1: number };
};

function printNeedsScore(score: NeedsScore): void {
  console.log(`\n## needs: ${score.corpus} (${score.documents} documents, ${score.files} files)`);
  console.log(`items      precision ${score.precision.toFixed(4)}  recall ${score.recall.toFixed(4)}  (${score.matched} matched of ${score.found} found, ${score.gold} labelled)`);
  console.log(`article    accuracy ${score.articleAccuracy.toFixed(4)}`);
  console.log(`category   accuracy ${score.categoryAccuracy.toFixed(4)}  macro-F1 ${score.categoryMacroF1.toFixed(4)}`);
  const short = (c: string) => c.split('_')[0]!.slice(0, 8);
  console.log(`confusion (rows: labelled, columns: predicted)\n${''.padEnd(26)}${CATEGORIES.map((c) => short(c).padStart(9)).join('')}`);
  for (const g of CATEGORIES) console.log(`${g.padEnd(26)}${CATEGORIES.map((p) => String(score.confusion[g][p]).padStart(9)).join('')}`);
  for (const e of score.errors) console.log(`  ! ${e}`);
}

function printClaimsScores(scores: ClaimsScore[]): void {
  console.log('\n## claims against the gold of the notes');
  for (const s of scores) {
    console.log(`${s.note}  precision ${s.precision.toFixed(4)}  recall ${s.recall.toFixed(4)}  scope agreement ${s.scopeAgreement.toFixed(4)}  (${s.matched} matched of ${s.found} found, ${s.gold} in the gold)`);
    for (const e of s.errors) console.log(`  ! ${e}`);
  }
}

function printReproduction(note: string, asOf: string, rows: Reproduction[]): void {
  console.log(`\n## counts of the run beside ${note}'s gold, as of ${asOf}`);
  for (const r of rows) console.log(`¶${(r.paragraph ?? '-').padEnd(4)} ${r.cell.padEnd(36)} gold ${String(r.gold).padStart(5)}  run ${String(r.run).padStart(5)}  error ${r.absoluteError} (${(r.relativeError * 100).toFixed(1)}%)`);
}

/** What falls below the floors of eval/thresholds.json. */
function belowThresholds(claims: ClaimsScore[], needs: NeedsScore[]): string[] {
  const failures: string[] = [];
  for (const s of claims) {
    for (const key of ['precision', 'recall'] as const) if (s[key] < THRESHOLDS.claims[key]) failures.push(`claims ${s.note}: ${key} ${s[key]} < ${THRESHOLDS.claims[key]}`);
  }
  for (const s of needs) {
    for (const key of ['precision', 'recall', 'articleAccuracy', 'categoryMacroF1'] as const) {
      if (s[key] < THRESHOLDS.needs[key]) failures.push(`needs ${s.corpus}: ${key} ${s[key]} < ${THRESHOLDS.needs[key]}`);
    }
  }
  return failures;
}

program
  .command('eval')
  .description("one scorecard: claims against the notes' gold, needs against labelled corpora, and (with a run in --db) the run's counts beside the gold counts")
  .option('--corpus <dirs...>', 'labelled corpus directories', DEFAULT_LABELLED)
  .option('--db <file>', 'SQLite database whose latest run is set beside the gold counts', DEFAULT_DB)
  .option('--as-of <date>', 'date of the counts set beside the gold (default: each note\'s own date)')
  .option('--check', 'exit 1 when a figure falls below eval/thresholds.json')
  .option('--json', 'print the scorecard as JSON')
  .action(async (options: { corpus: string[]; db: string; asOf?: string; check?: boolean; json?: boolean }) => {
    const claims: ClaimsScore[] = [];
    const reproduction: { note: string; asOf: string; rows: Reproduction[] }[] = [];
    const db = existsSync(options.db) ? openDb(options.db) : null;
    const runId = db ? chooseRun(db, undefined, 'eval') : null;
    for (const [note, goldPath] of goldFiles(GOLD_DIR)) {
      const file = readdirSync(NOTES_DIR).find((f) => f.startsWith(`${note}_`));
      if (!file) continue;
      const doc = await processFile(join(NOTES_DIR, file));
      const gold = readGold(goldPath);
      claims.push(scoreClaims(note, extractClaims(doc), gold));
      const asOf = options.asOf ?? doc.date;
      if (db && runId !== null && asOf) {
        const run = loadRun(db, runId);
        reproduction.push({ note, asOf, rows: reproduce(gold, countNeeds(runId, run.needs, run.summaries, asOf)) });
      }
    }
    db?.close();
    const training = labelledNeeds(TRAINING_CORPUS);
    const needs: NeedsScore[] = [];
    for (const dir of options.corpus) {
      if (!existsSync(dir)) {
        console.error(`eval: ${dir}: no such directory, skipped`);
        continue;
      }
      needs.push(await evaluateNeeds(dir, training));
    }
    const failures = belowThresholds(claims, needs);
    if (options.json) {
      console.log(JSON.stringify({ claims, needs, reproduction, failures }, null, 2));
    } else {
      printClaimsScores(claims);
      needs.forEach(printNeedsScore);
      for (const r of reproduction) printReproduction(r.note, r.asOf, r.rows);
      console.log(failures.length === 0 ? '\nall figures at or above eval/thresholds.json' : `\nbelow eval/thresholds.json:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    }
    if (options.check && failures.length > 0) process.exitCode = 1;
  });

try {
  await program.parseAsync();
} catch (error) {
  // A database or file system error (a full disk, a database it cannot open) is told as such, not as a stack.
  const code = (error as NodeJS.ErrnoException).code;
  const ioError = error instanceof Error && typeof code === 'string' && (code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code));
  if (!(error instanceof IngestError || error instanceof UsageError || error instanceof RunAbortedError || ioError)) throw error;
  console.error(`ta-needs: ${error.message}${ioError && !error.message.includes(code) ? ` (${code})` : ''}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
