/**
 * The tables and figures a note needs, from the counts of a run, in Markdown, CSV, JSON or one self-contained
 * HTML page, labelled in English or Chinese. Every number refers to the needs behind it: in Markdown and CSV
 * by a reference to the records list, in JSON by the ids on each cell, in HTML by a link to those records.
 */
import { readFileSync } from 'node:fs';
import type { Lang } from '../model.js';
import type { StoredNeed } from '../store/db.js';
import { regionKey, type Cell, type Counts } from './counts.js';
import { barChart, type Bar } from './svg.js';
import { csvCell, escapeHtml } from './markup.js';
import { SUBTYPES, subtypesOf, type Subtype } from './subtypes.js';

type Labels = {
  chapters: Record<string, string>;
  /** A chapter's general needs, by chapter: "第二章一般性技术援助需求". */
  general: Record<string, string>;
  articles: Record<string, string>;
  article: string;
  categories: Record<string, string>;
  regions: Record<string, string>;
  subtypes: Record<string, string>;
  needs: string;
  countries: string;
  summaries: string;
  title: string;
  lead: string;
  tables: Record<string, string>;
  figures: Record<string, string>;
  records: string;
  total: string;
};

export const LABELS = JSON.parse(readFileSync(new URL('./data/labels.json', import.meta.url), 'utf8')) as Record<Lang, Labels>;

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));

export interface TableCell {
  value: number;
  /** Key of the records list entry this number refers to. */
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
  title: string;
  svg: string;
}

export interface Report {
  lang: Lang;
  title: string;
  lead: string;
  tables: ReportTable[];
  figures: Figure[];
  /** Every need a number refers to, by id. */
  records: Record<string, Pick<StoredNeed, 'id' | 'country' | 'chapter' | 'article' | 'category' | 'text'>>;
}

export function buildReport(counts: Counts, needs: StoredNeed[], lang: Lang): Report {
  const L = LABELS[lang];
  const articleLabel = (key: string) => {
    const general = /^(.+)-general$/.exec(key);
    if (general) return L.general[general[1]!] ?? key;
    return `${fill(L.article, { n: key })} ${L.articles[key] ?? ''}`.trim();
  };
  const labelOf: Record<string, (key: string) => string> = {
    byChapter: (k) => L.chapters[k] ?? k,
    byArticle: articleLabel,
    byCategory: (k) => L.categories[k] ?? k,
    byRegion: (k) => L.regions[k] ?? k,
  };
  let refCount = 0;
  const cellOf = (value: number, ids: string[]): TableCell => ({ value, ids, ref: `r${++refCount}` });
  const twoColumn = (id: keyof typeof labelOf, table: Record<string, Cell>): ReportTable => ({
    id,
    title: L.tables[id]!,
    columns: [L.needs, L.countries],
    rows: Object.entries(table).map(([key, c]) => ({ label: labelOf[id]!(key), cells: [cellOf(c.needs, c.ids), cellOf(c.countries, c.ids)] })),
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
        return { label: articleLabel(article), cells: [...categories.map((c) => cellOf(byCategory[c]?.needs ?? 0, byCategory[c]?.ids ?? [])), cellOf(all.length, all)] };
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

  /** The bars of the table with this id: figures name their tables, so that a table added or moved cannot shift them. */
  const bars = (id: string, column = 0): Bar[] => {
    const table = tables.find((t) => t.id === id)!;
    return table.rows.map((r) => ({ label: r.label, value: r.cells[column]!.value, href: `#${r.cells[column]!.ref}` }));
  };
  const categoryBars = (chapter: string): Bar[] =>
    Object.entries(counts.chapterByCategory[chapter] ?? {}).map(([category, c]) => ({ label: L.categories[category] ?? category, value: c.needs }));
  const summariesBars: Bar[] = Object.entries(counts.summariesByRegion).map(([region, n]) => ({ label: L.regions[region] ?? region, value: n }));
  const figures: Figure[] = [
    { id: 'byChapter', title: L.figures.byChapter!, svg: barChart(L.figures.byChapter!, bars('byChapter')) },
    { id: 'byCategory', title: L.figures.byCategory!, svg: barChart(L.figures.byCategory!, bars('byCategory'), '#2e8b57') },
    { id: 'summariesByRegion', title: L.figures.summariesByRegion!, svg: barChart(L.figures.summariesByRegion!, summariesBars, '#8a5a9e') },
    { id: 'byArticle', title: L.figures.byArticle!, svg: barChart(L.figures.byArticle!, bars('byArticle')) },
    { id: 'subtypes', title: L.figures.subtypes!, svg: barChart(L.figures.subtypes!, bars('subtypes'), '#2e8b57') },
    { id: 'byRegion', title: L.figures.byRegion!, svg: barChart(L.figures.byRegion!, bars('byRegion'), '#c0642f') },
  ];
  // Each chapter's needs by category (the 2020 note's 图五 for chapter V).
  for (const chapter of Object.keys(counts.chapterByCategory)) {
    const title = fill(L.figures.chapterByCategory!, { chapter: L.chapters[chapter] ?? chapter });
    figures.push({ id: `categories-${chapter}`, title, svg: barChart(title, categoryBars(chapter), '#2e8b57') });
  }
  // The 2023 note's regional figures: each group's needs by article, and its capacity-building sub-types.
  for (const region of Object.keys(counts.regionArticleCategory)) {
    const name = L.regions[region] ?? region;
    const id = `regionArticleCategory.${region}`;
    const articleBars = bars(id, tables.find((t) => t.id === id)!.columns.length - 1);
    const articlesTitle = fill(L.figures.regionArticles!, { region: name });
    figures.push({ id: `articles-${region}`, title: articlesTitle, svg: barChart(articlesTitle, articleBars) });
    const own = capacity.filter((n) => regionKey(n.region) === region);
    const subtypeBars = SUBTYPES.map((s) => ({ label: L.subtypes[s]!, value: withSubtype(own, s).length }));
    const subtypesTitle = fill(L.figures.regionSubtypes!, { region: name });
    figures.push({ id: `subtypes-${region}`, title: subtypesTitle, svg: barChart(subtypesTitle, subtypeBars, '#2e8b57') });
  }

  const records: Report['records'] = {};
  for (const id of Object.values(counts.byChapter).flatMap((c) => c.ids)) {
    const n = byId.get(id);
    if (n) records[id] = { id: n.id, country: n.country, chapter: n.chapter, article: n.article, category: n.category, text: n.text };
  }
  return {
    lang,
    title: fill(L.title, { date: counts.asOf }),
    lead: fill(L.lead, { summaries: counts.summaries, countries: counts.countriesWithNeeds, needs: counts.needs }),
    tables,
    figures,
    records,
  };
}

const allCells = (report: Report) => report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells));

export function renderMarkdown(report: Report): string {
  const out = [`# ${report.title}`, '', report.lead, ''];
  for (const t of report.tables) {
    out.push(`## ${t.title}`, '', `| | ${t.columns.join(' | ')} |`, `|---|${t.columns.map(() => '---:').join('|')}|`);
    for (const r of t.rows) out.push(`| ${r.label} | ${r.cells.map((c) => `${c.value} [${c.ref}]`).join(' | ')} |`);
    out.push('');
  }
  for (const f of report.figures) out.push(`![${f.title}](figures/${f.id}.svg)`, '');
  out.push(`## ${LABELS[report.lang].records}`, '');
  for (const c of allCells(report)) if (c.ids.length > 0) out.push(`- [${c.ref}]: ${c.ids.join(' ')}`);
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
  const body: string[] = [`<h1>${escapeHtml(report.title)}</h1>`, `<p>${escapeHtml(report.lead)}</p>`];
  for (const t of report.tables) {
    body.push(`<h2>${escapeHtml(t.title)}</h2>`, `<table id="${t.id}"><thead><tr><th></th>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of t.rows) body.push(`<tr><th>${escapeHtml(r.label)}</th>${r.cells.map((c) => `<td>${c.ids.length > 0 ? `<a href="#${c.ref}">${c.value}</a>` : c.value}</td>`).join('')}</tr>`);
    body.push('</tbody></table>');
  }
  for (const f of report.figures) body.push(`<figure id="figure-${f.id}">${f.svg}</figure>`);
  body.push(`<h2>${escapeHtml(L.records)}</h2>`);
  for (const c of allCells(report)) {
    if (c.ids.length === 0) continue;
    const items = c.ids.map((id) => report.records[id]).filter(Boolean).map((n) => `<li><code>${n!.id}</code> ${escapeHtml(n!.country ?? '')} · ${n!.chapter}/${n!.article ?? 'general'} · ${escapeHtml(L.categories[n!.category] ?? n!.category)}: ${escapeHtml(n!.text)}</li>`);
    body.push(`<section id="${c.ref}" class="records"><h3>${c.ref}</h3><ul>${items.join('')}</ul></section>`);
  }
  return `<!doctype html>
<html lang="${report.lang}"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em}td{text-align:right}figure{margin:1em 0}.records{font-size:.85em}</style>
</head><body>
${body.join('\n')}
</body></html>
`;
}
