/**
 * The second reader against a local stub endpoint (tests/llm-stub.ts): nothing here reaches the network, and
 * nothing sleeps: retries wait through a function the test records.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../pipeline/model.js';
import { runJob } from '../pipeline/run.js';
import { documentText, loadRun, openDb, type Db } from '../pipeline/store/db.js';
import { countNeeds } from '../pipeline/report/counts.js';
import { buildReport, renderMarkdown } from '../pipeline/report/render.js';
import { SecondReader, type SecondReaderOptions } from '../pipeline/llm/client.js';
import { locateQuote } from '../pipeline/llm/ground.js';
import { loadPrompt } from '../pipeline/llm/prompts.js';
import { secondRead } from '../pipeline/llm/second-read.js';
import { labelledNeeds, TRAINING_CORPUS } from '../pipeline/needs.js';
import { inputOf, startStub, type ChatRequest, type Stub, type StubReply } from './llm-stub.js';
import { FIXTURES, SHARED, tempDbPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const RUN_ON = join(FIXTURES, 'llm');
const NEED = { language: 'en', country: 'Viet Nam', section: '2.4. Technical assistance needs', subHeading: null, need: 'A comparative study of conflict-of-interest rules for members of elected bodies (art. 8)' };
const CODED = { category: 'research_data', article: 8, chapter: 'II', notANeed: false, reason: 'a study' };

let stub: Stub | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function withStub(reply: (request: ChatRequest, index: number) => StubReply): Promise<Stub> {
  stub = await startStub(reply);
  return stub;
}

function newReader(db: Db, endpoint: Stub, options: Partial<SecondReaderOptions> = {}) {
  const waits: number[] = [];
  const reader = new SecondReader(db, { baseURL: endpoint.baseURL, apiKey: 'test-key', model: 'stub-model', backoffMs: 10, wait: async (ms) => void waits.push(ms), ...options });
  return { reader, waits };
}

describe('prompts', () => {
  it('fill every placeholder from the data: the six categories with their domain definitions, the articles, examples from corpus/summaries', () => {
    const examples = new Set(labelledNeeds(TRAINING_CORPUS).map((l) => JSON.stringify(l.text)));
    for (const task of ['code-need', 'extract-needs', 'align-versions'] as const) {
      const prompt = loadPrompt(task);
      expect(prompt.text).not.toMatch(/\{\{\w+\}\}/);
      expect(prompt.hash).toMatch(/^[0-9a-f]{16}$/);
      for (const c of CATEGORIES) expect(prompt.text).toContain(`\`${c}\``);
      expect(prompt.text).toContain('drafting, reviewing or amending laws and regulations');
      // Every need an example shows is a labelled need of corpus/summaries.
      const quoted = [...prompt.text.matchAll(/"(?:quote|text)":("(?:[^"\\]|\\.)*")|need: ("(?:[^"\\]|\\.)*")/g)].map((m) => m[1] ?? m[2]);
      expect(quoted.length).toBeGreaterThanOrEqual(6);
      for (const q of quoted) expect(examples.has(q!)).toBe(true);
    }
    expect(loadPrompt('code-need').text).toContain('- 57 (chapter V): Return and disposal of assets / 资产的返还和处分');
    expect(loadPrompt('code-need').text).toContain('studies, surveys, statistics, data systems, risk assessments, indicators');
    expect(new Set(['code-need', 'extract-needs', 'align-versions'].map((t) => loadPrompt(t as 'code-need').hash)).size).toBe(3);
  });

  it('take their category definitions from the domain page, as the script makes them', () => {
    const out = join(tempDbPath(), '..', 'categories.json');
    execFileSync('node', ['--import', 'tsx', join(ROOT, 'scripts/make-category-definitions.ts'), join(SHARED, 'domain', 'README.md'), out], { cwd: ROOT });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(ROOT, 'pipeline/llm/data/categories.json'), 'utf8'));
  });
});

describe('the second reader', () => {
  it('asks at temperature 0 with a JSON schema, validates the answer, and caches it so that asking again sends nothing', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub(() => ({ json: CODED }));
    const { reader } = newReader(db, endpoint);
    expect(await reader.ask('code-need', NEED)).toEqual({ status: 'ok', answer: CODED, cached: false });
    const sent = endpoint.requests[0]!;
    expect(sent).toMatchObject({ model: 'stub-model', temperature: 0, response_format: { type: 'json_schema' } });
    expect(sent.messages[0]!.content).toBe(loadPrompt('code-need').text);
    expect(inputOf(sent)).toEqual(NEED);
    const again = newReader(db, endpoint).reader;
    expect(await again.ask('code-need', NEED)).toEqual({ status: 'ok', answer: CODED, cached: true });
    expect(endpoint.requests).toHaveLength(1);
    expect(await again.ask('code-need', { ...NEED, need: 'Another need' })).toMatchObject({ status: 'ok', cached: false });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('repairs an invalid answer once, telling the model what was wrong', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub((_, i) => (i === 0 ? { json: { ...CODED, article: 55 } } : { json: CODED }));
    const { reader } = newReader(db, endpoint);
    expect(await reader.ask('code-need', NEED)).toMatchObject({ status: 'ok', answer: CODED });
    expect(endpoint.requests).toHaveLength(2);
    const repair = endpoint.requests[1]!.messages;
    expect(repair.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair[3]!.content).toContain('article must belong to chapter');
    expect(reader.stats).toMatchObject({ requests: 2, repaired: 1, dropped: 0 });
  });

  it('drops an answer still invalid after the repair, and remembers that it did', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub((_, i) => (i === 0 ? { content: 'The category is training.' } : { json: { ...CODED, category: 'training' } }));
    const { reader } = newReader(db, endpoint);
    expect(await reader.ask('code-need', NEED)).toMatchObject({ status: 'dropped' });
    expect(endpoint.requests).toHaveLength(2);
    expect(await newReader(db, endpoint).reader.ask('code-need', NEED)).toMatchObject({ status: 'dropped' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After says after a 429, then asks again', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub((_, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '7' } } : { json: CODED }));
    const { reader, waits } = newReader(db, endpoint);
    expect(await reader.ask('code-need', NEED)).toMatchObject({ status: 'ok', answer: CODED });
    expect(waits).toEqual([7000]);
    expect(endpoint.requests).toHaveLength(2);
  });

  it('retries a 500 with growing backoff, then gives up without throwing', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub(() => ({ status: 500 }));
    const { reader, waits } = newReader(db, endpoint, { maxRetries: 2, backoffMs: 10 });
    expect(await reader.ask('code-need', NEED)).toMatchObject({ status: 'failed' });
    expect(waits).toEqual([10, 20]);
    expect(endpoint.requests).toHaveLength(3);
    expect(reader.stats.failed).toBe(1);
    // A failure is not cached: the next run asks again.
    await newReader(db, endpoint, { maxRetries: 0 }).reader.ask('code-need', NEED);
    expect(endpoint.requests).toHaveLength(4);
  });

  it('repairs a pairing of versions that names a need it was not given', async () => {
    const db = openDb(':memory:');
    const input = { country: 'VNM', zh: [{ index: 0, chapter: 'II', text: '甲' }], en: [{ index: 0, chapter: 'II', text: 'A' }] };
    const endpoint = await withStub((_, i) => ({ json: { pairs: [{ zh: 0, en: i === 0 ? 3 : 0 }] } }));
    const { reader } = newReader(db, endpoint);
    expect(await reader.ask('align-versions', input)).toMatchObject({ status: 'ok', answer: { pairs: [{ zh: 0, en: 0 }] } });
    expect(endpoint.requests[1]!.messages[3]!.content).toContain('en index 3 was not given');
  });

  it('gives up at once on a refused key, and on a body that is not a chat answer, without throwing', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub((_, i) => (i === 0 ? { status: 401, message: 'bad key' } : { raw: '<html>proxy error</html>' }));
    const { reader, waits } = newReader(db, endpoint);
    expect(await reader.ask('code-need', NEED)).toMatchObject({ status: 'failed' });
    expect(await reader.ask('code-need', { ...NEED, need: 'Another need' })).toMatchObject({ status: 'failed' });
    expect(endpoint.requests).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it('retries a request that times out', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub((_, i) => (i === 0 ? { hang: true } : { json: CODED }));
    const { reader, waits } = newReader(db, endpoint, { timeoutMs: 1500 });
    expect(await reader.ask('code-need', NEED)).toMatchObject({ status: 'ok', answer: CODED });
    expect(endpoint.requests).toHaveLength(2);
    expect(waits).toEqual([10]);
  });

  it('steps down to JSON mode when the endpoint refuses a JSON schema', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub((request) => (request.response_format?.type === 'json_schema' ? { status: 400, message: "response_format 'json_schema' is not supported" } : { json: CODED }));
    const { reader } = newReader(db, endpoint);
    expect(await reader.ask('code-need', NEED)).toMatchObject({ status: 'ok' });
    expect(await reader.ask('code-need', { ...NEED, need: 'Another need' })).toMatchObject({ status: 'ok' });
    expect(endpoint.requests.map((r) => r.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
  });

  it('stops asking when its budget of requests is spent, and says so for each need it did not ask about', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub(() => ({ json: CODED }));
    const { reader } = newReader(db, endpoint, { budget: 3 });
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((n) => reader.ask('code-need', { ...NEED, need: `Need ${n}` })));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['ok', 'ok', 'ok', 'over-budget', 'over-budget']);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('stops asking when its budget of tokens is spent', async () => {
    const db = openDb(':memory:');
    const endpoint = await withStub(() => ({ json: CODED }));
    // The stub reports 15 tokens an answer: after two answers 30 are spent.
    const { reader } = newReader(db, endpoint, { tokenBudget: 30, concurrency: 1 });
    const outcomes = await Promise.all([1, 2, 3, 4].map((n) => reader.ask('code-need', { ...NEED, need: `Need ${n}` })));
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'over-budget', 'over-budget']);
    expect(reader.stats.tokens).toBe(30);
  });
});

describe('grounding a quote', () => {
  const zh = readFileSync(join(RUN_ON, 'runon.zh.txt'), 'utf8');
  const en = readFileSync(join(RUN_ON, 'runon.en.txt'), 'utf8');
  const at = (text: string, quote: string) => {
    const span = locateQuote(text, quote);
    return span && { ...span, text: text.slice(span.start, span.end) };
  };

  it('finds an exact quote at its offsets in both languages', () => {
    expect(at(zh, '为地方审计人员编写风险评估手册')).toEqual({ start: zh.indexOf('为地方审计人员'), end: zh.indexOf('为地方审计人员') + 15, text: '为地方审计人员编写风险评估手册' });
    const quote = 'an exchange of experience with other States parties on open procurement data';
    expect(at(en, quote)).toEqual({ start: en.indexOf(quote), end: en.indexOf(quote) + quote.length, text: quote });
  });

  it('finds a quote whose punctuation width or spacing differs, and gives the span as the document writes it', () => {
    expect(at(zh, '建立公共采购投诉审查机制(第九条第一款)')?.text).toBe('建立公共采购投诉审查机制（第九条第一款）');
    expect(at(zh, '以及与其他缔约国交流采购数据公开的经验')?.text).toBe('以及 与其他缔约国交流采购数据公开的经验');
    expect(at(en, 'a handbook on “red flag” risk assessment  for local auditors')?.text).toBe('a handbook on "red flag" risk assessment for local auditors');
    expect(at(en, 'review mechanism for public procurement complaints （art. 9， para. 1）')?.text).toBe('review mechanism for public procurement complaints (art. 9, para. 1)');
  });

  it('finds nothing for a quote that is not in the text, or only outside the span it must stand in', () => {
    expect(locateQuote(zh, '为地方审计人员举办培训')).toBeNull();
    expect(locateQuote(en, 'a handbook on red flags')).toBeNull();
    expect(locateQuote(en, 'Mongolia', { start: en.indexOf('2.4.'), end: en.indexOf('Mongolia asked') })).toBeNull();
  });
});

describe('ta-needs second-read', () => {
  const EXTRACTED: Record<string, string[]> = {
    en: ['set up a review mechanism for public procurement complaints (art. 9, para. 1)', 'a handbook on “red flag” risk assessment for local auditors', 'an exchange of experience with other States parties on open procurement data', 'a regional network of procurement regulators'],
    zh: ['建立公共采购投诉审查机制(第九条第一款)', '为地方审计人员编写风险评估手册', '以及与其他缔约国交流采购数据公开的经验', '建立区域采购监管网络'],
  };
  const reply = (request: ChatRequest): StubReply => {
    const input = inputOf(request);
    if (request.messages[0]!.content === loadPrompt('extract-needs').text) return { json: { needs: EXTRACTED[input.language as string]!.map((quote) => ({ quote })) } };
    // Pairs the needs by position, leaving the last Chinese and the last English need without a counterpart.
    if (request.messages[0]!.content === loadPrompt('align-versions').text) return { json: { pairs: (input.zh as unknown[]).slice(0, -1).map((_, i) => ({ zh: i, en: i })) } };
    return { json: { category: 'research_data', article: null, chapter: 'II', notANeed: /^(Drafting|起草)/.test(input.need as string), reason: 'stub' } };
  };
  /** Everything the rules produce from a run: its records as stored and a report made from them. */
  const rulesOutput = (db: Db) => {
    const run = loadRun(db, 1);
    const rows = db.prepare('SELECT * FROM needs ORDER BY run_id, doc_id, id').all();
    const report = renderMarkdown(buildReport(countNeeds(1, run.needs, run.summaries, '2030-01-01'), run.needs, 'en'));
    return JSON.stringify({ run, rows }) + report;
  };

  it('codes every need, stores its disagreements with the rules, locates the quotes of run-on needs, and leaves the rules\' records byte-identical', async () => {
    const [withPath, withoutPath] = [tempDbPath(), tempDbPath()];
    const [db, plain] = [openDb(withPath), openDb(withoutPath)];
    await runJob(db, [TRAINING_CORPUS, RUN_ON]);
    await runJob(plain, [TRAINING_CORPUS, RUN_ON]);
    const before = rulesOutput(db);
    const endpoint = await withStub(reply);
    const result = await secondRead(db, 1, newReader(db, endpoint).reader);

    expect(rulesOutput(db)).toBe(before);
    expect(rulesOutput(db)).toBe(rulesOutput(plain));

    const needs = loadRun(db, 1).needs;
    expect(result.coded).toBe(needs.length);
    const reads = db.prepare('SELECT need_id AS id, category, article, not_a_need AS notANeed, disagrees FROM second_reads ORDER BY need_id').all() as { id: string; category: string; article: number | null; notANeed: number; disagrees: string }[];
    expect(reads.map((r) => r.id)).toEqual(needs.map((n) => n.id).sort());
    for (const need of needs) {
      const read = reads.find((r) => r.id === need.id)!;
      const expected = [...(need.category !== 'research_data' ? ['category'] : []), ...(need.article !== null ? ['article'] : []), ...(/^(Drafting|起草)/.test(need.text) ? ['notANeed'] : [])];
      expect(JSON.parse(read.disagrees)).toEqual(expected);
      expect(result.disagreements.some((d) => d.needId === need.id)).toBe(expected.length > 0);
    }

    const quotes = db.prepare('SELECT doc_id AS doc, quote, start, "end" FROM second_read_quotes ORDER BY doc_id, seq').all() as { doc: string; quote: string; start: number; end: number }[];
    expect(result.quotes).toEqual({ located: 6, dropped: 2 });
    for (const q of quotes) expect(documentText(db, q.doc).slice(q.start, q.end)).toBe(q.quote);
    expect(quotes.map((q) => q.quote).sort()).toEqual(
      ['set up a review mechanism for public procurement complaints (art. 9, para. 1)', 'a handbook on "red flag" risk assessment for local auditors', 'an exchange of experience with other States parties on open procurement data', '建立公共采购投诉审查机制（第九条第一款）', '为地方审计人员编写风险评估手册', '以及 与其他缔约国交流采购数据公开的经验'].sort(),
    );

    const pairs = db.prepare('SELECT country, need_id AS id, counterpart FROM second_read_pairs').all() as { country: string; id: string; counterpart: string | null }[];
    for (const country of ['MNG', 'VNM']) {
      const of = (lang: string) => needs.filter((n) => n.countryCode === country && n.lang === lang);
      const [zh, en] = [of('zh'), of('en')];
      expect(zh.length).toBeGreaterThan(1);
      expect(result.versions.find((v) => v.country === country)).toEqual({ country, pairs: zh.length - 1, unpaired: { zh: [zh.at(-1)!.id], en: [en.at(-1)!.id] } });
      expect(pairs.find((p) => p.id === zh[0]!.id)).toEqual({ country, id: zh[0]!.id, counterpart: en[0]!.id });
      expect(pairs.find((p) => p.id === en.at(-1)!.id)).toEqual({ country, id: en.at(-1)!.id, counterpart: null });
    }

    // A second pass asks nothing and gives the same records.
    const asked = endpoint.requests.length;
    const table = JSON.stringify(db.prepare('SELECT * FROM second_reads ORDER BY need_id').all());
    const again = await secondRead(db, 1, newReader(db, endpoint).reader);
    expect(endpoint.requests).toHaveLength(asked);
    expect(again.disagreements).toEqual(result.disagreements);
    expect(JSON.stringify(db.prepare('SELECT * FROM second_reads ORDER BY need_id').all())).toBe(table);
    db.close();
    plain.close();
  });

  it('on the command line: keeps within --budget and exits 0; without an endpoint says so and touches nothing', async () => {
    const dbPath = tempDbPath();
    const db = openDb(dbPath);
    await runJob(db, [RUN_ON]);
    db.close();
    const endpoint = await withStub(reply);
    const env = { ...process.env, OPENAI_BASE_URL: endpoint.baseURL, OPENAI_API_KEY: 'test-key' };
    const { stdout } = await promisify(execFile)('node', [join(ROOT, 'bin/ta-needs.js'), 'second-read', '--db', dbPath, '--budget', '2', '--json'], { env, encoding: 'utf8' });
    const result = JSON.parse(stdout) as { needs: number; stats: { requests: number; overBudget: number } };
    expect(endpoint.requests).toHaveLength(2);
    expect(result.stats.requests).toBe(2);
    // Four needs to code, two run-on paragraphs to cut and one country's versions to pair: two asked, five not.
    expect(result.needs).toBe(4);
    expect(result.stats.overBudget).toBe(5);

    const { OPENAI_BASE_URL: _, OPENAI_API_KEY: __, ...offline } = process.env;
    const missing = join(tempDbPath(), '..', 'never.sqlite');
    const run = spawnSync('node', [join(ROOT, 'bin/ta-needs.js'), 'second-read', '--db', missing], { env: offline, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('OPENAI_BASE_URL and OPENAI_API_KEY are not both set');
    expect(existsSync(missing)).toBe(false);
  });
});
