/**
 * Category coding scored: accuracy, macro-F1 and the confusion matrix of predicted against labelled
 * categories, and whether confidence predicts error: accuracy by confidence decile, and the share of all
 * errors a reviewer catches by reading the least confident tenth.
 */
import { CATEGORIES, type Category } from '../model.js';

export interface CategoryPrediction {
  gold: Category;
  predicted: Category;
  confidence: number;
}

export interface ConfidenceDecile {
  /** Lowest and highest confidence in the decile. */
  from: number;
  to: number;
  count: number;
  accuracy: number;
}

export interface CategoryScore {
  count: number;
  accuracy: number;
  macroF1: number;
  perCategory: Record<Category, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[gold][predicted] */
  confusion: Record<Category, Record<Category, number>>;
  /** From the least confident tenth of the predictions to the most. */
  deciles: ConfidenceDecile[];
  /** The share of all errors that lie in the least confident tenth. */
  errorsInLowestTenth: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const round = (x: number) => Math.round(x * 10000) / 10000;

export function confidenceDeciles(predictions: CategoryPrediction[]): { deciles: ConfidenceDecile[]; errorsInLowestTenth: number } {
  // Equal confidences keep their order, so the deciles do not depend on the sort's whims.
  const sorted = predictions.map((p, i) => ({ p, i })).sort((a, b) => a.p.confidence - b.p.confidence || a.i - b.i).map(({ p }) => p);
  const deciles: ConfidenceDecile[] = [];
  for (let d = 0; d < 10; d += 1) {
    const part = sorted.slice(Math.floor((d * sorted.length) / 10), Math.floor(((d + 1) * sorted.length) / 10));
    if (part.length === 0) continue;
    const right = part.filter((p) => p.gold === p.predicted).length;
    deciles.push({ from: part[0]!.confidence, to: part.at(-1)!.confidence, count: part.length, accuracy: round(right / part.length) });
  }
  const errors = predictions.filter((p) => p.gold !== p.predicted).length;
  const lowest = sorted.slice(0, Math.ceil(sorted.length / 10)).filter((p) => p.gold !== p.predicted).length;
  return { deciles, errorsInLowestTenth: round(ratio(lowest, errors)) };
}

export function scoreCategories(predictions: CategoryPrediction[]): CategoryScore {
  const confusion = Object.fromEntries(CATEGORIES.map((g) => [g, Object.fromEntries(CATEGORIES.map((p) => [p, 0]))])) as CategoryScore['confusion'];
  for (const p of predictions) confusion[p.gold][p.predicted] += 1;
  const perCategory = Object.fromEntries(
    CATEGORIES.map((c) => {
      const tp = confusion[c][c];
      const predicted = CATEGORIES.reduce((sum, g) => sum + confusion[g][c], 0);
      const support = CATEGORIES.reduce((sum, p) => sum + confusion[c][p], 0);
      const precision = ratio(tp, predicted);
      const recall = ratio(tp, support);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [c, { precision: round(precision), recall: round(recall), f1: round(f1), support }];
    }),
  ) as CategoryScore['perCategory'];
  const present = CATEGORIES.filter((c) => perCategory[c].support > 0 || CATEGORIES.some((g) => confusion[g][c] > 0));
  const correct = CATEGORIES.reduce((sum, c) => sum + confusion[c][c], 0);
  return {
    count: predictions.length,
    accuracy: round(ratio(correct, predictions.length)),
    macroF1: round(present.reduce((sum, c) => sum + perCategory[c].f1, 0) / Math.max(1, present.length)),
    perCategory,
    confusion,
    ...confidenceDeciles(predictions),
  };
}

/** The confusion matrix and the confidence deciles as lines of text. */
export function formatCategoryScore(score: Pick<CategoryScore, 'confusion' | 'deciles' | 'errorsInLowestTenth'>): string[] {
  const short = (c: string) => c.split('_')[0]!.slice(0, 8);
  const lines = [`confusion (rows: labelled, columns: predicted)`, `${''.padEnd(26)}${CATEGORIES.map((c) => short(c).padStart(9)).join('')}`];
  for (const g of CATEGORIES) lines.push(`${g.padEnd(26)}${CATEGORIES.map((p) => String(score.confusion[g][p]).padStart(9)).join('')}`);
  lines.push('accuracy by confidence decile (least confident first)');
  score.deciles.forEach((d, i) => lines.push(`  ${String(i + 1).padStart(2)}  confidence ${d.from.toFixed(3)}–${d.to.toFixed(3)}  ${String(d.count).padStart(4)} needs  accuracy ${d.accuracy.toFixed(4)}`));
  const errors = CATEGORIES.reduce((sum, g) => sum + CATEGORIES.reduce((row, p) => row + (p === g ? 0 : score.confusion[g][p]), 0), 0);
  lines.push(errors === 0 ? 'no errors for a review of the least confident 10% to catch' : `errors caught by reviewing the least confident 10%: ${(score.errorsInLowestTenth * 100).toFixed(1)}% of ${errors}`);
  return lines;
}
