import { describe, expect, it } from 'vitest';
import { runJob } from '../pipeline/run.js';
import { loadNeeds, loadRunSummaries, openDb } from '../pipeline/store/db.js';
import { TRAINING_CORPUS } from '../pipeline/needs.js';
import { articleKey, countNeeds, type Cell } from '../pipeline/report/counts.js';
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
