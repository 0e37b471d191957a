/** The words of the report in English and Chinese (`data/labels.json`), and the labels of the keys counts use. */
import { readFileSync } from 'node:fs';
import type { Lang } from '../model.js';
import { chineseNumber } from '../extract/articles.js';

export type Labels = {
  chapters: Record<string, string>;
  /** A chapter's general needs, by chapter: "第二章一般性技术援助需求". */
  general: Record<string, string>;
  articles: Record<string, string>;
  /** An article's number: "Art. {n}", "第{n}条" (n in the numerals the notes use). */
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
  /** A figure's number and title: "Figure {n}. {title}", "图{n} {title}". */
  figure: string;
  records: string;
  /** Before the cells that count a record. */
  countedIn: string;
  header: Record<'run' | 'asOf' | 'sources' | 'contents' | 'tables' | 'figures' | 'undated', string>;
  total: string;
};

export const LABELS = JSON.parse(readFileSync(new URL('./data/labels.json', import.meta.url), 'utf8')) as Record<Lang, Labels>;

export const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));

/** A figure's number as the notes write it: 1 in English, 一 in Chinese. */
export const figureNumber = (n: number, lang: Lang) => (lang === 'zh' ? chineseNumber(n) : String(n));

/** An article's number alone: "Art. 5", "第五条". */
export const articleNumber = (key: string, lang: Lang) => fill(LABELS[lang].article, { n: lang === 'zh' ? chineseNumber(Number(key)) : key });

/** An article key of the counts ("5", "II-general") as a row label: "Art. 5 Preventive …", "第二章一般性技术援助需求". */
export function articleLabel(key: string, lang: Lang): string {
  const L = LABELS[lang];
  const general = /^(.+)-general$/.exec(key);
  if (general) return L.general[general[1]!] ?? key;
  if (!/^\d+$/.test(key)) return key;
  return `${articleNumber(key, lang)} ${L.articles[key] ?? ''}`.trim();
}

/** The label of a key of each table of the counts. */
export const keyLabel: Record<'byChapter' | 'byArticle' | 'byCategory' | 'byRegion', (key: string, lang: Lang) => string> = {
  byChapter: (k, lang) => LABELS[lang].chapters[k] ?? k,
  byArticle: articleLabel,
  byCategory: (k, lang) => LABELS[lang].categories[k] ?? k,
  byRegion: (k, lang) => LABELS[lang].regions[k] ?? k,
};
