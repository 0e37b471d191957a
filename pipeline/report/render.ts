/**
 * The tables and figures a note needs, from the counts of a run, in Markdown, CSV, JSON or one self-contained
 * HTML page, labelled in English or Chinese. Every number refers to the needs behind it: in Markdown and CSV
 * by a reference to the records list, in JSON by the ids on each cell, in HTML by a link to those records.
 */
import type { Lang } from '../model.js';
import type { RunSummary, StoredNeed } from '../store/db.js';
import { regionKey, type Cell, type Counts } from './counts.js';
import { figureSpec, type FigureKind, type Mark } from './figures.js';
import { articleLabel, articleNumber, figureNumber, fill, keyLabel, LABELS } from './labels.js';
import { csvCell, escapeHtml } from './markup.js';
import { SUBTYPES, subtypesOf, type Subtype } from './subtypes.js';

export { LABELS };

export interface TableCell {
  value: number;
  /** Key of the cell: the anchor the records link back to. */
  ref: string;
  ids: string[];
}

export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: { label: string; cells: TableCell[] }[];
}

export interface Figure {
  id: string;
  /** The title with its number: "Figure 4. Needs and countries, by article", "图四 …". */
  title: string;
  /** The Vega-Lite specification it is drawn from. */
  spec: ReturnType<typeof figureSpec>;
  /** The drawing, once `draw-figures.ts` has made it. */
  svg?: string;
}

/** A need a number refers to, and the cells that count it. */
export type ReportRecord = Pick<StoredNeed, 'id' | 'country' | 'chapter' | 'article' | 'category' | 'text'> & { cells: string[] };

export interface Report {
  lang: Lang;
  title: string;
  lead: string;
  run: number;
  asOf: string;
  /** The summaries counted: their files, countries and dates. */
  sources: { path: string; country: string | null; date: string | null }[];
  tables: ReportTable[];
  figures: Figure[];
  /** Every need a number refers to, by id, once. */
  records: Record<string, ReportRecord>;
}

export function buildReport(counts: Counts, needs: StoredNeed[], lang: Lang, summaries: RunSummary[] = []): Report {
  const L = LABELS[lang];
  const labelOf = (id: keyof typeof keyLabel) => (key: string) => keyLabel[id](key, lang);
  let refCount = 0;
  const cellOf = (value: number, ids: string[]): TableCell => ({ value, ids, ref: `c${++refCount}` });
  const twoColumn = (id: keyof typeof keyLabel, table: Record<string, Cell>): ReportTable => ({
    id,
    title: L.tables[id]!,
    columns: [L.needs, L.countries],
    rows: Object.entries(table).map(([key, c]) => ({ label: labelOf(id)(key), cells: [cellOf(c.needs, c.ids), cellOf(c.countries, c.ids)] })),
  });
  const tables: ReportTable[] = [
    twoColumn('byChapter', counts.byChapter),
    twoColumn('byArticle', counts.byArticle),
    twoColumn('byCategory', counts.byCategory),
    twoColumn('byRegion', counts.byRegion),
  ];
  const categories = Object.keys(L.categories);
  for (const [region, articles] of Object.entries(counts.regionArticleCategory)) {
    tables.push({
      id: `regionArticleCategory.${region}`,
      title: fill(L.tables.regionArticleCategory!, { region: L.regions[region] ?? region }),
      columns: [...categories.map((c) => L.categories[c]!), L.total],
      rows: Object.entries(articles).map(([article, byCategory]) => {
        const all = Object.values(byCategory).flatMap((c) => c.ids);
        return { label: articleLabel(article, lang), cells: [...categories.map((c) => cellOf(byCategory[c]?.needs ?? 0, byCategory[c]?.ids ?? [])), cellOf(all.length, all)] };
      }),
    });
  }
  const byId = new Map(needs.map((n) => [n.id, n]));
  const capacity = (counts.byCategory.capacity_building?.ids ?? []).map((id) => byId.get(id)!).filter(Boolean);
  const subtypesById = new Map(capacity.map((n) => [n.id, subtypesOf(n.text, n.lang)]));
  const withSubtype = (needs: StoredNeed[], subtype: Subtype) => needs.filter((n) => subtypesById.get(n.id)!.includes(subtype));
  const subtypeIds = Object.fromEntries(SUBTYPES.map((s) => [s, withSubtype(capacity, s).map((n) => n.id)]));
  tables.push({
    id: 'subtypes',
    title: L.tables.subtypes!,
    columns: [L.needs],
    rows: SUBTYPES.map((s) => ({ label: L.subtypes[s]!, cells: [cellOf(subtypeIds[s]!.length, subtypeIds[s]!)] })),
  });

  /** The bars of a column of the table with this id: figures name their tables, so that a table added or moved cannot shift them. */
  const tableOf = (id: string) => tables.find((t) => t.id === id)!;
  const column = (id: string, index = 0, series?: string): Mark[] =>
    tableOf(id).rows.map((r) => ({ label: r.label, value: r.cells[index]!.value, href: `#${r.cells[index]!.ref}`, ...(series ? { series } : {}) }));
  const categoryMarks = (chapter: string): Mark[] =>
    Object.entries(counts.chapterByCategory[chapter] ?? {}).map(([category, c]) => ({ label: L.categories[category] ?? category, value: c.needs }));
  const summaryMarks: Mark[] = Object.entries(counts.summariesByRegion).map(([region, n]) => ({ label: L.regions[region] ?? region, value: n }));
  /** A group's needs by article, stacked by category, as the 2023 note's tables cross them. */
  const stackedMarks = (id: string): Mark[] => {
    const table = tableOf(id);
    return table.rows.flatMap((r) => categories.map((c, i) => ({ label: r.label, series: L.categories[c]!, value: r.cells[i]!.value, href: `#${r.cells[i]!.ref}` })).filter((m) => m.value > 0));
  };
  const planned: { id: string; title: string; kind: FigureKind; marks: Mark[]; axis?: string; series?: string[] }[] = [
    { id: 'byChapter', title: L.figures.byChapter!, kind: 'bars', marks: column('byChapter') },
    { id: 'byCategory', title: L.figures.byCategory!, kind: 'bars', marks: column('byCategory') },
    { id: 'summariesByRegion', title: L.figures.summariesByRegion!, kind: 'bars', marks: summaryMarks, axis: L.summaries },
    { id: 'byArticle', title: L.figures.byArticle!, kind: 'grouped', marks: [...column('byArticle', 0, L.needs), ...column('byArticle', 1, L.countries)], axis: `${L.needs} / ${L.countries}`, series: [L.needs, L.countries] },
    { id: 'byRegion', title: L.figures.byRegion!, kind: 'bars', marks: column('byRegion') },
    { id: 'subtypes', title: L.figures.subtypes!, kind: 'bars', marks: column('subtypes') },
  ];
  // Each chapter's needs by category (the 2020 note's figure for chapter V).
  for (const chapter of Object.keys(counts.chapterByCategory)) {
    planned.push({ id: `categories-${chapter}`, title: fill(L.figures.chapterByCategory!, { chapter: L.chapters[chapter] ?? chapter }), kind: 'bars', marks: categoryMarks(chapter) });
  }
  // The 2023 note's regional figures: each group's needs by article and category, and its capacity-building sub-types.
  for (const region of Object.keys(counts.regionArticleCategory)) {
    const name = L.regions[region] ?? region;
    const id = `regionArticleCategory.${region}`;
    planned.push({ id: `articles-${region}`, title: fill(L.figures.regionArticles!, { region: name }), kind: 'stacked', marks: stackedMarks(id), series: categories.map((c) => L.categories[c]!) });
    const own = capacity.filter((n) => regionKey(n.region) === region);
    const subtypeMarks = SUBTYPES.map((s) => ({ label: L.subtypes[s]!, value: withSubtype(own, s).length }));
    planned.push({ id: `subtypes-${region}`, title: fill(L.figures.regionSubtypes!, { region: name }), kind: 'bars', marks: subtypeMarks });
  }
  const figures: Figure[] = planned.map((f, i) => {
    const title = fill(L.figure, { n: figureNumber(i + 1, lang), title: f.title });
    return { id: f.id, title, spec: figureSpec(f.kind, title, f.marks, lang, f.axis ?? L.needs, f.series) };
  });

  const records: Report['records'] = {};
  for (const id of Object.values(counts.byChapter).flatMap((c) => c.ids)) {
    const n = byId.get(id);
    if (n) records[id] = { id: n.id, country: n.country, chapter: n.chapter, article: n.article, category: n.category, text: n.text, cells: [] };
  }
  for (const cell of tables.flatMap((t) => t.rows.flatMap((r) => r.cells))) for (const id of cell.ids) records[id]?.cells.push(cell.ref);
  const counted = new Set(counts.sources);
  return {
    lang,
    title: fill(L.title, { date: counts.asOf }),
    lead: fill(L.lead, { summaries: counts.summaries, countries: counts.countriesWithNeeds, needs: counts.needs }),
    run: counts.run,
    asOf: counts.asOf,
    sources: summaries.filter((s) => counted.has(s.docId)).map((s) => ({ path: s.path ?? s.docId, country: s.country, date: s.date ?? null })),
    tables,
    figures,
    records,
  };
}

/** Where each cell's number stands: "Needs and countries by category · Capacity-building · Needs". */
function cellPlaces(report: Report): Map<string, string> {
  const places = new Map<string, string>();
  for (const t of report.tables) for (const r of t.rows) r.cells.forEach((c, i) => places.set(c.ref, `${t.title} · ${r.label} · ${t.columns[i]}`));
  return places;
}

/** What a record is: country, article and category, and (where its text is not shown beside) the start of its text. */
function recordHeading(report: Report, n: ReportRecord, withText: boolean): string {
  const L = LABELS[report.lang];
  const article = n.article === null ? L.general[n.chapter] ?? n.chapter : articleNumber(String(n.article), report.lang);
  const heading = `${n.country ?? '?'} · ${article} · ${L.categories[n.category] ?? n.category}`;
  if (!withText) return heading;
  return `${heading} · ${[...n.text].length > 60 ? `${[...n.text].slice(0, 60).join('')}…` : n.text}`;
}

const allCells = (report: Report) => report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells));

/** A figure's file under figures/, named with the report's language: "figures/byArticle.zh.svg". */
export const figureFile = (report: Report, figure: Figure, ext: 'svg' | 'vl.json') => `figures/${figure.id}.${report.lang}.${ext}`;

export function renderMarkdown(report: Report): string {
  const L = LABELS[report.lang];
  const out = [`# ${report.title}`, '', report.lead, '', `${L.header.run} ${report.run} · ${L.header.asOf} ${report.asOf}`, '', `## ${L.header.sources}`, ''];
  for (const s of report.sources) out.push(`- ${s.country ?? '?'} · ${s.date ?? L.header.undated} · ${s.path}`);
  out.push('');
  for (const t of report.tables) {
    out.push(`## ${t.title}`, '', `| | ${t.columns.join(' | ')} |`, `|---|${t.columns.map(() => '---:').join('|')}|`);
    for (const r of t.rows) out.push(`| ${r.label} | ${r.cells.map((c) => `${c.value} [${c.ref}]`).join(' | ')} |`);
    out.push('');
  }
  for (const f of report.figures) out.push(`![${f.title}](${figureFile(report, f, 'svg')})`, '');
  out.push(`## ${L.records}`, '');
  for (const c of allCells(report)) if (c.ids.length > 0) out.push(`- [${c.ref}]: ${c.ids.join(' ')}`);
  out.push('');
  for (const n of Object.values(report.records)) out.push(`- \`${n.id}\` ${recordHeading(report, n, true)}`);
  return `${out.join('\n')}\n`;
}

export function renderCsv(report: Report): string {
  const lines = ['table,row,column,value,ref,ids'];
  for (const t of report.tables) {
    for (const r of t.rows) r.cells.forEach((c, i) => lines.push([t.id, r.label, t.columns[i]!, c.value, c.ref, c.ids.join(' ')].map(csvCell).join(',')));
  }
  return `${lines.join('\n')}\n`;
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderHtml(report: Report): string {
  const L = LABELS[report.lang];
  const places = cellPlaces(report);
  const contents = [
    `<li><a href="#sources">${escapeHtml(L.header.sources)}</a></li>`,
    `<li>${escapeHtml(L.header.tables)}<ol>${report.tables.map((t) => `<li><a href="#${t.id}">${escapeHtml(t.title)}</a></li>`).join('')}</ol></li>`,
    `<li>${escapeHtml(L.header.figures)}<ol>${report.figures.map((f) => `<li><a href="#figure-${f.id}">${escapeHtml(f.title)}</a></li>`).join('')}</ol></li>`,
    `<li><a href="#records">${escapeHtml(L.records)}</a></li>`,
  ];
  const sources = report.sources.map((s) => `<li>${escapeHtml(s.country ?? '?')} · ${escapeHtml(s.date ?? L.header.undated)} · <code>${escapeHtml(s.path)}</code></li>`);
  const body: string[] = [
    `<header><h1>${escapeHtml(report.title)}</h1><p>${escapeHtml(report.lead)}</p>`,
    `<p class="run">${escapeHtml(L.header.run)} ${report.run} · ${escapeHtml(L.header.asOf)} ${report.asOf}</p></header>`,
    `<nav><h2>${escapeHtml(L.header.contents)}</h2><ol>${contents.join('')}</ol></nav>`,
    `<h2 id="sources">${escapeHtml(L.header.sources)} (${report.sources.length})</h2><ol>${sources.join('')}</ol>`,
  ];
  for (const t of report.tables) {
    body.push(`<h2>${escapeHtml(t.title)}</h2>`, `<table id="${t.id}"><thead><tr><th></th>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of t.rows) {
      const cells = r.cells.map((c) => `<td id="${c.ref}" data-ids="${c.ids.join(' ')}">${c.ids.length > 0 ? `<a href="#records" data-ids="${c.ids.join(' ')}">${c.value}</a>` : c.value}</td>`);
      body.push(`<tr><th>${escapeHtml(r.label)}</th>${cells.join('')}</tr>`);
    }
    body.push('</tbody></table>');
  }
  for (const f of report.figures) body.push(`<figure id="figure-${f.id}">${f.svg ?? ''}<figcaption><a href="${figureFile(report, f, 'vl.json')}">Vega-Lite</a></figcaption></figure>`);
  body.push(`<h2 id="records">${escapeHtml(L.records)} (${Object.keys(report.records).length})</h2>`);
  for (const n of Object.values(report.records)) {
    const backLinks = n.cells.map((ref) => `<a href="#${ref}" title="${escapeHtml(places.get(ref) ?? ref)}">${ref}</a>`).join(' ');
    body.push(
      `<section id="${n.id}" class="record"><h3>${escapeHtml(recordHeading(report, n, false))}</h3>`,
      `<p>${escapeHtml(n.text)}</p><p class="meta"><code>${n.id}</code> · ${escapeHtml(L.countedIn)}: ${backLinks}</p></section>`,
    );
  }
  return `<!doctype html>
<html lang="${report.lang}"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em}td{text-align:right}tbody th{text-align:left;font-weight:normal}figure{margin:1em 0}figcaption{font-size:.8em}.record{font-size:.85em;border-top:1px solid #eee}.record h3{font-size:1em;margin:.6em 0 .2em}.record p{margin:.2em 0}.meta{color:#555}:target{background:#fff7cc}</style>
<script>
// A number's link shows the records it counts: the rest of the list is dimmed until another number is chosen.
addEventListener('click', (event) => {
  const ids = event.target.closest('a[data-ids]')?.dataset.ids;
  if (ids === undefined) return;
  const chosen = new Set(ids.split(' '));
  for (const record of document.querySelectorAll('.record')) record.hidden = !chosen.has(record.id);
});
</script>
</head><body>
${body.join('\n')}
</body></html>
`;
}
