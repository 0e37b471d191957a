/**
 * A note's table of needs by category (the 2023 note's 表 1 and 表 2): the regional group of its title, a
 * category per column, and per row its label (an article, "一般性技术援助需求"), its cells and its total.
 */
import type { Block } from '../model.js';
import { categoriesNamed, regionsNamed } from './topics.js';

/** A table header's category ("能力建设", "研究和数据"). */
function categoryOfWord(word: string): string | null {
  const named = categoriesNamed(word, 'zh');
  return named.length === 1 ? named[0]! : null;
}

const isNumber = (cell: string) => /^\d+$/.test(cell.trim());
const TOTAL_LABEL = /^(共计|合计|总计|总数)$/;

export interface Table {
  name: string;
  region: string | null;
  categories: (string | null)[];
  /** Data rows: the row label, a cell per category, and the row's printed total if it has one. */
  rows: { label: string; cells: number[]; total: number | null }[];
  totals: { cells: number[]; grand: number | null } | null;
}

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
    else table.rows.push({ label, cells: entry.cells, total: entry.extra });
  }
  return table;
}
