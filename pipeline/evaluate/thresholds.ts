/**
 * The floors of `eval/thresholds.json`, read in one place by `eval --check` and by the tests that gate on the
 * same figures, so that a floor is never restated beside it.
 */
import { readFileSync } from 'node:fs';
import type { ClaimsScore } from './claims.js';
import type { NeedsFigures, NeedsScore } from './needs.js';
import type { PhrasingsScore } from './phrasings.js';

export interface Thresholds {
  claims: { precision: number; recall: number; scopeAgreement: number };
  needs: { precision: number; recall: number; articleAccuracy: number; categoryMacroF1: number };
  /** Category coding of labelled phrasings: macro-F1, and the share of errors in the least confident tenth. */
  phrasings: { macroF1: number; errorsInLowestTenth: number };
}

export function readThresholds(): Thresholds {
  return JSON.parse(readFileSync(new URL('../../eval/thresholds.json', import.meta.url), 'utf8')) as Thresholds;
}

const NEEDS_FIGURES = ['precision', 'recall', 'articleAccuracy', 'categoryMacroF1'] as const;

/** What falls below the floors: each note's claims, each labelled corpus as a whole and in each format, each set of phrasings. */
export function belowThresholds(floors: Thresholds, claims: ClaimsScore[], needs: NeedsScore[], phrasings: PhrasingsScore[] = []): string[] {
  const failures: string[] = [];
  for (const s of claims) {
    for (const key of ['precision', 'recall', 'scopeAgreement'] as const) if (s[key] < floors.claims[key]) failures.push(`claims ${s.note}: ${key} ${s[key]} < ${floors.claims[key]}`);
  }
  const check = (name: string, figures: NeedsFigures) => {
    for (const key of NEEDS_FIGURES) if (figures[key] < floors.needs[key]) failures.push(`needs ${name}: ${key} ${figures[key]} < ${floors.needs[key]}`);
  };
  for (const s of needs) {
    check(s.corpus, s);
    for (const [kind, figures] of Object.entries(s.byFormat)) check(`${s.corpus} (${kind} files)`, figures);
  }
  for (const s of phrasings) {
    if (s.macroF1 < floors.phrasings.macroF1) failures.push(`phrasings ${s.source}: macroF1 ${s.macroF1} < ${floors.phrasings.macroF1}`);
    // With no error there is none to catch.
    if (s.errors.length > 0 && s.errorsInLowestTenth < floors.phrasings.errorsInLowestTenth) {
      failures.push(`phrasings ${s.source}: errorsInLowestTenth ${s.errorsInLowestTenth} < ${floors.phrasings.errorsInLowestTenth}`);
    }
  }
  return failures;
}
