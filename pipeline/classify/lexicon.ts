/**
 * The lexicon rules: the category a coder reads from the cues of a request. Data in `data/lexicon.{en,zh}.json`.
 * - A category named at the head of the item ("Capacity-building: …", "立法援助：…") decides.
 * - Otherwise each cue counts by its role in the request (`head.ts`): fully in the head ("Training … on the
 *   national strategy", "为…举办关于监测的培训"), less in its object, little in a beneficiary or topic
 *   phrase, nothing in a condition or a negated alternative ("Once the law is adopted, …").
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, type Category, type Lang } from '../model.js';
import { withoutParentheses, type HeadReading, type Role } from './roles.js';

interface LexiconFile {
  prefixes: Record<Category, string[]>;
  cues: [string, Category, number][];
}

interface Lexicon {
  prefix: RegExp;
  prefixCategory: Map<string, Category>;
  cues: { pattern: RegExp; category: Category; weight: number }[];
  /** What a cue counts for in each role of the request (`data/head.{en,zh}.json`). */
  roleWeights: Record<Role, number>;
}

function load(lang: Lang): Lexicon {
  const file = JSON.parse(readFileSync(new URL(`./data/lexicon.${lang}.json`, import.meta.url), 'utf8')) as LexiconFile;
  const head = JSON.parse(readFileSync(new URL(`./data/head.${lang}.json`, import.meta.url), 'utf8')) as { roleWeights: Record<Role, number> };
  // One named group per prefix, so that the match tells its category.
  const alternatives: string[] = [];
  const prefixCategory = new Map<string, Category>();
  for (const category of CATEGORIES) {
    for (const pattern of file.prefixes[category]) {
      const group = `p${alternatives.length}`;
      alternatives.push(`(?<${group}>${pattern})`);
      prefixCategory.set(group, category);
    }
  }
  const boundary = lang === 'en' ? '\\b' : '';
  return {
    prefix: new RegExp(`^(?:${alternatives.join('|')})\\s*[:：]`, 'iu'),
    prefixCategory,
    cues: file.cues.map(([pattern, category, weight]) => ({ pattern: new RegExp(`${boundary}(?:${pattern})`, 'giu'), category, weight })),
    roleWeights: head.roleWeights,
  };
}

const LEXICONS: Record<Lang, Lexicon> = { en: load('en'), zh: load('zh') };

export interface CueHit {
  start: number;
  end: number;
  text: string;
  category: Category;
  /** The cue's own weight. */
  weight: number;
  /** The role that counts for it: the strongest of the roles its characters have. */
  role: Role;
  /** What it adds to its category's score: its weight times its role's. */
  score: number;
}

export interface LexiconVerdict {
  /** Set when the item names its category at its head. */
  prefix: { category: Category; text: string } | null;
  scores: Record<Category, number>;
  hits: CueHit[];
  cues: string[];
}

/** The category the item names at its head ("Capacity-building: …"), if any. */
function prefixCategory(text: string, lang: Lang): { category: Category; text: string } | null {
  const lexicon = LEXICONS[lang];
  const prefix = lexicon.prefix.exec(text.trim());
  if (!prefix) return null;
  const group = Object.entries(prefix.groups ?? {}).find(([, v]) => v !== undefined)![0];
  return { category: lexicon.prefixCategory.get(group)!, text: prefix[0] };
}

/** The cues of a text; at one place the longest cue speaks, and a cue inside another's match is part of it. */
function findHits(lexicon: Lexicon, text: string): Omit<CueHit, 'role' | 'score'>[] {
  const hits: Omit<CueHit, 'role' | 'score'>[] = [];
  for (const cue of lexicon.cues) {
    for (const m of text.matchAll(cue.pattern)) {
      if (m[0].length === 0) continue;
      hits.push({ start: m.index, end: m.index + m[0].length, category: cue.category, weight: cue.weight, text: m[0] });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end || b.weight - a.weight);
  const kept: typeof hits = [];
  for (const hit of hits) {
    const last = kept[kept.length - 1];
    if (last && hit.start < last.end) continue;
    kept.push(hit);
  }
  return kept;
}

const emptyScores = (): Record<Category, number> => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;

export function readLexicon(text: string, lang: Lang, reading: HeadReading): LexiconVerdict {
  const prefix = prefixCategory(text, lang);
  if (prefix) return { prefix, scores: emptyScores(), hits: [], cues: [prefix.text] };
  const lexicon = LEXICONS[lang];
  const roleOf = (hit: { start: number; end: number }): Role => {
    let best: Role = 'modifier';
    let bestWeight = -1;
    for (const span of reading.spans) {
      if (span.end <= hit.start || span.start >= hit.end) continue;
      if (lexicon.roleWeights[span.role] > bestWeight) [best, bestWeight] = [span.role, lexicon.roleWeights[span.role]];
    }
    return best;
  };
  const scores = emptyScores();
  const hits = findHits(lexicon, withoutParentheses(text)).map((hit) => {
    const role = roleOf(hit);
    return { ...hit, role, score: hit.weight * lexicon.roleWeights[role] };
  });
  for (const hit of hits) scores[hit.category] += hit.score;
  const cues = hits.filter((h) => h.score > 0).map((h) => `${h.text}→${h.category}×${h.score.toFixed(2)} (${h.role})`);
  return { prefix: null, scores, hits, cues };
}
