/**
 * Category coding measured on labelled need phrasings (JSON lines {text, lang, category}): the dev split of
 * the training set, or any set given to `ta-needs eval --phrasings FILE`. Only the category is scored:
 * a phrasing is one need, with no document around it.
 */
import { classifyCategory, type CategoryModel, type LabelledNeed } from '../classify/index.js';
import { scoreCategories, type CategoryScore } from './categories.js';

export interface PhrasingsScore extends CategoryScore {
  source: string;
  errors: string[];
}

export function evaluatePhrasings(source: string, phrasings: LabelledNeed[], model: CategoryModel): PhrasingsScore {
  const errors: string[] = [];
  const predictions = phrasings.map((p) => {
    const decision = classifyCategory(p.text, p.lang, model);
    if (decision.category !== p.category) errors.push(`[${p.lang}] ${decision.category} (${decision.confidence.toFixed(3)}), labelled ${p.category}: "${p.text}"`);
    return { gold: p.category, predicted: decision.category, confidence: decision.confidence };
  });
  return { source, ...scoreCategories(predictions), errors };
}
