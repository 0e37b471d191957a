/**
 * The counts a note publishes, from the needs that count in a run, as of a date: a summary counts from its
 * date on (one whose date could not be read counts at any date, and is counted apart as undated). Every cell
 * keeps the ids of the needs behind it, so that each number can be traced.
 */
import { CATEGORIES, REGIONAL_GROUPS } from '../model.js';
import { articleKey } from '../extract/articles.js';
import type { RunSummary, StoredNeed } from '../store/db.js';
import { byCodePoint } from '../order.js';

export interface Cell {
  needs: number;
  countries: number;
  /** Ids of the needs counted in this cell. */
  ids: string[];
}

export interface Counts {
  asOf: string;
  run: number;
  /** Summaries dated on or before `asOf`, and undated ones (one per country). */
  summaries: number;
  /** Summaries that carry no date: they count at any date, and are told apart here so that a reader can check them. */
  undated: number;
  /** The ids of the summaries counted. */
  sources: string[];
  countriesWithNeeds: number;
  needs: number;
  summariesByRegion: Record<string, number>;
  byChapter: Record<string, Cell>;
  /** Keys: article number, or "II-general" for a chapter's general needs. */
  byArticle: Record<string, Cell>;
  byCategory: Record<string, Cell>;
  byRegion: Record<string, Cell>;
  chapterByCategory: Record<string, Record<string, Cell>>;
  regionByChapter: Record<string, Record<string, Cell>>;
  regionByCategory: Record<string, Record<string, Cell>>;
  /** region → article → category, as the 2023 note's tables give them for chapter II. */
  regionArticleCategory: Record<string, Record<string, Record<string, Cell>>>;
}

/** How counts name a need's regional group; "unknown" where the country is not in the table of States. */
export const regionKey = (region: string | null) => region ?? 'unknown';

function cell(needs: StoredNeed[]): Cell {
  return { needs: needs.length, countries: new Set(needs.map((n) => n.countryCode ?? n.country)).size, ids: needs.map((n) => n.id) };
}

/** Keys in the order a note gives them: articles by number, categories and groups as the domain page lists them. */
const KNOWN_ORDER: string[] = [...CATEGORIES, ...REGIONAL_GROUPS];
function rank(key: string): number {
  if (/^\d+$/.test(key)) return Number(key);
  const known = KNOWN_ORDER.indexOf(key);
  return known >= 0 ? 1000 + known : Infinity;
}

/** Groups needs by a key, keys in a stable order. */
function groupBy(needs: StoredNeed[], key: (n: StoredNeed) => string): Map<string, StoredNeed[]> {
  const groups = new Map<string, StoredNeed[]>();
  for (const need of needs) groups.set(key(need), [...(groups.get(key(need)) ?? []), need]);
  return new Map([...groups].sort(([a], [b]) => rank(a) - rank(b) || byCodePoint(a, b)));
}

function table(needs: StoredNeed[], key: (n: StoredNeed) => string): Record<string, Cell> {
  return Object.fromEntries([...groupBy(needs, key)].map(([k, group]) => [k, cell(group)]));
}

function crossing(needs: StoredNeed[], outer: (n: StoredNeed) => string, inner: (n: StoredNeed) => string): Record<string, Record<string, Cell>> {
  return Object.fromEntries([...groupBy(needs, outer)].map(([k, group]) => [k, table(group, inner)]));
}

export function countNeeds(run: number, allNeeds: StoredNeed[], allSummaries: RunSummary[], asOf: string): Counts {
  const summaries = allSummaries.filter((s) => s.counted && (!s.date || s.date <= asOf));
  const inScope = new Set(summaries.map((s) => s.docId));
  const needs = allNeeds.filter((n) => n.counted && inScope.has(n.doc));
  const summariesByRegion: Record<string, number> = {};
  for (const s of summaries) summariesByRegion[regionKey(s.region)] = (summariesByRegion[regionKey(s.region)] ?? 0) + 1;
  return {
    asOf,
    run,
    summaries: summaries.length,
    undated: allSummaries.filter((s) => s.counted && !s.date).length,
    sources: summaries.map((s) => s.docId),
    countriesWithNeeds: cell(needs).countries,
    needs: needs.length,
    summariesByRegion: Object.fromEntries(Object.entries(summariesByRegion).sort(([a], [b]) => byCodePoint(a, b))),
    byChapter: table(needs, (n) => n.chapter),
    byArticle: table(needs, articleKey),
    byCategory: table(needs, (n) => n.category),
    byRegion: table(needs, (n) => regionKey(n.region)),
    chapterByCategory: crossing(needs, (n) => n.chapter, (n) => n.category),
    regionByChapter: crossing(needs, (n) => regionKey(n.region), (n) => n.chapter),
    regionByCategory: crossing(needs, (n) => regionKey(n.region), (n) => n.category),
    regionArticleCategory: Object.fromEntries(
      [...groupBy(needs, (n) => regionKey(n.region))].map(([region, group]) => [region, crossing(group, articleKey, (n) => n.category)]),
    ),
  };
}
