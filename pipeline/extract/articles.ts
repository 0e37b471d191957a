/**
 * Citations of the Convention's articles, in English and Chinese: "arts. 5 and 6", "article 52, paragraph 1",
 * "art. 9 (1)(b)", "arts. 53-55", "第五十二条第一款", "第五条和第六条", "第五至十条", "第 9 条", "第十条（一）项".
 */
import { readFileSync } from 'node:fs';

export interface ArticleRef {
  article: number;
  paragraph?: number;
  subparagraph?: string;
  /** The citation this reference was read from, as a span of the text given to the parser. */
  start: number;
  end: number;
}

export type Chapter = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI' | 'VII' | 'VIII';

const CHAPTERS = JSON.parse(readFileSync(new URL('./data/chapters.json', import.meta.url), 'utf8')) as Record<Chapter, { first: number; last: number }>;

const LAST_ARTICLE = 71;

export function chapterOf(article: number): Chapter | null {
  for (const [chapter, { first, last }] of Object.entries(CHAPTERS) as [Chapter, { first: number; last: number }][]) {
    if (article >= first && article <= last) return chapter;
  }
  return null;
}

/** How counts, labels and corrections name a need's article: "9", or "II-general" for a general need of chapter II. */
export const articleKey = (need: { article: number | null; chapter: string }): string => (need.article === null ? `${need.chapter}-general` : String(need.article));

/** A chapter by its Roman numeral as printed: "ii" → "II"; null for a numeral the Convention has no chapter for. */
export function chapterNamed(numeral: string): Chapter | null {
  const upper = numeral.toUpperCase();
  return upper in CHAPTERS ? (upper as Chapter) : null;
}

/** A chapter by its number: 5 → "V". */
export function chapterNumbered(n: number): Chapter | null {
  return (Object.keys(CHAPTERS) as Chapter[])[n - 1] ?? null;
}

/** The chapter a Chinese text names first: "与第二章有关的需求" → "II". */
export function chapterNamedZh(text: string): Chapter | null {
  const m = /第([一二三四五六七八])章/.exec(text);
  return m ? chapterNumbered(parseNumber(m[1]!)!) : null;
}

const ZH_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "五十二" → 52, "十四" → 14, "二十" → 20, "9" → 9. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^[〇零一二两三四五六七八九十]+$/.test(t)) return null;
  const ten = t.indexOf('十');
  if (ten < 0) return t.length === 1 ? ZH_DIGITS[t]! : null;
  const tens = ten === 0 ? 1 : ZH_DIGITS[t.slice(0, ten)];
  const units = ten === t.length - 1 ? 0 : ZH_DIGITS[t.slice(ten + 1)];
  return tens === undefined || units === undefined ? null : tens * 10 + units;
}

const ZH_NUMERALS = '〇一二三四五六七八九';

/** The inverse of parseNumber, as the notes write article numbers: 5 → "五", 14 → "十四", 52 → "五十二" (1-99). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`no Chinese numeral written for ${n}`);
  if (n < 10) return ZH_NUMERALS[n]!;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : ZH_NUMERALS[tens]}十${units === 0 ? '' : ZH_NUMERALS[units]}`;
}

const valid = (n: number | null): n is number => n !== null && n >= 1 && n <= LAST_ARTICLE;

function range(from: number, to: number): number[] {
  return to > from && to - from < 20 ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [from, to];
}

// --- English ---------------------------------------------------------------

const EN_CITATION = /\b(?:arts?\.|articles?)\s*(\d{1,2}(?:\s*(?:\(\d+\))?(?:\([a-z]+\))?)*(?:\s*(?:,|and|to|-|–|or)\s*(?:(?:para(?:graph)?s?\.?)\s*)?\d{1,2}(?:\s*\(\d+\))?(?:\s*\([a-z]+\))?)*(?:,?\s*para(?:graph)?s?\.?\s*\d{1,2}(?:\s*(?:and|,)\s*\d{1,2})*(?:\s*\([a-z]+\))?(?:,?\s*subpara(?:graph)?s?\.?\s*\([a-z]+\))?)?)/gi;

function parseEnglish(text: string): ArticleRef[] {
  const refs: ArticleRef[] = [];
  for (const m of text.matchAll(EN_CITATION)) {
    const body = m[1]!;
    const span = { start: m.index, end: m.index + m[0].length };
    // "article 52, paragraph 1 (a)" / "art. 14, para. 1 (a)": one article with a paragraph.
    const withParagraph = /^(\d{1,2}),?\s*para(?:graph)?s?\.?\s*(\d{1,2})(?:\s*(?:and|,)\s*\d{1,2})*(?:\s*\(([a-z]+)\))?(?:,?\s*subpara(?:graph)?s?\.?\s*\(([a-z]+)\))?/i.exec(body);
    if (withParagraph) {
      const ref: ArticleRef = { article: Number(withParagraph[1]), paragraph: Number(withParagraph[2]), ...span };
      const sub = withParagraph[3] ?? withParagraph[4];
      if (sub) ref.subparagraph = sub;
      if (valid(ref.article)) refs.push(ref);
      continue;
    }
    // "art. 9 (1)(b)": paragraph and subparagraph in brackets.
    const bracketed = /^(\d{1,2})\s*\((\d+)\)\s*(?:\(([a-z]+)\))?$/.exec(body.trim());
    if (bracketed) {
      const ref: ArticleRef = { article: Number(bracketed[1]), paragraph: Number(bracketed[2]), ...span };
      if (bracketed[3]) ref.subparagraph = bracketed[3];
      if (valid(ref.article)) refs.push(ref);
      continue;
    }
    // "art. 10 (a)": a subparagraph of an article without paragraphs.
    const lettered = /^(\d{1,2})\s*\(([a-z]+)\)$/.exec(body.trim());
    if (lettered) {
      if (valid(Number(lettered[1]))) refs.push({ article: Number(lettered[1]), subparagraph: lettered[2]!, ...span });
      continue;
    }
    // Lists and ranges: "arts. 5 and 6", "arts. 51, 56 and 59", "arts. 53-55", "articles 11 to 14".
    const numbers: number[] = [];
    const tokens = body.replace(/\([^)]*\)/g, ' ').split(/\s*(,|and|or|to|-|–)\s*/i);
    for (let i = 0; i < tokens.length; i += 2) {
      const n = Number(tokens[i]);
      if (!Number.isInteger(n) || n === 0) continue;
      const joiner = tokens[i - 1]?.toLowerCase();
      if ((joiner === 'to' || joiner === '-' || joiner === '–') && numbers.length > 0) numbers.push(...range(numbers.pop()!, n));
      else numbers.push(n);
    }
    for (const article of numbers.filter(valid)) refs.push({ article, ...span });
  }
  return refs;
}

// --- Chinese ---------------------------------------------------------------

const ZH_NUM = '(?:[〇零一二两三四五六七八九十]+|\\d{1,2})';
const ZH_CITATION = new RegExp(
  `第\\s*(${ZH_NUM})\\s*(?:条\\s*)?(?:(至|到|和|及|与|、|或)\\s*(?:第\\s*)?(${ZH_NUM})\\s*条|条)(?:\\s*第\\s*(${ZH_NUM})\\s*款)?(?:\\s*[（(]\\s*([一二三四五六七八九十]+|[a-z])\\s*[）)]\\s*项?)?`,
  'g',
);

function parseChinese(text: string): ArticleRef[] {
  const refs: ArticleRef[] = [];
  for (const m of text.matchAll(ZH_CITATION)) {
    const span = { start: m.index, end: m.index + m[0].length };
    const first = parseNumber(m[1]!);
    if (!valid(first)) continue;
    const joiner = m[2];
    const second = m[3] ? parseNumber(m[3]) : null;
    if (joiner && valid(second)) {
      const articles = joiner === '至' || joiner === '到' ? range(first, second) : [first, second];
      for (const article of articles) refs.push({ article, ...span });
      continue;
    }
    const ref: ArticleRef = { article: first, ...span };
    const paragraph = m[4] ? parseNumber(m[4]) : null;
    if (paragraph) ref.paragraph = paragraph;
    // Chinese texts number subparagraphs （一）（二）… where English letters them (a) (b) ….
    if (m[5]) ref.subparagraph = /^[a-z]$/.test(m[5]) ? m[5] : String.fromCharCode(96 + parseNumber(m[5])!);
    refs.push(ref);
  }
  return refs;
}

/** Every article the text cites, in order of citation, in either language. */
export function parseArticleRefs(text: string): ArticleRef[] {
  return [...parseChinese(text), ...parseEnglish(text)].sort((a, b) => a.start - b.start || a.article - b.article);
}
