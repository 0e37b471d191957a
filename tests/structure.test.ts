/**
 * The same executive summaries in the layouts users meet (tests/fixtures/structure, made by
 * scripts/make-structure-fixtures.ts): Markdown, a UN document saved as text, the same hard-wrapped with page
 * headers and footers inside, the UN document printed to PDF and read back by pdftotext, and inside a full
 * country review report. Every layout must give what the Markdown gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import { extractNeeds, stateOf } from '../pipeline/needs.js';
import { resolveState } from '../pipeline/extract/states.js';
import { detectSummaryTitle } from '../pipeline/ingest/summary-title.js';
import { detectDate, detectKind } from '../pipeline/ingest/detect.js';
import type { Label } from '../pipeline/evaluate/labels.js';
import type { SegmentedDocument } from '../pipeline/model.js';
import { FIXTURES, processText, squeeze } from './helpers.js';

const DIR = join(FIXTURES, 'structure');
const labelsOf = (doc: string): Label[] =>
  readFileSync(join(DIR, `${doc}.labels.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Label);

/** Each summary's masthead date, as its title block prints it. */
const SUMMARIES = [
  { doc: 'T01.en', date: '2024-05-03', layouts: ['un', 'wrapped', 'pdftotext', 'report', 'report-wrapped'] },
  { doc: 'T02.zh', date: '2024-05-06', layouts: ['un', 'wrapped', 'pdftotext'] },
  { doc: 'T03.zh', date: '2013-03-14', layouts: ['un', 'wrapped', 'pdftotext'] },
];

const needRows = (doc: SegmentedDocument) => extractNeeds(doc).map((n) => ({ text: squeeze(n.text), chapter: n.chapter, article: n.article, category: n.category }));

/** Title block and Contents wording, in either language: never the text of a need, paragraph or heading. */
const FRONT_MATTER = /Note by the Secretariat|秘书处的说明|^Addendum$|^增编$|Distr\.|Original:|^Contents$|^目录$|\.{5,}|provisional agenda|临时议程|^Page$|^页次$|CAC\/COSP|V\.\d{2}-\d{5}/;

// Real work on a shared machine: the first test trains the category model.
describe.each(SUMMARIES)('$doc in every layout', { timeout: 60_000 }, ({ doc, date, layouts }) => {
  const markdown = processFile(join(DIR, 'md', `${doc}.md`));

  it('reads the Markdown source as its labels say', async () => {
    const source = await markdown;
    const labels = labelsOf(doc);
    expect(needRows(source).map(({ text, chapter, article }) => ({ text, chapter, article }))).toEqual(
      labels.map((l) => ({ text: squeeze(l.text), chapter: l.chapter, article: typeof l.article === 'number' ? l.article : null })),
    );
    expect(stateOf(source)?.code).toBe(resolveState(labels[0]!.country)!.code);
  });

  it.each(layouts)('gives from %s the needs, country and regional group of the Markdown', async (layout) => {
    const [source, converted] = await Promise.all([markdown, processFile(join(DIR, layout, `${doc}.txt`))]);
    expect(converted.kind).toBe('executive_summary');
    expect(needRows(converted)).toEqual(needRows(source));
    expect(stateOf(converted)).toEqual(stateOf(source));
    expect(extractNeeds(converted).every((n) => n.region === stateOf(source)!.region)).toBe(true);
  });

  it.each(layouts.filter((layout) => !layout.startsWith('report')))('dates %s from its masthead, and keeps its title block and Contents out of the text', async (layout) => {
    const converted = await processFile(join(DIR, layout, `${doc}.txt`));
    expect(converted.date).toBe(date);
    const content = converted.blocks.filter((b) => b.kind !== 'furniture' && b.kind !== 'footnote');
    expect(content.filter((b) => FRONT_MATTER.test(b.text)).map((b) => b.text)).toEqual([]);
    expect(extractNeeds(converted).filter((n) => FRONT_MATTER.test(n.text))).toEqual([]);
    // Between the file's first line (saying it is a sample) and the summary's chapter heading, nothing is content.
    const note = squeeze(readFileSync(join(DIR, 'md', `${doc}.md`), 'utf8').split('\n')[0]!);
    const chapter = content.findIndex((b) => b.kind === 'heading');
    expect(content.slice(0, chapter).every((b) => note.includes(squeeze(b.text)))).toBe(true);
    expect(content[chapter]).toMatchObject({ level: 1, text: doc === 'T03.zh' ? '提要' : doc.endsWith('zh') ? '执行摘要' : 'Executive summary' });
  });
});

describe('hard-wrapped text saved from a PDF', { timeout: 60_000 }, () => {
  it('sets aside page numbers, job numbers, symbols and a running title that only its recurrence tells', async () => {
    const doc = await processFile(join(DIR, 'wrapped', 'T01.en.txt'));
    const running = doc.blocks.filter((b) => b.text === 'Bosnia and Herzegovina: review of chapters II and V');
    expect(running.length).toBeGreaterThanOrEqual(3);
    expect(running.every((b) => b.kind === 'furniture')).toBe(true);
    const furniture = doc.blocks.filter((b) => b.kind === 'furniture').map((b) => b.text);
    expect(furniture).toEqual(expect.arrayContaining(['2/9', 'V.24-03456', 'CAC/COSP/IRG/II/4/1/Add.7']));
  });

  it('joins a bullet cut from its text by a page break, its footer and header left out', async () => {
    const doc = await processFile(join(DIR, 'wrapped', 'T02.zh.txt'));
    const cut = extractNeeds(doc).find((n) => n.text.startsWith('为检察官举办'))!;
    expect(cut.text).toBe('为检察官举办关于追查和冻结境外腐败所得的讲习班（第五十四条第二款）');
    const item = doc.blocks[cut.block]!;
    expect(item.kind).toBe('list_item');
    expect(doc.text.slice(item.start, item.end)).toMatch(/^•[^]*\fCAC\/COSP[^]*为检察官举办/);
  });

  it('reads a bullet and its text apart by a tab as an item, not as a table row', async () => {
    const doc = await processText('执行摘要：肯尼亚\n\n2. 第二章：预防措施\n\n2.4. 为改进《公约》实施工作而确定的技术援助需要\n\n•\t为审计人员举办培训（第九条）。\n\n(a)\t协助起草采购条例（第九条）。\n');
    expect(doc.blocks.filter((b) => b.kind === 'table')).toEqual([]);
    expect(extractNeeds(doc).map((n) => n.text)).toEqual(['为审计人员举办培训（第九条）', '协助起草采购条例（第九条）']);
  });
});

describe('a summary inside a country review report', { timeout: 60_000 }, () => {
  it.each(['report', 'report-wrapped'])('is undated, and its needs come only from its executive-summary chapter (%s)', async (layout) => {
    const doc = await processFile(join(DIR, layout, 'T01.en.txt'));
    expect(doc.date).toBeNull();
    expect(doc.text).toContain('31 October 2003');
    expect(doc.title).toBe('Country Review Report of Bosnia and Herzegovina');
    expect(squeeze(doc.text)).toContain(squeeze('Training for agency staff on keeping a register'));
    expect(extractNeeds(doc).filter((n) => n.text.startsWith('Training for agency staff'))).toEqual([]);
  });
});

describe('Markdown comments', { timeout: 60_000 }, () => {
  it.each(['T01.en', 'T02.zh'])('are neither needs nor paragraphs in %s', async (doc) => {
    const parsed = await processFile(join(DIR, 'md', `${doc}.md`));
    expect(parsed.text).toContain('<!--');
    expect(parsed.blocks.filter((b) => b.kind !== 'furniture' && b.text.includes('<!--'))).toEqual([]);
    expect(extractNeeds(parsed).filter((n) => n.text.includes('<!--'))).toEqual([]);
  });

  it('spans lines', async () => {
    const doc = await processText('# Executive summary: Kenya\n\n## 2.4. Technical assistance needs identified\n\n- Training for auditors (art. 9).\n\n<!--\nCheck the second need.\n-->\n');
    expect(extractNeeds(doc).map((n) => n.text)).toEqual(['Training for auditors (art. 9)']);
  });
});

describe('the country of a summary, wherever the document names it', () => {
  it.each([
    ['its title', 'Executive summary: Kenya\n\n1. Introduction', 'Kenya'],
    ['a first-cycle Chinese title', '提要：乌拉圭\n\n1. 导言', '乌拉圭'],
    ['the chapter heading and the line after it', 'Executive summary\n\nNote by the Secretariat\n\nII. Executive summary\n\nNew Zealand\n\n1. Introduction', 'New Zealand'],
    ['the Chinese chapter heading and the line after it', '执行摘要\n\n秘书处的说明\n\n二. 执行摘要\n\n新西兰\n\n1. 导言', '新西兰'],
    ['the introduction, wrapped', '1. Introduction: Overview of the legal and institutional framework of the United\nRepublic of Tanzania in the context of implementation of the Convention', 'United Republic of Tanzania'],
    ['the Chinese introduction, wrapped', '1. 导言：坦桑尼亚联合\n共和国在实施《联合国反腐败公约》方面的法律和体制框架概述', '坦桑尼亚联合共和国'],
    ['a country review report', 'Country Review Report of Kenya\n\nI. Introduction', 'Kenya'],
    ['Markdown headings', '# Executive summary\n\n## Kenya\n\n### 1. Introduction', 'Kenya'],
    ['a bold line after the chapter heading', '## 二. 提要\n\n**乌拉圭**\n\n1. 导言', '乌拉圭'],
  ])('from %s', (_, text, country) => {
    expect(detectSummaryTitle(text)?.country).toBe(country);
  });

  it('takes no line after the chapter heading that is not a State', () => {
    expect(detectSummaryTitle('II. Executive summary\n\nOverview\n\n1. Introduction')).toBeNull();
  });
});

describe('the date a document gives as its own', () => {
  it.each([
    ['a masthead', 'United Nations\nDistr.: General\n3 May 2024\nOriginal: English\n\nKenya signed the Convention on 9 December 2003.', '2024-05-03'],
    ['a session line', '第七届会议\n\n2017 年 11 月 6 日至 10 日，维也纳\n\n临时议程*项目 3', '2017-11-06'],
    ['no masthead: a date in a sentence is not the document’s', 'Country Review Report of Kenya\n\nThe General Assembly adopted the Convention on 31 October 2003.', null],
  ])('from %s', (_, text, date) => {
    expect(detectDate(text)).toBe(date);
  });
});

describe('what a hard-wrapped document is', () => {
  it.each([
    ['en', 'II. Executive summary\n\nKenya\n\n2.2. Successes and\ngood practices\n\n2.3. Challenges in\nimplementation\n'],
    ['zh', '二. 执行摘要\n\n肯尼亚\n\n2.2. 成功经验和良\n好做法\n\n2.3. 实施方面的挑\n战\n'],
  ])('is told from cues cut over lines (%s)', (_, text) => {
    expect(detectKind(text)).toBe('executive_summary');
  });
});

describe('a UN masthead in other clothes', { timeout: 60_000 }, () => {
  it('is furniture as a Markdown table and Markdown headings, and a first page footer with its dates and bar code too', async () => {
    const doc = await processText(
      [
        '| United Nations | CAC/COSP/IRG/II/4/1/Add.7 |',
        '|---|---|',
        '| Implementation Review Group | Distr.: General |',
        '',
        '# Executive summary',
        '',
        '**Note by the Secretariat**',
        '',
        '## Addendum',
        '',
        'V.24-03456 (E)    120624    130624',
        '*2403456*',
        'Please recycle',
        '',
        '## II. Executive summary',
        '',
        'Kenya',
        '',
        '## 2.4. Technical assistance needs identified to improve implementation of the Convention',
        '',
        '\uf0b7\tTraining for auditors (art. 9).',
        '',
      ].join('\n'),
      'masthead.md',
    );
    const content = doc.blocks.filter((b) => b.kind !== 'furniture');
    expect(content.map((b) => b.text)).toEqual(['Executive summary', 'Kenya', 'Technical assistance needs identified to improve implementation of the Convention', 'Training for auditors (art. 9).']);
    expect(doc.country).toBe('Kenya');
    expect(extractNeeds(doc).map((n) => [n.text, n.article, n.countryCode])).toEqual([['Training for auditors (art. 9)', 9, 'KEN']]);
  });
});
