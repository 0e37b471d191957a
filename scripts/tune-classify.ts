/**
 * Chooses the rules' share of the category decision, per language, on the dev split of corpus/training
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
const chosen: Record<Lang, number> = { en: 0.5, zh: 0.5 };
const figures: Record<string, unknown> = {};
for (const lang of ['en', 'zh'] as const) {
  const needs = dev.filter((n) => n.lang === lang).map((n) => {
    const { lexicon, features } = readNeed(n.text, lang);
    return { gold: n.category, rules: lexicon.prefix ? null : lexicon.scores, prefix: lexicon.prefix?.category, learned: model.probabilities(features, lang) };
  });
  let best = { weight: 0.5, accuracy: -1, macroF1: -1 };
  for (let step = 0; step <= 20; step += 1) {
    const weight = step / 20;
    const predictions = needs.map((n) => {
      if (!n.rules) return { gold: n.gold, predicted: n.prefix!, confidence: 1 };
      const scores = mixScores(n.rules, n.learned, weight);
      const predicted = CATEGORIES.reduce((a, b) => (scores[b] > scores[a] ? b : a));
      return { gold: n.gold, predicted, confidence: scores[predicted] };
    });
    const { accuracy, macroF1 } = scoreCategories(predictions);
    console.log(`${lang} rule weight ${weight.toFixed(2)}: accuracy ${accuracy.toFixed(4)} macro-F1 ${macroF1.toFixed(4)}`);
    // Ties go to the weight nearest an even split, so the rules and the model both keep a say.
    const better = accuracy > best.accuracy || (accuracy === best.accuracy && (macroF1 > best.macroF1 || (macroF1 === best.macroF1 && Math.abs(weight - 0.5) < Math.abs(best.weight - 0.5))));
    if (better) best = { weight, accuracy, macroF1 };
  }
  chosen[lang] = best.weight;
  figures[lang] = { dev: needs.length, accuracy: best.accuracy, macroF1: best.macroF1 };
  console.log(`${lang}: rule weight ${best.weight} chosen`);
}
const file = {
  _about: "The rules' share of the decision where they have cues (the model has the rest), per language. Chosen on the dev split of corpus/training by scripts/tune-classify.ts, which rewrites this file.",
  ruleWeight: chosen,
  dev: figures,
};
writeFileSync(fileURLToPath(new URL('../pipeline/classify/data/combine.json', import.meta.url)), `${JSON.stringify(file, null, 2)}\n`);
