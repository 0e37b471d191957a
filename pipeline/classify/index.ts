/**
 * The category of a need (domain page §2). The head of the request is found as a coder finds it
 * (`head.ts`); the lexicon's cues count by their role in it (`lexicon.ts`); a logistic regression over
 * head-weighted features (`model.ts`) weighs in; how much a rule score counts against the
 * model's probabilities is chosen on a dev split (`data/combine.json`). Each decision carries its confidence and the cues that made it.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, type Category, type Lang } from '../model.js';
import { readNeed } from './features.js';
import type { CategoryModel } from './model.js';

export { CategoryModel, type LabelledNeed } from './model.js';

export interface CategoryDecision {
  category: Category;
  confidence: number;
  cues: string[];
}

const COMBINE = JSON.parse(readFileSync(new URL('./data/combine.json', import.meta.url), 'utf8')) as { ruleWeight: Record<Lang, number> };

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The rules and the model decide together as a product of experts: each category's log-probability under
 * the model, plus its rule score (the role-weighted sum of its cues) times `ruleWeight`, normalised. A weak
 * cue in a modifier moves the decision a little, a cue at the head a lot; with no model, the rules alone.
 */
export function mixScores(rules: Record<Category, number>, model: Record<Category, number> | null, ruleWeight: number): Record<Category, number> {
  const logits = CATEGORIES.map((c) => Math.log(Math.max(1e-9, model?.[c] ?? 1)) + ruleWeight * rules[c]);
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return Object.fromEntries(CATEGORIES.map((c, i) => [c, exps[i]! / total])) as Record<Category, number>;
}

export function classifyCategory(text: string, lang: Lang, model: CategoryModel, ruleWeight = COMBINE.ruleWeight[lang]): CategoryDecision {
  const need = readNeed(text, lang);
  const { lexicon, reading } = need;
  if (lexicon.prefix) return { category: lexicon.prefix.category, confidence: 1, cues: [`prefix: ${lexicon.prefix.text}`] };
  const learned = model.probabilities(need.features, lang);
  const scores = mixScores(lexicon.scores, learned, ruleWeight);
  // Ties go to the earlier category of the domain page's order, so the result never depends on chance.
  const best = CATEGORIES.reduce((a, b) => (scores[b] > scores[a] ? b : a));
  if (!learned && lexicon.hits.every((h) => h.score === 0)) return { category: 'capacity_building', confidence: 0, cues: ['no cue and no model: capacity-building by default'] };
  const cues = [...lexicon.cues];
  const head = reading.words.filter((w) => w.role === 'head').map((w) => w.word);
  if (head.length > 0) cues.push(`head: ${head.join(lang === 'en' ? ' ' : '')}`);
  if (learned) cues.push(`model: ${best} p=${round(learned[best])}`);
  return { category: best, confidence: round(scores[best]), cues };
}
