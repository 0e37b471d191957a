/**
 * From a segmented executive summary to its needs: found (extract), classified (classify), tied to a State
 * and regional group, and given an id that stays the same across runs for the same need.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { Need, SegmentedDocument, State } from './model.js';
import { findNeeds } from './extract/needs.js';
import { resolveState } from './extract/states.js';
import { classifyCategory, CategoryModel, type LabelledNeed } from './classify/index.js';
import { labelLang, loadLabelledCorpus } from './evaluate/labels.js';
import { loadTrainingSet, splitTrainingSet } from './classify/training.js';

/** The project's own labelled summaries, which the category model also learns from. */
export const TRAINING_CORPUS = fileURLToPath(new URL('../corpus/summaries', import.meta.url));

export function labelledNeeds(dir: string): (LabelledNeed & { doc: string })[] {
  if (!existsSync(dir)) return [];
  return loadLabelledCorpus(dir).flatMap(({ labels }) => labels.map((l) => ({ doc: l.doc, text: l.text, lang: labelLang(l), category: l.category })));
}

/** What the category model learns from: the train split of corpus/training and the labelled summaries. */
export function trainingNeeds(): (LabelledNeed & { doc: string })[] {
  return [...splitTrainingSet(loadTrainingSet()).train.map((need) => ({ ...need, doc: 'training' })), ...labelledNeeds(TRAINING_CORPUS)];
}

let defaultModel: CategoryModel | null = null;
export function trainedModel(): CategoryModel {
  defaultModel ??= new CategoryModel(trainingNeeds());
  return defaultModel;
}

/** The State a summary is of, from the country its title names. */
export const stateOf = (doc: SegmentedDocument): State | null => (doc.country ? resolveState(doc.country) : null);

/** Whitespace, closing punctuation and letter case do not make a need another need. */
export function needKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/[;；,，.。]+$/u, '');
}

export function extractNeeds(doc: SegmentedDocument, model: CategoryModel = trainedModel()): Need[] {
  if (doc.kind !== 'executive_summary') return [];
  const state = stateOf(doc);
  const seen = new Map<string, number>();
  return findNeeds(doc).map((item) => {
    const decision = classifyCategory(item.body, doc.lang, model);
    const basis = [state?.code ?? doc.country ?? '', doc.lang, item.chapter, needKey(item.text)].join('|');
    const occurrence = seen.get(basis) ?? 0;
    seen.set(basis, occurrence + 1);
    const need: Need = {
      id: createHash('sha256').update(`${basis}|${occurrence}`).digest('hex').slice(0, 16),
      doc: doc.id,
      lang: doc.lang,
      country: state ? state[doc.lang] : doc.country,
      countryCode: state?.code ?? null,
      region: state?.region ?? null,
      chapter: item.chapter,
      article: item.article,
      category: decision.category,
      confidence: decision.confidence,
      cues: decision.cues,
      text: item.text,
      block: item.block,
      start: item.start,
      end: item.end,
    };
    if (item.page !== undefined) need.page = item.page;
    return need;
  });
}
