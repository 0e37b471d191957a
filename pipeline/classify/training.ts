/**
 * The training set of the category model: needs phrased as reviews and national authors phrase them, one
 * labelled need a line ({text, lang, category, ...}) in the `*.jsonl` files of `corpus/training/`. A fixed
 * fifth of them, chosen by the hash of their text, is the dev split: the model never learns from it, and the
 * rules' share of the decision is chosen on it (scripts/tune-classify.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../model.js';
import type { LabelledNeed } from './model.js';

export const TRAINING_SET = fileURLToPath(new URL('../../corpus/training', import.meta.url));

/** Labelled need phrasings from a JSON-lines file; a line that is not one names the file and line. */
export function readPhrasings(path: string): LabelledNeed[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      let value: Partial<LabelledNeed>;
      try {
        value = JSON.parse(line) as Partial<LabelledNeed>;
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
      if (typeof value.text !== 'string' || (value.lang !== 'en' && value.lang !== 'zh') || !CATEGORIES.includes(value.category as Category)) {
        throw new Error(`${path}:${i + 1}: a phrasing needs text, lang (en or zh) and one of the six categories`);
      }
      return [{ text: value.text, lang: value.lang, category: value.category as Category }];
    });
}

export function loadTrainingSet(dir: string = TRAINING_SET): LabelledNeed[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readPhrasings(join(dir, f)));
}

/** One need in five, by the hash of its text: the same need is always on the same side. */
export const isDev = (need: LabelledNeed) => createHash('sha256').update(need.text).digest()[0]! % 5 === 0;

export function splitTrainingSet(needs: LabelledNeed[]): { train: LabelledNeed[]; dev: LabelledNeed[] } {
  return { train: needs.filter((n) => !isDev(n)), dev: needs.filter(isDev) };
}
