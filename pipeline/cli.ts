/**
 * The `ta-needs` command line. The modules that read PDF and DOCX files or classify needs are imported by the
 * commands that use them, so that the commands reading the database start at once.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { IngestError } from './model.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from './package-version.js';
import { addCorrection, DEFAULT_DB, hasNeed, latestRun, listDocuments, loadCorrections, loadNeeds, loadRun, loadRunSummaries, openDb, previousRun, type FileOutcome, type StoredNeed } from './store/db.js';
import { LIMIT_SETTINGS, type Limits } from './engine/limits.js';
import { invalidCorrection, invalidWho, newCorrection } from './review/corrections.js';
import { countNeeds } from './report/counts.js';
import { buildReport, figureFile, renderCsv, renderHtml, renderJson, renderMarkdown } from './report/render.js';
import { keyLabel, LABELS } from './report/labels.js';
import { calendarDate, chosenRun, existingDb, EXIT_CODES, oneOf, plural, UsageError } from './cli-checks.js';
import { csvCell } from './report/markup.js';
import { diffRuns } from './review/diff.js';
import { renderDiffHtml } from './review/diff-html.js';
import { reviewServer } from './review/server.js';
import { extractClaims } from './extract/claims.js';
import { auditNote } from './audit/index.js';
import { goldFiles, readGold, reproduce, scoreClaims, type ClaimsScore, type Reproduction } from './evaluate/claims.js';
import type { NeedsFigures, NeedsScore } from './evaluate/needs.js';
import type { PhrasingsScore } from './evaluate/phrasings.js';
import { formatCategoryScore } from './evaluate/categories.js';
import { belowThresholds, readThresholds } from './evaluate/thresholds.js';
import { CATEGORIES, type Correction, type Lang } from './model.js';
import type { SecondReadOptions } from './llm/command.js';

const program = new Command('ta-needs')
  .version(VERSION)
  .description('Counted, traceable technical-assistance needs from UNCAC review documents')
  .addHelpText('after', `\n${EXIT_CODES}`)
  // Commander's own refusals (an unknown option, a missing argument) are usage errors too: exit 2, as ours.
  .exitOverride((error) => {
    throw error;
  });

// A reader that stops early (`ta-needs needs --csv | head`) closes the pipe: that ends the output, not in error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});


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
    const { runJob } = await import('./run.js');
    const { listInputFiles } = await import('./ingest/inputs.js');
    if ((await listInputFiles(paths)).length === 0) throw new UsageError(`no document found in ${paths.join(', ')} (folders are searched recursively for files)`);
    const cliProgress = (await import('cli-progress')).default;
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
    console.log(`run ${runId}: ${count('stored')} stored, ${count('unchanged')} unchanged, ${count('failed')} failed, ${plural(needs, 'need')} counted → ${options.db}`);
    db.close();
    if (failures.length > 0) process.exitCode = 1;
  });

program
  .command('blocks')
  .description('the blocks of one document')
  .argument('<file>')
  .option('--json', 'print a JSON array')
  .action(async (file: string, options: { json?: boolean }) => {
    const { processFile } = await import('./run.js');
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
    const db = existingDb(options.db);
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
    if (options.json && options.csv) throw new UsageError('--json and --csv: choose one');
    const db = existingDb(options.db);
    const runId = chosenRun(db, options.db, options.run, 'needs');
    const needs: StoredNeed[] = loadNeeds(db, runId, { countedOnly: options.counted });
    db.close();
    if (options.json) {
      console.log(JSON.stringify(needs, null, 2));
    } else if (options.csv) {
      console.log(NEED_COLUMNS.join(','));
      for (const need of needs) console.log(NEED_COLUMNS.map((c) => csvCell(need[c])).join(','));
    } else {
      console.log(`${'id'.padEnd(16)} * ${'country'.padEnd(16)} ${'chapter/art.'.padEnd(12)} ${'category'.padEnd(25)} ${'conf.'.padStart(4)}  text`);
      for (const n of needs) {
        const where = `${n.chapter}/${n.article ?? 'general'}`.padEnd(12);
        console.log(`${n.id} ${n.counted ? '*' : ' '} ${(n.country ?? '?').padEnd(16)} ${where} ${n.category.padEnd(25)} ${n.confidence.toFixed(2)}  ${n.text.slice(0, 70)}`);
      }
      console.log(`${plural(needs.length, 'need')} in run ${runId} (* counted)`);
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
  .action(async (options: { asOf: string; db: string; run?: string; chapter?: string; lang: string; format?: string; out?: string; json?: boolean }) => {
    calendarDate(options.asOf, '--as-of');
    const lang = oneOf(options.lang, ['en', 'zh'] as const, '--lang');
    const format = options.format === undefined ? undefined : oneOf(options.format, ['md', 'csv', 'json', 'html'] as const, '--format');
    if (options.chapter !== undefined) oneOf(options.chapter, Object.keys(LABELS.en.chapters), '--chapter');
    if (options.out !== undefined && !format) throw new UsageError('--out writes a report: name its --format (md, csv, json or html)');
    if (options.out !== undefined && existsSync(options.out) && !statSync(options.out).isDirectory()) throw new UsageError(`--out ${options.out} is a file: name a folder, where report.${lang}.${format} and figures/ are written`);
    const db = existingDb(options.db);
    const runId = chosenRun(db, options.db, options.run, 'report');
    const needs = loadNeeds(db, runId).filter((n) => !options.chapter || n.chapter === options.chapter);
    const summaries = loadRunSummaries(db, runId);
    const counts = countNeeds(runId, needs, summaries, options.asOf);
    db.close();
    if (options.json) {
      console.log(JSON.stringify(counts, null, 2));
      return;
    }
    if (format) {
      const report = buildReport(counts, needs, lang, summaries);
      if (format === 'html' || options.out) await (await import('./report/draw-figures.js')).drawFigures(report);
      const text = { md: renderMarkdown, csv: renderCsv, json: renderJson, html: renderHtml }[format](report);
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      mkdirSync(join(options.out, 'figures'), { recursive: true });
      const file = join(options.out, `report.${lang}.${format}`);
      writeFileSync(file, text);
      for (const f of report.figures) {
        writeFileSync(join(options.out, figureFile(report, f, 'svg')), `${f.svg}\n`);
        writeFileSync(join(options.out, figureFile(report, f, 'vl.json')), `${JSON.stringify(f.spec, null, 2)}\n`);
      }
      console.log(`${file} and ${plural(report.figures.length, 'figure')} (SVG and Vega-Lite) in ${join(options.out, 'figures')}`);
      return;
    }
    console.log(`run ${counts.run}, as of ${counts.asOf}: ${plural(counts.summaries, 'summary', 'summaries')}, ${plural(counts.countriesWithNeeds, 'country', 'countries')} with needs, ${plural(counts.needs, 'need')}`);
    for (const [title, name] of [['chapter', 'byChapter'], ['article', 'byArticle'], ['category', 'byCategory'], ['regional group', 'byRegion']] as const) {
      console.log(`\nby ${title}`);
      for (const [key, c] of Object.entries(counts[name])) console.log(`  ${plural(c.needs, 'need').padEnd(9)} ${plural(c.countries, 'country', 'countries').padEnd(13)} ${keyLabel[name](key, 'en')}`);
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
    const db = existingDb(options.db);
    const asked = askedA === undefined ? null : chosenRun(db, options.db, askedA, 'diff', '<runA>');
    const b = chosenRun(db, options.db, askedB, 'diff', '<runB>');
    const before = asked ?? previousRun(db, b);
    if (before === null) throw new UsageError(`no complete run with summaries before run ${b} in ${options.db}: name two runs`);
    const a = before;
    if (askedA === undefined) console.error(`diff: reading run ${a} (the complete run before run ${b})`);
    const diff = diffRuns(a, loadRun(db, a), b, loadRun(db, b));
    db.close();
    if (options.html) writeFileSync(options.html, renderDiffHtml(diff));
    if (options.json) {
      console.log(JSON.stringify(diff, null, 2));
      return;
    }
    let country = '';
    for (const c of diff.needs) {
      if (c.country !== country) console.log(`\n${(country = c.country)}`);
      const fields = c.fields.map((f) => `${f.field} ${fieldLabel(f.field, f.before)} → ${fieldLabel(f.field, f.after)}${f.correctedBy ? ` (corrected by ${f.correctedBy})` : ''}`).join('; ');
      console.log(`  ${c.kind.padEnd(9)} ${c.id} ${fields ? `${fields}  ` : ''}"${c.text.slice(0, 70)}"`);
    }
    console.log(`\ncounts that moved:`);
    for (const c of diff.counts) console.log(`  ${countLabel(c.cell).padEnd(60)} ${c.before} → ${c.after}`);
    console.log(`${plural(diff.needs.length, 'need differs', 'needs differ')} between run ${diff.runA} and run ${diff.runB}; ${plural(diff.counts.length, 'count')} moved`);
  });

program
  .command('second-read')
  .description("an optional second reader (an OpenAI-compatible endpoint: OPENAI_BASE_URL, OPENAI_API_KEY) codes every need of a run and lists where it disagrees with the rules; it writes only its own tables")
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--run <id>', 'run id (default: the latest)')
  .option('--model <model>', 'model name', process.env.OPENAI_MODEL ?? 'gpt-4o-mini')
  .option('--budget <n>', 'most requests to send; then it stops asking')
  .option('--token-budget <n>', 'most tokens to spend; then it stops asking')
  .option('--concurrency <n>', 'requests in flight at once', '2')
  .option('--rpm <n>', 'most requests started a minute')
  .option('--json', 'print the result as JSON')
  .action(async (options: SecondReadOptions) => {
    // Loaded here so that the other commands do not load the client libraries.
    const { secondReadCommand } = await import('./llm/command.js');
    const problem = await secondReadCommand(options);
    if (problem) throw new UsageError(problem);
  });

/** A need's field as the report labels it: "Art. 5 Preventive …", "Capacity-building", "African States". */
function fieldLabel(field: string, value: string): string {
  if (value === '') return '-';
  if (field === 'article') return keyLabel.byArticle(value, 'en');
  if (field === 'category') return keyLabel.byCategory(value, 'en');
  if (field === 'region') return keyLabel.byRegion(value, 'en');
  return value;
}

/** A cell of the diff's counts ("byCategory.capacity_building.needs") as the report's tables name it. */
function countLabel(cell: string): string {
  const m = /^(byChapter|byArticle|byCategory|byRegion)\.(.+)\.(needs|countries)$/.exec(cell);
  const L = LABELS.en;
  if (!m) return { summaries: L.summaries, countriesWithNeeds: `${L.countries} with needs`, needs: L.needs }[cell] ?? cell;
  const [, table, key, measure] = m as unknown as [string, keyof typeof keyLabel, string, 'needs' | 'countries'];
  return `${keyLabel[table](key, 'en')} (${measure === 'needs' ? L.needs : L.countries})`;
}

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
    const db = existingDb(options.db);
    try {
      if (!hasNeed(db, needId)) throw new UsageError(`no need ${needId} in ${options.db}: \`ta-needs needs\` lists the ids of the latest run`);
      addCorrection(db, correction);
    } finally {
      db.close();
    }
    console.log(`${correction.action} ${needId}${correction.field ? ` ${correction.field} = ${correction.value}` : ''} by ${correction.who}: applies from the next run`);
  });

corrections
  .command('export')
  .description('all corrections as JSON lines')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--out <file>', 'write to a file instead of printing')
  .action((options: { db: string; out?: string }) => {
    const db = existingDb(options.db);
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
    // A correction may name a need this database has not found yet: it applies from the run that finds it.
    const parsed = lines.map((line, i) => {
      let c: Correction;
      try {
        c = JSON.parse(line) as Correction;
      } catch {
        throw new UsageError(`${file}, line ${i + 1}: not JSON`);
      }
      const problem = typeof c === 'object' && c !== null ? invalidCorrection(c) : 'not a JSON object';
      if (problem) throw new UsageError(`${file}, line ${i + 1}: ${problem}`);
      return c;
    });
    const db = openDb(options.db);
    db.transaction(() => parsed.forEach((c) => addCorrection(db, c)))();
    db.close();
    console.log(`${plural(parsed.length, 'correction')} read from ${file}`);
  });

program
  .command('review')
  .description('serve the review page on this machine: needs with their source, filters, accept and correct')
  .option('--db <file>', 'SQLite database', DEFAULT_DB)
  .option('--port <port>', 'port on 127.0.0.1', '8080')
  .option('--who <name>', 'reviewer name the page starts with', process.env.USER ?? 'analyst')
  .action((options: { db: string; port: string; who: string }) => {
    const port = Number(options.port);
    if (!/^\d+$/.test(options.port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number (1-65535), not ${options.port}`);
    const who = invalidWho(options.who);
    if (who) throw new UsageError(`--who: ${who}`);
    const db = openDb(options.db);
    const server = reviewServer(db, options.who);
    server.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is in use (another review server?): choose another with --port` : `cannot serve on 127.0.0.1:${port}: ${error.message}`;
      console.error(`ta-needs: ${reason}`);
      process.exitCode = 2;
      db.close();
    });
    server.listen(port, '127.0.0.1', () => console.log(`review page: http://127.0.0.1:${port}/  (Ctrl-C to stop)`));
  });

/** The document itself unless it is an executive summary: claims and audit read the notes and reports that publish counts. */
function countingDocument<T extends { kind: string }>(file: string, doc: T): T {
  if (doc.kind === 'executive_summary') throw new UsageError(`${file} is an executive summary, not a note: claims and audit read the secretariat's notes and meeting reports, which publish counts (\`ta-needs run\` reads summaries)`);
  return doc;
}

program
  .command('claims')
  .description("a note's quantitative statements: {paragraph, value, unit, scope, text, start, end}")
  .argument('<note>')
  .option('--json', 'print a JSON array')
  .action(async (note: string, options: { json?: boolean }) => {
    const { processFile } = await import('./run.js');
    const claims = extractClaims(countingDocument(note, await processFile(note)));
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
    const { processFile } = await import('./run.js');
    const findings = auditNote(countingDocument(note, await processFile(note)));
    if (options.json) {
      console.log(JSON.stringify(findings, null, 2));
      return;
    }
    for (const f of findings) console.log(`${f.check.padEnd(14)} ${f.message}\n${''.padEnd(15)}${f.places[0]} ↔ ${f.places[1]}`);
    console.log(plural(findings.length, 'finding'));
  });

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const GOLD_DIR = join(PROJECT, 'eval', 'gold');
const NOTES_DIR = join(PROJECT, 'corpus', 'notes');
const THRESHOLDS = readThresholds();
/**
 * The labelled corpora the eval reads besides corpus/summaries: the project's fixtures in UN layouts, a held-out
 * set written by someone who did not see the rules (eval/heldout), and the development corpus beside the project.
 */
const DEFAULT_LABELLED = [
  join(PROJECT, 'tests', 'fixtures', 'un-summaries'),
  join(PROJECT, 'tests', 'fixtures', 'summaries'),
  join(PROJECT, 'tests', 'fixtures', 'structure'),
  join(PROJECT, 'eval', 'heldout', 'layout'),
  join(PROJECT, '..', 'shared', 'corpus-dev'),
];
/** Need phrasings written by another hand than the training set's, never tuned on. */
const DEFAULT_PHRASINGS = [join(PROJECT, 'eval', 'heldout', 'phrasings.jsonl')];

function printNeedsScore(score: NeedsScore): void {
  console.log(`\n## needs: ${score.corpus} (${score.documents} documents, each counted once; ${score.files} files)`);
  printFigures(score);
  for (const line of formatCategoryScore(score)) console.log(line);
  for (const [kind, figures] of Object.entries(score.byFormat)) {
    console.log(`\n### every ${kind} file (${figures.files})`);
    printFigures(figures);
  }
  for (const e of score.errors) console.log(`  ! ${e}`);
}

function printFigures(figures: NeedsFigures): void {
  console.log(`items      precision ${figures.precision.toFixed(4)}  recall ${figures.recall.toFixed(4)}  (${figures.matched} matched of ${figures.found} found, ${figures.gold} labelled)`);
  console.log(`article    accuracy ${figures.articleAccuracy.toFixed(4)}`);
  console.log(`category   accuracy ${figures.categoryAccuracy.toFixed(4)}  macro-F1 ${figures.categoryMacroF1.toFixed(4)}`);
}

function printPhrasingsScore(score: PhrasingsScore): void {
  console.log(`\n## categories: ${score.source} (${score.count} phrasings)`);
  console.log(`category   accuracy ${score.accuracy.toFixed(4)}  macro-F1 ${score.macroF1.toFixed(4)}`);
  for (const line of formatCategoryScore(score)) console.log(line);
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

program
  .command('eval')
  .description("one scorecard: claims against the notes' gold, needs against labelled corpora, and (with a run in --db) the run's counts beside the gold counts")
  .option('--corpus <dirs...>', 'labelled corpus directories (default: corpus/summaries, the UN-layout fixtures, eval/heldout/layout and ../shared/corpus-dev)')
  .option('--db <file>', 'SQLite database whose latest run is set beside the gold counts', DEFAULT_DB)
  .option('--as-of <date>', 'date of the counts set beside the gold (default: each note\'s own date)')
  .option('--phrasings <files...>', 'labelled need phrasings (JSON lines {text, lang, category}) whose categories are scored, beside the dev split of corpus/training (default: eval/heldout/phrasings.jsonl)')
  .option('--check', 'exit 1 when a figure falls below eval/thresholds.json')
  .option('--json', 'print the scorecard as JSON')
  .action(async (options: { corpus?: string[]; db: string; asOf?: string; phrasings?: string[]; check?: boolean; json?: boolean }) => {
    if (options.asOf !== undefined) calendarDate(options.asOf, '--as-of');
    const { processFile } = await import('./run.js');
    const { trainedModel, trainingNeeds, TRAINING_CORPUS } = await import('./needs.js');
    const { evaluateNeeds } = await import('./evaluate/needs.js');
    const { evaluatePhrasings } = await import('./evaluate/phrasings.js');
    const { readPhrasings, splitTrainingSet, loadTrainingSet, TRAINING_SET } = await import('./classify/training.js');
    const claims: ClaimsScore[] = [];
    const reproduction: { note: string; asOf: string; rows: Reproduction[] }[] = [];
    const db = existsSync(options.db) ? openDb(options.db) : null;
    // The counts beside the gold come from the latest complete run, where there is one.
    const runId = db && latestRun(db) !== null ? chosenRun(db, options.db, undefined, 'eval') : null;
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
    const training = trainingNeeds();
    const needs: NeedsScore[] = [];
    const corpora = options.corpus ?? [TRAINING_CORPUS, ...DEFAULT_LABELLED];
    const missing = corpora.filter((dir) => !existsSync(dir));
    for (const dir of missing) console.error(`eval: labelled corpus ${dir}: no such directory, not scored`);
    for (const dir of corpora.filter((d) => existsSync(d))) needs.push(await evaluateNeeds(dir, training));
    const phrasings: PhrasingsScore[] = [evaluatePhrasings(`dev split of ${TRAINING_SET}`, splitTrainingSet(loadTrainingSet()).dev, trainedModel())];
    for (const file of options.phrasings ?? DEFAULT_PHRASINGS) {
      try {
        phrasings.push(evaluatePhrasings(file, readPhrasings(file), trainedModel()));
      } catch (error) {
        console.error(`eval: ${(error as Error).message}`);
        process.exitCode = 1;
      }
    }
    const failures = [...missing.map((dir) => `labelled corpus ${dir} is missing`), ...belowThresholds(THRESHOLDS, claims, needs, phrasings)];
    if (options.json) {
      console.log(JSON.stringify({ claims, needs, phrasings, reproduction, failures }, null, 2));
    } else {
      printClaimsScores(claims);
      needs.forEach(printNeedsScore);
      phrasings.forEach(printPhrasingsScore);
      for (const r of reproduction) printReproduction(r.note, r.asOf, r.rows);
      console.log(failures.length === 0 ? '\nall figures at or above eval/thresholds.json' : `\nbelow eval/thresholds.json:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    }
    if (options.check && failures.length > 0) process.exitCode = 1;
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and the version were asked for; any other refusal of commander's (already printed) is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    // A database or file system error (a full disk, a database it cannot open) is told as such, not as a stack.
    const code = (error as NodeJS.ErrnoException).code;
    const ioError = error instanceof Error && typeof code === 'string' && (code.startsWith('SQLITE_') || /^E[A-Z]+$/.test(code));
    // RunAbortedError by its name: run.ts is loaded only by the commands that read files.
    const aborted = error instanceof Error && error.name === 'RunAbortedError';
    if (!(error instanceof IngestError || error instanceof UsageError || aborted || ioError)) throw error;
    console.error(`ta-needs: ${error.message}${ioError && !error.message.includes(code) ? ` (${code})` : ''}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
