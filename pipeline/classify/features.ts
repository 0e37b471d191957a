/**
 * What the category model sees of a need: its words by their role in the request (the head's words, its
 * object's, the light verb's, the subject's, and every word plain), and the lexicon's cues by category and
 * role. English words are Porter stems; Chinese words are nodejieba's.
 * natural is loaded by its stemmer module only: its index also loads storage back ends that print to stdout.
 */
import { createRequire } from 'node:module';
import type { Lang } from '../model.js';
import { readHead, type HeadReading } from './head.js';
import { readLexicon, type LexiconVerdict } from './lexicon.js';

const require = createRequire(import.meta.url);
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

const EN_STOP = new Set('a an and the of for to in on at by with from as or its their his her into under within that which this these those be is are was were will would could should including such other all any more most new national public'.split(' '));

/** A word as the model knows it, or null for a word that says nothing (stop words, single Chinese characters). */
function term(word: string, lang: Lang): string | null {
  if (lang === 'en') {
    const lower = word.toLowerCase();
    return lower.length < 2 || EN_STOP.has(lower) ? null : PorterStemmer.stem(lower);
  }
  return /\p{Script=Han}/u.test(word) && word.length > 1 ? word : null;
}

export interface NeedReading {
  reading: HeadReading;
  lexicon: LexiconVerdict;
  features: Map<string, number>;
}

function featuresOf(reading: HeadReading, lexicon: LexiconVerdict, lang: Lang): Map<string, number> {
  const features = new Map<string, number>();
  const add = (name: string, value: number) => features.set(name, (features.get(name) ?? 0) + value);
  for (const w of reading.words) {
    if (w.role === 'aside') continue;
    const t = term(w.word, lang);
    if (t === null) continue;
    features.set(`w:${t}`, 1);
    if (w.role === 'head' || w.role === 'object' || w.role === 'verb' || w.role === 'subject') features.set(`${w.role}:${t}`, 1);
  }
  for (const hit of lexicon.hits) if (hit.score > 0) add(`cue:${hit.category}:${hit.role}`, hit.weight);
  if (lexicon.prefix) add(`prefix:${lexicon.prefix.category}`, 1);
  return features;
}

/** The head reading, the lexicon's verdict and the model's features of one need. */
export function readNeed(text: string, lang: Lang): NeedReading {
  const reading = readHead(text, lang);
  const lexicon = readLexicon(text, lang, reading);
  return { reading, lexicon, features: featuresOf(reading, lexicon, lang) };
}
