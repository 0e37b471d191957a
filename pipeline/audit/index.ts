/**
 * A note checked against itself (domain page §5: notes are written by hand and do not always agree with
 * themselves). Three checks, each finding naming both places and both numbers:
 * - a table's cells against the totals printed with them (each row, each column, and the grand total);
 * - a count in the text against the table cell it restates ("非洲国家组在第五条下 … 能力建设需求 … 有 12 项"),
 *   and a share of a group's needs against the table's cell over its total ("体制建设需求中，24%涉及第五条");
 * - a percentage or a fraction in words against the two counts it is taken from ("404 项中有 177 项 … 44%");
 * - the same count stated twice: how many countries identified needs (of a chapter), how many needs there are;
 * - a count of countries against the countries its sentence then lists ("16 个国家（阿尔巴尼亚、…）").
 */
import type { Category, SegmentedDocument } from '../model.js';
import { chapterNamedZh, parseArticleRefs } from '../extract/articles.js';
import { extractClaims, type Claim } from '../extract/claims.js';
import { categoriesNamed, REGION_WORDS, regionsNamed } from '../extract/topics.js';
import { readTable, rowOf, rowTotal, totalOfRows, type Table } from '../extract/tables.js';
import { statesNamedIn } from '../extract/states.js';
import { stretchAround } from '../segment/text.js';

export interface Finding {
  check: 'row_total' | 'column_total' | 'grand_total' | 'text_vs_table' | 'percent_vs_table' | 'percentage' | 'restated' | 'list_count';
  /** The two places, e.g. "表 2, row 第七条" and "表 2, row 第七条, column 共计". */
  places: [string, string];
  /** The two numbers that disagree: what the cells add up to (or the text says) and what is printed. */
  values: [number, number];
  message: string;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function auditTable(t: Table): Finding[] {
  const findings: Finding[] = [];
  for (const row of t.rows) {
    if (row.total !== null && sum(row.cells) !== row.total) {
      findings.push({
        check: 'row_total',
        places: [`${t.name}, row ${row.label}, cells`, `${t.name}, row ${row.label}, 共计`],
        values: [sum(row.cells), row.total],
        message: `${t.name}: the cells of row ${row.label} add up to ${sum(row.cells)}, its total says ${row.total}`,
      });
    }
  }
  if (!t.totals) return findings;
  t.categories.forEach((category, i) => {
    const column = sum(t.rows.map((r) => r.cells[i] ?? 0));
    const printed = t.totals!.cells[i]!;
    if (column !== printed) {
      findings.push({
        check: 'column_total',
        places: [`${t.name}, column ${category ?? i + 1}, cells`, `${t.name}, row 共计, column ${category ?? i + 1}`],
        values: [column, printed],
        message: `${t.name}: the column ${category ?? i + 1} adds up to ${column}, the total row says ${printed}`,
      });
    }
  });
  const byRows = totalOfRows(t);
  const byColumns = sum(t.totals.cells);
  const grand = t.totals.grand ?? byColumns;
  if (byRows !== grand) {
    findings.push({
      check: 'grand_total',
      places: [`${t.name}, column 共计 (row totals)`, t.totals.grand === null ? `${t.name}, row 共计 (column totals)` : `${t.name}, grand total`],
      values: [byRows, grand],
      message: `${t.name}: the row totals add up to ${byRows}, the ${t.totals.grand === null ? 'column totals' : 'grand total'} to ${grand}`,
    });
  }
  return findings;
}

/** Counts of needs in a paragraph that restate a cell of the table of the paragraph's regional group. */
function auditTextAgainstTables(doc: SegmentedDocument, tables: Table[], claims: Claim[]): Finding[] {
  const findings: Finding[] = [];
  for (const block of doc.blocks.filter((b) => b.kind === 'paragraph' && b.number)) {
    const regions = regionsNamed(block.text);
    const categories = categoriesNamed(block.text, 'zh');
    if (regions.length !== 1 || categories.length !== 1) continue;
    const table = tables.find((t) => t.region === regions[0]);
    const column = table?.categories.indexOf(categories[0]!) ?? -1;
    if (!table || column < 0) continue;
    for (const claim of claims.filter((c) => c.paragraph === block.number && c.unit === 'needs' && c.start >= block.start && c.end <= block.end)) {
      const place = `¶${block.number} "${claim.text}"`;
      if (/(共计|总计|合计|共有)\s*$/.test(doc.text.slice(Math.max(0, claim.start - 4), claim.start))) {
        const printed = table.totals?.cells[column];
        if (printed !== undefined && printed !== claim.value) {
          findings.push({ check: 'text_vs_table', places: [place, `${table.name}, row 共计, column ${categories[0]}`], values: [claim.value, printed], message: `¶${block.number} says ${claim.value} ${categories[0]} needs in all, ${table.name} ${printed}` });
        }
        continue;
      }
      // The articles of the clause that states the count: "第七条和第十三条，各有 9 项需求".
      const clause = doc.text.slice(stretchAround(doc.text, claim.start, claim.end, '；。', block.start).start, claim.end);
      const articles = [...new Set(parseArticleRefs(clause).map((r) => r.article))];
      if (articles.length === 0 || (articles.length > 1 && !clause.includes('各'))) continue;
      for (const article of articles) {
        const row = rowOf(table, article);
        const printed = row?.cells[column];
        if (printed === undefined || printed === claim.value) continue;
        findings.push({
          check: 'text_vs_table',
          places: [place, `${table.name}, row ${row!.label}, column ${categories[0]}`],
          values: [claim.value, printed],
          message: `¶${block.number} gives article ${article} ${claim.value} ${categories[0]} needs, ${table.name} ${printed}`,
        });
      }
    }
  }
  return findings;
}

/**
 * "非洲国家组报告的体制建设需求中，24%涉及第五条": the cell (article, category) over the category's total, or
 * without a category, the article's row total over the table's row totals. A percentage beside a count of its
 * own ("有 12 项，…占 15%") is taken of that count, which the check above already compares.
 */
function auditPercentagesAgainstTables(doc: SegmentedDocument, tables: Table[], claims: Claim[]): Finding[] {
  const findings: Finding[] = [];
  /** The category the heading just above names: "4. 研究、数据收集和分析" over "30%的需求确定为…一般性需求". */
  let sectionCategory: Category | null = null;
  for (const block of doc.blocks) {
    if (block.kind === 'heading') sectionCategory = categoriesNamed(block.text, 'zh')[0] ?? null;
    if (block.kind !== 'paragraph' || !block.number) continue;
    // The paragraph's lead ("在亚太国家组报告的体制建设需求中，…") names the group and category it speaks of.
    const lead = block.text.slice(0, block.text.search(/需[求要]/) + 2);
    const leadCategory = categoriesNamed(lead, 'zh')[0] ?? sectionCategory;
    const named = regionsNamed(block.text);
    const paragraphRegion = regionsNamed(lead)[0] ?? (named.length === 1 ? named[0] : undefined);
    for (const claim of claims.filter((c) => c.paragraph === block.number && c.unit === 'percent' && c.start >= block.start && c.end <= block.end)) {
      const sentenceSpan = stretchAround(doc.text, claim.start, claim.end, '。', block.start, block.end);
      const sentenceStart = sentenceSpan.start;
      const sentence = doc.text.slice(sentenceStart, sentenceSpan.end);
      // A sentence that opens with a group speaks of it ("亚太国家组仅确定了五项此类需求"); "与非洲国家组形成对比的是" does not.
      const opening = Object.keys(REGION_WORDS).find((r) => REGION_WORDS[r]!.some((w) => sentence.trimStart().startsWith(w)));
      const table = tables.find((t) => t.region === (opening ?? paragraphRegion));
      if (!table?.totals) continue;
      // A category named before the figure in its sentence, else the paragraph's.
      const category = categoriesNamed(doc.text.slice(sentenceStart, claim.start), 'zh')[0] ?? leadCategory;
      const { start: clauseStart, end: clauseEnd } = stretchAround(doc.text, claim.start, claim.end, '，；。', block.start, block.end);
      const clause = doc.text.slice(clauseStart, clauseEnd);
      const segment = stretchAround(doc.text, claim.start, claim.end, '；。', block.start, block.end);
      if (claims.some((c) => c.unit === 'needs' && c.start >= segment.start && c.end <= segment.end)) continue;
      // The articles of the clause, or else the last one cited before it in the sentence ("与第五条有关的需求最多，占…16%").
      const cited = parseArticleRefs(clause).map((r) => r.article);
      const earlier = parseArticleRefs(doc.text.slice(sentenceStart, clauseStart)).map((r) => r.article);
      const articles = [...new Set(cited.length > 0 ? cited : earlier.slice(-1))];
      const general = articles.length === 0 && /一般性/.test(clause);
      if (!general && (articles.length === 0 || (articles.length > 1 && !/各|分别/.test(clause)))) continue;
      const column = category ? table.categories.indexOf(category) : -1;
      if (category && column < 0) continue;
      const rowsOf = general ? table.rows.filter((r) => /一般/.test(r.label)) : articles.map((a) => rowOf(table, a));
      rowsOf.forEach((row, k) => {
        if (!row) return;
        const part = category ? row.cells[column]! : rowTotal(row);
        const whole = category ? table.totals!.cells[column]! : totalOfRows(table);
        const actual = (part / whole) * 100;
        if (Math.abs(actual - claim.value) < 1) return;
        const label = general ? 'general needs' : `article ${articles[k]}`;
        findings.push({
          check: 'percent_vs_table',
          places: [`¶${block.number} "${claim.text}"`, `${table.name}, row ${row.label}${category ? `, column ${category}` : ''}`],
          values: [claim.value, Math.round(actual * 10) / 10],
          message: `¶${block.number} gives ${label} ${claim.value}% of the group's ${category ? `${category} ` : ''}needs; ${table.name} gives ${part} of ${whole}, ${actual.toFixed(1)}%`,
        });
      });
    }
  }
  return findings;
}

/**
 * A percentage or share beside the part and the whole it is taken of: after them ("404项中有280项 … 占 69%",
 * "有 12 项，在该区域共计 78 项 … 中占 15%") or just before them in brackets ("44%（404 项需求总数中有 177 项）").
 * The pair must be told as part of whole (中) within one clause, so that a list of counts is not read as one.
 */
function auditPercentages(claims: Claim[], doc: SegmentedDocument): Finding[] {
  const findings: Finding[] = [];
  const counts = (c: Claim | undefined): c is Claim => c !== undefined && c.unit !== 'percent' && c.unit !== 'share';
  claims.forEach((ratio, i) => {
    if (ratio.unit !== 'percent' && ratio.unit !== 'share') return;
    const before: [Claim | undefined, Claim | undefined] = [claims[i - 2], claims[i - 1]];
    const after: [Claim | undefined, Claim | undefined] = [claims[i + 1], claims[i + 2]];
    const pair = [before, after].find(([a, b]) => {
      if (!counts(a) || !counts(b) || a.unit !== b.unit || a.paragraph !== ratio.paragraph || b.paragraph !== ratio.paragraph) return false;
      const first = Math.min(a.start, ratio.start);
      const last = Math.max(b.end, ratio.end);
      const span = doc.text.slice(first, last);
      if (/[；。]/.test(span) || !doc.text.slice(a.start, Math.min(doc.text.length, b.end + 10)).includes('中')) return false;
      return ratio.start > b.end ? ratio.start - b.end <= 12 : /^\s*[（(]/.test(doc.text.slice(ratio.end, a.start));
    });
    if (!pair) return;
    const [a, b] = pair as [Claim, Claim];
    const [part, whole] = a.value < b.value ? [a, b] : [b, a];
    const actual = part.value / whole.value;
    const printed = ratio.unit === 'percent' ? ratio.value / 100 : ratio.value;
    const q = ratio.scope.qualifier;
    const ok =
      ratio.unit === 'percent'
        ? Math.abs(actual - printed) < 0.01
        : q === 'more_than'
          ? actual > printed
          : q === 'nearly'
            ? actual <= printed && actual >= printed - 0.1
            : Math.abs(actual - printed) <= (q === 'about' ? 0.05 : 0.02);
    if (ok) return;
    findings.push({
      check: 'percentage',
      places: [`¶${ratio.paragraph ?? '-'} "${ratio.text}"`, `¶${ratio.paragraph ?? '-'} "${part.text}" of "${whole.text}"`],
      values: [Math.round(actual * 1000) / 10, Math.round(printed * 1000) / 10],
      message: `¶${ratio.paragraph ?? '-'}: ${part.value} of ${whole.value} is ${(actual * 100).toFixed(1)}%, the note says ${ratio.text}`,
    });
  });
  return findings;
}

/**
 * The headline counts a note states more than once: countries that identified needs and needs identified,
 * overall or of one chapter, as things stand (a count "当时", at the time of an earlier note, is another
 * count). A count of a part (其中, 又有, 这些), of a group, a category or an article, or the whole of
 * "X 中有 Y", is not a headline count.
 */
function auditRestated(claims: Claim[], doc: SegmentedDocument): Finding[] {
  const first = new Map<string, Map<number, Claim>>();
  claims.forEach((claim, i) => {
    if (claim.unit !== 'countries' && claim.unit !== 'needs') return;
    const sentenceStart = stretchAround(doc.text, claim.start, claim.end, '。\n').start;
    const next = claims.slice(i + 1).find((c) => c.unit === claim.unit);
    const limit = next && next.paragraph === claim.paragraph ? next.start : doc.text.length;
    const { start: clauseStart, end: windowEnd } = stretchAround(doc.text, claim.start, claim.end, '。；，\n', 0, limit);
    const before = doc.text.slice(clauseStart, claim.start);
    const after = doc.text.slice(claim.end, windowEnd);
    const sentence = doc.text.slice(sentenceStart, windowEnd);
    if (/^\S{0,3}中/.test(after) || /其中|又有|此后|另有|这些|此类|这类|该/.test(before + after)) return;
    // A count in brackets, or with its share in brackets ("28 个国家（74%）"), is a part of another figure.
    if ((before.match(/[（(]/g)?.length ?? 0) > (before.match(/[）)]/g)?.length ?? 0) || /^\s*[（(][\d.]+\s*%/.test(after)) return;
    if (!/(确定|报告|提出|列举|概述)[^。；，]*(需求|技术援助需要)/.test(claim.unit === 'countries' ? after : before + after)) return;
    // Needs of a topic, a group, a category or an article, named anywhere before in the sentence or after.
    const topical = doc.text.slice(sentenceStart, claim.start) + after;
    if (/与(?!第[二三四五]章)[^，。；]{1,20}?(有关|相关)|涉及|关于|方面/.test(topical)) return;
    if (categoriesNamed(topical, 'zh').length > 0 || regionsNamed(topical).length > 0 || parseArticleRefs(topical).length > 0) return;
    const chapter = chapterNamedZh(after) ?? (claim.unit === 'needs' ? chapterNamedZh(before) : null);
    const when = /当时|此前|上一次|初步/.test(sentence) ? 'then' : 'now';
    const key = `${claim.unit}|${chapter ?? 'all'}|${when}`;
    const seen = first.get(key) ?? new Map<number, Claim>();
    if (!seen.has(claim.value)) seen.set(claim.value, claim);
    first.set(key, seen);
  });
  const findings: Finding[] = [];
  for (const [key, values] of first) {
    const [a, ...others] = [...values.values()];
    const [unit, chapter] = key.split('|');
    const what = `${unit === 'countries' ? 'countries that identified needs' : 'needs identified'}${chapter === 'all' ? '' : ` of chapter ${chapter}`}`;
    for (const b of others) {
      findings.push({
        check: 'restated',
        places: [`¶${a!.paragraph ?? '-'} "${a!.text}"`, `¶${b.paragraph ?? '-'} "${b.text}"`],
        values: [a!.value, b.value],
        message: `${what}: ¶${a!.paragraph ?? '-'} says ${a!.value}, ¶${b.paragraph ?? '-'} says ${b.value}`,
      });
    }
  }
  return findings;
}

/**
 * "N 个国家 … （A、B 和 C）": the States named in the first bracket after the count that names two or more,
 * in the same sentence, with no other count of countries between.
 */
function auditListedCountries(claims: Claim[], doc: SegmentedDocument): Finding[] {
  const findings: Finding[] = [];
  const countries = claims.filter((c) => c.unit === 'countries');
  countries.forEach((claim, i) => {
    const rest = doc.text.slice(claim.end, stretchAround(doc.text, claim.start, claim.end, '。', 0, countries[i + 1]?.start ?? doc.text.length).end);
    const lists = [...rest.matchAll(/[（(]([^（）()]+)[）)]/gu)].map((m) => ({ text: m[1]!, states: statesNamedIn(m[1]!) }));
    const bracket = lists.find((l) => l.states.length >= 2);
    if (!bracket) return;
    const listed = bracket.states;
    if (listed.length === claim.value) return;
    findings.push({
      check: 'list_count',
      places: [`¶${claim.paragraph ?? '-'} "${claim.text}"`, `¶${claim.paragraph ?? '-'} "（${bracket.text.slice(0, 30)}…）"`],
      values: [claim.value, listed.length],
      message: `¶${claim.paragraph ?? '-'} counts ${claim.value} countries and then names ${listed.length}: ${listed.map((s) => s.zh).join('、')}`,
    });
  });
  return findings;
}

export function auditNote(doc: SegmentedDocument): Finding[] {
  const tables = doc.blocks.filter((b) => b.kind === 'table').flatMap((b) => readTable(b) ?? []);
  const claims = extractClaims(doc);
  return [...tables.flatMap(auditTable), ...auditTextAgainstTables(doc, tables, claims), ...auditPercentagesAgainstTables(doc, tables, claims), ...auditPercentages(claims, doc), ...auditRestated(claims, doc), ...auditListedCountries(claims, doc)];
}
