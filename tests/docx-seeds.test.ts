/**
 * The five seed notes as Word files whose paragraph numbers are Word's automatic numbering (the numbers are
 * not characters of the text), made by two producers (scripts/make-numbered-notes.ts), must give the same
 * numbered paragraphs as their text form, with the masthead table and the Contents kept out of the body.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import type { SegmentedDocument } from '../pipeline/model.js';
import { descendants, openPackage, readPart } from '../pipeline/ingest/ooxml.js';
import { FIXTURES, seedPath, squeeze } from './helpers.js';

const PARAGRAPH_COUNTS: Record<string, number> = { '000': 55, '001': 63, '002': 100, '003': 11, '004': 51 };
const PRODUCERS = ['docxjs', 'lo'];
const cases = Object.entries(PARAGRAPH_COUNTS).flatMap(([seed, count]) => PRODUCERS.map((producer) => [`${seed}.${producer}.docx`, count] as const));

const numbered = (doc: SegmentedDocument) => doc.blocks.filter((b) => b.kind === 'paragraph' && b.number !== undefined);

describe.each(cases)('%s', (file, count) => {
  const path = join(FIXTURES, 'numbered', file);
  let doc: SegmentedDocument;
  const load = async () => (doc ??= await processFile(path));

  it('numbers its paragraphs with Word lists, not with characters of the text', async () => {
    const pkg = await openPackage(readFileSync(path));
    const body = (await readPart(pkg, 'word/document.xml'))!;
    const paragraphs = descendants(body, 'w:p');
    const listed = paragraphs.filter((p) => descendants(p, 'w:numPr').length > 0);
    expect(listed.length).toBeGreaterThanOrEqual(count);
    // Sub-headings ("1. 反腐败峰会") may carry typed numbers; body paragraphs may not.
    const typedNumber = paragraphs.filter((p) => {
      const style = descendants(p, 'w:pStyle')[0]?.attributes['w:val'] ?? '';
      const first = descendants(p, 'w:t')[0];
      return !/heading/i.test(style) && first !== undefined && /^\d{1,3}\.\s/.test(first.children.join(''));
    });
    expect(typedNumber).toHaveLength(0);
  });

  it(`has numbered paragraphs 1-${count}, each once and in order`, { timeout: 30_000 }, async () => {
    expect(numbered(await load()).map((b) => Number(b.number))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('gives each numbered paragraph and lettered item the text it has in the text form', { timeout: 30_000 }, async () => {
    const textForm = await processFile(seedPath(file.slice(0, 3)));
    // Whitespace aside, and a footnote's mark, which the Word file places at the end of its paragraph.
    const shape = (d: SegmentedDocument) =>
      d.blocks
        .filter((b) => (b.kind === 'paragraph' && b.number !== undefined) || (b.kind === 'list_item' && /^\(/.test(b.number!)))
        .map((b) => `${b.number} ${squeeze(b.text).replace(/(?<=[。.；;：:)）])\d{1,2}$/, '')}`);
    expect(shape(await load())).toEqual(shape(textForm));
  });

  it('writes each number at the head of its line and records it as the line marker', async () => {
    const d = await load();
    const lines = d.text.split('\n');
    const markers = new Map(d.layout!.filter((fact) => fact.marker !== undefined).map((fact) => [fact.line, fact.marker!]));
    for (const paragraph of numbered(d)) {
      const line = d.text.slice(0, paragraph.start).split('\n').length - 1;
      expect(markers.get(line)).toBe(`${paragraph.number}.`);
      expect(lines[line]!.startsWith(`${paragraph.number}. `)).toBe(true);
    }
  });

  it('ends every numbered paragraph where its sentence ends', async () => {
    const unfinished = numbered(await load()).filter((b) => !/[。：；.]["”）)]*\d{0,2}$/.test(b.text));
    expect(unfinished.map((b) => `${b.number}: …${b.text.slice(-30)}`)).toEqual([]);
  });

  it('keeps the masthead, the Contents and the footnotes out of every paragraph', async () => {
    const d = await load();
    const furniture = d.blocks.filter((b) => b.kind === 'furniture');
    expect(furniture.some((b) => b.text.includes('联合国'))).toBe(true);
    expect(furniture.some((b) => b.text === '目录')).toBe(true);
    const facts = new Map(d.layout!.map((fact) => [fact.line, fact]));
    const notes = d.blocks.filter((b) => b.kind === 'footnote');
    for (const block of d.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list_item' || b.kind === 'heading')) {
      const line = d.text.slice(0, block.start).split('\n').length - 1;
      expect(facts.get(line)?.furniture).toBeUndefined();
      expect(block.text).not.toMatch(/Distr\.|Original:|目录|页次|<sup>/);
      for (const note of notes) expect(block.text).not.toContain(note.text.slice(0, 20));
    }
  });
});
