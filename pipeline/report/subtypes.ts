/** The capacity-building sub-types the notes count (staff training, awareness raising, …), read from a need's words. */
import { readFileSync } from 'node:fs';
import type { Lang } from '../model.js';

export const SUBTYPES = ['staff_training', 'awareness_raising', 'mentoring', 'technology_development', 'sharing_good_practices'] as const;
export type Subtype = (typeof SUBTYPES)[number];

const WORDS = JSON.parse(readFileSync(new URL('./data/subtypes.json', import.meta.url), 'utf8')) as Record<Lang, Record<Subtype, string[]>>;

export function subtypesOf(text: string, lang: Lang): Subtype[] {
  const lower = text.toLowerCase();
  return SUBTYPES.filter((s) => WORDS[lang][s].some((w) => lower.includes(w)));
}
