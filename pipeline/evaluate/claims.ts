/**
 * Claims measured against the hand-coded gold of the seed notes (`eval/gold/NNN.tsv`), and the counts of a
 * run set beside the gold counts they should reproduce.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Claim } from '../extract/claims.js';
import type { Counts } from '../report/counts.js';

export interface GoldClaim {
  paragraph: string | null;
  value: number;
  unit: string;
  scope: Record<string, string>;
  text: string;
  /** The report cell that should reproduce this figure ("byChapter.II.needs"), where the coder named one. */
  report?: string;
}

export function readGold(path: string): GoldClaim[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return lines.slice(1).map((line) => {
    const [paragraph, value, unit, scope, text, report] = line.split('\t');
    return {
      ...(report ? { report } : {}),
      paragraph: paragraph === '-' ? null : paragraph!,
      value: Number(value),
      unit: unit!,
      scope: Object.fromEntries((scope ?? '').split(';').filter(Boolean).map((kv) => kv.split('=') as [string, string])),
      text: text ?? '',
    };
  });
}

/** The gold files there are: note id ("004") → path. */
export function goldFiles(dir: string): Map<string, string> {
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir)
      .filter((f) => /^\d{3}\.tsv$/.test(f))
      .sort()
      .map((f) => [f.slice(0, 3), join(dir, f)]),
  );
}

export interface ClaimsScore {
  note: string;
  gold: number;
  found: number;
  matched: number;
  precision: number;
  recall: number;
  /** Of the matched claims, how many give the chapter, articles, category and region the gold gives. */
  scopeAgreement: number;
  errors: string[];
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-3 * Math.max(1, Math.abs(b));
const round = (x: number) => Math.round(x * 10000) / 10000;

function scopeAgrees(claim: Claim, gold: GoldClaim): boolean {
  const s = claim.scope;
  const g = gold.scope;
  return (
    (g.chapter === undefined || g.chapter === s.chapter) &&
    (g.articles === undefined || g.articles === (s.articles ?? []).join(',')) &&
    (g.category === undefined || g.category === s.category) &&
    (g.region === undefined || g.region === s.region)
  );
}

/** One claim to one gold figure: same paragraph, unit and value, in order. */
export function scoreClaims(note: string, claims: Claim[], gold: GoldClaim[]): ClaimsScore {
  const used = new Set<number>();
  const errors: string[] = [];
  let matched = 0;
  let agreeing = 0;
  for (const claim of claims) {
    const index = gold.findIndex((g, i) => !used.has(i) && g.paragraph === claim.paragraph && g.unit === claim.unit && same(claim.value, g.value));
    if (index < 0) {
      errors.push(`${note} ¶${claim.paragraph ?? '-'}: not in the gold: ${claim.value} ${claim.unit} "${claim.text}"`);
      continue;
    }
    used.add(index);
    matched += 1;
    if (scopeAgrees(claim, gold[index]!)) agreeing += 1;
  }
  gold.forEach((g, i) => {
    if (!used.has(i)) errors.push(`${note} ¶${g.paragraph ?? '-'}: missed ${g.value} ${g.unit} "${g.text}"`);
  });
  return {
    note,
    gold: gold.length,
    found: claims.length,
    matched,
    precision: round(claims.length === 0 ? 1 : matched / claims.length),
    recall: round(gold.length === 0 ? 1 : matched / gold.length),
    scopeAgreement: round(matched === 0 ? 1 : agreeing / matched),
    errors,
  };
}

export interface Reproduction {
  paragraph: string | null;
  text: string;
  /** Where in the report the figure is: "needs", "byChapter.II.needs", "byArticle.5.needs" … */
  cell: string;
  gold: number;
  run: number;
  absoluteError: number;
  relativeError: number;
}

/** The value at a path of the report ("byArticle.5.needs"); a cell the run never filled is 0. */
function valueAt(counts: Counts, path: string): number {
  let node: unknown = counts;
  for (const key of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : 0;
}

export function reproduce(gold: GoldClaim[], counts: Counts): Reproduction[] {
  return gold.flatMap((g) => {
    if (!g.report) return [];
    const run = valueAt(counts, g.report);
    const absoluteError = Math.abs(run - g.value);
    return [{ paragraph: g.paragraph, text: g.text, cell: g.report, gold: g.value, run, absoluteError, relativeError: round(g.value === 0 ? absoluteError : absoluteError / g.value) }];
  });
}
