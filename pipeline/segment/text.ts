/** Character-level helpers shared by the segmenter: widths, joins, punctuation. */
import type { Span } from '../model.js';

/** Han characters and the full-width punctuation that sits between them. */
export const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]/u;
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Columns a line takes on a page: a Chinese character is twice as wide as a Latin one. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** Ends with a sentence's or a clause's final punctuation, perhaps followed by closing quotes or brackets. */
export function endsSentence(text: string): boolean {
  return /[。！？；：.!?;:]["”’」』)）\]]*$/.test(text.trimEnd());
}

/** Letter-spaced Chinese from justified PDFs ("交 至 工 作 组") loses its spaces. */
export function closeCjkSpacing(text: string): string {
  return text.replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef]) (?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu, '');
}

/**
 * Joins a wrapped line to the text before it: nothing between Chinese characters, a space in English,
 * and a hyphen at the break removed when the document spells the word whole elsewhere.
 */
export function joinWrapped(before: string, after: string, documentText: string): string {
  if (before === '') return after;
  const last = before.at(-1)!;
  const first = after[0] ?? '';
  if (last === '-' && /[A-Za-z]$/.test(before.slice(0, -1)) && /^[a-z]/.test(after)) {
    const head = /[A-Za-z]+$/.exec(before.slice(0, -1))![0];
    const tail = /^[a-z]+/.exec(after)![0];
    const whole = new RegExp(`\\b${head}${tail}\\b`, 'i');
    return whole.test(documentText) ? before.slice(0, -1) + after : before + after;
  }
  if (CJK.test(last) || CJK.test(first)) return before + after;
  // A number in Chinese text cut by the wrap ("第1" / "7.060号法律").
  if (/\p{Script=Han}[\d.,]*\d$/u.test(before) && /^\d/.test(after)) return before + after;
  return `${before} ${after}`;
}

/**
 * The stretch of `text` around [start, end) that reaches on each side to the nearest of the `stops`
 * characters (left out), kept within [min, max): the clause (stops "，；。") or sentence ("。") of a figure.
 */
export function stretchAround(text: string, start: number, end: number, stops: string, min = 0, max = text.length): Span {
  const from = Math.max(min, ...[...stops].map((c) => text.lastIndexOf(c, start - 1) + 1));
  const to = Math.min(max, ...[...stops].map((c) => text.indexOf(c, end)).filter((i) => i >= 0));
  return { start: from, end: to };
}
