/**
 * Times the category classifier and prints the numbers (not a test: machines differ): nodejieba's dictionary,
 * training each language's model from scratch (features and logistic regression), loading it from the
 * cache, and classifying the needs of the dev split one by one.
 * Usage: node --import tsx scripts/bench-classify.ts
 */
import { performance } from 'node:perf_hooks';
import { CATEGORIES } from '../pipeline/model.js';
import { classifyCategory, CategoryModel } from '../pipeline/classify/index.js';
import { readHead } from '../pipeline/classify/head.js';
import { readNeed } from '../pipeline/classify/features.js';
import { trainSoftmax } from '../pipeline/classify/logistic.js';
import { loadTrainingSet, splitTrainingSet } from '../pipeline/classify/training.js';
import { trainingNeeds } from '../pipeline/needs.js';

const time = <T>(f: () => T): [T, number] => {
  const started = performance.now();
  const value = f();
  return [value, performance.now() - started];
};

const [, dictionary] = time(() => readHead('为法官举办培训', 'zh'));
console.log(`nodejieba dictionary (first Chinese need): ${dictionary.toFixed(0)} ms`);
const training = trainingNeeds();
for (const lang of ['en', 'zh'] as const) {
  const own = training.filter((n) => n.lang === lang);
  const [examples, reading] = time(() => own.map((n) => ({ features: readNeed(n.text, lang).features, label: n.category })));
  const [, fitting] = time(() => trainSoftmax(examples, [...CATEGORIES]));
  console.log(`${lang}: training on ${own.length} needs: ${reading.toFixed(0)} ms reading heads and features + ${fitting.toFixed(0)} ms fitting the regression`);
}
const model = new CategoryModel(training);
for (const lang of ['en', 'zh'] as const) {
  const [, cached] = time(() => model.probabilities(new Map(), lang));
  console.log(`${lang}: model from the cache (or trained once and cached): ${cached.toFixed(0)} ms`);
}
const { dev } = splitTrainingSet(loadTrainingSet());
for (const lang of ['en', 'zh'] as const) {
  const needs = dev.filter((n) => n.lang === lang);
  const [, all] = time(() => needs.forEach((n) => classifyCategory(n.text, lang, model)));
  console.log(`${lang}: ${needs.length} dev needs classified in ${all.toFixed(0)} ms (${(all / needs.length).toFixed(2)} ms per need)`);
}
