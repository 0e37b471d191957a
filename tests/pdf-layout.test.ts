import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import { extractNeeds } from '../pipeline/needs.js';
import { loadLabelledCorpus } from '../pipeline/evaluate/labels.js';
import type { SegmentedDocument } from '../pipeline/model.js';
import { FIXTURES, processText, seedPath, squeeze } from './helpers.js';

// Made by scripts/make-layout-fixtures.ts: each seed note set as a Word document with automatic numbering (the
// number hangs in the margin, apart from its text), bold headings, a running header and footer, in two page setups.
const PARAGRAPH_COUNTS: Record<string, number> = { '000': 55, '001': 63, '002': 100, '003': 11, '004': 51 };

const numbered = (doc: SegmentedDocument) => doc.blocks.filter((b) => b.kind === 'paragraph' && b.number !== undefined);

describe.each(Object.entries(PARAGRAPH_COUNTS))('seed %s as a PDF with hanging numbers', (seed, count) => {
  let pdf: SegmentedDocument;
  const load = async () => (pdf ??= await processFile(join(FIXTURES, 'layout', `${seed}.pdf`)));

  it(`has numbered paragraphs 1-${count}, with the text of the seed's own paragraphs`, { timeout: 60_000 }, async () => {
    const [text, doc] = await Promise.all([processFile(seedPath(seed)), load()]);
    expect(numbered(doc).map((b) => Number(b.number))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(numbered(doc).map((b) => `${b.number}|${squeeze(b.text)}`)).toEqual(numbered(text).map((b) => `${b.number}|${squeeze(b.text)}`));
  });

  it('reads each paragraph number as the marker hanging beside its text', { timeout: 60_000 }, async () => {
    const doc = await load();
    for (const paragraph of numbered(doc)) {
      const line = doc.text.slice(0, paragraph.start).split('\n').length - 1;
      expect(doc.layout?.find((facts) => facts.line === line)?.marker).toBe(`${paragraph.number}.`);
    }
  });

  it('finds the running header and footer of every page by their place, and keeps them out of paragraphs', { timeout: 60_000 }, async () => {
    const doc = await load();
    const layout = doc.layout!;
    for (let page = 1; page <= doc.pageCount!; page++) {
      expect(layout.some((facts) => facts.page === page && facts.furniture === 'header')).toBe(true);
      expect(layout.some((facts) => facts.page === page && facts.furniture === 'footer')).toBe(true);
    }
    // The furniture lines' spans in the normalised text: no other block may take a piece of them.
    const lines = doc.text.split('\n');
    let offset = 0;
    const starts = lines.map((line) => (offset += line.length + 1) - line.length - 1);
    const spans = layout.filter((facts) => facts.furniture).map((facts) => ({ start: starts[facts.line]!, end: starts[facts.line]! + lines[facts.line]!.length }));
    for (const block of doc.blocks.filter((b) => b.kind !== 'furniture')) {
      for (const part of block.parts) for (const span of spans) expect(part.end <= span.start || part.start >= span.end).toBe(true);
    }
    const furnitureBlocks = doc.blocks.filter((b) => b.kind === 'furniture');
    for (const span of spans) expect(furnitureBlocks.some((b) => b.start <= span.end && b.end >= span.start)).toBe(true);
    for (const paragraph of numbered(doc)) expect(paragraph.text).not.toMatch(/V\.\d{2}-\d{6}/);
  });
});

describe('executive summaries with bold article sub-headings between bullets (PDF)', () => {
  const dir = join(FIXTURES, 'summaries');
  it.each(loadLabelledCorpus(dir).map((entry) => [entry.doc, entry] as const))('%s: each need under its sub-heading gets its article', { timeout: 60_000 }, async (doc, entry) => {
    const needs = extractNeeds(await processFile(join(dir, `${doc}.pdf`)));
    expect(needs.map((need) => squeeze(need.text))).toEqual(entry.labels.map((label) => squeeze(label.text)));
    const article = (label: (typeof entry.labels)[number]) => (typeof label.article === 'number' ? label.article : null);
    expect(needs.map((need) => need.article)).toEqual(entry.labels.map(article));
  });

  it('keeps a bold sub-heading a block of its own, not the tail of the bullet before it', { timeout: 60_000 }, async () => {
    const doc = await processFile(join(dir, 'L01.en.pdf'));
    const subHeading = doc.blocks.find((b) => b.text.startsWith('Article 9 ('))!;
    expect(subHeading).toMatchObject({ kind: 'paragraph', text: 'Article 9 (public procurement and management of public finances):' });
    expect(doc.layout?.find((facts) => doc.text.split('\n')[facts.line] === subHeading.text)?.bold).toBe(true);
    for (const item of doc.blocks.filter((b) => b.kind === 'list_item')) expect(item.text).not.toMatch(/Article \d+ \(/);
  });
});

describe('numbered paragraphs after a lost or misread number', () => {
  const paragraph = (n: string, words: string) => `${n} ${words} of the review mechanism in this paragraph.`;

  it('resume at the next number that fits (plain text)', async () => {
    const text = ['1. Introduction', '', paragraph('1.', 'The first part'), '', paragraph('2.', 'The second part'), '', paragraph('S.', 'A misread third part'), '', paragraph('4.', 'The fourth part'), '', paragraph('5.', 'The fifth part'), '', paragraph('6.', 'The sixth part')].join('\n');
    const doc = await processText(text, 'note.txt');
    expect(numbered(doc).map((b) => b.number)).toEqual(['1', '2', '4', '5', '6']);
  });

  it('do not resume on a number that wraps into a line mid-sentence', async () => {
    const wrapped = [
      '1. Introduction',
      paragraph('1.', 'The first part'),
      paragraph('2.', 'The second part'),
      '3. The third part was long and its sentence ran on to a line that starts with the year or a count, as in',
      '5. meetings held that year, and it ended there.',
      paragraph('4.', 'The fourth part'),
      paragraph('5.', 'The fifth part'),
      paragraph('6.', 'The sixth part'),
    ].join('\n');
    const doc = await processText(wrapped, 'note.txt');
    expect(numbered(doc).map((b) => b.number)).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
