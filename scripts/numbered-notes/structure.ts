/**
 * The structure of a seed note, read from its text form by the pipeline's segmenter, in the shape a word
 * processor needs to lay it out: a masthead, then headings, paragraphs (with their numbers), list items,
 * tables, figures and the footnotes each body block carries. The producers in this folder write it as Word
 * files whose numbers are Word's automatic numbering rather than characters of the text.
 */
import { processFile } from '../../pipeline/run.js';
import type { Block } from '../../pipeline/model.js';
import { headingNumbering } from '../../pipeline/segment/lines.js';

export interface Footnote {
  mark: string;
  text: string;
}

export type Item =
  | { kind: 'heading'; level: number; number?: string; scheme?: 'zh' | 'roman' | 'letter' | 'decimal' | 'arabic'; text: string }
  | { kind: 'paragraph'; number?: number; text: string; footnotes: Footnote[] }
  | { kind: 'item'; marker: string; text: string; footnotes: Footnote[] }
  | { kind: 'table'; label: string; title: string; rows: string[][] }
  | { kind: 'figure'; label: string; title: string };

export interface NoteStructure {
  /** The note's own symbols (for the masthead and the running head). */
  symbols: string[];
  /** The masthead's cells: the organ on the left, the distribution, date and languages on the right. */
  masthead: { left: string[]; right: string[] };
  /** What stands before the first numbered heading or paragraph: session, agenda, title, summary. */
  front: Item[];
  body: Item[];
}

const MASTHEAD_LINE = /^(Distr\.|Original:|Chinese$|English$|\d{1,2} [A-Z][a-z]+ \d{4}$)/;

export async function noteStructure(path: string): Promise<NoteStructure> {
  const doc = await processFile(path);
  const masthead = { left: ['联合国'], right: [] as string[] };
  const front: Item[] = [];
  const body: Item[] = [];
  let inBody = false;
  let last: Item | undefined;
  for (const block of doc.blocks) {
    // The body starts at the first numbered heading or paragraph.
    if ((block.kind === 'paragraph' || block.kind === 'heading') && block.number !== undefined) inBody = true;
    if (!inBody && MASTHEAD_LINE.test(block.text)) {
      masthead.right.push(block.text);
      continue;
    }
    // Page furniture of a PDF (job numbers, page numbers, symbols in running heads) belongs to Word's headers and footers.
    if (block.kind === 'furniture') continue;
    if (block.kind === 'footnote' && block.number !== '*' && last && (last.kind === 'paragraph' || last.kind === 'item')) {
      last.footnotes.push({ mark: block.number!, text: block.text });
      // The bare mark at the end of the paragraph becomes the reference.
      last.text = last.text.replace(new RegExp(`([。.;；：)）])${block.number}$`), '$1');
      continue;
    }
    const item = toItem(block);
    // A masthead organ line: the first text, before "Distr.".
    if (!inBody && masthead.right.length === 0 && front.length === 0 && item.kind === 'paragraph' && doc.text.includes('Distr.')) {
      masthead.left.push(item.text);
      continue;
    }
    (inBody ? body : front).push(item);
    last = item;
  }
  return { symbols: doc.symbols, masthead, front, body };
}

function toItem(block: Block): Item {
  switch (block.kind) {
    case 'heading': {
      // A heading's number is set apart by the segmenter; a producer decides whether Word numbers it.
      const numbering = block.number !== undefined ? headingNumbering(`${block.number}. ${block.text}`) : null;
      return numbering
        ? { kind: 'heading', level: block.level ?? 1, number: block.number, scheme: numbering.scheme, text: block.text }
        : { kind: 'heading', level: block.level ?? 1, text: block.text };
    }
    case 'paragraph':
      return block.number !== undefined
        ? { kind: 'paragraph', number: Number(block.number), text: block.text, footnotes: [] }
        : { kind: 'paragraph', text: block.text, footnotes: [] };
    case 'list_item':
      return { kind: 'item', marker: block.number ?? '•', text: block.text, footnotes: [] };
    case 'table': {
      const [label, ...title] = block.text.split(' ');
      return { kind: 'table', label: label ?? '', title: title.join(' '), rows: block.rows ?? [] };
    }
    case 'figure': {
      const [label, ...title] = block.text.split(' ');
      return { kind: 'figure', label: label ?? '', title: title.join(' ') };
    }
    case 'footnote':
      // The agenda note ("* CAC/COSP/…"): its mark is a character of the text, so it stays a line of its own.
      return { kind: 'paragraph', text: `* ${block.text}`, footnotes: [] };
    default:
      return { kind: 'paragraph', text: block.text, footnotes: [] };
  }
}

/** Word's letters: a … z, then aa … */
export function letter(value: number): string {
  return String.fromCharCode(97 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
}

const ZH = '一二三四五六七八九十';
/** 一 … 十九, the chapter numerals of a note. */
export function zhNumeral(value: number): string {
  if (value <= 10) return ZH[value - 1]!;
  return `${value >= 20 ? ZH[Math.floor(value / 10) - 1] : ''}十${value % 10 ? ZH[(value % 10) - 1] : ''}`;
}
export function zhValue(numeral: string): number {
  for (let value = 1; value < 100; value += 1) if (zhNumeral(value) === numeral) return value;
  return 0;
}
