/**
 * Lines that are not the document's content, told from the text alone: a UN document's masthead, title block
 * and Contents page (domain page §4), HTML comments in Markdown, and, in text saved from a PDF without its
 * page breaks, the running header and footer lines that recur through it.
 */
import { readFileSync } from 'node:fs';
import { classifyLine, headingNumbering, type Line } from './lines.js';
import { endsSentence } from './text.js';

interface FrontMatterPatterns {
  titleBlock: RegExp[];
  contents: RegExp;
  contentsPage: RegExp;
}

const DATA = JSON.parse(readFileSync(new URL('./data/front-matter.json', import.meta.url), 'utf8')) as Record<'en' | 'zh', { titleBlock: string[]; contents: string; contentsPage: string }> & {
  contentsEntry: string;
};
const FRONT: FrontMatterPatterns[] = [DATA.en, DATA.zh].map((p) => ({
  titleBlock: p.titleBlock.map((source) => new RegExp(source, 'u')),
  contents: new RegExp(p.contents, 'iu'),
  contentsPage: new RegExp(p.contentsPage, 'iu'),
}));
const CONTENTS_ENTRY = new RegExp(DATA.contentsEntry, 'u');

/** How far into a document its masthead and title block may reach, in lines. */
const FRONT_LINES = 80;

/**
 * The items of a masthead line set side by side ("United Nations      CAC/COSP/IRG/…", a Markdown table's
 * "| 联合国 | CAC/COSP/… |"), without Markdown's marks ("# Addendum", "**Note by the Secretariat**", "\\*").
 */
const cells = (content: string) =>
  content
    .replace(/^#+\s+/, '')
    .split(/\t+|\s{2,}|\s*\|\s*/)
    .map((cell) => cell.replace(/^(\*\*|__|\*|_)(.+)\1$/, '$2').replace(/\\\*/g, '*'))
    .filter((cell) => cell !== '');

function isTitleBlockLine(content: string): boolean {
  if (/^\|?[\s:|-]+\|?$/.test(content)) return /-{3}/.test(content); // a Markdown table's rule under a masthead row
  const items = cells(content);
  return items.length > 0 && items.every((cell) => FRONT.some((p) => p.titleBlock.some((pattern) => pattern.test(cell))));
}

const isContentsEntry = (content: string) => CONTENTS_ENTRY.test(content) || FRONT.some((p) => p.contentsPage.test(content));

/**
 * The body starts at the first numbered heading (a Markdown heading too: a masthead's lines are often set as
 * headings), numbered line, list item, line of running text, or number hanging alone.
 */
function startsBody(line: Line): boolean {
  if (/^([IVX]+|[一二三四五六七八九十]+|\d{1,2}(\.\d{1,2})*)[.、．]$/.test(line.content)) return true;
  const kind = classifyLine(line);
  if (kind.type === 'list_item' || kind.type === 'numbered') return true;
  const text = kind.type === 'markdown_heading' ? kind.text : line.content.replace(/\t+/g, ' ');
  return headingNumbering(text) !== null || line.width > 100;
}

/**
 * The masthead, title block and Contents page at a document's head, by line index. The search stops where the
 * body starts; lines it does not know before then are left as they are.
 */
export function markFrontMatter(lines: Line[]): Set<number> {
  const marked = new Set<number>();
  const limit = Math.min(lines.length, FRONT_LINES);
  for (let index = 0; index < limit; index += 1) {
    const content = lines[index]!.content;
    if (content === '' || content === '\f') continue;
    if (FRONT.some((p) => p.contents.test(content))) {
      marked.add(index);
      index = markContents(lines, index + 1, marked);
      continue;
    }
    if (isTitleBlockLine(content)) {
      marked.add(index);
      continue;
    }
    if (startsBody(lines[index]!)) break;
  }
  return marked;
}

/** Marks the Contents page's lines from `from` on; an entry may wrap over lines before its leaders. Returns the last index looked at. */
function markContents(lines: Line[], from: number, marked: Set<number>): number {
  let index = from;
  for (; index < lines.length; index += 1) {
    const content = lines[index]!.content;
    if (content === '' || content === '\f') continue;
    if (isContentsEntry(content) || (lines[index]!.width <= 100 && entryFollows(lines, index))) {
      marked.add(index);
      continue;
    }
    break;
  }
  return index - 1;
}

/** Whether one of the next two lines with text ends a Contents entry (its leaders and page number). */
function entryFollows(lines: Line[], index: number): boolean {
  const next = lines.slice(index + 1).filter((line) => line.content !== '' && line.content !== '\f').slice(0, 2);
  return next.some((line) => CONTENTS_ENTRY.test(line.content));
}

/** Lines inside Markdown's HTML comments (<!-- … -->): notes to an editor, not the document's text. */
export function markComments(lines: Line[]): Set<number> {
  const marked = new Set<number>();
  let open = false;
  lines.forEach((line, index) => {
    const starts = line.content.startsWith('<!--');
    if (open || starts) marked.add(index);
    if (starts) open = true;
    if (open && line.content.endsWith('-->')) open = false;
  });
  return marked;
}

/**
 * A running header or footer of text saved from a PDF without its page breaks: a short line that is no
 * sentence, heading or item and recurs, digits aside, three times or more.
 */
export function markRecurringLines(lines: Line[]): Set<number> {
  const byKey = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const c = line.content;
    if (c === '' || line.width > 80 || /^[|#]/.test(c) || endsSentence(c) || /[,，、]$/.test(c)) return;
    if (classifyLine(line).type !== 'text' || headingNumbering(c) !== null) return;
    const key = c.replace(/\d+/g, '#');
    const indices = byKey.get(key) ?? [];
    indices.push(index);
    byKey.set(key, indices);
  });
  return new Set([...byKey.values()].filter((indices) => indices.length >= 3).flat());
}
