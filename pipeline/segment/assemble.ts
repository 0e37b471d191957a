/**
 * Assembling lines into blocks. Two kinds of text reach us:
 * - "line" text, where a line is a whole paragraph (Markdown, DOCX, clean text files), and
 * - "wrapped" text, where a paragraph runs over many lines (PDF text layers and text copied from them).
 * In both, a paragraph cut by a page break, a footnote block or a figure is made whole again.
 */
import type { Block } from '../model.js';
import type { LayoutReading } from './layout.js';
import { cleanInline, headingNumbering, isSectionTitle, type Line, type LineKind, type Numbering } from './lines.js';
import { endsSentence, joinWrapped } from './text.js';

export type Layout = 'line' | 'wrapped';

interface Draft {
  block: Block;
  /** Width of the block's last line, to tell a full line (wrapped on) from a short one (the end). */
  lastWidth: number;
  /** Its widest line: footnotes are set smaller, so their full lines are wider than the body's. */
  maxWidth: number;
  /** Indent of its first line: a bullet's own column. */
  firstIndent: number;
  /** Indent of its first run-on line where deeper than the first: a bullet's text column, its hanging indent. */
  hangingIndent?: number;
  /** It stands under a line that ends in a colon ("Article 58:"), or in a list of such lines: an item of its own. */
  underLeadIn: boolean;
}

export interface AssembleOptions {
  layout: Layout;
  /** The width of a full line in wrapped text, in columns (a Chinese character is two). */
  fullWidth: number;
  /** Whether the outline starts with 一./I. chapters, so that "1." headings sit at the third level. */
  chapteredOutline: boolean;
  documentText: string;
  paged: boolean;
  /** What the file's layout says of the lines (PDF, DOCX); absent for plain text. */
  fileLayout?: LayoutReading;
}

/** `kinds[i]` is what `lines[i]` is, as `classifyLine` tells. */
export function assemble(lines: Line[], kinds: LineKind[], options: AssembleOptions): Block[] {
  const blocks: Block[] = [];
  const furniture: Block[] = [];
  let current: Draft | null = null;
  /** The last paragraph or list item: text after an intrusion (footnotes, a page break, a figure) resumes it. */
  let resumable: Draft | null = null;
  let expectedParagraph = 1;
  let inFootnoteZone = false;
  /** Until the first heading or numbered paragraph, a masthead's short lines each stand alone. */
  let bodyStarted = false;
  let awaitingCaption: Draft | null = null;
  let awaitingTableTitle: Draft | null = null;
  let afterBlank = false;

  const isShort = (width: number, widest = 0) => width < Math.max(options.fullWidth, widest) * 0.8;
  const endsShort = (draft: Draft) => isShort(draft.lastWidth, draft.maxWidth);

  let lastOpened: Draft | null = null;
  const open = (kind: Block['kind'], line: Line, text: string, extra: Partial<Block> = {}): Draft => {
    const block: Block = { kind, ...extra, text, start: line.start, end: line.end, parts: [{ start: line.start, end: line.end }] };
    if (options.paged) block.page = line.page;
    const before = lastOpened;
    const underLeadIn = before !== null && (/[:：]$/.test(before.block.text) || (before.underLeadIn && before.block.kind === kind));
    blocks.push(block);
    lastOpened = { block, lastWidth: line.width, maxWidth: line.width, firstIndent: line.indent, underLeadIn };
    return lastOpened;
  };

  const extend = (draft: Draft, line: Line, text: string) => {
    if (draft.block.parts.length === 1 && line.indent > draft.firstIndent) draft.hangingIndent = line.indent;
    draft.block.text = joinWrapped(draft.block.text, text, options.documentText);
    draft.block.end = line.end;
    draft.block.parts.push({ start: line.start, end: line.end });
    draft.lastWidth = line.width;
    draft.maxWidth = Math.max(draft.maxWidth, line.width);
  };

  const addTitle = (draft: Draft, line: Line, text: string) => {
    draft.block.text = `${draft.block.text} ${text}`;
    draft.block.end = line.end;
    draft.block.parts.push({ start: line.start, end: line.end });
  };

  /** Whether a text line can still belong to this block. */
  const continues = (draft: Draft, next: string, line: Line): boolean => {
    const { kind, text } = draft.block;
    // A bullet alone on its line (cut from its text by a page break) takes the next line whatever its shape.
    if (kind === 'list_item' && text === '') return true;
    // Text laid out with indents (saved from a PDF) runs a bullet on under its hanging indent; a line back at
    // the bullet's column ("Article 13:", the next sentence) is not part of it.
    if (kind === 'list_item' && draft.hangingIndent !== undefined && line.indent < draft.hangingIndent) return false;
    if (kind === 'heading') {
      // A blank line in a text file ends a heading (in a PDF's text layer blank lines mean little), and so does
      // running text after its first line; once it has run on, it runs to the end of the sentence.
      const runningText = holdsSentenceEnd(next) && draft.block.parts.length === 1;
      if (options.layout === 'line' || endsSentence(text) || runningText || (!options.paged && afterBlank)) return false;
      return !endsShort(draft) || headingRunsOn(text, next);
    }
    if (kind === 'footnote') return options.layout === 'wrapped' ? inFootnoteZone || !endsShort(draft) : false;
    if (!bodyStarted) return false;
    // A line ending in a colon after a finished line introduces what follows ("Article 54 (…):", "建议…：").
    if (/[:：]$/.test(next) && (options.layout === 'line' || endsShort(draft))) return false;
    if (options.layout === 'line') {
      if (endsSentence(text)) return false;
      // In line text a bullet, or a plain line under a lead-in ("Article 58:" then a need a line), is one line,
      // unless the next is indented under it, it filled the line, or its sentence visibly runs on (a small word
      // at the break, lower case after it).
      const item = kind === 'list_item' || (kind === 'paragraph' && draft.underLeadIn && draft.block.number === undefined);
      return !item || line.indent > draft.firstIndent || !endsShort(draft) || headingRunsOn(text, next);
    }
    if (kind === 'paragraph' && draft.block.number !== undefined) return true;
    return !(endsSentence(text) && endsShort(draft));
  };

  const headingLevel = (numbering: Numbering): number => {
    switch (numbering.scheme) {
      case 'zh':
      case 'roman':
        return 1;
      case 'letter':
        return 2;
      default:
        return (options.chapteredOutline ? 2 : 0) + numbering.depth;
    }
  };

  const startHeading = (line: Line, text: string, fallbackLevel: number) => {
    const numbering = headingNumbering(text);
    const extra: Partial<Block> = numbering
      ? { level: headingLevel(numbering), number: numbering.number }
      : { level: fallbackLevel };
    current = open('heading', line, numbering ? numbering.rest : text, extra);
    resumable = null;
    bodyStarted ||= numbering !== null;
  };

  /** Where each paragraph number stands, to see whether the sequence goes on after a number that does not fit. */
  const numberedAt = new Map<number, number[]>();
  kinds.forEach((kind, index) => {
    if (kind.type === 'numbered') numberedAt.set(kind.number, [...(numberedAt.get(kind.number) ?? []), index]);
  });
  /**
   * The next paragraph number, or one a little ahead when a number was lost or misread: after a finished
   * sentence, the sequence resumes at a dotted number that the file hangs in the margin, or that the next
   * number follows.
   */
  const fitsSequence = (index: number, line: Line, kind: { number: number; dotted: boolean }): boolean => {
    if (kind.number === expectedParagraph) return true;
    if (kind.number < expectedParagraph || kind.number > expectedParagraph + 3 || !kind.dotted) return false;
    if (current && !endsSentence(current.block.text)) return false;
    return options.fileLayout?.marker(line) !== undefined || (numberedAt.get(kind.number + 1) ?? []).some((later) => later > index);
  };

  /** A numbered line that is short and unpunctuated is a sub-heading, not a paragraph. */
  const looksLikeHeading = (text: string, line: Line) =>
    isSectionTitle(text) || (!endsSentence(text) && (options.layout === 'line' ? line.width <= 60 : isShort(line.width) && line.width <= 80));

  for (const [index, line] of lines.entries()) {
    const kind = kinds[index]!;
    afterBlank = kinds[index - 1]?.type === 'blank';
    switch (kind.type) {
      case 'blank':
        continue;
      case 'page_break':
        // Footnotes end at the foot of their page, unless the page broke between the rule and the first note.
        if (current?.block.kind === 'footnote') inFootnoteZone = false;
        continue;
      case 'footnote_rule':
        furniture.push(furnitureBlock(line, options.paged));
        inFootnoteZone = true;
        current = null;
        continue;
      case 'furniture':
        furniture.push(furnitureBlock(line, options.paged));
        if (kind.what === 'link target') inFootnoteZone = false;
        continue;
      case 'footnote':
        current = open('footnote', line, kind.text, { number: kind.mark });
        continue;
    }

    if (inFootnoteZone) {
      // Inside the footnotes at a page's foot: a marked line starts a note, an unindented line continues one,
      // and an indented line is the first line of the next page.
      const mark = /^(\d{1,3}|\*)\s+(\S.*)$/.exec(line.content);
      if (mark && !(kind.type === 'numbered' && kind.dotted)) {
        current = open('footnote', line, cleanInline(mark[2]!), { number: mark[1]! });
        continue;
      }
      const nextParagraph = kind.type === 'numbered' && kind.number === expectedParagraph;
      const noteClosed = current?.block.kind === 'footnote' && endsSentence(current.block.text) && endsShort(current);
      if (line.indent === 0 && current?.block.kind === 'footnote' && !noteClosed && !nextParagraph) {
        extend(current, line, cleanInline(line.content));
        continue;
      }
      inFootnoteZone = false;
      current = null;
    }

    // The line after a figure's or a table's label is its title, whatever marks it carries.
    const title = awaitingCaption ?? awaitingTableTitle;
    if (title && (kind.type === 'text' || kind.type === 'markdown_heading')) {
      addTitle(title, line, kind.text);
      current = title.block.kind === 'table' ? title : null;
      awaitingCaption = awaitingTableTitle = null;
      continue;
    }
    awaitingCaption = awaitingTableTitle = null;

    switch (kind.type) {
      case 'figure':
        awaitingCaption = open('figure', line, kind.label);
        current = null;
        continue;
      case 'table_label':
        awaitingTableTitle = open('table', line, kind.label, { rows: [] });
        current = awaitingTableTitle;
        continue;
      case 'table_row': {
        const table: Draft = current?.block.kind === 'table' ? current : open('table', line, '', { rows: [] });
        table.block.rows!.push(kind.cells);
        table.block.end = line.end;
        table.block.parts.push({ start: line.start, end: line.end });
        current = table;
        continue;
      }
      case 'markdown_heading':
        startHeading(line, kind.text, kind.hashes);
        continue;
      case 'list_item':
        // "(c))." after "(art. 54, para. 1" is the end of a wrapped citation, not a new item.
        if (options.layout === 'wrapped' && current && hasOpenParenthesis(current.block.text)) break;
        current = resumable = open('list_item', line, kind.text, { number: kind.marker });
        continue;
      case 'numbered':
        if (fitsSequence(index, line, kind) && !looksLikeHeading(kind.text, line) && !options.fileLayout?.runsOn(line)) {
          current = resumable = open('paragraph', line, kind.text, { number: String(kind.number) });
          expectedParagraph = kind.number + 1;
          bodyStarted = true;
          continue;
        }
        if (kind.dotted && looksLikeHeading(kind.text, line)) {
          startHeading(line, cleanInline(line.content), 3);
          continue;
        }
        break;
    }

    // A line of plain text: a heading by its numbering, the rest of an open block, or a paragraph of its own.
    const text = kind.type === 'text' ? kind.text : cleanInline(line.content);
    if (options.fileLayout?.isHeading(line) && (current?.block.kind !== 'heading' || options.fileLayout.startsParagraph(line, current.block.text))) {
      // A sub-heading ending in a colon introduces what follows ("Article 11 (…):"), a paragraph of its own.
      if (/[:：]$/.test(text)) current = resumable = open('paragraph', line, text);
      else startHeading(line, text, 2);
      continue;
    }
    const numbering = headingNumbering(text);
    // Chapter and section numberings (一., I., A., 1.1.) mark headings whatever their length; a full stop says otherwise.
    if (numbering && numbering.scheme !== 'arabic' && (numbering.scheme === 'decimal' || !endsSentence(text))) {
      startHeading(line, text, 1);
      continue;
    }
    if (current?.block.kind === 'footnote' && continues(current, text, line)) {
      extend(current, line, text);
      continue;
    }
    // Past an intrusion (footnotes, a figure, a table, page furniture) the interrupted paragraph resumes.
    const target = current?.block.kind === 'heading' || current?.block.kind === 'paragraph' || current?.block.kind === 'list_item' ? current : resumable;
    if (target && !options.fileLayout?.startsParagraph(line, target.block.text) && continues(target, text, line)) {
      extend(target, line, text);
      current = target;
      continue;
    }
    current = resumable = open('paragraph', line, text);
  }
  return [...blocks, ...furniture].sort((a, b) => a.start - b.start);
}

/** A heading set in a larger font wraps early: it runs on when it stops on a small word or the next line starts in lower case. */
function headingRunsOn(heading: string, next: string): boolean {
  return /\b(of|to|the|and|in|for|on|with|against|by|a|an)$/i.test(heading) || /^[a-z]/.test(next);
}

/** A sentence ends inside the line and another follows: the line is running text, not the rest of a heading. */
function holdsSentenceEnd(line: string): boolean {
  return /[。！？；]./u.test(line) || /[.!?;]\s+[A-Z]/.test(line);
}

function hasOpenParenthesis(text: string): boolean {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return count(/[(（]/g) > count(/[)）]/g);
}

export function furnitureBlock(line: Line, paged: boolean): Block {
  const block: Block = { kind: 'furniture', text: line.content, start: line.start, end: line.end, parts: [{ start: line.start, end: line.end }] };
  if (paged) block.page = line.page;
  return block;
}
