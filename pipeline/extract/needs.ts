/**
 * The technical-assistance needs of an executive summary, as a human coder reads them (domain page §4):
 * each item of a needs part (2.4, 3.4, "为改进《公约》实施工作而确定的技术援助需要") is one need; an item
 * takes the article it cites, else the article of the sub-heading it sits under ("Article 54 (…):",
 * "第五十六条（特别合作）："), else it is a general need of its chapter. Observations, good practices and
 * recommendations cite articles too, and are left alone because they sit outside the needs parts.
 */
import { readFileSync } from 'node:fs';
import type { Block, Lang, SegmentedDocument } from '../model.js';
import { sourceOffsets, spanInBlock } from '../segment/spans.js';
import { chapterNamed, chapterNumbered, chapterOf, parseArticleRefs, parseNumber, type ArticleRef } from './articles.js';

interface LayoutPatterns {
  needsHeading: RegExp;
  chapterHeading: RegExp;
  noNeeds: RegExp;
  general: RegExp;
  /** A chapter that holds the executive summary in a larger document ("III. Executive summary" of a review report). */
  summaryChapter: RegExp;
}

const LAYOUT: Record<Lang, LayoutPatterns> = (() => {
  const raw = JSON.parse(readFileSync(new URL('./data/summary-layout.json', import.meta.url), 'utf8')) as Record<Lang, Record<keyof LayoutPatterns, string>>;
  const compile = (p: Record<keyof LayoutPatterns, string>): LayoutPatterns => ({
    needsHeading: new RegExp(p.needsHeading, 'iu'),
    chapterHeading: new RegExp(p.chapterHeading, 'iu'),
    noNeeds: new RegExp(p.noNeeds, 'iu'),
    general: new RegExp(p.general, 'iu'),
    summaryChapter: new RegExp(p.summaryChapter, 'iu'),
  });
  return { en: compile(raw.en), zh: compile(raw.zh) };
})();

/** A need as found, before its category is decided. */
export interface NeedItem {
  text: string;
  block: number;
  start: number;
  end: number;
  page?: number;
  chapter: string;
  article: number | null;
  /** The text with a general marker ("Across chapter II:", "就第二章总体而言：") taken off. */
  body: string;
}

/** "Chapter II: Preventive measures" → "II", "第五章：资产的追回" → "V". */
function chapterOfHeading(text: string, lang: Lang): string | null {
  const match = LAYOUT[lang].chapterHeading.exec(text.trim());
  if (!match) return null;
  const number = match[2]!;
  if (lang === 'en') return chapterNamed(number);
  const n = parseNumber(number);
  return n ? chapterNumbered(n) : null;
}

const endsWithColon = (text: string) => /[:：]\s*$/.test(text);

/** Item text without its closing punctuation and joining word: "…(art. 6, para. 2); and" → "…(art. 6, para. 2)". */
function trimItem(text: string): string {
  return text.replace(/(\s*[;；,，]\s*(and|or|以及|和)?|[.。])\s*$/u, '').trim();
}

/**
 * The article an item is coded to. A citation closing the item names its subject ("…requests under
 * article 55 (art. 54, para. 1 (a))" is a need of article 54); a citation in passing yields to the
 * sub-heading the item sits under ("…rules under article 14" under "Article 52:").
 */
function articleOfItem(text: string, heading: number | null): number | null {
  const refs = parseArticleRefs(text);
  return closingCitation(text, refs)?.article ?? heading ?? refs[0]?.article ?? null;
}

/** The first reference inside the parenthesis that ends the text, if the text ends with one. */
function closingCitation(text: string, refs: ArticleRef[]): ArticleRef | null {
  const trimmed = trimItem(text);
  if (!/[)）]$/.test(trimmed)) return null;
  let depth = 0;
  for (let i = trimmed.length - 1; i >= 0; i -= 1) {
    const ch = trimmed[i]!;
    if (ch === ')' || ch === '）') depth += 1;
    else if (ch === '(' || ch === '（') {
      depth -= 1;
      if (depth === 0) return refs.find((ref) => ref.start >= i && ref.end <= trimmed.length) ?? null;
    }
  }
  return null;
}

/** An enumeration run into one paragraph ("…: (a) training…; (b) a study…"), cut into its items, each with its offset in `text`. */
function splitInlineItems(text: string): { piece: string; at: number }[] {
  const markers = [...text.matchAll(/(^|[:：;；]\s*(?:and\s+|以及)?)[(（]([a-z]|[一二三四五六七八九十]+)[)）]\s*/gu)];
  if (markers.length < 2) return [{ piece: text, at: 0 }];
  return markers.map((m, i) => {
    const at = m.index! + m[0].length;
    return { piece: text.slice(at, i + 1 < markers.length ? markers[i + 1]!.index! + markers[i + 1]![1]!.length : text.length), at };
  });
}

export function findNeeds(doc: SegmentedDocument): NeedItem[] {
  const layout = LAYOUT[doc.lang];
  const items: NeedItem[] = [];
  let chapter: string | null = null;
  let inPart = false;
  let partNumber = '';
  let headingArticle: number | null = null;
  let headingGeneral = false;

  const scope = summaryScope(doc.blocks, layout);
  doc.blocks.forEach((block, index) => {
    if (index < scope.from || index >= scope.to) return;
    if (block.kind === 'furniture' || block.kind === 'footnote') return;
    const text = block.text.trim();
    const isHeadingLike = block.kind === 'heading' || (block.kind === 'paragraph' && text.length < 200 && !/[.。]$/.test(text));
    const chapterHere = isHeadingLike ? chapterOfHeading(text, doc.lang) : null;
    if (chapterHere) {
      chapter = chapterHere;
      inPart = false;
      return;
    }
    // Inside a needs part, an unnumbered line that starts like the heading is a need ("Technical assistance needs assessment …").
    const opensPart = !inPart || block.kind === 'heading' || block.number !== undefined;
    if (isHeadingLike && opensPart && !endsWithColon(text) && layout.needsHeading.test(text)) {
      inPart = true;
      partNumber = block.number ?? '';
      headingArticle = null;
      headingGeneral = false;
      return;
    }
    if (!inPart) return;
    if (block.kind === 'heading') {
      inPart = false;
      return;
    }
    if (layout.noNeeds.test(text)) return;
    if (block.kind !== 'list_item' && endsWithColon(text)) {
      // A sub-heading ("Article 54 (…):", "Chapter V in general:") or a lead-in sentence.
      const refs = parseArticleRefs(text);
      if (refs.length > 0 && refs[0]!.start < 8) {
        headingArticle = refs[0]!.article;
        headingGeneral = false;
      } else if (layout.general.test(text)) {
        headingArticle = null;
        headingGeneral = true;
      }
      return;
    }
    const partChapter = chapter ?? chapterFromNumber(partNumber);
    const offsets = sourceOffsets(doc.text, block);
    const lead = block.text.length - block.text.trimStart().length;
    for (const { piece, at } of block.kind === 'paragraph' ? splitInlineItems(text) : [{ piece: text, at: 0 }]) {
      const itemText = trimItem(piece);
      if (itemText.length === 0) continue;
      const from = lead + at + piece.length - piece.trimStart().length;
      const generalMarker = layout.general.exec(itemText);
      const body = generalMarker ? itemText.slice(generalMarker[0].length) : itemText;
      const article = generalMarker || (headingGeneral && closingCitation(itemText, parseArticleRefs(itemText)) === null) ? null : articleOfItem(itemText, headingArticle);
      const item: NeedItem = {
        text: itemText,
        body,
        block: index,
        ...spanInBlock(offsets, block, from, from + itemText.length),
        chapter: (article !== null ? chapterOf(article) : null) ?? partChapter ?? '',
        article,
      };
      if (block.page !== undefined) item.page = block.page;
      items.push(item);
    }
  });
  return items;
}

/**
 * The blocks of the executive summary: where a numbered chapter ("II. Executive summary", "三. 执行摘要") holds it,
 * from there to the next chapter of its outline (a review report's "IV. Implementation of the Convention");
 * else the whole document.
 */
function summaryScope(blocks: Block[], layout: LayoutPatterns): { from: number; to: number } {
  const isChapter = (block: Block) => block.kind === 'heading' && block.level === 1 && block.number !== undefined && /^([IVX]+|[一二三四五六七八九十]+)$/.test(block.number);
  const from = blocks.findIndex((block) => isChapter(block) && layout.summaryChapter.test(block.text.trim()));
  if (from < 0) return { from: 0, to: blocks.length };
  const next = blocks.findIndex((block, index) => index > from && isChapter(block));
  return { from: from + 1, to: next < 0 ? blocks.length : next };
}

/** Second-cycle summaries number their chapter parts 2 (chapter II) and 3 (chapter V). */
function chapterFromNumber(number: string): string | null {
  const top = number.split('.')[0];
  return top === '2' ? 'II' : top === '3' ? 'V' : null;
}
