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
    expect(md).toContain('| Capacity-building | 7 [c');
    const ref = /\| Capacity-building \| 7 \[(c\d+)\]/.exec(md)![1]!;
    expect(md).toContain(`- [${ref}]: ${counts.byCategory.capacity_building!.ids.join(' ')}`);
    expect(csv.split('\n')[0]).toBe('table,row,column,value,ref,ids');
    expect(csv).toContain(`byCategory,Capacity-building,Needs,7,${ref},${counts.byCategory.capacity_building!.ids.join(' ')}`);
    expect(json.tables.find((t) => t.id === 'byCategory')!.rows[0]!.cells[0]!.ids).toEqual(counts.byCategory.capacity_building!.ids);
    // Each record is listed once, with the cells that count it: as many as the cells whose ids name it.
    const cells = report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells));
    for (const record of Object.values(report.records)) expect(record.cells).toEqual(cells.filter((c) => c.ids.includes(record.id)).map((c) => c.ref));
    for (const id of counts.byCategory.capacity_building!.ids) expect(md.split('\n').filter((line) => line.startsWith(`- \`${id}\``))).toHaveLength(1);
  });

  it('number figures without a gap, and headed by the run, the date and the documents counted', async () => {
    const en = buildReport(counts, needs, 'en', loadRunSummaries(db, runId));
    expect(en.figures.map((f) => /^Figure (\d+)\. /.exec(f.title)?.[1])).toEqual(en.figures.map((_, i) => String(i + 1)));
    expect(en.sources.map((s) => s.path)).toHaveLength(counts.summaries);
    expect(en.sources.every((s) => s.path.startsWith(TRAINING_CORPUS))).toBe(true);
    const md = renderMarkdown(en);
    expect(md).toContain(`Run ${runId} · As of 2026-01-01`);
    for (const f of en.figures) expect(md).toContain(`(figures/${f.id}.en.svg)`);
    // The records' headings say what a need is, and a category is named once.
    expect(md).not.toMatch(/Capacity-building: Capacity-building/);
    const record = Object.values(en.records).find((r) => r.article === 8)!;
    expect(md).toContain(`- \`${record.id}\` ${record.country} · Art. 8 · `);
  });

  it('label tables and figures in Chinese', () => {
    const report = buildReport(counts, needs, 'zh');
    expect(report.title).toBe('国别审议所确定的技术援助需求（截至 2026-01-01）');
    expect(report.tables.find((t) => t.id === 'byArticle')!.rows.map((r) => r.label)).toContain('第五条 预防性反腐败政策和做法');
    expect(report.tables.find((t) => t.id === 'byArticle')!.rows.map((r) => r.label)).toContain('第五十四条 通过没收事宜的国际合作追回资产的机制');
    expect(report.tables.find((t) => t.id === 'byArticle')!.rows.map((r) => r.label)).toContain('第二章一般性技术援助需求');
    expect(report.figures.map((f) => f.title)[0]).toBe('图一 按章分列的已确定技术援助需求数量');
    expect(report.figures.map((f) => /^图([一二三四五六七八九十]+) /.exec(f.title)?.[1]).slice(0, 11)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一']);
  });
});
