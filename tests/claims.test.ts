import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import { extractClaims } from '../pipeline/extract/claims.js';
import { goldFiles, readGold, reproduce, scoreClaims } from '../pipeline/evaluate/claims.js';
import { countNeeds } from '../pipeline/report/counts.js';
import { processText, seedPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

const claimsOf = async (text: string) => extractClaims(await processText(text));

describe('claims of a note', () => {
  it.each([...goldFiles(join(ROOT, 'eval', 'gold'))])('reproduce the hand-coded gold of seed %s (precision and recall at least 0.95)', async (note, gold) => {
    const score = scoreClaims(note, extractClaims(await processFile(seedPath(note))), readGold(gold));
    expect(score.gold).toBeGreaterThan(0);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reads counts, percentages, Chinese numerals and fractions in words, with their scope', async () => {
    const claims = await claimsOf(`1. 在截至2020年9月已通过执行摘要的44个缔约国中，30个国家确定了共计404项个别需求。

2. 能力建设占有所有需求的 44%（404 项需求总数中有 177 项）。五项需求与第二章有关。

3. 半数以上的国家报告了与第五条有关的需求，近四分之一的国家属于非洲国家组，三分之一左右涉及第五章。

4. 报告数最多的是第五条（42 项需求），其次是第七条（30 项需求）。
`);
    const brief = claims.map((c) => [c.paragraph, c.value, c.unit]);
    expect(brief).toEqual([
      ['1', 44, 'countries'],
      ['1', 30, 'countries'],
      ['1', 404, 'needs'],
      ['2', 44, 'percent'],
      ['2', 404, 'needs'],
      ['2', 177, 'needs'],
      ['2', 5, 'needs'],
      ['3', 0.5, 'share'],
      ['3', 0.25, 'share'],
      ['3', 0.3333, 'share'],
      ['4', 42, 'needs'],
      ['4', 30, 'needs'],
    ]);
    expect(claims[3]!.scope.category).toBe('capacity_building');
    expect(claims[6]!.scope.chapter).toBe('II');
    expect(claims.slice(7, 10).map((c) => c.scope.qualifier)).toEqual(['more_than', 'nearly', 'about']);
    expect(claims[8]!.scope.region).toBe('african');
    expect(claims[10]!.scope.articles).toContain(5);
  });

  it('takes no year, date, paragraph, resolution, article or "G20" for a count, nor "a country" told as an example', async () => {
    const claims = await claimsOf(`1. 根据职权范围第 11 段和第 3/1 号决议，2019 年 12 月举行的第八届会议审议了第五条。一个国家表示需要培训。二十国集团（20 国集团）举行了会议，审议了两项条款。
`);
    expect(claims).toEqual([]);
  });

  it('gives each claim the span of the words that state it', async () => {
    const path = seedPath('004');
    const doc = await processFile(path);
    for (const claim of extractClaims(doc)) expect(doc.text.slice(claim.start, claim.end).replace(/\s+/g, '')).toBe(claim.text.replace(/\s+/g, ''));
  });

  it('prints the claims as JSON from the command line', () => {
    const out = execFileSync('node', ['bin/ta-needs.js', 'claims', seedPath('003'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([
      expect.objectContaining({ paragraph: '2', value: 27, unit: 'reviews' }),
      expect.objectContaining({ paragraph: '2', value: 7, unit: 'summaries' }),
      expect.objectContaining({ paragraph: '6', value: 15, unit: 'people' }),
    ]);
  });
});

describe('count reproduction', () => {
  it("sets a run's counts beside the gold figures that name a report cell, with their errors", () => {
    const need = (id: string, article: number) => ({ id, run: 1, doc: 'd', lang: 'en' as const, country: 'Kenya', countryCode: 'KEN', region: 'african' as const, chapter: 'II', article, category: 'capacity_building' as const, confidence: 1, cues: [], text: id, block: 0, start: 0, end: 1, counted: true });
    const counts = countNeeds(1, [need('a', 5), need('b', 5), need('c', 9)], [{ docId: 'd', country: 'KEN', region: 'african', date: '2020-01-01', counted: true }], '2020-09-30');
    const rows = reproduce(
      [
        { paragraph: '14', value: 4, unit: 'needs', scope: { articles: '5' }, text: '4 项', report: 'byArticle.5.needs' },
        { paragraph: '14', value: 3, unit: 'needs', scope: {}, text: '3 项', report: 'needs' },
        { paragraph: '15', value: 2, unit: 'countries', scope: {}, text: '2 个国家' },
      ],
      counts,
    );
    expect(rows).toEqual([
      { paragraph: '14', text: '4 项', cell: 'byArticle.5.needs', gold: 4, run: 2, absoluteError: 2, relativeError: 0.5 },
      { paragraph: '14', text: '3 项', cell: 'needs', gold: 3, run: 3, absoluteError: 0, relativeError: 0 },
    ]);
  });
});

describe('paragraph topics', () => {
  it("carry the articles a paragraph cites, or its section's, and the categories it names, into the database", async () => {
    const { openDb, loadBlocks, startRun, storeDocument } = await import('../pipeline/store/db.js');
    const { tempDbPath } = await import('./helpers.js');
    const doc = await processFile(seedPath('004'));
    const paragraph = (n: string) => doc.blocks.find((b) => b.kind === 'paragraph' && b.number === n)!;
    expect(paragraph('14').topics).toEqual({ articles: [5, 6, 7, 9, 13], categories: [] });
    // ¶26 cites no article; it sits under "公共采购和公共财务管理（第九条）".
    expect(paragraph('26').topics).toEqual({ articles: [9], categories: ['capacity_building'] });
    expect(paragraph('9').topics!.categories).toEqual(['capacity_building', 'institution_building', 'legislative_assistance', 'research_data', 'international_cooperation']);
    const db = openDb(tempDbPath());
    storeDocument(db, startRun(db, { version: 'test', command: 'test', options: {} }), doc);
    expect(loadBlocks(db, doc.id).find((b) => b.number === '26' && b.kind === 'paragraph')!.topics).toEqual({ articles: [9], categories: ['capacity_building'] });
  });
});
