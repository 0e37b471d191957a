/**
 * The bytes of a text file to text, decoded only as the evidence says: a byte-order mark, else valid UTF-8,
 * else one of the two legacy encodings our users' files come in (GB18030 from Chinese Windows, Windows-1252
 * from Western Windows), taken only when a detector (chardet) agrees and the result reads as the language
 * the encoding is for. Everything else is refused with the reason: a wrong guess would put needs under a
 * country called "C魌e d扞voire".
 */
import { analyse } from 'chardet';
import iconv from 'iconv-lite';

/** Why text cannot be trusted: the ingest stage turns it into an IngestError naming the file. */
export class DecodeError extends Error {}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const BOMS: [number[], TextEncoding][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

export function decodeText(bytes: Buffer): DecodedText {
  const bom = BOMS.find(([mark]) => mark.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const [mark, encoding] = bom;
    return withoutNul({ text: strictDecode(encoding, bytes.subarray(mark.length)) ?? refuse(`not valid ${encoding.toUpperCase()} after its byte-order mark`), encoding });
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) refuse(`binary data: a NUL byte at byte ${nul}`);
  const utf8 = strictDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return decodeLegacy(bytes);
}

function refuse(reason: string): never {
  throw new DecodeError(reason);
}

/** The text, or null where a byte sequence is not valid in the encoding. */
function strictDecode(encoding: TextEncoding, bytes: Uint8Array): string | null {
  // Node's TextDecoder reads "windows-1252" as Latin-1 (0x92 as a control, not ’); iconv-lite has its table,
  // and marks the five bytes it leaves undefined with U+FFFD.
  if (encoding === 'windows-1252') {
    const text = iconv.decode(Buffer.from(bytes), encoding);
    return text.includes('\ufffd') ? null : text;
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A NUL is binary data in any encoding: the file is refused, wherever it stands. */
function withoutNul(decoded: DecodedText): DecodedText {
  const at = decoded.text.indexOf('\u0000');
  if (at >= 0) refuse(`binary data: a NUL character at character ${at}`);
  return decoded;
}

interface Candidate {
  encoding: 'gb18030' | 'windows-1252';
  label: string;
  /** The detector's names for it (Latin-1 as browsers read it is Windows-1252). */
  names: string[];
  /** Why the decoded text does not read as the encoding's language, or null when it does. */
  implausible: (text: string, bytes: Buffer) => string | null;
}

const CANDIDATES: Candidate[] = [
  { encoding: 'gb18030', label: 'GB18030', names: ['GB18030', 'GBK', 'GB2312'], implausible: notChinese },
  { encoding: 'windows-1252', label: 'Windows-1252', names: ['windows-1252', 'ISO-8859-1'], implausible: notLatin },
];

function decodeLegacy(bytes: Buffer): DecodedText {
  const detected = analyse(bytes);
  const best = detected[0];
  const reasons: string[] = [];
  for (const candidate of CANDIDATES) {
    const text = strictDecode(candidate.encoding, bytes);
    if (text === null) {
      reasons.push(`not valid ${candidate.label}`);
      continue;
    }
    const implausible = candidate.implausible(text, bytes);
    if (implausible) {
      reasons.push(`as ${candidate.label} ${implausible}`);
      continue;
    }
    // The detector ranks this encoding first (a short text may leave several tied), or its first guess reads
    // these bytes the same way.
    const first = detected.filter((m) => m.confidence === best?.confidence);
    if (first.some((m) => candidate.names.includes(m.name)) || (best && sameText(best.name, bytes, text))) return { text, encoding: candidate.encoding };
    reasons.push(`as ${candidate.label} it reads as its language, but chardet disagrees`);
  }
  const guess = best ? `; chardet takes it for ${best.name}${best.lang ? ` (${best.lang})` : ''}, ${best.confidence}% sure` : '';
  refuse(`cannot tell how the text is encoded: not UTF-8; ${reasons.join('; ')}${guess}. Save it as UTF-8`);
}

function sameText(encoding: string, bytes: Buffer, text: string): boolean {
  return iconv.encodingExists(encoding) && iconv.decode(bytes, encoding) === text;
}

/** Shares below which decoded text is not the language it should be; set well clear of real documents. */
const CHINESE = {
  /** Of the non-ASCII characters, the Han ones (the rest: CJK and full-width punctuation). */
  han: 0.5,
  /** Of the Han characters, those with a Han neighbour: Chinese runs on; mis-decoded Latin text gives lone ones. */
  inRuns: 0.8,
  /** Of the two-byte characters, the 3,755 common Han characters and the punctuation of GB2312. */
  common: 0.7,
};

function notChinese(text: string, bytes: Buffer): string | null {
  const nonAscii = [...text].filter((c) => c > '\u007f');
  const han = [...text.matchAll(/\p{Script=Han}/gu)];
  if (han.length < CHINESE.han * nonAscii.length) return `only ${han.length} of its ${nonAscii.length} non-ASCII characters are Chinese`;
  const inRuns = han.filter((m) => /\p{Script=Han}/u.test(text[m.index - 1] ?? '') || /\p{Script=Han}/u.test(text[m.index + 1] ?? '')).length;
  if (inRuns < CHINESE.inRuns * han.length) return `its Chinese characters stand alone among other letters (${han.length - inRuns} of ${han.length})`;
  const { common, twoByte } = gb2312Shares(bytes);
  if (common < CHINESE.common * twoByte) return `only ${common} of its ${twoByte} characters are common Chinese characters or punctuation`;
  return null;
}

/** GB18030's two-byte characters, and those of them that are GB2312 punctuation (rows A1-A3) or its level-1 Han characters (B0-D7). */
function gb2312Shares(bytes: Buffer): { common: number; twoByte: number } {
  let common = 0;
  let twoByte = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const next = bytes[i + 1] ?? 0;
    if (next >= 0x30 && next <= 0x39) {
      i += 3; // a four-byte character: outside GB2312
      continue;
    }
    twoByte++;
    if (next >= 0xa1 && ((lead >= 0xa1 && lead <= 0xa3) || (lead >= 0xb0 && lead <= 0xd7))) common++;
    i++;
  }
  return { common, twoByte };
}

const LATIN = {
  /** Of the characters that are not spaces, the non-ASCII ones: a few accents and typographic marks. */
  nonAscii: 0.15,
  /** Of the non-ASCII characters, those that are neither letters in a word with ASCII letters nor typographic marks. */
  odd: 0.2,
};

/** Marks a Western editor types where ASCII has plainer ones. */
const TYPOGRAPHIC = /[‘’‚“”„–—…•€£§°·«»\u00a0©®™]/u;

function notLatin(text: string): string | null {
  const visible = text.replace(/\s+/g, '').length;
  const nonAscii = [...text.matchAll(/[^\u0000-\u007f]/gu)];
  if (nonAscii.length > LATIN.nonAscii * visible) return `${nonAscii.length} of its ${visible} characters are not ASCII, more than a Western text has`;
  const odd = nonAscii.filter((m) => {
    if (TYPOGRAPHIC.test(m[0])) return false;
    if (!/\p{L}/u.test(m[0])) return true;
    const word = /\p{L}*$/u.exec(text.slice(Math.max(0, m.index - 40), m.index))![0] + /^\p{L}*/u.exec(text.slice(m.index + 1, m.index + 41))![0];
    return !/[A-Za-z]/.test(word);
  }).length;
  if (odd > LATIN.odd * nonAscii.length) return `${odd} of its ${nonAscii.length} non-ASCII characters are symbols or letters in words without ASCII letters`;
  return null;
}
