/** The segment stage: a document's normalised text in, its blocks out. */
import type { LineLayout, SegmentedDocument, SourceDocument } from '../model.js';
import { assemble, furnitureBlock, type Layout } from './assemble.js';
import { readLayout } from './layout.js';
import { classifyLine, headingNumbering, joinHangingNumbers, splitLines, type Line, type LineKind } from './lines.js';
import { endsSentence } from './text.js';
import { markComments, markFrontMatter, markRecurringLines } from './furniture.js';

/**
 * Wrapped text has lines of a steady width that mostly end mid-sentence;
 * in line text each line is a paragraph of its own length.
 */
export function detectLayout(lines: Line[], kinds: LineKind[], paged: boolean): { layout: Layout; fullWidth: number } {
  // Numbered headings ("2.4. Technical assistance needs …") end without a full stop in either layout.
  const isHeading = (line: Line) => headingNumbering(line.content) !== null && !endsSentence(line.content);
  const prose = lines.filter((line, index) => ['text', 'numbered'].includes(kinds[index]!.type) && !isHeading(line));
  const widths = prose.map((line) => line.width).sort((a, b) => a - b);
  const fullWidth = widths[Math.floor(widths.length * 0.9)] ?? 0;
  if (paged) return { layout: 'wrapped', fullWidth };
  const unfinished = prose.filter((line) => !endsSentence(line.content)).length;
  const layout = prose.length > 10 && unfinished / prose.length > 0.5 && fullWidth <= 110 ? 'wrapped' : 'line';
  return { layout, fullWidth };
}

/** Running headers and footers: a page's first or last lines that recur, digits aside, on other pages. */
export function markRepeatedPageLines(lines: Line[]): Set<number> {
  const byPage = new Map<number, number[]>();
  lines.forEach((line, index) => {
    if (line.content === '' || line.content === '\f') return;
    const list = byPage.get(line.page) ?? [];
    list.push(index);
    byPage.set(line.page, list);
  });
  if (byPage.size < 2) return new Set();
  const edgeCount = new Map<string, number>();
  const edges: [number, string][] = [];
  for (const indices of byPage.values()) {
    const edge = new Set([...indices.slice(0, 2), ...indices.slice(-2)]);
    for (const index of edge) {
      const key = lines[index]!.content.replace(/\d+/g, '#');
      edges.push([index, key]);
      edgeCount.set(key, (edgeCount.get(key) ?? 0) + 1);
    }
  }
  return new Set(edges.filter(([, key]) => edgeCount.get(key)! >= 2).map(([index]) => index));
}

export function segment(document: SourceDocument): SegmentedDocument {
  const paged = document.pageCount !== null;
  const all = splitLines(document.text);
  // A PDF's layout tells where paragraphs start (white space, indents, type); in a DOCX every line is already a
  // Word paragraph, so its layout gives furniture only (Word files pasted from a PDF keep one line a paragraph).
  const fileLayout = document.format === 'pdf' ? readLayout(document, all) : undefined;
  const furnitureLines = document.layout ? furnitureByLayout(document.layout, all, paged) : furnitureByShape(all);
  const furniture = [...furnitureLines].map((index) => furnitureBlock(all[index]!, paged));
  const body = all.filter((_, index) => !furnitureLines.has(index));
  // A number left alone on its line is joined to its text here only in plain text: readers with a layout hang it themselves.
  const lines = document.layout ? body : joinHangingNumbers(body);
  const kinds = lines.map(classifyLine);
  const { layout, fullWidth } = detectLayout(lines, kinds, paged);
  const chapteredOutline = /^\s*(#+\s*)?([一二三四五六七八九十]+\s*[.、．]|[IVX]+\.\s)/m.test(document.text);
  const blocks = assemble(lines, kinds, { layout, fullWidth, chapteredOutline, documentText: document.text, paged, fileLayout });
  return { ...document, blocks: [...blocks, ...furniture].sort((a, b) => a.start - b.start) };
}

/** Furniture the file lays out as such (a masthead table, a Contents listing, a running header by its place), and page-edge repeats. */
function furnitureByLayout(layout: LineLayout[], all: Line[], paged: boolean): Set<number> {
  const lines = paged ? markRepeatedPageLines(all) : new Set<number>();
  for (const fact of layout) if (fact.furniture) lines.add(fact.line);
  return lines;
}

/** Plain text says nothing of its layout: furniture is told by the shapes and recurrence of its lines. */
function furnitureByShape(all: Line[]): Set<number> {
  // Text saved from a PDF has its pages too where pdftotext left the form feeds; without them, recurring lines tell.
  const pages = all.some((line) => line.page > 1);
  return new Set([...(pages ? markRepeatedPageLines(all) : markRecurringLines(all)), ...markFrontMatter(all), ...markComments(all)]);
}
