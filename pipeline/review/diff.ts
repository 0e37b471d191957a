/**
 * What moved between two runs, for analysts to review: the needs that count in each, matched by their stable
 * ids, and the report cells whose numbers changed. A field changed by an analyst's correction is reported
 * as a correction, not as a change.
 */
import type { RunRecords, StoredNeed } from '../store/db.js';
import { countNeeds, type Cell, type Counts } from '../report/counts.js';
import { articleKey } from '../extract/articles.js';
import { byCodePoint } from '../order.js';

type Field = 'chapter' | 'article' | 'category' | 'country' | 'region';

export interface FieldChange {
  field: Field;
  before: string;
  after: string;
  /** Who corrected it, when the change is an analyst's correction. */
  correctedBy?: string;
}

export interface NeedChange {
  kind: 'added' | 'removed' | 'changed' | 'corrected';
  id: string;
  country: string;
  text: string;
  fields: FieldChange[];
}

export interface CountChange {
  cell: string;
  before: number;
  after: number;
}

export interface RunDiff {
  runA: number;
  runB: number;
  needs: NeedChange[];
  counts: CountChange[];
}

const FIELDS: Record<Field, (n: StoredNeed) => string> = {
  chapter: (n) => n.chapter,
  article: articleKey,
  category: (n) => n.category,
  country: (n) => n.countryCode ?? n.country ?? '',
  region: (n) => n.region ?? '',
};

/** The report fields a correction of one need field also moves. */
const CORRECTION_OF: Record<Field, 'article' | 'category' | 'country'> = { chapter: 'article', article: 'article', category: 'category', country: 'country', region: 'country' };

function compareNeed(a: StoredNeed, b: StoredNeed): NeedChange | null {
  const fields: FieldChange[] = [];
  for (const field of Object.keys(FIELDS) as Field[]) {
    const before = FIELDS[field](a);
    const after = FIELDS[field](b);
    if (before === after) continue;
    const correction = b.review?.corrected[CORRECTION_OF[field]];
    const change: FieldChange = { field, before, after };
    if (correction) change.correctedBy = `${correction.who} ${correction.at}`;
    fields.push(change);
  }
  if (fields.length === 0) return null;
  return { kind: fields.every((f) => f.correctedBy) ? 'corrected' : 'changed', id: b.id, country: b.country ?? '', text: b.text, fields };
}

function flatten(counts: Counts): Map<string, number> {
  const cells = new Map<string, number>([
    ['summaries', counts.summaries],
    ['countriesWithNeeds', counts.countriesWithNeeds],
    ['needs', counts.needs],
  ]);
  const add = (name: string, table: Record<string, Cell>) => {
    for (const [key, cell] of Object.entries(table)) {
      cells.set(`${name}.${key}.needs`, cell.needs);
      cells.set(`${name}.${key}.countries`, cell.countries);
    }
  };
  add('byChapter', counts.byChapter);
  add('byArticle', counts.byArticle);
  add('byCategory', counts.byCategory);
  add('byRegion', counts.byRegion);
  return cells;
}

/** Everything counts, whatever its date: a diff compares runs, not dates. */
const ALWAYS = '9999-12-31';

export function diffRuns(runA: number, a: RunRecords, runB: number, b: RunRecords): RunDiff {
  const before = new Map(a.needs.filter((n) => n.counted).map((n) => [n.id, n]));
  const after = new Map(b.needs.filter((n) => n.counted).map((n) => [n.id, n]));
  const needs: NeedChange[] = [];
  for (const [id, need] of after) {
    const old = before.get(id);
    if (!old) needs.push({ kind: 'added', id, country: need.country ?? '', text: need.text, fields: [] });
    else {
      const change = compareNeed(old, need);
      if (change) needs.push(change);
    }
  }
  for (const [id, need] of before) if (!after.has(id)) needs.push({ kind: 'removed', id, country: need.country ?? '', text: need.text, fields: [] });
  needs.sort((x, y) => byCodePoint(x.country, y.country) || byCodePoint(x.kind, y.kind) || byCodePoint(x.id, y.id));
  const cellsA = flatten(countNeeds(runA, a.needs, a.summaries, ALWAYS));
  const cellsB = flatten(countNeeds(runB, b.needs, b.summaries, ALWAYS));
  const counts: CountChange[] = [...new Set([...cellsA.keys(), ...cellsB.keys()])]
    .map((cell) => ({ cell, before: cellsA.get(cell) ?? 0, after: cellsB.get(cell) ?? 0 }))
    .filter((c) => c.before !== c.after);
  return { runA, runB, needs, counts };
}
