/**
 * Chooses how much the rules' scores count against the model's probabilities (`mixScores`), per language, on the dev split of corpus/training
 * (never on a test set), and writes it to pipeline/classify/data/combine.json with the dev figures it gave.
 * The model is trained on the train split and the labelled summaries, as `trainedModel()` is.
 * Usage: node --import tsx scripts/tune-classify.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Lang } from '../pipeline/model.js';
import { mixScores } from '../pipeline/classify/index.js';
import { readNeed } from '../pipeline/classify/features.js';
import { loadTrainingSet, splitTrainingSet } from '../pipeline/classify/training.js';
import { scoreCategories } from '../pipeline/evaluate/categories.js';
import { trainedModel } from '../pipeline/needs.js';

const model = trainedModel();
const { dev } = splitTrainingSet(loadTrainingSet());
const chosen: Record<Lang, number> = { en: 1, zh: 1 };
const figures: Record<string, unknown> = {};
for (const lang of ['en', 'zh'] as const) {
  const needs = dev.filter((n) => n.lang === lang).map((n) => {
    const { lexicon, features } = readNeed(n.text, lang);
    return { gold: n.category, rules: lexicon.prefix ? null : lexicon.scores, prefix: lexicon.prefix?.category, learned: model.probabilities(features, lang) };
  });
  const grid = Array.from({ length: 25 }, (_, step) => {
    const weight = step / 4;
    let logLoss = 0;
    const predictions = needs.map((n) => {
      if (!n.rules) return { gold: n.gold, predicted: n.prefix!, confidence: 1 };
      const scores = mixScores(n.rules, n.learned, weight);
      logLoss -= Math.log(Math.max(1e-6, scores[n.gold])) / needs.length;
      const predicted = CATEGORIES.reduce((a, b) => (scores[b] > scores[a] ? b : a));
      return { gold: n.gold, predicted, confidence: scores[predicted] };
    });
    return { weight, ...scoreCategories(predictions), logLoss };
  });
  // A dev split of a few hundred needs moves by one need at a time: each weight is judged by the mean
  // accuracy of it and its two neighbours on each side, then by log-loss, so that no lone spike decides.
  const smoothed = grid.map((g, i) => {
    const near = grid.slice(Math.max(0, i - 2), i + 3);
    return { ...g, smoothed: near.reduce((sum, n) => sum + n.accuracy, 0) / near.length };
  });
  for (const g of smoothed) console.log(`${lang} rule weight ${g.weight.toFixed(2)}: accuracy ${g.accuracy.toFixed(4)} (smoothed ${g.smoothed.toFixed(4)}) macro-F1 ${g.macroF1.toFixed(4)} log-loss ${g.logLoss.toFixed(4)}`);
  const best = smoothed.reduce((a, b) => (b.smoothed > a.smoothed + 1e-9 || (Math.abs(b.smoothed - a.smoothed) <= 1e-9 && b.logLoss < a.logLoss) ? b : a));
  console.log(`${lang}: rule weight ${best.weight} chosen`);
  chosen[lang] = best.weight;
  figures[lang] = { dev: needs.length, accuracy: best.accuracy, macroF1: best.macroF1, logLoss: Math.round(best.logLoss * 10000) / 10000 };
}
const file = {
  _about: "How much a category's rule score (its cues, weighed by their role in the request) adds to the model's log-probability of it, per language. Chosen on the dev split of corpus/training by scripts/tune-classify.ts, which rewrites this file.",
  ruleWeight: chosen,
  dev: figures,
};
writeFileSync(fileURLToPath(new URL('../pipeline/classify/data/combine.json', import.meta.url)), `${JSON.stringify(file, null, 2)}\n`);
