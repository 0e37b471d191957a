/**
 * The quantitative statements of a secretariat note (domain page §5): "30 个国家确定了共计 404 项个别需求",
 * "占有所有需求的 44%", "半数以上的国家", "第五条（42 项需求）". Each becomes a claim with its value, its unit
 * and the scope its clause gives (chapter, articles, category, regional group, cycle), tied to its paragraph.
 * "一个国家" ("a country", one case told as an example) is an anecdote, not a count, and is left out.
 */
import type { Block, SegmentedDocument, Span } from '../model.js';
import { chapterNamedZh, parseArticleRefs, parseNumber } from './articles.js';
import { categoriesNamed, regionsNamed } from './topics.js';
import { readTable, type TableRow } from './tables.js';
import { stretchAround } from '../segment/text.js';

export type ClaimUnit = 'needs' | 'countries' | 'summaries' | 'reports' | 'reviews' | 'percent' | 'share' | 'people' | 'events' | 'projects' | 'products' | 'institutions' | 'visits' | 'usd';

export interface ClaimScope {
  chapter?: string;
  articles?: number[];
  category?: string;
  region?: string;
  cycle?: string;
  /** "more_than" (半数以上, 20 多个), "nearly" (近四分之一), "about" (三分之一左右); "general" on a table row of general needs. */
  qualifier?: string;
}

export interface Claim {
  /** The paragraph's number as printed, or null for text outside the numbered paragraphs (the summary box). */
  paragraph: string | null;
  value: number;
  unit: ClaimUnit;
  scope: ClaimScope;
  /** The words that state the figure. */
  text: string;
  start: number;
  end: number;
}

const NUMBER = '(\\d[\\d,]*(?:\\.\\d+)?|[两二三四五六七八九十百千]+[零一二三四五六七八九十百千]*)';
/** A count: a number, its measure word and the noun it counts. */
const COUNT = new RegExp(
  `${NUMBER}\\s*(?:(多|余)\\s*)?(%|％|个国家|个缔约国|个成员国|个|国|项|例|份|次|场|所|名|人)(国家|缔约国|成员国|会员国|(?:个别)?(?:技术援助)?需[求要]|执行摘要|国别审议|审议|讲习班|研讨会|培训班|大会|会议|活动|与会者|参与者|官员|从业人员)?`,
  'gu',
);
/** What 项 and 个 also count: "两项条款", "三项措施", "两个实体". */
const OTHER_ITEMS = /^(条款|条|措施|建议|原则|任务|工作|活动|决议|议程|实体|部分|方面|领域|阶段|层面|主题|问题)/u;

/** A measure word and the noun it counts, some words apart: "44 个受审议缔约国", "两个反腐败重大项目", "七份国家/地区报告". */
const DISTANT_NOUN: Record<string, [RegExp, ClaimUnit][]> = {
  个: [
    [/^[^，。；、]{0,30}?(国家|缔约国|成员国|会员国)(?!组)/u, 'countries'],
    [/^[^，。；、]{0,8}?项目/u, 'projects'],
    [/^[^，。；、]{0,8}?(模块|出版物|指南|手册)/u, 'products'],
    [/^[^，。；]{0,24}?(机关|机构|办事处|网络|平台|中心|主管部门)/u, 'institutions'],
    [/^[^，。；、]{0,8}?(小组会议|会议|讲习班|研讨会|大会)/u, 'events'],
  ],
  场: [[/^[^，。；、]{0,8}?(会议|讲习班|研讨会|活动)/u, 'events']],
  次: [[/^[^，。；、]{0,10}?(讲习班|研讨会|活动|暑期学校|培训|对话)/u, 'events']],
  所: [[/^[^，。；、]{0,8}?(机构|学校|大学|学院)/u, 'institutions']],
  份: [
    [/^[^，。；、]{0,6}?执行摘要/u, 'summaries'],
    [/^[^，。；、]{0,6}?(出版物|指南|手册)/u, 'products'],
    [/^(国家|国别)[^，。；、]{0,4}?报告/u, 'reports'],
  ],
};

/** The nearest noun a measure word counts, if one follows within reach. */
function distantNoun(measure: string, following: string): { unit: ClaimUnit; length: number } | null {
  const matches = (DISTANT_NOUN[measure] ?? []).flatMap(([pattern, unit]) => {
    const m = pattern.exec(following);
    return m ? [{ unit, length: m[0].length }] : [];
  });
  return matches.sort((a, b) => a.length - b.length)[0] ?? null;
}
const MONEY = new RegExp(`${NUMBER}\\s*(万|亿)?\\s*美元`, 'gu');
const SHARE = /(半数以上|过半数|逾半数|超过半数|半数|近半数|将近一半|近一半|一半|(?:近|将近|超过|逾|约)?(?:二|三|四|五|十)分之(?:一|二|三)(?:以上|左右)?)/gu;
const FRACTIONS: Record<string, number> = { 二: 2, 三: 3, 四: 4, 五: 5, 十: 10 };

/** What a number is not a count of: a year, a date, an ordinal, a symbol's number, a paragraph or resolution, a figure told again. */
function isNotACount(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 5);
  // "第 11 段" is an ordinal; "这两个模块" points back to a figure already given.
  if (/(第|这|该|此)\s*$/.test(before) || /[/／.]$/.test(before)) return true;
  return /^\s*(年|月|日|届|号|段|条|章|周期|次会议|次续会|国\s*集团|个?国家组|\/)/.test(after);
}

function valueOf(token: string): number | null {
  if (/^\d/.test(token)) return Number(token.replace(/,/g, ''));
  if (token === '两') return 2;
  return parseNumber(token);
}

function clauseAround(text: string, start: number, end: number): string {
  const clause = stretchAround(text, start, end, '。；');
  return text.slice(clause.start, clause.end);
}

function scopeOf(clause: string): ClaimScope {
  const scope: ClaimScope = {};
  const chapter = chapterNamedZh(clause);
  if (chapter) scope.chapter = chapter;
  const articles = [...new Set(parseArticleRefs(clause).map((r) => r.article))];
  if (articles.length > 0) scope.articles = articles;
  const categories = categoriesNamed(clause, 'zh');
  if (categories.length > 0) scope.category = categories[0];
  const regions = regionsNamed(clause);
  if (regions.length > 0) scope.region = regions[0];
  const cycle = /第([一二])(审议)?周期/.exec(clause);
  if (cycle) scope.cycle = cycle[1] === '一' ? 'first' : 'second';
  return scope;
}

function unitOf(measure: string, noun: string | undefined, clause: string): ClaimUnit | null {
  if (measure === '%' || measure === '％') return 'percent';
  if (measure === '份') return /执行摘要/.test(noun ?? clause) ? 'summaries' : null;
  if (noun && /国家|缔约国|成员国|会员国/.test(noun)) return 'countries';
  if (noun && /需/.test(noun)) return 'needs';
  if (noun && /执行摘要/.test(noun)) return 'summaries';
  if (noun && /审议/.test(noun)) return 'reviews';
  if (noun && /讲习班|研讨会|培训班|大会|会议|活动/.test(noun)) return 'events';
  if (noun && /与会者|参与者|官员|从业人员/.test(noun)) return 'people';
  switch (measure) {
    case '个国家':
    case '个缔约国':
    case '个成员国':
    case '国':
      return 'countries';
    case '个':
      return /国家|缔约国/.test(clause) ? 'countries' : null;
    case '项':
    case '例':
      return /需[求要]/.test(clause) ? 'needs' : null;
    case '次':
      return /审议/.test(clause) ? 'reviews' : null;
    case '名':
    case '人':
      return 'people';
  }
  return null;
}

function shareOf(words: string): { value: number; qualifier?: string } {
  const fraction = /(二|三|四|五|十)分之(一|二|三)/.exec(words);
  const value = fraction ? (valueOf(fraction[2]!) ?? 1) / FRACTIONS[fraction[1]!]! : 0.5;
  if (/以上|超过|逾|过半/.test(words)) return { value, qualifier: 'more_than' };
  if (/近|将近/.test(words)) return { value, qualifier: 'nearly' };
  if (/左右|约/.test(words)) return { value, qualifier: 'about' };
  return { value };
}

function claimsOfBlock(doc: SegmentedDocument, block: Block): Claim[] {
  const text = block.text;
  const paragraph = block.number ?? null;
  const claims: Claim[] = [];
  // Cleaning a block only ever drops characters, so a figure sits at or after the same offset in the document.
  const locate = (start: number, end: number) => {
    const found = doc.text.indexOf(text.slice(start, end), block.start + start);
    return found >= 0 && found < block.end ? { start: found, end: found + (end - start) } : { start: block.start, end: block.end };
  };
  for (const m of text.matchAll(COUNT)) {
    const [, number, more, measure, noun] = m as unknown as [string, string, string | undefined, string, string | undefined];
    const start = m.index!;
    let end = start + m[0].length;
    if (isNotACount(text, start, start + number.length)) continue;
    const value = valueOf(number);
    if (value === null || number === '一') continue;
    const clause = clauseAround(text, start, end);
    let unit: ClaimUnit | null;
    const following = text.slice(end);
    // 份 counts documents: "七份国家/地区报告" are reports, not countries.
    const afterMeasure = measure === '份' ? text.slice(end - (noun?.length ?? 0)) : following;
    const distant = noun && measure !== '份' ? null : distantNoun(measure, afterMeasure);
    if (distant) {
      unit = distant.unit;
      end += distant.length - (afterMeasure.length - following.length);
    } else if (!noun && /^[项例个]$/.test(measure) && OTHER_ITEMS.test(following)) {
      continue;
    } else if (measure === '次' && /访问/.test(clause)) {
      unit = 'visits';
    } else {
      unit = unitOf(measure, noun, clause);
    }
    if (!unit) continue;
    // Countries are not set up: "设立了 10 个国家反腐败办事处" counts national offices.
    const founded = unit === 'countries' && /(设立|建立|成立|开设)了?\s*$/u.test(text.slice(Math.max(0, start - 4), start)) ? /^[^，。；、]{0,12}?(办事处|机构|机关|委员会|单位)/u.exec(following) : null;
    if (founded) {
      unit = 'institutions';
      end += founded[0].length;
    }
    const scope = scopeOf(clause);
    if (more) scope.qualifier = 'more_than';
    claims.push({ paragraph, value, unit, scope, text: text.slice(start, end), ...locate(start, end) });
  }
  for (const m of text.matchAll(MONEY)) {
    const value = valueOf(m[1]!);
    if (value === null) continue;
    const factor = m[2] === '万' ? 1e4 : m[2] === '亿' ? 1e8 : 1;
    const start = m.index!;
    const end = start + m[0].length;
    claims.push({ paragraph, value: value * factor, unit: 'usd', scope: scopeOf(clauseAround(text, start, end)), text: m[0], ...locate(start, end) });
  }
  for (const m of text.matchAll(SHARE)) {
    const start = m.index!;
    const end = start + m[0].length;
    const { value, qualifier } = shareOf(m[0]);
    const scope = scopeOf(clauseAround(text, start, end));
    if (qualifier) scope.qualifier = qualifier;
    claims.push({ paragraph, value: Math.round(value * 10000) / 10000, unit: 'share', scope, text: m[0], ...locate(start, end) });
  }
  return claims.sort((a, b) => a.start - b.start);
}

/** The numbers on a table's row line in the document, in order, with their spans. */
function numbersOnRow(doc: SegmentedDocument, block: Block, label: string): Span[] {
  const at = doc.text.indexOf(label, block.start);
  if (at < 0 || at > block.end) return [];
  const lineEnd = doc.text.indexOf('\n', at);
  const line = doc.text.slice(at + label.length, lineEnd < 0 ? block.end : lineEnd);
  return [...line.matchAll(/\d+/g)].map((m) => ({ start: at + label.length + m.index!, end: at + label.length + m.index! + m[0].length }));
}

/** Each cell of a table of needs: its row's articles (or the chapter's general needs), its column's category. */
function claimsOfTable(doc: SegmentedDocument, block: Block): Claim[] {
  const table = readTable(block);
  if (!table) return [];
  const claims: Claim[] = [];
  const base: ClaimScope = table.region ? { region: table.region } : {};
  const push = (value: number, scope: ClaimScope, span: Span | undefined) => {
    const where = span ?? { start: block.start, end: block.end };
    claims.push({ paragraph: table.name, value, unit: 'needs', scope: { ...base, ...scope }, text: doc.text.slice(where.start, where.end), ...where });
  };
  const rowScope = (row: TableRow): ClaimScope => (row.articles.length > 0 ? { articles: row.articles } : { qualifier: 'general' });
  for (const row of table.rows) {
    const spans = numbersOnRow(doc, block, row.label);
    row.cells.forEach((value, i) => push(value, { ...rowScope(row), ...(table.categories[i] ? { category: table.categories[i]! } : {}) }, spans[i]));
    if (row.total !== null) push(row.total, rowScope(row), spans[row.cells.length]);
  }
  if (table.totals) {
    const label = doc.text.slice(block.start, block.end).match(/\n\s*(共计|合计|总计|总数)\t/)?.[1];
    const spans = label ? numbersOnRow(doc, { ...block, start: doc.text.lastIndexOf(`\n${label}`, block.end) }, label) : [];
    table.totals.cells.forEach((value, i) => push(value, table.categories[i] ? { category: table.categories[i]! } : {}, spans[i]));
    if (table.totals.grand !== null) push(table.totals.grand, {}, spans[table.totals.cells.length]);
  }
  return claims;
}

/** The claims of a note's paragraphs, list items and tables, in document order. */
export function extractClaims(doc: SegmentedDocument): Claim[] {
  return doc.blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'list_item' ? claimsOfBlock(doc, b) : b.kind === 'table' ? claimsOfTable(doc, b) : []));
}
