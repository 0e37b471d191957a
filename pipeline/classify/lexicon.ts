/**
 * The lexicon rules: the category a coder reads from the head of a request. Data in `data/lexicon.{en,zh}.json`.
 * - A category named at the head of the item ("Capacity-building: …", "立法援助：…") decides.
 * - Otherwise cues are weighed by where they stand. English puts the head first ("Training … on the
 *   national strategy"), so each later cue counts half the one before. Chinese puts it last ("为落实战略的
 *   人员举办关于监测的培训"), so cues in the beneficiary or topic phrase (为…举办, 关于…的, 就…提供, 对…开展)
 *   or before a 的 count less, and only the first clause is the request itself.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, type Category, type Lang } from '../model.js';

interface LexiconFile {
  prefixes: Record<Category, string[]>;
  cues: ([string, Category, number] | [string, Category, number, 'verb'])[];
  modifiers?: string[];
  adverbialClause?: string;
}

interface Lexicon {
  prefix: RegExp;
  prefixCategory: Map<string, Category>;
  cues: { pattern: RegExp; category: Category; weight: number; verb: boolean }[];
  modifiers: RegExp[];
  /** A leading clause that says how, not what ("借鉴其他法域的做法，…"): the request is the next clause. */
  adverbialClause: RegExp | null;
}

function load(lang: Lang): Lexicon {
  const file = JSON.parse(readFileSync(new URL(`./data/lexicon.${lang}.json`, import.meta.url), 'utf8')) as LexiconFile;
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
    cues: file.cues.map(([pattern, category, weight, verb]) => ({ pattern: new RegExp(`${boundary}(?:${pattern})`, 'giu'), category, weight, verb: verb === 'verb' })),
    modifiers: (file.modifiers ?? []).map((m) => new RegExp(m, 'u')),
    adverbialClause: file.adverbialClause ? new RegExp(file.adverbialClause, 'u') : null,
  };
}

const LEXICONS: Record<Lang, Lexicon> = { en: load('en'), zh: load('zh') };

export interface LexiconVerdict {
  /** Set when the item names its category at its head. */
  prefix: { category: Category; text: string } | null;
  scores: Record<Category, number>;
  cues: string[];
}

/** Drop citations and other parentheses: "(art. 9, para. 1)" says nothing of the kind of help asked. */
function withoutParentheses(text: string): string {
  let previous = '';
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(/[(（][^()（）]*[)）]/gu, (m) => ' '.repeat(m.length));
  }
  return current;
}

interface Hit {
  start: number;
  end: number;
  category: Category;
  weight: number;
  verb: boolean;
  text: string;
}

function findHits(lexicon: Lexicon, text: string): Hit[] {
  const hits: Hit[] = [];
  for (const cue of lexicon.cues) {
    for (const m of text.matchAll(cue.pattern)) {
      if (m[0].length === 0) continue;
      hits.push({ start: m.index!, end: m.index! + m[0].length, category: cue.category, weight: cue.weight, verb: cue.verb, text: m[0] });
    }
  }
  // At one place the longest cue speaks; a cue inside another's match is part of it.
  hits.sort((a, b) => a.start - b.start || b.end - a.end || b.weight - a.weight);
  const kept: Hit[] = [];
  for (const hit of hits) {
    const last = kept[kept.length - 1];
    if (last && hit.start < last.end) continue;
    kept.push(hit);
  }
  return kept;
}

/** The clause that states the request: the first, unless it only says how ("借鉴…做法，"). */
function requestClause(lexicon: Lexicon, text: string): [number, number] {
  const clauses = [...text.matchAll(/[^，；。：,;]+/gu)].map((m) => [m.index!, m.index! + m[0].length] as [number, number]);
  if (clauses.length === 0) return [0, text.length];
  const first = clauses[0]!;
  if (clauses.length > 1 && lexicon.adverbialClause?.test(text.slice(first[0], first[1]).trim())) return clauses[1]!;
  return first;
}

const emptyScores = (): Record<Category, number> => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;

export function readLexicon(text: string, lang: Lang): LexiconVerdict {
  const lexicon = LEXICONS[lang];
  const prefix = lexicon.prefix.exec(text.trim());
  if (prefix) {
    const group = Object.entries(prefix.groups ?? {}).find(([, v]) => v !== undefined)![0];
    return { prefix: { category: lexicon.prefixCategory.get(group)!, text: prefix[0] }, scores: emptyScores(), cues: [prefix[0]] };
  }
  const plain = withoutParentheses(text);
  const scores = emptyScores();
  const cues: string[] = [];
  const add = (hit: Hit, factor: number) => {
    scores[hit.category] += hit.weight * factor;
    cues.push(`${hit.text}→${hit.category}×${(hit.weight * factor).toFixed(2)}`);
  };
  if (lang === 'en') {
    let rank = 0;
    for (const hit of findHits(lexicon, plain)) {
      add(hit, 0.5 ** rank);
      // A light verb ("establishing …") leaves the head's rank to its object.
      if (!hit.verb) rank += 1;
    }
  } else {
    const [headStart, headEnd] = requestClause(lexicon, plain);
    const head = plain.slice(headStart, headEnd);
    const modified: [number, number][] = [];
    for (const modifier of lexicon.modifiers) {
      const m = modifier.exec(head);
      if (m && m[1] !== undefined) {
        const from = headStart + m.index + m[0].indexOf(m[1]);
        modified.push([from, from + m[1].length]);
      }
    }
    const lastDe = headStart + head.lastIndexOf('的');
    const hits = findHits(lexicon, plain);
    const inHead = (hit: Hit) => hit.start >= headStart && hit.end <= headEnd;
    const inModifier = (hit: Hit) => modified.some(([a, b]) => hit.start >= a && hit.end <= b);
    const beforeDe = (hit: Hit) => hit.end <= lastDe;
    const lastHead = hits.filter((hit) => inHead(hit) && !inModifier(hit) && !beforeDe(hit)).at(-1);
    for (const hit of hits) {
      if (!inHead(hit)) add(hit, 0.2);
      else if (inModifier(hit)) add(hit, 0.25);
      else if (beforeDe(hit)) add(hit, 0.4);
      else add(hit, hit === lastHead ? 1 : 0.6);
    }
  }
  return { prefix: null, scores, cues };
}
