/**
 * Splitting the normalised text into lines and telling what each line is, before any joining.
 * Every rule here looks at one line; the assembler decides with the context of the lines around it.
 */
import { readFileSync } from 'node:fs';
import { closeCjkSpacing, displayWidth } from './text.js';

export interface Line {
  /** Offset of the line's first non-blank character in the normalised text. */
  start: number;
  /** Offset just after its last non-blank character. */
  end: number;
  /** The line without surrounding blanks. */
  content: string;
  /** Leading blanks: a PDF's text layer indents the first line of a page. */
  indent: number;
  page: number;
  width: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let page = 1;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    const content = raw.trim();
    // pdftotext starts each page's first line with the form feed; the PDF reader puts it on a line of its own.
    if (raw.startsWith('\f')) page += 1;
    lines.push({ start: offset + lead, end: offset + lead + content.length, content: raw === '\f' ? '\f' : content, indent: lead, page, width: displayWidth(content) });
    offset += raw.length + 1;
  }
  return lines;
}

/**
 * pdftotext sets a number hanging in the margin on a line of its own ("II." / "" / "Executive summary"); the
 * number and the text after it are one line again, spanning both.
 */
export function joinHangingNumbers(lines: Line[]): Line[] {
  const joined: Line[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    let next = index + 1;
    while (lines[next]?.content === '') next += 1;
    const text = lines[next];
    if (/^([IVX]+|[一二三四五六七八九十]+|\d{1,2}(\.\d{1,2})*)[.、．]$/.test(line.content) && text && text.content !== '\f' && text.page === line.page && !/^[\d(（•·●▪◦-]/.test(text.content)) {
      joined.push({ ...line, end: text.end, content: `${line.content} ${text.content}`, width: line.width + 1 + text.width });
      index = next;
    } else joined.push(line);
  }
  return joined;
}

const ZH_NUMERAL = '[一二三四五六七八九十]+';
const ROMAN = '[IVX]+';

/** A heading's numbering and where it puts the heading in the outline. */
export interface Numbering {
  number: string;
  scheme: 'zh' | 'roman' | 'letter' | 'decimal' | 'arabic';
  depth: number;
  rest: string;
}

export function headingNumbering(text: string): Numbering | null {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^(${ZH_NUMERAL})\\s*[.、．]\\s*(.+)$`).exec(text))) return { number: m[1]!, scheme: 'zh', depth: 1, rest: m[2]! };
  if ((m = new RegExp(`^(${ROMAN})\\.\\s+(.+)$`).exec(text))) return { number: m[1]!, scheme: 'roman', depth: 1, rest: m[2]! };
  if ((m = /^([A-Z])\.\s+(.+)$/.exec(text))) return { number: m[1]!, scheme: 'letter', depth: 1, rest: m[2]! };
  if ((m = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.+)$/.exec(text))) return { number: m[1]!, scheme: 'decimal', depth: m[1]!.split('.').length, rest: m[2]! };
  if ((m = /^(\d{1,2})[.．]\s*(.+)$/.exec(text))) return { number: m[1]!, scheme: 'arabic', depth: 1, rest: m[2]! };
  return null;
}

const SECTION_TITLES = (() => {
  const raw = JSON.parse(readFileSync(new URL('./data/section-titles.json', import.meta.url), 'utf8')) as Record<'en' | 'zh', string>;
  return [new RegExp(raw.en, 'u'), new RegExp(raw.zh, 'u')];
})();

/** The title of a summary's section after its number ("Introduction: Overview of…", "第二章：预防措施"): a heading however long. */
export function isSectionTitle(text: string): boolean {
  return SECTION_TITLES.some((pattern) => pattern.test(text));
}

export type LineKind =
  | { type: 'blank' }
  | { type: 'page_break' }
  | { type: 'furniture'; what: string }
  | { type: 'footnote_rule' }
  | { type: 'footnote'; mark: string; text: string }
  | { type: 'markdown_heading'; hashes: number; text: string }
  | { type: 'figure'; label: string }
  | { type: 'table_label'; label: string }
  | { type: 'table_row'; cells: string[] }
  | { type: 'list_item'; marker: string; text: string }
  | { type: 'numbered'; number: number; dotted: boolean; text: string }
  | { type: 'text'; text: string };

const FURNITURE: [RegExp, string][] = [
  [/^https?:\/\/\S+$/, 'link target'],
  // A first page's footer also prints the dates of processing (DDMMYY) and the job number as a bar code.
  [/^[A-Z]{1,2}\.\d{2}-\d{4,5}(\s*\([A-Z]\))?(\s+\d{6}){0,2}(\s+\d{1,3})?(\s+\*\d+\*)?$/, 'job number'],
  [/^\*\d{7,8}\*$/, 'job number'],
  [/^(Please recycle|请回收)\s*♲?$/, 'job number'],
  [/^\d{1,3}(\s*\/\s*\d{1,3})?$/, 'page number'],
  [/^Page \d{1,3}( of \d{1,3})?$|^第\s*\d{1,3}\s*页$/, 'page number'],
  [/^-\s*\d{1,3}\s*-$/, 'page number'],
  [/^(CAC\/COSP|A\/|E\/|S\/)[A-Za-z0-9./]+$/, 'symbol'],
  [/^(?:Distr\.\s*:\s*\w+|Original\s*:\s*\w+|Chinese|English|French|Spanish|Arabic|Russian)$/, 'masthead'],
  [/^-{3,}$|^\*{3,}$/, 'rule'],
];

/** A line of page furniture items set side by side: "V.24-03457      3/8", "CAC/COSP/IRG/II/4/1/Add.8\t\tPage 3". */
function isFurnitureRow(content: string): boolean {
  const cells = content.split(/\t+|\s{2,}/).filter((cell) => cell !== '');
  return cells.length >= 2 && cells.every((cell) => FURNITURE.some(([pattern, what]) => what !== 'rule' && pattern.test(cell)));
}

/**
 * "•\tText", "(a)\tText", "2.4.\tText": a marker and its text apart by a tab, as Word's numbering and a PDF's
 * hanging bullets come out in text. One tab-separated pair of a marker and text is an item, not a table row.
 */
const MARKER_TAB = /^([-•·●▪◦○■□➢►✓–—\uf0a7\uf0b7\uf0d8\uf0fc]|\((?:[a-z]{1,2}|[ivx]{1,4})\)|（[一二三四五六七八九十]+）|[a-z]\)|\d{1,3}(?:\.\d{1,2})*\.|[IVX]+\.|[A-Z]\.|[一二三四五六七八九十]+[.、．])\t+([^\t]+)$/;

/** Inline markup the text forms carry: superscript footnote marks and link targets glued to their text. */
export function cleanInline(text: string): string {
  return closeCjkSpacing(
    text
      .replace(/<sup>\s*\d+\s*<\/sup>/g, '')
      .replace(/<!--.*?-->/g, '')
      .replace(/https?:\/\/undocs\.org\/(\S+?)(?=\1)/g, '')
      .replace(/\\\*/g, '*'),
  ).trim();
}

export function classifyLine(line: Line): LineKind {
  const c = line.content.replace(MARKER_TAB, '$1 $2');
  if (c === '\f') return { type: 'page_break' };
  if (c === '') return { type: 'blank' };
  if (/^_{5,}$/.test(c)) return { type: 'footnote_rule' };
  // A link target glued to its own text ("http://undocs.org/X/1X/1）。") is text, not a bare link.
  const gluedLink = /^https?:\/\/undocs\.org\/(\S+?)\1/.test(c);
  if (!gluedLink) for (const [pattern, what] of FURNITURE) if (pattern.test(c)) return { type: 'furniture', what };
  if (isFurnitureRow(c)) return { type: 'furniture', what: 'running header' };
  if (/^<!--.*-->$/.test(c)) return { type: 'furniture', what: 'comment' };

  let m: RegExpExecArray | null;
  if ((m = /^<sup>\s*(\d+)\s*<\/sup>\s*(.*)$/.exec(c))) return { type: 'footnote', mark: m[1]!, text: cleanInline(m[2]!) };
  if ((m = /^\\?\*\s+(\S.*)$/.exec(c))) return { type: 'footnote', mark: '*', text: cleanInline(m[1]!) };
  if ((m = /^\[\^(\d+)\]:\s*(.*)$/.exec(c))) return { type: 'footnote', mark: m[1]!, text: cleanInline(m[2]!) };
  if (c.includes('\t')) {
    const cells = c.split('\t').map((cell) => cleanInline(cell));
    if (cells.length >= 2) return { type: 'table_row', cells };
  }
  if ((m = /^(#{1,6})\s+(.*)$/.exec(c))) {
    const text = cleanInline(m[2]!);
    if (isFigureLabel(text)) return { type: 'figure', label: text };
    return { type: 'markdown_heading', hashes: m[1]!.length, text };
  }
  if (isFigureLabel(c)) return { type: 'figure', label: c };
  if ((m = /^((?:表|Table)\s*\d+)\.?$/.exec(c))) return { type: 'table_label', label: m[1]! };
  if ((m = /^(?:[-•·●▪◦*]\s+)?(\((?:[a-z]{1,2}|[ivx]{1,4})\)|（[一二三四五六七八九十]+）|[a-z]\))\s*(.*)$/.exec(c))) {
    return { type: 'list_item', marker: m[1]!, text: cleanInline(m[2]!) };
  }
  // En and em dashes only with a space after them: "——东欧组" continues a sentence. ("* " marks a footnote.)
  // \uf0a7, \uf0b7, \uf0d8, \uf0fc: bullets of the Symbol and Wingdings fonts as text layers give them.
  if ((m = /^(?:[-•·●▪◦○■□➢►✓\uf0a7\uf0b7\uf0d8\uf0fc]\s*|[–—]\s+)(.*)$/u.exec(c))) return { type: 'list_item', marker: c[0]!, text: cleanInline(m[1]!) };
  if (/^\d{1,2}(\.\d{1,2})+\.?\s/.test(c)) return { type: 'text', text: cleanInline(c) };
  if ((m = /^(\d{1,3})(?!\d)([.．])?\s*(\S.*)$/.exec(c)) && (m[2] || /^\d{1,3}\s/.test(c))) {
    return { type: 'numbered', number: Number(m[1]), dotted: Boolean(m[2]), text: cleanInline(m[3]!) };
  }
  return { type: 'text', text: cleanInline(c) };
}

function isFigureLabel(text: string): boolean {
  return new RegExp(`^(图${ZH_NUMERAL}|Figure\\s+(${ROMAN}|\\d+))\\.?$`).test(text);
}
