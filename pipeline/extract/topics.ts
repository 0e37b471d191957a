/**
 * What a paragraph of a note speaks of: the articles it cites (or, citing none, those of the heading it sits
 * under: "利益冲突和举报（第七条和第八条）") and the categories of need it names (`data/category-words.json`),
 * carried on its block.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, type Category, type Lang, type SegmentedDocument } from '../model.js';
import { parseArticleRefs } from './articles.js';

export const CATEGORY_WORDS = JSON.parse(readFileSync(new URL('./data/category-words.json', import.meta.url), 'utf8')) as Record<Lang, Record<Category, string[]>>;

export const REGION_WORDS = JSON.parse(readFileSync(new URL('./data/regions.zh.json', import.meta.url), 'utf8')).regions as Record<string, string[]>;

/** The regional groups a (Chinese) text names: "非洲国家组", "亚太组". */
export function regionsNamed(text: string): string[] {
  return Object.keys(REGION_WORDS).filter((r) => REGION_WORDS[r]!.some((w) => text.includes(w)));
}

/** The categories a text names, in the domain page's order. */
export function categoriesNamed(text: string, lang: Lang): Category[] {
  const lower = text.toLowerCase();
  return CATEGORIES.filter((c) => CATEGORY_WORDS[lang][c].some((w) => lower.includes(w)));
}

const articlesOf = (text: string) => [...new Set(parseArticleRefs(text).map((r) => r.article))].sort((a, b) => a - b);

export function annotateTopics(doc: SegmentedDocument): SegmentedDocument {
  let section: number[] = [];
  const blocks = doc.blocks.map((block) => {
    if (block.kind === 'heading') section = articlesOf(block.text);
    if (block.kind !== 'paragraph' && block.kind !== 'list_item') return block;
    const own = articlesOf(block.text);
    return { ...block, topics: { articles: own.length > 0 ? own : section, categories: categoriesNamed(block.text, doc.lang) } };
  });
  return { ...doc, blocks };
}
