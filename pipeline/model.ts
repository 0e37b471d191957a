/**
 * The records that flow through the pipeline, declared once.
 * Offsets are UTF-16 code-unit indices into `SourceDocument.text`, the document's normalised text.
 */

export type Lang = 'zh' | 'en';
export type DocKind = 'secretariat_note' | 'executive_summary' | 'meeting_report' | 'unknown';
export type FileFormat = 'pdf' | 'docx' | 'text';

/** A half-open interval [start, end) of the normalised text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What a file says about one line of its normalised text beyond the characters: where the line stands, how it
 * is set, what Word numbers it. PDF and DOCX readers fill what their format knows; plain text has none, and
 * the segmenter falls back to the shapes of the lines there. Lengths are in points (1/72 inch).
 */
export interface LineLayout {
  /** Index of the line in `text.split('\n')`. */
  line: number;
  page?: number;
  /** Left edge of the line's text on the page (PDF), or its paragraph indent (DOCX). */
  x?: number;
  /** Baseline from the top of the page (PDF). */
  y?: number;
  /** White space above the line beyond its own line height (PDF). */
  gapBefore?: number;
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  /**
   * The number or bullet the file prints before the line's text, as printed ("7.", "(a)", "•"), where it
   * comes from the file's structure rather than its characters: Word's automatic numbering, or a number
   * hanging in a PDF's margin. The reader writes it at the head of the line's text too.
   */
  marker?: string;
  /** Word's paragraph style ("Heading 2", "List Paragraph"). */
  style?: string;
  /** A heading level the file declares (a Word heading style or outline level). */
  headingLevel?: number;
  /** The line starts a paragraph of the file (a Word paragraph; in a PDF, a gap or an indent before it). */
  paragraphStart?: boolean;
  /** Page furniture the file's layout tells (a running header or footer by its place on the page, a masthead table, a Contents page). */
  furniture?: 'header' | 'footer' | 'masthead' | 'contents';
}

/** A document after ingest: its normalised text and what we could tell about it. */
export interface SourceDocument {
  /** Hash of the file's bytes: the same file always gets the same id. */
  id: string;
  path: string;
  format: FileFormat;
  /** Normalised text: LF line ends, no BOM; for PDFs the pages are separated by a form feed line. */
  text: string;
  pageCount: number | null;
  lang: Lang;
  kind: DocKind;
  title: string | null;
  /** The document's own UN symbol(s), from its masthead or running header. */
  symbols: string[];
  /** ISO date (YYYY-MM-DD) from the masthead, or the session's first day. */
  date: string | null;
  /** Country named in an executive summary's title, as written. */
  country: string | null;
  /** Layout facts of the lines that have any, in line order; absent for plain text. Not stored. */
  layout?: LineLayout[];
}

export type BlockKind = 'heading' | 'paragraph' | 'list_item' | 'footnote' | 'table' | 'figure' | 'furniture';

export interface Block {
  kind: BlockKind;
  /** Heading depth, 1 for the top level. */
  level?: number;
  /** The numbering as printed: "一", "A", "1.1", "(a)", "12" for paragraph 12, "3" for footnote 3. */
  number?: string;
  /** The block's text: wrapped lines joined, intruding text left out. */
  text: string;
  start: number;
  end: number;
  /** 1-based page of the block's first line, for PDFs. */
  page?: number;
  /** The pieces of the normalised text the block was assembled from, in order. */
  parts: Span[];
  /** Table cells, row by row. */
  rows?: string[][];
  /** For paragraphs and list items: the articles they cite and the categories of need they name. */
  topics?: { articles: number[]; categories: Category[] };
}

export interface SegmentedDocument extends SourceDocument {
  blocks: Block[];
}

/** Why a file could not be ingested; `reason` is shown to the user next to the file name. */
export class IngestError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'IngestError';
  }
}

/** The six categories of need the secretariat counts (domain page §2). */
export const CATEGORIES = [
  'capacity_building',
  'institution_building',
  'legislative_assistance',
  'policymaking',
  'research_data',
  'international_cooperation',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The five UN regional groups (domain page §3). */
export const REGIONAL_GROUPS = ['african', 'asia_pacific', 'eastern_european', 'latin_american_caribbean', 'western_european_other'] as const;
export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];

/** A State as named in a document, resolved against the table of States parties. */
export interface State {
  /** ISO 3166-1 alpha-3 code: one State whatever the language or form of its name. */
  code: string;
  en: string;
  zh: string;
  region: RegionalGroup;
}

/** An analyst's decision on one need, kept across runs: accept it, or correct one of its fields. */
export interface Correction {
  /** The need's stable id. */
  needId: string;
  action: 'accept' | 'correct';
  /** article: a number, or "II-general" for a general need of chapter II; category: an id; country: a State's code. */
  field?: 'article' | 'category' | 'country';
  value?: string;
  who: string;
  /** ISO timestamp of the decision. */
  at: string;
}

/** What analysts' corrections did to a need: each field changed, from what to what, by whom, and who accepted it. */
export interface Review {
  corrected: Partial<Record<'article' | 'category' | 'country', { from: string; to: string; who: string; at: string }>>;
  accepted?: { who: string; at: string };
}

/** One technical-assistance need of an executive summary, found and classified. */
export interface Need {
  /** Stable across runs for the same country, chapter and text (see `needId`). */
  id: string;
  doc: string;
  lang: Lang;
  country: string | null;
  /** ISO alpha-3 of the country, when the table of States parties knows it. */
  countryCode: string | null;
  region: RegionalGroup | null;
  chapter: string;
  /** null: a general need of its chapter. */
  article: number | null;
  category: Category;
  confidence: number;
  /** What decided the category: a category prefix, lexicon cues, the model's strongest tokens. */
  cues: string[];
  text: string;
  /** Index of the block the need was read from, in the document's block order. */
  block: number;
  start: number;
  end: number;
  page?: number;
  /** Set when analysts have accepted or corrected this need. */
  review?: Review;
}
