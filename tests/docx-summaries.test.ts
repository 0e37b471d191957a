/**
 * Executive summaries as the UN publishes them in Word (scripts/make-un-summaries.ts): a masthead table, the
 * title block, a Contents listing, "II. Executive summary", the country alone on a line, the summary's headings
 * and the needs' bullets numbered by Word lists.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateNeeds } from '../pipeline/evaluate/needs.js';
import { labelledNeeds, TRAINING_CORPUS } from '../pipeline/needs.js';
import { processFile } from '../pipeline/run.js';
import type { SegmentedDocument } from '../pipeline/model.js';
import { FIXTURES } from './helpers.js';

const DIR = join(FIXTURES, 'un-summaries');

const lineOf = (doc: SegmentedDocument, offset: number) => doc.text.slice(0, offset).split('\n').length - 1;

describe.each([
  ['S06.en.docx', { chapter: 'II', title: 'Executive summary', country: 'Ghana', introduction: 'Introduction: Overview of the legal' }],
  ['S07.zh.docx', { chapter: '二', title: '执行摘要', country: '蒙古', introduction: '导言：蒙古在实施' }],
] as const)('%s', (file, expected) => {
  let doc: SegmentedDocument;
  const load = async () => (doc ??= await processFile(join(DIR, file)));

  it('keeps the masthead table and the Contents out of the body, as furniture', async () => {
    const d = await load();
    const facts = new Map(d.layout!.map((fact) => [fact.line, fact]));
    const furniture = d.blocks.filter((b) => b.kind === 'furniture');
    expect(furniture.map((b) => facts.get(lineOf(d, b.start))?.furniture)).toEqual(['masthead', 'masthead', 'contents', 'contents', 'contents', 'contents', 'contents']);
    expect(furniture[0]!.text).toMatch(/^(United Nations|联合国)\tCAC\/COSP\/IRG\/II\/1\d\/1\/Add\.\d$/);
    expect(furniture[1]!.text).toContain('Distr.: General');
    for (const block of d.blocks.filter((b) => b.kind !== 'furniture')) expect(block.text).not.toMatch(/Distr\.|\t\d+$|^(Contents|目录|Page|页次)$/);
  });

  it('reads the chapter, the country alone on its line and the summary headings Word numbers', async () => {
    const d = await load();
    const headings = d.blocks.filter((b) => b.kind === 'heading');
    expect(headings.find((h) => h.number === expected.chapter)?.text).toBe(expected.title);
    const chapterAt = headings.findIndex((h) => h.number === expected.chapter);
    expect(headings[chapterAt + 1]).toMatchObject({ text: expected.country });
    expect(headings[chapterAt + 2]).toMatchObject({ number: '1' });
    expect(headings[chapterAt + 2]!.text.startsWith(expected.introduction)).toBe(true);
    expect(headings.filter((h) => /^[23]\.4$/.test(h.number ?? '')).map((h) => h.number)).toEqual(['2.4', '3.4']);
  });

  it('records the bullets Word prints as markers and the article sub-headings as bold', async () => {
    const d = await load();
    const facts = new Map(d.layout!.map((fact) => [fact.line, fact]));
    const items = d.blocks.filter((b) => b.kind === 'list_item');
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect(facts.get(lineOf(d, item.start))?.marker).toBe('•');
    const subHeadings = d.blocks.filter((b) => /^(Article \d+|第[一二三四五六七八九十]+条)/.test(b.text));
    expect(subHeadings.length).toBeGreaterThanOrEqual(4);
    for (const sub of subHeadings) expect(facts.get(lineOf(d, sub.start))?.bold).toBe(true);
  });
});

describe('needs of UN-layout summaries in Word', () => {
  it('finds every labelled need and nothing else, with its article and category', { timeout: 60_000 }, async () => {
    const score = await evaluateNeeds(DIR, labelledNeeds(TRAINING_CORPUS));
    expect(score.gold).toBe(18);
    expect(score.errors).toEqual([]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
    expect(score.articleAccuracy).toBe(1);
  });
});
