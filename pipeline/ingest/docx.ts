/**
 * Reading a DOCX from its XML into the line text the segmenter reads, with the layout facts Word knows:
 * - a paragraph per line, blank lines between; headings (heading styles, outline levels) as "#"-prefixed lines;
 * - Word's automatic numbers and bullets, which are not in the paragraph's characters, written at the head of
 *   the line as Word prints them ("7. …", "(a) …", "• …") and kept as the line's `marker`;
 * - table rows as tab-separated cells; footnotes as "<sup>N</sup> text" lines at the end, their mark left as a
 *   bare number where it stood;
 * - a masthead laid out as a table, and a Contents listing, marked as furniture in the layout.
 * Running headers and footers (their own parts of the package) are left out.
 */
import type { LineLayout } from '../model.js';
import furniture from './data/docx-furniture.json' with { type: 'json' };
import bullets from './data/docx-bullets.json' with { type: 'json' };
import { Numbering } from './docx-numbering.js';
import { numberingReference, outlineLevel, StyleSheet } from './docx-styles.js';
import { child, childElements, isElement, openPackage, readPart, toggle, val, type XmlElement } from './ooxml.js';

export interface DocxText {
  text: string;
  layout: LineLayout[];
}

/** One line of the text and what the file says about it (its `line` is set when the text is joined). */
type Entry = { text: string; layout: Omit<LineLayout, 'line'> };

/** Inline content not read as text: deletions and moved-away text, drawings and their text boxes, properties, a note's own mark. */
const SKIPPED = new Set(['w:del', 'w:moveFrom', 'w:drawing', 'w:pict', 'w:object', 'mc:AlternateContent', 'w:rPr', 'w:pPr', 'w:footnoteRef', 'w:endnoteRef']);
const DOT_LEADERS = new Set(['dot', 'middleDot', 'hyphen', 'underscore']);
const BULLETS = bullets as Record<string, string>;

export async function docxToText(bytes: Buffer): Promise<DocxText> {
  const pkg = await openPackage(bytes);
  const document = await readPart(pkg, 'word/document.xml');
  const body = child(document ?? undefined, 'w:body');
  if (!body) throw new Error('no word/document.xml body in the package');
  const styles = new StyleSheet(await readPart(pkg, 'word/styles.xml'));
  const reader = new BodyReader(styles, new Numbering(await readPart(pkg, 'word/numbering.xml'), styles));
  reader.readBlocks(body);
  const entries = [...reader.entries];
  for (const [part, element] of [['word/footnotes.xml', 'w:footnote'], ['word/endnotes.xml', 'w:endnote']] as const) {
    const notes = await readPart(pkg, part);
    for (const note of reader.notesInOrder(notes, element)) entries.push({ text: note, layout: { paragraphStart: true } });
  }
  // A line per entry with a blank line between: entry k is line 2k.
  const layout = entries.map((entry, index) => ({ line: 2 * index, ...entry.layout }));
  return { text: entries.map((entry) => entry.text).join('\n\n') + '\n', layout };
}

interface NoteReference {
  kind: 'w:footnote' | 'w:endnote';
  id: string;
  /** The printed mark: the note's number in order of reference, or its custom mark ("*"). */
  mark: string;
}

const isTocField = (instruction: string) => /^\s*TOC\b/.test(instruction);

class BodyReader {
  readonly entries: Entry[] = [];
  private readonly notes: NoteReference[] = [];
  private readonly noteCount = { 'w:footnote': 0, 'w:endnote': 0 };
  /** The instructions of the fields open at this point ("TOC \o …", "PAGEREF …"). */
  private readonly openFields: string[] = [];
  /** Whether the paragraph being read stands in a TOC field (Word's generated table of contents). */
  private tocFieldSeen = false;
  /** Until the first heading or numbered paragraph, a table can be the masthead. */
  private bodyStarted = false;
  private tablesRead = 0;
  /** After a "Contents" title, while the lines look like its entries. */
  private inContents = false;

  constructor(
    private readonly styles: StyleSheet,
    private readonly numbering: Numbering,
  ) {}

  readBlocks(container: XmlElement, inTableOfContents = false): void {
    for (const element of childElements(container)) {
      switch (element.name) {
        case 'w:p':
          this.readParagraph(element, inTableOfContents);
          break;
        case 'w:tbl':
          this.readTable(element);
          break;
        case 'w:sdt': {
          const gallery = val(child(child(element, 'w:sdtPr'), 'w:docPartObj'), 'w:docPartGallery');
          const content = child(element, 'w:sdtContent');
          if (content) this.readBlocks(content, inTableOfContents || gallery === 'Table of Contents');
          break;
        }
        case 'w:customXml':
        case 'w:smartTag':
          this.readBlocks(element, inTableOfContents);
          break;
      }
    }
  }

  private readParagraph(paragraph: XmlElement, inTableOfContents: boolean): void {
    const properties = child(paragraph, 'w:pPr');
    const styleId = val(properties, 'w:pStyle') ?? this.styles.defaultParagraphStyle;
    const style = this.styles.style(styleId);
    const printed = this.numbering.next(numberingReference(properties), styleId);
    this.tocFieldSeen = this.openFields.some(isTocField);
    const { text, bold } = this.inlineText(paragraph, style?.bold ?? false);
    const inTocField = this.tocFieldSeen || this.openFields.some(isTocField);
    const content = text.trim();
    if (content === '') return;

    const direct = outlineLevel(properties);
    const headingLevel = direct !== undefined ? (direct < 9 ? direct + 1 : undefined) : this.styles.headingLevel(styleId);
    const layout: Entry['layout'] = { paragraphStart: true };
    if (printed?.marker) layout.marker = printed.marker;
    if (style) layout.style = style.name;
    if (headingLevel !== undefined) layout.headingLevel = headingLevel;
    if (bold) layout.bold = true;
    const indent = child(properties, 'w:ind');
    const left = indent?.attributes['w:left'] ?? indent?.attributes['w:start'];
    if (left !== undefined && Number.isFinite(Number(left))) layout.x = Number(left) / 20;

    if (inTableOfContents || inTocField || /^toc\s*(\d|heading)/i.test(style?.name ?? '') || this.isContentsLine(content, properties)) {
      layout.furniture = 'contents';
    }

    const numbered = printed?.marker ? `${printed.marker} ${content}` : null;
    let line: string;
    if (headingLevel !== undefined && layout.furniture === undefined) {
      line = `${'#'.repeat(Math.min(headingLevel, 6))} ${numbered ?? content}`;
    } else if (numbered !== null) {
      line = numbered;
    } else {
      // Leading blanks stay: in text copied from a PDF they mark the first line of a page.
      line = text.trimEnd();
    }
    if (layout.furniture === undefined && (headingLevel !== undefined || (printed?.marker && !printed.bullet))) this.bodyStarted = true;
    this.entries.push({ text: line, layout });
  }

  /** A Contents title, or while in a Contents listing, one of its entries ("I. Introduction ……… 3"). */
  private isContentsLine(content: string, properties: XmlElement | undefined): boolean {
    if (furniture.contentsTitles.some((title) => title.toLowerCase() === content.toLowerCase())) {
      this.inContents = true;
      return true;
    }
    if (!this.inContents) return false;
    const tabs = child(properties, 'w:tabs');
    const leader = tabs !== undefined && childElements(tabs, 'w:tab').some((tab) => DOT_LEADERS.has(tab.attributes['w:leader'] ?? ''));
    const entry = leader || /(\t|\.{3,}|…{2,}|·{3,})\s*\d{1,3}$/.test(content) || furniture.contentsColumnTitles.includes(content);
    this.inContents = entry;
    return entry;
  }

  private readTable(table: XmlElement): void {
    const rows = childElements(table, 'w:tr').map((row) =>
      childElements(row, 'w:tc').map((cell) => this.cellText(cell)),
    );
    const text = rows.flat().join(' ');
    // The masthead is the document's first table, at its top, with a masthead's words in it.
    const masthead = this.tablesRead === 0 && this.entries.length <= furniture.mastheadLinesBefore && !this.bodyStarted && furniture.mastheadCues.some((cue) => text.includes(cue));
    this.tablesRead += 1;
    const contents = !masthead && this.isContentsTable(rows);
    for (const cells of rows) {
      if (cells.every((cell) => cell === '')) continue;
      const layout: Entry['layout'] = { paragraphStart: true };
      if (masthead) layout.furniture = 'masthead';
      else if (contents) layout.furniture = 'contents';
      this.entries.push({ text: cells.join('\t'), layout });
    }
  }

  /**
   * A Contents table: right after a Contents title, with page numbers closing most rows; or before the body,
   * headed "Contents" or "Page" in a cell of its own, with any page numbers.
   */
  private isContentsTable(rows: string[][]): boolean {
    const lastCells = rows.map((cells) => cells.filter((cell) => cell !== '').at(-1)).filter((cell) => cell !== undefined);
    const pages = lastCells.filter((cell) => /^\d{1,3}$/.test(cell)).length;
    const titles = [...furniture.contentsTitles, ...furniture.contentsColumnTitles];
    const headed = rows.some((cells) => cells.some((cell) => titles.includes(cell)));
    const contents = pages > 0 && ((headed && !this.bodyStarted) || (this.inContents && pages >= lastCells.length * 0.5));
    this.inContents = contents;
    return contents;
  }

  /** A cell's paragraphs (and nested tables) as one cell of a tab-separated row. */
  private cellText(cell: XmlElement): string {
    const parts: string[] = [];
    for (const element of childElements(cell)) {
      if (element.name === 'w:p') {
        const properties = child(element, 'w:pPr');
        const printed = this.numbering.next(numberingReference(properties), val(properties, 'w:pStyle') ?? this.styles.defaultParagraphStyle);
        const text = this.inlineText(element, false).text.replace(/\t/g, ' ').trim();
        if (text) parts.push(printed?.marker ? `${printed.marker} ${text}` : text);
      } else if (element.name === 'w:tbl') {
        for (const row of childElements(element, 'w:tr')) parts.push(...childElements(row, 'w:tc').map((inner) => this.cellText(inner)));
      } else if (element.name === 'w:sdt') {
        const content = child(element, 'w:sdtContent');
        if (content) parts.push(this.cellText(content));
      }
    }
    return parts.filter(Boolean).join(' ');
  }

  /** A paragraph's characters, in order, and whether every run of text in it is bold. */
  private inlineText(paragraph: XmlElement, styleBold: boolean): { text: string; bold: boolean } {
    let text = '';
    let allBold = true;
    let anyText = false;
    let customMarkNext = false;
    const visit = (element: XmlElement, runBold: boolean) => {
      for (const node of element.children) {
        if (!isElement(node) || SKIPPED.has(node.name)) continue;
        switch (node.name) {
          case 'w:r': {
            const properties = child(node, 'w:rPr');
            // Hidden text is not printed.
            if (toggle(properties, 'w:vanish')) break;
            visit(node, toggle(properties, 'w:b') ?? styleBold);
            break;
          }
          case 'w:t': {
            // A line break inside a run's text is white space to Word; the text keeps a line per paragraph.
            const characters = node.children.filter((part): part is string => typeof part === 'string').join('').replace(/[\r\n]+/g, ' ');
            if (customMarkNext) {
              // The custom mark of a note ("*") stands in the text; the note takes it as its mark.
              this.notes.at(-1)!.mark = characters.trim() || this.notes.at(-1)!.mark;
              customMarkNext = false;
            }
            text += characters;
            if (characters.trim()) {
              anyText = true;
              allBold &&= runBold;
            }
            break;
          }
          case 'w:tab':
            text += '\t';
            break;
          case 'w:br':
          case 'w:cr':
            text += ' ';
            break;
          case 'w:noBreakHyphen':
            text += '-';
            break;
          case 'w:sym': {
            const code = Number.parseInt(node.attributes['w:char'] ?? '', 16);
            if (Number.isFinite(code)) {
              const character = String.fromCharCode(code);
              text += BULLETS[character] ?? character;
            }
            break;
          }
          case 'w:fldChar': {
            const type = node.attributes['w:fldCharType'];
            if (type === 'begin') this.openFields.push('');
            else if (type === 'end') this.openFields.pop();
            break;
          }
          case 'w:instrText':
            // A field's instruction ("TOC \o "1-3"", "PAGEREF …") is not text, but it tells what the field is.
            if (this.openFields.length > 0) {
              this.openFields[this.openFields.length - 1] += node.children.filter((part) => typeof part === 'string').join('');
              this.tocFieldSeen ||= isTocField(this.openFields.at(-1)!);
            }
            break;
          case 'w:fldSimple':
            this.openFields.push(node.attributes['w:instr'] ?? '');
            this.tocFieldSeen ||= isTocField(this.openFields.at(-1)!);
            visit(node, runBold);
            this.openFields.pop();
            break;
          case 'w:footnoteReference':
          case 'w:endnoteReference': {
            const kind = node.name === 'w:footnoteReference' ? 'w:footnote' : 'w:endnote';
            if (['1', 'true', 'on'].includes(node.attributes['w:customMarkFollows'] ?? '')) {
              this.notes.push({ kind, id: node.attributes['w:id'] ?? '', mark: '*' });
              customMarkNext = true;
            } else {
              this.noteCount[kind] += 1;
              const mark = String(this.noteCount[kind]);
              this.notes.push({ kind, id: node.attributes['w:id'] ?? '', mark });
              text += mark;
            }
            break;
          }
          default:
            visit(node, runBold);
        }
      }
    };
    visit(paragraph, styleBold);
    return { text, bold: anyText && allBold };
  }

  /** The notes' texts, marked, in the order of their references in the body. */
  notesInOrder(part: XmlElement | null, element: 'w:footnote' | 'w:endnote'): string[] {
    if (!part) return [];
    const byId = new Map(childElements(part, element).map((note) => [note.attributes['w:id'] ?? '', note]));
    const lines: string[] = [];
    for (const reference of this.notes.filter((note) => note.kind === element)) {
      const note = byId.get(reference.id);
      if (!note) continue;
      const text = childElements(note, 'w:p')
        .map((paragraph) => this.inlineText(paragraph, false).text.trim())
        .filter(Boolean)
        .join(' ');
      lines.push(/^\d+$/.test(reference.mark) ? `<sup>${reference.mark}</sup> ${text}` : `${reference.mark} ${text}`);
    }
    return lines;
  }
}
