/**
 * How each layout of the same labelled summaries reads: per layout folder of a labelled corpus (default
 * tests/fixtures/structure), the countries found, the needs found and matched, and the articles right.
 * `node --import tsx scripts/layout-scores.ts [dir]`
 */
import { dirname, join, relative } from 'node:path';
import { ingestFile } from '../pipeline/ingest/index.js';
import { segment } from '../pipeline/segment/index.js';
import { extractNeeds, stateOf } from '../pipeline/needs.js';
import { resolveState } from '../pipeline/extract/states.js';
import { loadLabelledCorpus } from '../pipeline/evaluate/labels.js';
import { matchNeeds } from '../pipeline/evaluate/needs.js';

const dir = process.argv[2] ?? join(import.meta.dirname, '..', 'tests', 'fixtures', 'structure');
const byLayout = new Map<string, { files: number; countries: number; labelled: number; found: number; matched: number; articles: number }>();
const lines: string[] = [];
for (const { labels, files } of loadLabelledCorpus(dir)) {
  for (const path of files) {
    const doc = segment(await ingestFile(path));
    const needs = extractNeeds(doc);
    const expected = resolveState(labels[0]?.country ?? '');
    const state = stateOf(doc);
    const pairs = matchNeeds(needs, labels);
    const matched = pairs.filter(([, label]) => label);
    const articles = matched.filter(([need, label]) => need.chapter === label!.chapter && (need.article ?? `${need.chapter}-general`) === label!.article).length;
    const layout = relative(dir, dirname(path)) || '.';
    const row = byLayout.get(layout) ?? { files: 0, countries: 0, labelled: 0, found: 0, matched: 0, articles: 0 };
    row.files += 1;
    row.countries += state !== null && state.code === expected?.code ? 1 : 0;
    row.labelled += labels.length;
    row.found += needs.length;
    row.matched += matched.length;
    row.articles += articles;
    byLayout.set(layout, row);
    lines.push(`${relative(dir, path)}: kind ${doc.kind}, country ${state?.code ?? '-'} (${state?.region ?? '-'}), date ${doc.date ?? '-'}, needs ${matched.length}/${labels.length} (found ${needs.length}), articles right ${articles}`);
  }
}
console.log(lines.join('\n'));
console.log('\nlayout          files  countries  needs matched/labelled  found  articles right');
for (const [layout, r] of [...byLayout].sort(([a], [b]) => (a < b ? -1 : 1))) {
  console.log(`${layout.padEnd(15)} ${String(r.files).padStart(5)}  ${String(r.countries).padStart(9)}  ${`${r.matched}/${r.labelled}`.padStart(22)}  ${String(r.found).padStart(5)}  ${String(r.articles).padStart(14)}`);
}
