/**
 * Where a piece of a block's text stands in the document. A block's text is its parts joined and cleaned
 * (wrapped lines joined, `<sup>` marks and link targets dropped, hyphens at a break closed), so an offset in
 * it is not an offset in the document; this aligns the two, character by character, in order.
 */
import type { Block, Span } from '../model.js';

/** How far ahead in the document a character of the block's text is looked for past dropped text. */
const LOOKAHEAD = 64;

/** For each character of `block.text`, its offset in `documentText`, or -1 where the join put it (a space). */
export function sourceOffsets(documentText: string, block: Block): number[] {
  const source: number[] = [];
  for (const part of block.parts) for (let i = part.start; i < part.end; i += 1) source.push(i);
  const offsets: number[] = [];
  let p = 0;
  for (const char of block.text) {
    // Code units, not code points: a character outside the BMP takes two offsets, as in the document.
    const width = char.length;
    let q = p;
    while (q < source.length && q - p < LOOKAHEAD && documentText[source[q]!] !== char[0]) q += 1;
    if (q < source.length && q - p < LOOKAHEAD && /\S/.test(char)) {
      for (let k = 0; k < width; k += 1) offsets.push(source[q + k] ?? source[q]!);
      p = q + width;
    } else {
      for (let k = 0; k < width; k += 1) offsets.push(-1);
    }
  }
  return offsets;
}

/** The document span of `block.text.slice(from, to)`: from its first placed character to its last. */
export function spanInBlock(offsets: number[], block: Block, from: number, to: number): Span {
  let start = from;
  while (start < to && offsets[start]! < 0) start += 1;
  let end = to - 1;
  while (end >= start && offsets[end]! < 0) end -= 1;
  if (start > end) return { start: block.start, end: block.end };
  return { start: offsets[start]!, end: offsets[end]! + 1 };
}
