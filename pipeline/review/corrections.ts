/**
 * Analysts' corrections applied to the needs of a run: the latest decision on each field of a need wins,
 * and the need remembers what was changed, from what, by whom and when.
 */
import { articleKey, chapterOf } from '../extract/articles.js';
import { resolveStateByCode } from '../extract/states.js';
import { CATEGORIES, type Category, type Correction, type Need, type Review } from '../model.js';
import { byCodePoint } from '../order.js';


/** A decision made now: a correction when it names a field, else an acceptance. */
export function newCorrection(needId: string, who: string, field?: string, value?: string): Correction {
  const correction: Correction = { needId, action: field ? 'correct' : 'accept', who, at: new Date().toISOString() };
  if (field) correction.field = field as Correction['field'];
  if (value !== undefined) correction.value = value;
  return correction;
}

/** Why a correction cannot be applied, or null when it can. */
export function invalidCorrection(c: Pick<Correction, 'action' | 'field' | 'value'>): string | null {
  if (c.action === 'accept') return null;
  if (!c.field || c.value === undefined) return 'a correction needs a field and a value';
  if (c.field === 'article' && !/^\d+$/.test(c.value) && !/^(I|II|III|IV|V|VI|VII|VIII)-general$/.test(c.value)) return `not an article: ${c.value}`;
  if (c.field === 'article' && /^\d+$/.test(c.value) && chapterOf(Number(c.value)) === null) return `no article ${c.value} in the Convention`;
  if (c.field === 'category' && !CATEGORIES.includes(c.value as Category)) return `not a category: ${c.value}`;
  if (c.field === 'country' && !resolveStateByCode(c.value)) return `not a State's code: ${c.value}`;
  return null;
}

export function applyCorrections(needs: Need[], corrections: Correction[]): Need[] {
  const byNeed = new Map<string, Correction[]>();
  for (const c of [...corrections].sort((a, b) => byCodePoint(a.at, b.at))) byNeed.set(c.needId, [...(byNeed.get(c.needId) ?? []), c]);
  return needs.map((original) => {
    const decisions = byNeed.get(original.id);
    if (!decisions) return original;
    const need: Need = { ...original };
    const review: Review = { corrected: {} };
    for (const c of decisions) {
      if (c.action === 'accept') {
        review.accepted = { who: c.who, at: c.at };
        continue;
      }
      const from = c.field === 'article' ? articleKey(original) : c.field === 'category' ? original.category : (original.countryCode ?? original.country ?? '');
      if (c.field === 'article') {
        const general = /^(.+)-general$/.exec(c.value!);
        need.article = general ? null : Number(c.value);
        need.chapter = general ? general[1]! : chapterOf(Number(c.value))!;
      } else if (c.field === 'category') {
        need.category = c.value as Category;
      } else if (c.field === 'country') {
        const state = resolveStateByCode(c.value!)!;
        need.countryCode = state.code;
        need.country = state[need.lang];
        need.region = state.region;
      }
      review.corrected[c.field!] = { from, to: c.value!, who: c.who, at: c.at };
    }
    need.review = review;
    return need;
  });
}
