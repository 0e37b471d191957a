import { describe, expect, it } from 'vitest';
import { runJob } from '../pipeline/run.js';
import { loadNeeds, loadRunSummaries, openDb } from '../pipeline/store/db.js';
import { TRAINING_CORPUS } from '../pipeline/needs.js';
import { countNeeds, type Cell } from '../pipeline/report/counts.js';
import { articleKey } from '../pipeline/extract/articles.js';
import { tempDbPath } from './helpers.js';

describe('report counts', async () => {
  const db = openDb(tempDbPath());
  const { runId } = await runJob(db, [TRAINING_CORPUS]);
  const needs = loadNeeds(db, runId);
  const summaries = loadRunSummaries(db, runId);

  it('recounts the stored records: every cell is the needs behind its ids', () => {
    const counts = countNeeds(runId, needs, summaries, '2026-01-01');
    const counted = needs.filter((n) => n.counted);
    expect(counts.needs).toBe(counted.length);
    expect(counts.summaries).toBe(5);
    expect(counts.countriesWithNeeds).toBe(4);
    const byId = new Map(counted.map((n) => [n.id, n]));
    const check = (cells: Record<string, Cell>, key: (id: string) => string) => {
      let total = 0;
      for (const [k, c] of Object.entries(cells)) {
        expect(c.ids.map(key).every((v) => v === k)).toBe(true);
        expect(c.needs).toBe(c.ids.length);
        expect(c.countries).toBe(new Set(c.ids.map((id) => byId.get(id)!.countryCode)).size);
        total += c.needs;
      }
      expect(total).toBe(counted.length);
    };
    check(counts.byChapter, (id) => byId.get(id)!.chapter);
    check(counts.byArticle, (id) => articleKey(byId.get(id)!));
    check(counts.byCategory, (id) => byId.get(id)!.category);
    check(counts.byRegion, (id) => byId.get(id)!.region!);
    expect(counts.byArticle['II-general']).toMatchObject({ needs: 1, countries: 1 });
    expect(counts.summariesByRegion).toEqual({ african: 1, asia_pacific: 2, latin_american_caribbean: 1, western_european_other: 1 });
  });

  it('counts a summary from its date on', () => {
    // Palestine (17 February 2025) and Norway (20 March 2025) are not yet in at the end of 2024.
    const counts = countNeeds(runId, needs, summaries, '2024-12-31');
    expect(counts.summaries).toBe(3);
    expect(counts.needs).toBe(27);
    expect(counts.byRegion.asia_pacific!.countries).toBe(1);
  });
});

describe('report formats', async () => {
  const { buildReport, renderCsv, renderMarkdown, renderJson } = await import('../pipeline/report/render.js');
  const db = openDb(tempDbPath());
  const { runId } = await runJob(db, [TRAINING_CORPUS]);
  const needs = loadNeeds(db, runId);
  const counts = countNeeds(runId, needs, loadRunSummaries(db, runId), '2026-01-01');

  it('give every number the records behind it, in every format, and count them right', () => {
    const report = buildReport(counts, needs, 'en');
    const byId = new Map(needs.map((n) => [n.id, n]));
    for (const table of report.tables) {
      for (const row of table.rows) {
        for (const [i, cell] of row.cells.entries()) {
          const countries = table.columns[i] === 'Countries';
          expect(cell.value).toBe(countries ? new Set(cell.ids.map((id) => byId.get(id)!.countryCode)).size : cell.ids.length);
          for (const id of cell.ids) expect(report.records[id]).toBeDefined();
        }
      }
    }
    const md = renderMarkdown(report);
    const csv = renderCsv(report);
    const json = JSON.parse(renderJson(report)) as typeof report;
    expect(md).toContain('| Capacity-building | 7 [r');
    const ref = /\| Capacity-building \| 7 \[(r\d+)\]/.exec(md)![1]!;
    expect(md).toContain(`- [${ref}]: ${counts.byCategory.capacity_building!.ids.join(' ')}`);
    expect(csv.split('\n')[0]).toBe('table,row,column,value,ref,ids');
    expect(csv).toContain(`byCategory,Capacity-building,Needs,7,${ref},${counts.byCategory.capacity_building!.ids.join(' ')}`);
    expect(json.tables.find((t) => t.id === 'byCategory')!.rows[0]!.cells[0]!.ids).toEqual(counts.byCategory.capacity_building!.ids);
  });

  it('label tables and figures in Chinese', () => {
    const report = buildReport(counts, needs, 'zh');
    expect(report.title).toBe('国别审议所确定的技术援助需求（截至 2026-01-01）');
    expect(report.tables.find((t) => t.id === 'byArticle')!.rows.map((r) => r.label)).toContain('第5条 预防性反腐败政策和做法');
    expect(report.tables.find((t) => t.id === 'byArticle')!.rows.map((r) => r.label)).toContain('第二章一般性技术援助需求');
    expect(report.figures.map((f) => f.title)[0]).toBe('图一 按章分列的已确定技术援助需求数量');
  });
});
