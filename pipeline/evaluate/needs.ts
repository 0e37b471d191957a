/**
 * Needs extraction measured against a labelled corpus: every file of every labelled document is run through
 * the pipeline and its needs matched to the labels, in order, by their text. The category model is trained
 * without the document under test, so that no figure is measured on what the model learned from.
 */
import { extname, relative } from 'node:path';
import type { Need } from '../model.js';
import { CategoryModel, type LabelledNeed } from '../classify/index.js';
import { scoreCategories, type CategoryPrediction, type CategoryScore } from './categories.js';
import { extractNeeds, needKey } from '../needs.js';
import { loadLabelledCorpus, type Label } from './labels.js';
import { segment } from '../segment/index.js';
import { ingestFile } from '../ingest/index.js';
import { byCodePoint } from '../order.js';

/** Item, article and category figures over a set of files. */
export interface NeedsFigures {
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
  /** Accuracy by confidence decile, least confident first, and the share of errors in the lowest tenth. */
  deciles: CategoryScore['deciles'];
  errorsInLowestTenth: number;
}

/**
 * The headline figures count each labelled document once, through the file that stands for it (see
 * `LabelledDocument.published`); `byFormat` scores every file of the corpus, by its kind (pdf, docx, md, txt),
 * so that a layout the published files do not show is measured too.
 */
export interface NeedsScore extends NeedsFigures {
  corpus: string;
  documents: number;
  byFormat: Record<string, NeedsFigures>;
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

/** What one file's needs did against its labels. */
interface FileResult {
  gold: number;
  found: number;
  matched: number;
  articleRight: number;
  /** Labelled and predicted category, with its confidence, of each matched need. */
  categories: CategoryPrediction[];
}

function figures(results: FileResult[]): NeedsFigures {
  const total = (key: 'gold' | 'found' | 'matched' | 'articleRight') => results.reduce((sum, r) => sum + r[key], 0);
  const matched = total('matched');
  const categories = scoreCategories(results.flatMap((r) => r.categories));
  return {
    files: results.length,
    gold: total('gold'),
    found: total('found'),
    matched,
    precision: round(ratio(matched, total('found'))),
    recall: round(ratio(matched, total('gold'))),
    articleAccuracy: round(ratio(total('articleRight'), matched)),
    categoryAccuracy: categories.accuracy,
    categoryMacroF1: categories.macroF1,
    perCategory: categories.perCategory,
    confusion: categories.confusion,
    deciles: categories.deciles,
    errorsInLowestTenth: categories.errorsInLowestTenth,
  };
}

/** The kind of file a score row speaks of: pdf, docx, md, txt. */
const fileKind = (path: string) => extname(path).slice(1).toLowerCase();

export async function evaluateNeeds(dir: string, training: (LabelledNeed & { doc: string })[]): Promise<NeedsScore> {
  const corpus = loadLabelledCorpus(dir);
  const errors: string[] = [];
  const published: FileResult[] = [];
  const byKind = new Map<string, FileResult[]>();
  for (const { doc, labels, files: paths, published: stands } of corpus) {
    const model = new CategoryModel(training.filter((t) => t.doc !== doc));
    for (const path of paths) {
      const needs = extractNeeds(segment(await ingestFile(path)), model);
      const name = relative(dir, path);
      const result: FileResult = { gold: labels.length, found: needs.length, matched: 0, articleRight: 0, categories: [] };
      const hit = new Set<Label>();
      for (const [need, label] of matchNeeds(needs, labels)) {
        if (!label) {
          errors.push(`${name}: not a need: "${need.text.slice(0, 70)}"`);
          continue;
        }
        hit.add(label);
        result.matched += 1;
        if (need.chapter === label.chapter && need.article === goldArticle(label)) result.articleRight += 1;
        else errors.push(`${name} ${label.id}: article ${need.chapter}/${need.article ?? 'general'}, labelled ${label.chapter}/${label.article}`);
        result.categories.push({ gold: label.category, predicted: need.category, confidence: need.confidence });
        if (need.category !== label.category) errors.push(`${name} ${label.id}: category ${need.category}, labelled ${label.category} (${need.cues.join('; ')})`);
      }
      for (const label of labels) if (!hit.has(label)) errors.push(`${name} ${label.id}: missed "${label.text.slice(0, 70)}"`);
      if (path === stands) published.push(result);
      byKind.set(fileKind(path), [...(byKind.get(fileKind(path)) ?? []), result]);
    }
  }
  const byFormat = Object.fromEntries([...byKind].sort(([a], [b]) => byCodePoint(a, b)).map(([kind, results]) => [kind, figures(results)]));
  const files = [...byKind.values()].reduce((sum, results) => sum + results.length, 0);
  return { corpus: dir, documents: corpus.length, ...figures(published), files, byFormat, errors };
}
