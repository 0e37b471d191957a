/**
 * Analysts' corrections applied to the needs of a run: the latest decision on each field of a need wins,
 * and the need remembers what was changed, from what, by whom and when.
 */
import { articleKey, chapterOf } from '../extract/articles.js';
import { resolveStateByCode } from '../extract/states.js';
import { CATEGORIES, type Category, type Correction, type Need, type Review } from '../model.js';
import { byCodePoint } from '../order.js';

/** The fields of a need an analyst can correct. */
export const CORRECTABLE_FIELDS = ['article', 'category', 'country'] as const;

/** A need's id: the 16 hex digits of `needs.ts`. */
const NEED_ID = /^[0-9a-f]{16}$/;

/** A reviewer's name: letters of any script, digits, spaces and . ' ’ - _ @, at most 64 characters. */
const WHO = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .'’@_-]{0,63}$/u;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A value as an error message shows it: quoted, and short whatever was sent. */
const quote = (value: unknown) => JSON.stringify(String(value).slice(0, 80));

/** Why a reviewer's name cannot be recorded, or null when it can. */
export function invalidWho(who: string): string | null {
  return WHO.test(who) ? null : `not a reviewer's name (letters, digits, spaces and . ' - _ @, at most 64 characters): ${quote(who)}`;
}

/** A decision made now: a correction when it names a field, else an acceptance. */
export function newCorrection(needId: string, who: string, field?: string, value?: string): Correction {
  const correction: Correction = { needId, action: field ? 'correct' : 'accept', who, at: new Date().toISOString() };
  if (field) correction.field = field as Correction['field'];
  if (value !== undefined) correction.value = value;
  return correction;
}

/**
 * Why a decision cannot be recorded, or null when it can: every part is checked against what it may be
 * (whether the need exists is the database's question, asked by the callers that have one).
 */
export function invalidCorrection(c: Correction): string | null {
  if (typeof c.needId !== 'string' || !NEED_ID.test(c.needId)) return `not a need id (16 hex digits): ${quote(c.needId)}`;
  if (typeof c.who !== 'string') return 'who is required';
  const who = invalidWho(c.who);
  if (who) return who;
  if (typeof c.at !== 'string' || !ISO_TIME.test(c.at)) return `not an ISO time: ${quote(c.at)}`;
  if (c.action === 'accept') return c.field === undefined && c.value === undefined ? null : 'an acceptance names no field and no value';
  if (c.action !== 'correct') return `not an action (accept or correct): ${quote(c.action)}`;
  if (!CORRECTABLE_FIELDS.includes(c.field as (typeof CORRECTABLE_FIELDS)[number])) return `not a field that can be corrected (${CORRECTABLE_FIELDS.join(', ')}): ${quote(c.field)}`;
  if (typeof c.value !== 'string') return 'a correction needs a value';
  if (c.field === 'article' && !/^\d+$/.test(c.value) && !/^(I|II|III|IV|V|VI|VII|VIII)-general$/.test(c.value)) return `not an article: ${quote(c.value)}`;
  if (c.field === 'article' && /^\d+$/.test(c.value) && chapterOf(Number(c.value)) === null) return `no article ${quote(c.value)} in the Convention`;
  if (c.field === 'category' && !CATEGORIES.includes(c.value as Category)) return `not a category (${CATEGORIES.join(', ')}): ${quote(c.value)}`;
  if (c.field === 'country' && !resolveStateByCode(c.value)) return `not a State's code: ${quote(c.value)}`;
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
