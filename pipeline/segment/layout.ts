/**
 * What the file's layout says about a line (`SourceDocument.layout`, from the PDF or DOCX reader), read for
 * the assembler. Where a document has no layout (plain text), none of this applies and the assembler goes by
 * the shapes of the lines alone.
 */
import type { LineLayout, SourceDocument } from '../model.js';
import type { Line } from './lines.js';
import { displayWidth, endsSentence } from './text.js';

export interface LayoutReading {
  /** Indices (into `splitLines`) of the running headers and footers the layout places on the page. */
  furniture: Set<number>;
  /**
   * The file starts a paragraph at this line, after a block whose text is `before`: a change from or to bold or
   * larger type, or, after a finished sentence, white space, an indent or a number in the margin before it.
   */
  startsParagraph(line: Line, before: string): boolean;
  /** The line stands right under the one before it on its page, as the next line of the same paragraph. */
  runsOn(line: Line): boolean;
  /** Set apart as a heading: bold or larger than the body, standing alone, short. */
  isHeading(line: Line): boolean;
  /** The number or bullet hanging before the line's text in the file (Word's numbering), if any. */
  marker(line: Line): string | undefined;
}

/** A heading or sub-heading is at most this many columns wide (a Chinese character is two). */
const HEADING_WIDTH = 120;

export function readLayout(document: SourceDocument, lines: Line[]): LayoutReading | undefined {
  if (!document.layout) return undefined;
  const byLine = new Map(document.layout.map((facts) => [facts.line, facts]));
  const factsOf = new Map<Line, LineLayout>();
  lines.forEach((line, index) => {
    const facts = byLine.get(index);
    if (facts) factsOf.set(line, facts);
  });
  const furniture = new Set(document.layout.filter((facts) => facts.furniture).map((facts) => facts.line));
  const bodySize = commonFontSize(document.layout);
  const emphasised = (facts: LineLayout | undefined) => Boolean(facts && (facts.bold || (facts.fontSize ?? 0) >= bodySize + 1));

  /** The body lines in order, each with the one before it on its page: a change of emphasis starts a paragraph. */
  const before = new Map<Line, LineLayout>();
  const after = new Map<Line, LineLayout>();
  let previous: { line: Line; facts: LineLayout } | undefined;
  lines.forEach((line, index) => {
    const facts = byLine.get(index);
    if (!facts || facts.furniture) return;
    if (previous && previous.facts.page === facts.page) {
      before.set(line, previous.facts);
      after.set(previous.line, facts);
    }
    previous = { line, facts };
  });

  const startsParagraph = (line: Line, textBefore: string): boolean => {
    const facts = factsOf.get(line);
    if (!facts?.paragraphStart) return false;
    const above = before.get(line);
    if (above !== undefined && emphasised(above) !== emphasised(facts)) return true;
    // Mid-sentence, the white space is that of a footnote or a figure in between, and an indent or a leading
    // number is that of text copied from a PDF and set again.
    return endsSentence(textBefore);
  };

  return {
    furniture,
    startsParagraph,
    runsOn: (line) => {
      const facts = factsOf.get(line);
      return facts !== undefined && !facts.paragraphStart && before.has(line);
    },
    isHeading: (line) => {
      const facts = factsOf.get(line);
      if (!emphasised(facts) || facts?.marker) return false;
      // A heading stands alone: the line after it starts a paragraph of its own, unless the heading wraps on.
      const next = after.get(line);
      const alone = !next || next.paragraphStart === true || emphasised(next) !== emphasised(facts);
      const wraps = next !== undefined && !next.paragraphStart && emphasised(next) && !endsSentence(line.content);
      return (alone || wraps) && displayWidth(line.content) <= HEADING_WIDTH;
    },
    marker: (line) => factsOf.get(line)?.marker,
  };
}

/** The font size most of the document's lines are set in. */
function commonFontSize(layout: LineLayout[]): number {
  const counts = new Map<number, number>();
  for (const facts of layout) if (facts.fontSize !== undefined && !facts.furniture) counts.set(facts.fontSize, (counts.get(facts.fontSize) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [size, count] of counts) if (count > bestCount || (count === bestCount && size < best)) [best, bestCount] = [size, count];
  return best;
}
