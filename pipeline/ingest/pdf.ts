/**
 * Reading a PDF with its layout: the text items pdf.js gives (position, width, font, size) become lines by
 * their baseline, and each line gets the facts the segmenter reads (`LineLayout`): where it stands, how it is
 * set, the number or bullet hanging in the margin beside it, whether it starts a paragraph, and whether it is
 * a running header or footer by its place on the page.
 */
import { getDocument, VerbosityLevel, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { IngestError, type LineLayout } from '../model.js';
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
  // Text only: no script evaluation, no fonts handed to a renderer.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, useSystemFonts: false });
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await task.promise;
    const pages: { lines: PageLine[]; height: number }[] = [];
    const fontOf = new FontNames();
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const runs = await pageRuns(page);
      await fontOf.learn(page, runs);
      pages.push({ lines: pageLines(runs, number), height: page.view[3]! - page.view[1]! });
      page.cleanup();
    }
    return layOut(pages, fontOf);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const { name, message } = error as Error;
    if (name === 'PasswordException') throw new IngestError(path, 'encrypted PDF: it needs a password');
    throw new IngestError(path, `corrupt or truncated PDF: ${message}`);
  } finally {
    await (doc ? doc.destroy() : task.destroy());
  }
}

async function pageRuns(page: PDFPageProxy): Promise<Run[]> {
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
  return runs;
}

/**
 * The PostScript names of the fonts (e.g. "BCDEEE+LiberationSerif-Bold"), which say bold and italic. pdf.js
 * hands a font to the main thread only when it builds a page's operator list, so that is done for the pages
 * that bring a font not seen before (usually the first one or two).
 */
class FontNames {
  private readonly names = new Map<string, string>();

  async learn(page: PDFPageProxy, runs: Run[]) {
    const unknown = [...new Set(runs.map((run) => run.font))].filter((font) => !this.names.has(font));
    if (unknown.length === 0) return;
    await page.getOperatorList();
    for (const font of unknown) {
      const name = page.commonObjs.has(font) ? (page.commonObjs.get(font) as { name?: string }).name : undefined;
      this.names.set(font, name ?? '');
    }
  }

  bold = (font: string) => BOLD_FONT.test(this.names.get(font) ?? '');
  italic = (font: string) => ITALIC_FONT.test(this.names.get(font) ?? '');
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
    line.runs.sort((a, b) => a.x - b.x);
    takeMarker(line);
  }
  return lines.sort((a, b) => a.baseline - b.baseline);
}

/** A number or bullet standing apart before the text beside it is the line's marker. */
function takeMarker(line: PageLine) {
  const [first, ...rest] = line.runs;
  const second = rest.find((run) => run.text.trim() !== '');
  if (!first || !second || !MARKER.test(first.text.trim())) return;
  if (second.x - first.right < first.size * 0.4) return;
  const printed = first.text.trim();
  line.marker = PRIVATE_USE.test(printed) ? '•' : printed;
  line.runs = line.runs.slice(line.runs.indexOf(second));
}

/** The text of a line: runs joined with the spaces the PDF has, a tab across a wide gap (a table's columns). */
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
      if (gap > Math.max(7, run.size * 0.7)) text = `${text.trimEnd()}\t`;
      else if (gap > run.size * 0.2 && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    }
    text += /\s$/.test(text) ? run.text.trimStart() : run.text;
    previous = run;
  }
  return text.trim();
}

/** The distance between the baselines of consecutive lines of a paragraph that occurs most: the body's line pitch. */
function commonPitch(pages: { lines: PageLine[] }[]): number {
  const counts = new Map<number, number>();
  for (const { lines } of pages) {
    for (let i = 1; i < lines.length; i++) {
      const pitch = Math.round((lines[i]!.baseline - lines[i - 1]!.baseline) * 2) / 2;
      if (pitch > 0 && pitch < Math.min(lines[i]!.size, lines[i - 1]!.size) * 1.6) counts.set(pitch, (counts.get(pitch) ?? 0) + 1);
    }
  }
  let best = 0;
  let bestCount = 0;
  for (const [pitch, count] of counts) if (count > bestCount || (count === bestCount && pitch < best)) [best, bestCount] = [pitch, count];
  return best || 12;
}

/**
 * Running headers and footers by their place: the first or last lines of a page, in its top or bottom band,
 * set apart from the body by white space, standing at the same height on another page.
 */
function pageFurniture(pages: { lines: PageLine[]; height: number }[], pitch: number): Map<PageLine, 'header' | 'footer'> {
  const candidates: { line: PageLine; where: 'header' | 'footer'; page: number }[] = [];
  pages.forEach(({ lines, height }, page) => {
    const apart = (a: PageLine, b: PageLine) => Math.abs(a.baseline - b.baseline) > pitch * 1.5;
    for (let i = 0; i < Math.min(2, lines.length - 1); i++) {
      if (lines[i]!.baseline > height * EDGE_BAND || !apart(lines[i]!, lines[i + 1]!)) break;
      candidates.push({ line: lines[i]!, where: 'header', page });
    }
    for (let i = lines.length - 1; i > Math.max(0, lines.length - 3); i--) {
      if (lines[i]!.baseline < height * (1 - EDGE_BAND) || !apart(lines[i]!, lines[i - 1]!)) break;
      candidates.push({ line: lines[i]!, where: 'footer', page });
    }
  });
  const furniture = new Map<PageLine, 'header' | 'footer'>();
  for (const candidate of candidates) {
    const recurs = candidates.some((other) => other.page !== candidate.page && other.where === candidate.where && Math.abs(other.line.baseline - candidate.line.baseline) < 2);
    if (recurs) furniture.set(candidate.line, candidate.where);
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
    let previous: { line: PageLine; x: number } | undefined;
    for (const line of lines) {
      const text = lineText(line);
      const x = line.runs[0]!.x;
      const facts: LineLayout = { line: texts.length, page: line.page, x: round(x), y: round(line.baseline), fontSize: round(line.size) };
      const where = furniture.get(line);
      if (where) {
        facts.furniture = where;
      } else {
        const gap = previous ? line.baseline - previous.line.baseline - pitch : undefined;
        if (gap !== undefined) facts.gapBefore = round(Math.max(0, gap));
        const style = setIn(line, fontOf);
        if (style.bold) facts.bold = true;
        if (style.italic) facts.italic = true;
        if (line.marker) facts.marker = line.marker;
        const indented = previous !== undefined && Math.abs(x - previous.x) > line.size * 0.5;
        if (line.marker || (gap !== undefined && gap > line.size * 0.4) || indented) facts.paragraphStart = true;
        previous = { line, x };
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
