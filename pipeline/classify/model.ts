/**
 * The statistical half of the classifier: natural's naive Bayes over word stems (English, Porter) and
 * nodejieba words (Chinese), trained on labelled needs. It weighs in where the lexicon is silent or split.
 * natural is loaded by its classifier and stemmer modules only: its index also loads storage back ends
 * that print to stdout.
 */
import { createRequire } from 'node:module';
import nodejieba from 'nodejieba';
import { CATEGORIES, type Category, type Lang } from '../model.js';

const require = createRequire(import.meta.url);
const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier') as new (stemmer?: unknown, smoothing?: number) => NaturalBayes;
const PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

interface NaturalBayes {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  getClassifications(tokens: string[]): { label: string; value: number }[];
}

export interface LabelledNeed {
  text: string;
  lang: Lang;
  category: Category;
}

const EN_STOP = new Set('a an and the of for to in on at by with from as or its their his her into under within that which this these those be is are was were will would could should including such other all any more most new national public'.split(' '));

/** The words that carry meaning, without citations: "(art. 9, para. 1)" is no evidence of a category. */
export function tokens(text: string, lang: Lang): string[] {
  const plain = text.replace(/[(（][^()（）]*[)）]/gu, ' ').replace(/《[^》]*》/gu, ' 法 ');
  if (lang === 'en') {
    return (plain.toLowerCase().match(/[a-z][a-z-]+/g) ?? []).filter((w) => !EN_STOP.has(w)).map((w) => PorterStemmer.stem(w));
  }
  return nodejieba.cut(plain).filter((w) => /\p{Script=Han}/u.test(w) && w.length > 1);
}

export class CategoryModel {
  private readonly bayes: Record<Lang, NaturalBayes | null> = { en: null, zh: null };

  constructor(examples: LabelledNeed[]) {
    for (const lang of ['en', 'zh'] as const) {
      const own = examples.filter((e) => e.lang === lang);
      if (own.length === 0) continue;
      const bayes = new BayesClassifier(undefined, 1);
      for (const example of own) bayes.addDocument(tokens(example.text, lang), example.category);
      bayes.train();
      this.bayes[lang] = bayes;
    }
  }

  /** Probability of each category (summing to 1), or null when no example of the language was given. */
  probabilities(text: string, lang: Lang): Record<Category, number> | null {
    const bayes = this.bayes[lang];
    if (!bayes) return null;
    const raw = bayes.getClassifications(tokens(text, lang));
    const total = raw.reduce((sum, r) => sum + r.value, 0);
    const result = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    for (const r of raw) result[r.label as Category] = total > 0 ? r.value / total : 1 / raw.length;
    return result;
  }
}
