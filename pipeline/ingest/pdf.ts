/**
 * Reading a PDF with its layout: the text items pdf.js gives (position, width, font, size) become lines by
 * their baseline, and each line gets the facts the segmenter reads (`LineLayout`): where it stands, how it is
 * set, the number or bullet hanging in the margin beside it, whether it starts a paragraph, and whether it is
 * a running header or footer by its place on the page.
 */
import { AnnotationMode, getDocument, VerbosityLevel, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { IngestError, type LineLayout } from '../model.js';
import { CJK } from '../segment/text.js';
import { PAGE_BREAK } from './read.js';

/** One run of text as pdf.js places it, in points from the top left of its page. */
interface Run {
  text: string;
  x: number;
  right: number;
  baseline: number;
  size: number;
  font: string;
}

/** A line of one page: its runs left to right, and the marker hanging before its text, if any. */
interface PageLine {
  runs: Run[];
  marker?: string;
  baseline: number;
  size: number;
  page: number;
}

/** A number, letter or bullet printed alone before a paragraph's text: Word's automatic numbering. */
const MARKER = /^(?:\d{1,3}[.．]?|\((?:[a-z]{1,2}|[ivx]{1,4})\)|[a-z]\)|（[一二三四五六七八九十]+）|[•·●▪◦○■□➢►✓\-–—]|[\uE000-\uF8FF])$/;
/** Symbol fonts map their bullets to the private use area; they print as a bullet. */
const PRIVATE_USE = /^[\uE000-\uF8FF]$/;
const BOLD_FONT = /bold|black|heavy|semibold|demi/i;
const ITALIC_FONT = /italic|oblique/i;
/** Running headers and footers stand in the top and bottom eighth of a page. */
const EDGE_BAND = 0.125;

export async function readPdfWithLayout(path: string, bytes: Buffer): Promise<{ text: string; pageCount: number; layout: LineLayout[] }> {
  // No script evaluation, no system fonts. (disableFontFace would make pdf.js build every glyph's outline
  // in the operator lists that give the fonts' names: slower.)
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, useSystemFonts: false });
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await task.promise;
    const pages: { lines: PageLine[]; height: number }[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const { runs, height } = await pageRuns(page);
      pages.push({ lines: pageLines(runs, number), height });
      page.cleanup();
    }
    const fontOf = new FontNames();
    await fontOf.learn(doc, pages);
    return layOut(pages, fontOf);
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'PasswordException') throw new IngestError(path, 'encrypted PDF: it needs a password');
    throw new IngestError(path, `corrupt or truncated PDF: ${message}`);
  } finally {
    await (doc ? doc.destroy() : task.destroy());
  }
}

async function pageRuns(page: PDFPageProxy): Promise<{ runs: Run[]; height: number }> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: Run[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const { transform, width } = item as TextItem;
    const [x, baseline] = viewport.convertToViewportPoint(transform[4]!, transform[5]!) as [number, number];
    const size = Math.hypot(transform[2]!, transform[3]!);
    runs.push({ text: item.str, x, right: x + width, baseline, size, font: item.fontName });
  }
  return { runs, height: viewport.height };
}

/**
 * The PostScript names of the fonts (e.g. "BCDEEE+LiberationSerif-Bold"), which say bold and italic. pdf.js
 * hands a font to the main thread only when it builds a page's operator list, which costs as much again as
 * reading the page's text; so that is done only for the fonts of lines short enough to be headings, other than
 * the body's font, on the lightest pages that use them.
 */
class FontNames {
  private readonly names = new Map<string, string>();

  async learn(doc: PDFDocumentProxy, pages: { lines: PageLine[] }[]) {
    const lines = pages.flatMap((page) => page.lines);
    if (lines.length === 0) return;
    const lefts = lines.map((line) => line.runs[0]!.x).sort((a, b) => a - b);
    const rights = lines.map((line) => line.runs.at(-1)!.right).sort((a, b) => a - b);
    const textWidth = (rights[Math.floor(rights.length * 0.9)] ?? 0) - (lefts[Math.floor(lefts.length * 0.1)] ?? 0);
    // The body's own font sets its paragraphs, not its headings: it need not be looked up.
    const body = mainFont({ runs: lines.flatMap((line) => line.runs) });
    const needed = new Set(lines.filter((line) => line.runs.at(-1)!.right - line.runs[0]!.x < textWidth * 0.8).map(mainFont));
    needed.delete(body);
    // The lightest pages first: a page's operator list costs by what is on it.
    const byWeight = pages.map((page, index) => ({ index, runs: page.lines.flatMap((line) => line.runs) })).sort((a, b) => a.runs.length - b.runs.length || a.index - b.index);
    for (const { index, runs } of byWeight) {
      if (![...needed].some((font) => !this.names.has(font) && runs.some((run) => run.font === font))) continue;
      const page = await doc.getPage(index + 1);
      await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
      for (const run of runs) {
        if (!this.names.has(run.font) && page.commonObjs.has(run.font)) this.names.set(run.font, (page.commonObjs.get(run.font) as { name?: string }).name ?? '');
      }
      page.cleanup();
    }
  }

  bold = (font: string) => BOLD_FONT.test(this.names.get(font) ?? '');
  italic = (font: string) => ITALIC_FONT.test(this.names.get(font) ?? '');
}

/** The font that sets most of a line's characters. */
function mainFont(line: { runs: Run[] }): string {
  const counts = new Map<string, number>();
  for (const run of line.runs) counts.set(run.font, (counts.get(run.font) ?? 0) + run.text.trim().length);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** Runs grouped by baseline (a raised footnote mark stays on its line), top to bottom, left to right. */
function pageLines(runs: Run[], page: number): PageLine[] {
  const lines: PageLine[] = [];
  // Text first, so that a line's baseline and size are those of its text; then the spaces between the words.
  const blank = (run: Run) => run.text.trim() === '';
  const ordered = [...runs.filter((run) => !blank(run)), ...runs.filter(blank)];
  for (const run of ordered) {
    const line = lines.find((l) => Math.abs(l.baseline - run.baseline) < Math.min(l.size, run.size) * 0.5);
    if (line) {
      line.runs.push(run);
      // A small raised mark does not set the line's baseline and size.
      if (run.size > line.size && !blank(run)) Object.assign(line, { baseline: run.baseline, size: run.size });
    } else if (!blank(run)) {
      lines.push({ runs: [run], baseline: run.baseline, size: run.size, page });
    }
  }
  for (const line of lines) {
    line.runs = placeInnerRuns(line.runs.sort((a, b) => a.x - b.x));
    takeMarker(line);
  }
  return lines.sort((a, b) => a.baseline - b.baseline);
}

/**
 * Punctuation drawn in another font inside a run of text: pdf.js gives the run with a space where the mark
 * stands ("为 反腐败" and "“" apart, for "为“反腐败"). The mark takes the place of the space nearest to it.
 */
function placeInnerRuns(runs: Run[]): Run[] {
  const placed: Run[] = [];
  for (const run of runs) {
    const mark = /^\p{P}$/u.test(run.text.trim());
    const outer = mark && placed.find((other) => run.x > other.x + 0.5 && run.right < other.right - 0.5 && / /.test(other.text.trim()));
    if (!outer) {
      placed.push({ ...run });
      continue;
    }
    const at = ((run.x - outer.x) / (outer.right - outer.x)) * outer.text.length;
    const spaces = [...outer.text.matchAll(/ /g)].map((m) => m.index);
    const space = spaces.sort((a, b) => Math.abs(a - at) - Math.abs(b - at))[0]!;
    outer.text = outer.text.slice(0, space) + run.text.trim() + outer.text.slice(space + 1);
  }
  return placed;
}

/**
 * A number or bullet standing apart before the text beside it is the line's marker (its digits may come in
 * several runs). A number without a dot needs a tab's width apart: "12 日在伦敦…" is a date wrapped to the line.
 */
function takeMarker(line: PageLine) {
  const words = line.runs.filter((run) => run.text.trim() !== '');
  let end = 1;
  while (end < words.length && words[end]!.x - words[end - 1]!.right < words[end]!.size * 0.2) end++;
  const text = words[end];
  const printed = words.slice(0, end).map((run) => run.text.trim()).join('');
  if (!text || !MARKER.test(printed)) return;
  if (/^\d+$/.test(printed) && text.x - words[end - 1]!.right < text.size) return;
  line.marker = PRIVATE_USE.test(printed) ? '•' : printed;
  line.runs = line.runs.slice(line.runs.indexOf(text));
}

/**
 * The text of a line: runs joined with the spaces the PDF has, a space across a gap between Latin words, and a
 * tab across a gap wider than justified text leaves (a table's columns).
 */
function lineText(line: PageLine): string {
  let text = line.marker ? `${line.marker} ` : '';
  let previous: Run | undefined;
  for (const run of line.runs) {
    if (run.text.trim() === '') {
      if (!/\s$/.test(text)) text += ' ';
      continue;
    }
    if (previous) {
      const gap = run.x - previous.right;
      if (gap > Math.max(7, run.size * 1.2)) text = `${text.trimEnd()}\t`;
      else if (gap > run.size * 0.2 && !/\s$/.test(text) && !CJK.test(text.at(-1)!) && !CJK.test(run.text[0]!)) text += ' ';
    }
    text += /\s$/.test(text) ? run.text.trimStart() : run.text;
    previous = run;
  }
  return text.trim();
}

/**
 * The body's line pitch: the distance between baselines that occurs most below a full line (one that reaches
 * the right edge of the text, so the next line carries on its paragraph); a gap beyond it sets paragraphs apart.
 */
function commonPitch(pages: { lines: PageLine[] }[]): number {
  const rights = pages.flatMap(({ lines }) => lines.map((line) => line.runs.at(-1)!.right)).sort((a, b) => a - b);
  const textRight = rights[Math.floor(rights.length * 0.9)] ?? 0;
  const counts = new Map<number, number>();
  for (const { lines } of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [above, below] = [lines[i - 1]!, lines[i]!];
      if (above.runs.at(-1)!.right < textRight - above.size * 4 || Math.abs(above.size - below.size) > 0.5) continue;
      const pitch = Math.round((below.baseline - above.baseline) * 2) / 2;
      if (pitch > 0) counts.set(pitch, (counts.get(pitch) ?? 0) + 1);
    }
  }
  let best = 0;
  let bestCount = 0;
  for (const [pitch, count] of counts) if (count > bestCount || (count === bestCount && pitch < best)) [best, bestCount] = [pitch, count];
  return best || 12;
}

/**
 * Running headers and footers by their place: the line nearest the top or bottom edge of a page (with the one
 * next to it, when no more white space than between a paragraph's lines parts them), in the page's top or
 * bottom band, at the same height on at least half of the pages, and there either always set apart from the
 * body by more white space than between a paragraph's lines, or always the same text but for its digits.
 * (The first line of the body stands at the same height on every page too, but runs on into the next line.)
 */
function pageFurniture(pages: { lines: PageLine[]; height: number }[], pitch: number): Map<PageLine, 'header' | 'footer'> {
  const candidates: { line: PageLine; where: 'header' | 'footer'; page: number; apart: boolean }[] = [];
  pages.forEach(({ lines, height }, page) => {
    for (const where of ['header', 'footer'] as const) {
      const fromEdge = where === 'header' ? lines : [...lines].reverse();
      const inBand = (line: PageLine) => (where === 'header' ? line.baseline < height * EDGE_BAND : line.baseline > height * (1 - EDGE_BAND));
      const apartFromNext = (i: number) => Math.abs(fromEdge[i + 1]!.baseline - fromEdge[i]!.baseline) > pitch + fromEdge[i]!.size * 0.25;
      if (fromEdge.length < 2 || !inBand(fromEdge[0]!)) continue;
      const together = fromEdge.length > 2 && inBand(fromEdge[1]!) && !apartFromNext(0);
      const cluster = fromEdge.slice(0, together ? 2 : 1);
      const apart = apartFromNext(cluster.length - 1);
      for (const line of cluster) candidates.push({ line, where, page, apart });
    }
  });
  const furniture = new Map<PageLine, 'header' | 'footer'>();
  const enough = Math.max(2, Math.ceil(pages.length / 2));
  for (const candidate of candidates) {
    const alike = candidates.filter((other) => other.where === candidate.where && Math.abs(other.line.baseline - candidate.line.baseline) < 2);
    const apart = alike.every((other) => other.apart);
    const sameText = new Set(alike.map((other) => lineText(other.line).replace(/\d+/g, '#'))).size === 1;
    const pageCount = new Set(alike.map((other) => other.page)).size;
    // Two pages could put two lines of the body at the same height by chance; three hardly.
    if (pageCount >= enough && (sameText || (apart && pageCount >= 3))) furniture.set(candidate.line, candidate.where);
  }
  return furniture;
}

function layOut(pages: { lines: PageLine[]; height: number }[], fontOf: FontNames): { text: string; pageCount: number; layout: LineLayout[] } {
  const pitch = commonPitch(pages);
  const furniture = pageFurniture(pages, pitch);
  const texts: string[] = [];
  const layout: LineLayout[] = [];
  pages.forEach(({ lines }, index) => {
    if (index > 0) texts.push(PAGE_BREAK);
    let previous: { x: number; baseline: number; first: boolean } | undefined;
    for (const line of lines) {
      const text = lineText(line);
      const x = line.runs[0]!.x;
      const facts: LineLayout = { line: texts.length, page: line.page, x: round(x), y: round(line.baseline), fontSize: round(line.size) };
      const where = furniture.get(line);
      if (where) {
        facts.furniture = where;
      } else {
        const gap = previous && line.baseline - previous.baseline - pitch;
        if (gap !== undefined) facts.gapBefore = round(Math.max(0, gap));
        const style = setIn(line, fontOf);
        if (style.bold) facts.bold = true;
        if (style.italic) facts.italic = true;
        if (line.marker) facts.marker = line.marker;
        // A first-line indent starts a paragraph; a line further left does too, unless it wraps a first line.
        const indented = previous !== undefined && x > previous.x + line.size * 0.5;
        const outdented = previous !== undefined && !previous.first && x < previous.x - line.size * 0.5;
        if (line.marker || (gap !== undefined && gap > line.size * 0.4) || indented || outdented) facts.paragraphStart = true;
        previous = { x, baseline: line.baseline, first: facts.paragraphStart === true };
      }
      texts.push(text);
      layout.push(facts);
    }
  });
  return { text: texts.join('\n'), pageCount: pages.length, layout };
}

/** Bold or italic when most of the line's characters are. */
function setIn(line: PageLine, fontOf: FontNames): { bold: boolean; italic: boolean } {
  let total = 0;
  let bold = 0;
  let italic = 0;
  for (const run of line.runs) {
    const length = run.text.replace(/\s/g, '').length;
    total += length;
    if (fontOf.bold(run.font)) bold += length;
    if (fontOf.italic(run.font)) italic += length;
  }
  return { bold: bold * 2 > total, italic: italic * 2 > total };
}

const round = (value: number) => Math.round(value * 10) / 10;
