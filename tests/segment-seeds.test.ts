import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import type { Block, SegmentedDocument } from '../pipeline/model.js';
import { seedPath } from './helpers.js';

const PARAGRAPH_COUNTS: Record<string, number> = { '000': 55, '001': 63, '002': 100, '003': 11, '004': 51 };

const numbered = (doc: SegmentedDocument) => doc.blocks.filter((b) => b.kind === 'paragraph' && b.number !== undefined);

describe.each(Object.entries(PARAGRAPH_COUNTS))('seed %s', (seed, count) => {
  let doc: SegmentedDocument;
  const load = async () => (doc ??= await processFile(seedPath(seed)));

  it(`has numbered paragraphs 1-${count}, each once and in order`, async () => {
    const numbers = numbered(await load()).map((b) => Number(b.number));
    expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('ends every numbered paragraph where its sentence ends', async () => {
    // A footnote mark may follow the full stop in text taken from a PDF ("结业证书。6").
    const unfinished = numbered(await load()).filter((b) => !/[。：；.]["”）)]*\d{0,2}$/.test(b.text));
    expect(unfinished.map((b) => `${b.number}: …${b.text.slice(-30)}`)).toEqual([]);
  });

  it('keeps footnotes, page furniture and neighbours out of paragraphs', async () => {
    const d = await load();
    const notes = d.blocks.filter((b) => b.kind === 'footnote');
    for (const paragraph of numbered(d)) {
      expect(paragraph.text).not.toMatch(/https?:\/\/undocs|_{5}|<sup>/);
      for (const note of notes) expect(paragraph.text).not.toContain(note.text.slice(0, 20));
      // A neighbour's number would show as "N. " glued into the text.
      expect(paragraph.text).not.toMatch(new RegExp(`[。.]\\s*${Number(paragraph.number) + 1}\\.\\s`));
    }
  });

  it('gives offsets into the normalised text that cover each block', async () => {
    const d = await load();
    for (const block of d.blocks) {
      expect(block.start).toBe(block.parts[0]!.start);
      expect(block.end).toBe(block.parts.at(-1)!.end);
      let previous = block.start;
      for (const part of block.parts) {
        expect(part.start).toBeGreaterThanOrEqual(previous);
        expect(part.end).toBeGreaterThan(part.start);
        previous = part.end;
      }
    }
    // A one-line paragraph's text is its line, less its number.
    const first = numbered(d)[0]!;
    expect(d.text.slice(first.parts[0]!.start, first.parts[0]!.end)).toContain(first.text.slice(0, 10));
  });
});

const byNumber = async (seed: string) => new Map(numbered(await processFile(seedPath(seed))).map((b) => [b.number, b.text]));

describe('paragraphs cut by the page or by footnotes come out whole', () => {
  it('joins a paragraph across the agenda footnote (000, 3)', async () => {
    const text = (await byNumber('000')).get('3')!;
    expect(text).toContain('这反过来又清楚地确认了');
    expect(text).not.toContain('CAC/COSP/2013/1');
  });

  it('joins a paragraph across a footnote block and the next page (003, 2)', async () => {
    const text = (await byNumber('003')).get('2')!;
    expect(text).toContain('加强机构间协调的重要性，在地方政府一级也是如此');
    expect(text).not.toContain('预防问题工作组第十次会议的报告');
  });

  it('joins wrapped lines without spaces and drops link targets glued to their text (002)', async () => {
    const paragraphs = await byNumber('002');
    expect(paragraphs.get('16')).toContain('伯利兹于 2016 年 12 月 12 日加入。新西兰');
    expect(paragraphs.get('83')).toMatch(/递交至工作组第十一届会议（见CAC\/COSP\/WG\.2\/2017\/3）。$/);
    expect(paragraphs.get('82')).toMatch(/^毒品和犯罪问题办公室继续支持广泛专题领域的国际合作/);
  });

  it('resumes a paragraph after a footnote in Markdown-style text (004, 18)', async () => {
    const text = (await byNumber('004')).get('18')!;
    expect(text).toMatch(/以确保通过一项行为守则法案和一项人权和公共行政法案。$/);
  });
});

describe('headings, lists, footnotes, tables and figures', () => {
  it('takes numbered sub-headings inside a chapter as headings, not paragraphs (002)', async () => {
    const doc = await processFile(seedPath('002'));
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.map((h) => h.number)).toEqual(['一', '二', '三', '四', 'A', 'B', 'C', '1', '2', 'D', 'E', '1', '2', '3', '4', '5', 'F', 'G', '五']);
    expect(headings.find((h) => h.text === '反腐败峰会')).toMatchObject({ number: '2', level: 3 });
    expect(headings.find((h) => h.number === 'C')).toMatchObject({ level: 2, text: '为查明在《公约》实施方面的差距和技术援助需求而提供的援助' });
  });

  it('reads the footnotes of a PDF-derived text with their marks (002)', async () => {
    const doc = await processFile(seedPath('002'));
    const notes = doc.blocks.filter((b) => b.kind === 'footnote');
    expect(notes.map((n) => n.number)).toEqual(['*', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(notes[3]!.text).toBe('关于国别审议发现的技术援助需求的详情，可查阅秘书处关于该专题的说明（CAC/COSP/2017/7）。');
  });

  it('reads the two tables of 001 with numeric cells', async () => {
    const doc = await processFile(seedPath('001'));
    const tables = doc.blocks.filter((b): b is Block & { rows: string[][] } => b.kind === 'table');
    expect(tables.map((t) => t.text)).toEqual(['表 1 非洲国家组：按（第二章）条款和类别细分的需求', '表 2 亚太国家组：按（第二章）条款和类别细分的需求']);
    for (const table of tables) {
      const body = table.rows.slice(2);
      expect(body).toHaveLength(13);
      expect(body[0]![0]).toBe('第五条');
      expect(body.at(-1)![0]).toBe('共计');
      for (const row of body) for (const cell of row.slice(1).filter(Boolean)) expect(cell).toMatch(/^\d+$/);
    }
    expect(tables[0]!.rows[2]).toEqual(['第五条', '10', '5', '7', '3', '3', '2', '30']);
  });

  it('keeps figure captions and list items (001)', async () => {
    const doc = await processFile(seedPath('001'));
    const figures = doc.blocks.filter((b) => b.kind === 'figure').map((b) => b.text);
    expect(figures).toHaveLength(10);
    expect(figures[0]).toBe('图一 按区域分列的已完成执行摘要的国家和有第二章相关技术援助需求的国家数目（第二周期）');
    expect(figures[8]).toBe('图九 亚太国家组：能力建设需求的类型');
    const items = doc.blocks.filter((b) => b.kind === 'list_item');
    expect(items.slice(0, 2).map((b) => b.number)).toEqual(['(a)', '(b)']);
    expect(items.find((b) => b.text === '执法和起诉以及案件管理。')?.number).toBe('(h)');
  });
});
