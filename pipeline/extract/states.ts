/**
 * The States parties and their UN regional groups (domain page §3), read from `data/states.json`: each State
 * with its UN short form first and the other forms it is written in, in English and Chinese.
 */
import { readFileSync } from 'node:fs';
import type { RegionalGroup, State } from '../model.js';
import { byCodePoint } from '../order.js';

interface StateEntry {
  code: string;
  region: RegionalGroup;
  en: string[];
  zh: string[];
}

const ENTRIES = JSON.parse(readFileSync(new URL('./data/states.json', import.meta.url), 'utf8')) as StateEntry[];

/** "The United Republic of Tanzania." → "united republic of tanzania"; Chinese loses its spaces and brackets' width. */
function key(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^the\s+/, '')
    .replace(/[\s.。,，:：]+$/u, '')
    .replace(/(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, StateEntry>();
for (const entry of ENTRIES) for (const name of [...entry.en, ...entry.zh]) BY_NAME.set(key(name), entry);
/** Longest names first, so that "Democratic Republic of the Congo" is found before "Congo". */
const NAMES_BY_LENGTH = [...BY_NAME.keys()].sort((a, b) => b.length - a.length || byCodePoint(a, b));

const toState = (entry: StateEntry): State => ({ code: entry.code, en: entry.en[0]!, zh: entry.zh[0]!, region: entry.region });

/** The State a country name denotes, in any of its forms; a longer text is searched for the longest name it holds. */
export function resolveState(name: string): State | null {
  const k = key(name);
  const exact = BY_NAME.get(k);
  if (exact) return toState(exact);
  for (const candidate of NAMES_BY_LENGTH) {
    if (candidate.length < 4 && !/\p{Script=Han}/u.test(candidate)) continue;
    const at = k.indexOf(candidate);
    if (at < 0) continue;
    const before = k[at - 1];
    const after = k[at + candidate.length];
    const latin = /[a-z]/;
    if ((before && latin.test(before)) || (after && latin.test(after))) continue;
    return toState(BY_NAME.get(candidate)!);
  }
  return null;
}

/** The State a text names when the text is a name of it and nothing else: "Kenya", not "Kenya's laws". */
export function stateNamedExactly(text: string): State | null {
  const entry = BY_NAME.get(key(text));
  return entry ? toState(entry) : null;
}

export function resolveStateByCode(code: string): State | null {
  const entry = ENTRIES.find((e) => e.code === code);
  return entry ? toState(entry) : null;
}

export function allStates(): State[] {
  return ENTRIES.map(toState);
}

/** Every State a text names, once each, in order of first mention: "（科摩罗、库克群岛科特迪瓦、几内亚）" names three. */
export function statesNamedIn(text: string): State[] {
  const k = key(text);
  const taken: boolean[] = new Array(k.length).fill(false);
  const found: { at: number; entry: StateEntry }[] = [];
  for (const name of NAMES_BY_LENGTH) {
    if (!/\p{Script=Han}/u.test(name) && name.length < 4) continue;
    for (let at = k.indexOf(name); at >= 0; at = k.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (taken.slice(at, end).some(Boolean)) continue;
      if (!/\p{Script=Han}/u.test(name) && (/[a-z]/.test(k[at - 1] ?? '') || /[a-z]/.test(k[end] ?? ''))) continue;
      taken.fill(true, at, end);
      found.push({ at, entry: BY_NAME.get(name)! });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter(({ entry }) => !seen.has(entry.code) && seen.add(entry.code))
    .map(({ entry }) => toState(entry));
}
