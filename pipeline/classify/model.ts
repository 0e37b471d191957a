/**
 * The statistical half of the classifier: a multinomial logistic regression (`logistic.ts`) over the
 * head-weighted features of `features.ts`, one per language, trained on labelled needs. A language's model
 * is trained (or loaded) only when a need in that language is first classified, and kept on disk under
 * node_modules/.cache, keyed by the hash of what it was trained from (its examples, the rule files its
 * features read, and the training settings), so that runs do not train again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category, type Lang } from '../model.js';
import { readNeed } from './features.js';
import { DEFAULT_TRAINING, predictSoftmax, trainSoftmax, type SoftmaxWeights } from './logistic.js';

export interface LabelledNeed {
  text: string;
  lang: Lang;
  category: Category;
}

/** Raised when what a model is changes in code (features.ts, logistic.ts), so that no stale model is loaded. */
const MODEL_VERSION = 2;
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/ta-needs/category-model/', import.meta.url));
const ruleFiles = (lang: Lang) => ['head', 'lexicon'].map((name) => readFileSync(new URL(`./data/${name}.${lang}.json`, import.meta.url), 'utf8'));

export class CategoryModel {
  private readonly examples: Record<Lang, LabelledNeed[]> = { en: [], zh: [] };
  private readonly trained: Partial<Record<Lang, SoftmaxWeights>> = {};

  constructor(examples: LabelledNeed[]) {
    for (const example of examples) this.examples[example.lang].push(example);
  }

  /** The hash of everything the language's model is made from. */
  key(lang: Lang): string {
    const basis = JSON.stringify({ version: MODEL_VERSION, training: DEFAULT_TRAINING, rules: ruleFiles(lang), examples: this.examples[lang].map((e) => [e.text, e.category]) });
    return createHash('sha256').update(basis).digest('hex').slice(0, 24);
  }

  private weights(lang: Lang): SoftmaxWeights {
    const cached = this.trained[lang];
    if (cached) return cached;
    const path = join(CACHE_DIR, `${lang}-${this.key(lang)}.json`);
    let weights: SoftmaxWeights;
    if (existsSync(path)) {
      weights = JSON.parse(readFileSync(path, 'utf8')) as SoftmaxWeights;
    } else {
      weights = trainSoftmax(this.examples[lang].map((e) => ({ features: readNeed(e.text, lang).features, label: e.category })), [...CATEGORIES]);
      mkdirSync(CACHE_DIR, { recursive: true });
      // Written aside and renamed, so that a run reading the cache at the same time never sees half a file.
      const partial = `${path}.${process.pid}.partial`;
      writeFileSync(partial, JSON.stringify(weights));
      renameSync(partial, path);
    }
    this.trained[lang] = weights;
    return weights;
  }

  /** Probability of each category (summing to 1) for a need's features, or null when no example of the language was given. */
  probabilities(features: Map<string, number>, lang: Lang): Record<Category, number> | null {
    if (this.examples[lang].length === 0) return null;
    const weights = this.weights(lang);
    const p = predictSoftmax(weights, features);
    return Object.fromEntries(weights.labels.map((label, i) => [label, p[i]!])) as Record<Category, number>;
  }
}
