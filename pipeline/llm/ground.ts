/**
 * A quote the model gives back is only trusted where it stands in the document: located by exact match, else
 * by a match that ignores white space and the width of characters (full-width "，：（）" against half-width
 * ",:()", CJK text spaced out by a PDF, curly against straight quotes), and given exact offsets into the
 * document's normalised text. A quote found nowhere is dropped.
 */
import type { Span } from '../model.js';

/** Marks that differ in form, not meaning, beyond what NFKC folds (it folds the full-width forms). */
const SAME_MARK: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '‚': "'", '–': '-', '—': '-', '‐': '-', '‑': '-', '−': '-' };

/** The text folded for matching, with the offset in `text` where each folded character starts and ends. */
function fold(text: string, from: number, to: number): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = from; i < to; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const next = i + char.length;
    if (!/\s/u.test(char)) {
      for (const piece of char.normalize('NFKC')) {
        if (/\s/u.test(piece)) continue;
        folded += SAME_MARK[piece] ?? piece;
        starts.push(i);
        ends.push(next);
      }
    }
    i = next;
  }
  return { folded, starts, ends };
}

/** Where `quote` stands in `text` within `within` (the whole text by default), or null. */
export function locateQuote(text: string, quote: string, within: Span = { start: 0, end: text.length }): Span | null {
  const trimmed = quote.trim();
  if (trimmed.length === 0) return null;
  const exact = text.slice(within.start, within.end).indexOf(trimmed);
  if (exact >= 0) return { start: within.start + exact, end: within.start + exact + trimmed.length };
  const region = fold(text, within.start, within.end);
  const wanted = fold(trimmed, 0, trimmed.length).folded;
  if (wanted.length === 0) return null;
  const at = region.folded.indexOf(wanted);
  if (at < 0) return null;
  const start = region.starts[at]!;
  const end = region.ends[at + wanted.length - 1]!;
  return { start, end };
}
