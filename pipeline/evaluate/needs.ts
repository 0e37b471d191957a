/**
 * Needs extraction measured against a labelled corpus: every file of every labelled document is run through
 * the pipeline and its needs matched to the labels, in order, by their text. The category model is trained
 * without the document under test, so that no figure is measured on what the model learned from.
 */
import { relative } from 'node:path';
import type { Need } from '../model.js';
import { CategoryModel, type LabelledNeed } from '../classify/index.js';
import { scoreCategories, type CategoryPrediction, type CategoryScore } from './categories.js';
import { extractNeeds, needKey } from '../needs.js';
import { loadLabelledCorpus, type Label } from './labels.js';
import { segment } from '../segment/index.js';
import { ingestFile } from '../ingest/index.js';

export interface NeedsScore {
  corpus: string;
  documents: number;
  files: number;
  gold: number;
  found: number;
  matched: number;
  precision: number;
  recall: number;
  /** Chapter and article (or general) both right, over the matched needs. */
  articleAccuracy: number;
  categoryAccuracy: number;
  categoryMacroF1: number;
  perCategory: CategoryScore['perCategory'];
  /** confusion[gold][predicted] */
  confusion: CategoryScore['confusion'];
  deciles: CategoryScore['deciles'];
  errorsInLowestTenth: number;
  errors: string[];
}

/** Labels write a general need's article as "II-general"; records as null. */
const goldArticle = (label: Label): number | null => (typeof label.article === 'number' ? label.article : null);

/** Character bigram overlap, for texts a PDF has changed a little (ligatures, hyphens). */
function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i += 1) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  return (2 * common) / Math.max(1, a.length - 1 + b.length - 1);
}

/** Pairs each found need with a label: exact text first, then the most similar left (at least 0.9). */
export function matchNeeds(found: Need[], labels: Label[]): [Need, Label | null][] {
  const used = new Set<number>();
  const keys = labels.map((l) => needKey(l.text));
  const pairs: [Need, Label | null][] = found.map((need) => {
    const key = needKey(need.text);
    let index = keys.findIndex((k, i) => !used.has(i) && k === key);
    if (index < 0) {
      let best = 0.9;
      keys.forEach((k, i) => {
        const s = used.has(i) ? 0 : similarity(k, key);
        if (s >= best) [best, index] = [s, i];
      });
    }
    if (index < 0) return [need, null];
    used.add(index);
    return [need, labels[index]!];
  });
  return pairs;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const round = (x: number) => Math.round(x * 10000) / 10000;

export async function evaluateNeeds(dir: string, training: (LabelledNeed & { doc: string })[]): Promise<NeedsScore> {
  const corpus = loadLabelledCorpus(dir);
  const predictions: CategoryPrediction[] = [];
  const errors: string[] = [];
  let files = 0;
  let gold = 0;
  let found = 0;
  let matched = 0;
  let articleRight = 0;
  for (const { doc, labels, files: paths } of corpus) {
    const model = new CategoryModel(training.filter((t) => t.doc !== doc));
    for (const path of paths) {
      files += 1;
      const needs = extractNeeds(segment(await ingestFile(path)), model);
      const name = relative(dir, path);
      const pairs = matchNeeds(needs, labels);
      gold += labels.length;
      found += needs.length;
      const hit = new Set<Label>();
      for (const [need, label] of pairs) {
        if (!label) {
          errors.push(`${name}: not a need: "${need.text.slice(0, 70)}"`);
          continue;
        }
        hit.add(label);
        matched += 1;
        if (need.chapter === label.chapter && need.article === goldArticle(label)) articleRight += 1;
        else errors.push(`${name} ${label.id}: article ${need.chapter}/${need.article ?? 'general'}, labelled ${label.chapter}/${label.article}`);
        predictions.push({ gold: label.category, predicted: need.category, confidence: need.confidence });
        if (need.category !== label.category) errors.push(`${name} ${label.id}: category ${need.category}, labelled ${label.category} (${need.cues.join('; ')})`);
      }
      for (const label of labels) if (!hit.has(label)) errors.push(`${name} ${label.id}: missed "${label.text.slice(0, 70)}"`);
    }
  }
  const categories = scoreCategories(predictions);
  return {
    corpus: dir,
    documents: corpus.length,
    files,
    gold,
    found,
    matched,
    precision: round(ratio(matched, found)),
    recall: round(ratio(matched, gold)),
    articleAccuracy: round(ratio(articleRight, matched)),
    categoryAccuracy: categories.accuracy,
    categoryMacroF1: categories.macroF1,
    perCategory: categories.perCategory,
    confusion: categories.confusion,
    deciles: categories.deciles,
    errorsInLowestTenth: categories.errorsInLowestTenth,
    errors,
  };
}
