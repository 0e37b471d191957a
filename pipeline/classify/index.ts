/**
 * The category of a need (domain page §2): the lexicon rules a coder would give, and a naive Bayes model
 * trained on labelled needs to weigh in where the rules are silent or split. Each decision carries its
 * confidence and the cues that made it.
 */
import { CATEGORIES, type Category, type Lang } from '../model.js';
import { readLexicon } from './lexicon.js';
import { CategoryModel } from './model.js';

export { CategoryModel, type LabelledNeed } from './model.js';

export interface CategoryDecision {
  category: Category;
  confidence: number;
  cues: string[];
}

/** The lexicon's share of the decision when it has cues; the model has the rest. */
const LEXICON_WEIGHT = 0.75;

const round = (x: number) => Math.round(x * 1000) / 1000;

export function classifyCategory(text: string, lang: Lang, model: CategoryModel): CategoryDecision {
  const lexicon = readLexicon(text, lang);
  if (lexicon.prefix) return { category: lexicon.prefix.category, confidence: 1, cues: [`prefix: ${lexicon.prefix.text}`] };
  const lexTotal = CATEGORIES.reduce((sum, c) => sum + lexicon.scores[c], 0);
  const bayesScores = model.probabilities(text, lang);
  const combined = CATEGORIES.map((category) => {
    const lex = lexTotal > 0 ? lexicon.scores[category] / lexTotal : 0;
    const bayes = bayesScores?.[category] ?? 0;
    const score = lexTotal > 0 ? (bayesScores ? LEXICON_WEIGHT * lex + (1 - LEXICON_WEIGHT) * bayes : lex) : bayes;
    return { category, score, bayes };
  });
  // Ties go to the earlier category of the domain page's order, so the result never depends on chance.
  const best = combined.reduce((a, b) => (b.score > a.score ? b : a));
  if (best.score === 0) return { category: 'capacity_building', confidence: 0, cues: ['no cue and no model: capacity-building by default'] };
  const cues = [...lexicon.cues];
  if (bayesScores) cues.push(`model: ${best.category} p=${round(best.bayes)}`);
  return { category: best.category, confidence: round(best.score), cues };
}
