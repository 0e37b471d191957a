import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import type { SegmentedDocument } from '../pipeline/model.js';
import { FIXTURES, seedPath, squeeze } from './helpers.js';

/** Numbered paragraphs as "number|text"; white space aside, as PDF text layers space Latin runs their own way. */
const paragraphs = (doc: SegmentedDocument) =>
  doc.blocks.filter((b) => b.kind === 'paragraph' && b.number !== undefined).map((b) => `${b.number}|${squeeze(b.text)}`);

// Made from the seeds' text by LibreOffice (scripts/make-fixtures.sh): 000 and 004 have a paragraph a line,
// 003 is text copied from a PDF, with wrapped lines and a footnote block inside a paragraph.
describe.each(['000', '003', '004'])('seed %s as DOCX and PDF', (seed) => {
  it.each(['docx', 'pdf'])('gives the same paragraphs from %s as from its text', async (format) => {
    const [text, converted] = await Promise.all([processFile(seedPath(seed)), processFile(join(FIXTURES, 'notes', `${seed}.${format}`))]);
    expect(converted.format).toBe(format);
    expect(paragraphs(converted)).toEqual(paragraphs(text));
  });
});

describe('PDF pages', () => {
  it('gives each block the page its first line is on', async () => {
    const doc = await processFile(join(FIXTURES, 'notes', '003.pdf'));
    expect(doc.pageCount).toBe(4);
    const pages = doc.blocks.map((b) => b.page!);
    expect(pages.every((page) => page >= 1 && page <= 4)).toBe(true);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    // Paragraph 2 starts on page 1 and goes on past the footnote at the foot of that page.
    const second = doc.blocks.find((b) => b.number === '2' && b.kind === 'paragraph')!;
    expect(second.page).toBe(1);
    expect(doc.text.slice(second.start, second.end)).toContain('\f');
    expect(doc.blocks.find((b) => b.kind === 'footnote')?.text).toMatch(/^在预防问题工作组和实施情况审议组联席会议期间/);
  });

  it('sets running headers and job numbers aside as furniture', async () => {
    const doc = await processFile(join(import.meta.dirname, '..', '..', 'shared', 'corpus-dev', 'files', 'D01.en.pdf'));
    const furniture = doc.blocks.filter((b) => b.kind === 'furniture').map((b) => b.text);
    expect(furniture).toContain('CAC/COSP/IRG/II/6/1/Add.1');
    expect(furniture.some((t) => /^V\.\d{2}-\d{5} \d$/.test(t))).toBe(true);
    const prose = doc.blocks.filter((b) => b.kind !== 'furniture').map((b) => b.text).join('\n');
    expect(prose).not.toMatch(/V\.\d{2}-\d{5}/);
  });
});

describe('text encodings', () => {
  it.each(['003.gb18030.txt', '003.utf16.txt', '003.utf8bom.txt'])('reads %s as the UTF-8 seed reads', async (file) => {
    const [seed, encoded] = await Promise.all([processFile(seedPath('003')), processFile(join(FIXTURES, 'encodings', file))]);
    expect(encoded.text).toBe(seed.text);
    expect(paragraphs(encoded)).toEqual(paragraphs(seed));
  });
});
