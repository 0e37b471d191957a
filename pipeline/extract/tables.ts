/**
 * A note's table of needs by category (the 2023 note's 表 1 and 表 2): the regional group of its title, a
 * category per column, and per row its label (an article, "一般性技术援助需求"), its cells and its total.
 */
import type { Block } from '../model.js';
import { parseArticleRefs } from './articles.js';
import { categoriesNamed, regionsNamed } from './topics.js';

/** A table header's category ("能力建设", "研究和数据"). */
function categoryOfWord(word: string): string | null {
  const named = categoriesNamed(word, 'zh');
  return named.length === 1 ? named[0]! : null;
}

const isNumber = (cell: string) => /^\d+$/.test(cell.trim());
const TOTAL_LABEL = /^(共计|合计|总计|总数)$/;

export interface TableRow {
  label: string;
  /** The articles the label cites ("第五条和第六条" → 5, 6); none for the general needs' row. */
  articles: number[];
  /** A cell per category. */
  cells: number[];
  /** The row's printed total, if it has one. */
  total: number | null;
}

export interface Table {
  name: string;
  region: string | null;
  categories: (string | null)[];
  rows: TableRow[];
  totals: { cells: number[]; grand: number | null } | null;
}

/** The row of exactly one article. */
export const rowOf = (table: Table, article: number): TableRow | undefined => table.rows.find((r) => r.articles.length === 1 && r.articles[0] === article);

/** A row's printed total, or its cells' sum where none is printed. */
export const rowTotal = (row: TableRow): number => row.total ?? row.cells.reduce((a, b) => a + b, 0);

/** The table's total as its rows give it. */
export const totalOfRows = (table: Table): number => table.rows.reduce((sum, row) => sum + rowTotal(row), 0);

export function readTable(block: Block): Table | null {
  const rows = block.rows ?? [];
  const header = rows.find((r) => r.filter((c) => categoryOfWord(c.trim()) !== null).length >= 3);
  if (!header) return null;
  const categories = header.filter((c) => c.trim() !== '').map((c) => categoryOfWord(c.trim()));
  const width = categories.length;
  const name = (/^表\s*\S+/.exec(block.text)?.[0] ?? 'table').replace(/\s+/g, ' ');
  const regions = regionsNamed(block.text);
  const table: Table = { name, region: regions.length === 1 ? regions[0]! : null, categories, rows: [], totals: null };
  for (const row of rows) {
    const [label, ...rest] = row.map((c) => c.trim());
    if (!label || !rest.slice(0, width).every(isNumber) || rest.length < width) continue;
    const numbers = rest.filter(isNumber).map(Number);
    const entry = { cells: numbers.slice(0, width), extra: numbers.length > width ? numbers[width]! : null };
    if (TOTAL_LABEL.test(label)) table.totals = { cells: entry.cells, grand: entry.extra };
    else table.rows.push({ label, articles: [...new Set(parseArticleRefs(label).map((r) => r.article))], cells: entry.cells, total: entry.extra });
  }
  return table;
}
