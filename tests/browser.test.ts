/**
 * The review page and the report's figures in a real browser: Debian's chromium, driven by playwright-core.
 * `.ci/run` installs chromium; set CHROMIUM to use another binary.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../pipeline/run.js';
import { loadCorrections, loadNeeds, loadRun, loadRunSummaries, openDb } from '../pipeline/store/db.js';
import { TRAINING_CORPUS } from '../pipeline/needs.js';
import { reviewServer } from '../pipeline/review/server.js';
import { diffRuns } from '../pipeline/review/diff.js';
import { countNeeds } from '../pipeline/report/counts.js';
import { buildReport, renderHtml } from '../pipeline/report/render.js';
import { squeeze, tempDbPath } from './helpers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => browser?.close());

describe('review page', () => {
  it('filters needs, saves a correction to the database, and the next run applies it as a correction', async () => {
    const db = openDb(tempDbPath());
    const first = await runJob(db, [TRAINING_CORPUS]);
    const server = reviewServer(db, 'analyst-a');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page: Page = await browser.newPage();
    const counted = loadNeeds(db, first.runId, { countedOnly: true });
    const research = counted.filter((n) => n.category === 'research_data');
    const target = research.find((n) => n.region === 'african')!;
    try {
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.locator('.need').count()).toBe(counted.length);

      await page.selectOption('#filter-category', 'research_data');
      expect(await page.locator('.need').count()).toBe(research.length);
      await page.selectOption('#filter-region', 'african');
      const card = page.locator(`.need[data-id="${target.id}"]`);
      expect(await page.locator('.need').count()).toBe(research.filter((n) => n.region === 'african').length);
      // The source as the file has it (a PDF's lines and all) is highlighted.
      expect(squeeze((await card.locator('mark').textContent())!)).toBe(squeeze(target.text));

      await card.locator('select[data-field="category"]').selectOption('policymaking');
      await card.locator('button.save').click();
      await card.locator('.status', { hasText: 'saved' }).waitFor();
    } finally {
      await page.close();
      server.close();
    }

    expect(loadCorrections(db)).toEqual([expect.objectContaining({ needId: target.id, action: 'correct', field: 'category', value: 'policymaking', who: 'analyst-a' })]);
    const second = await runJob(db, [TRAINING_CORPUS]);
    const corrected = loadNeeds(db, second.runId).find((n) => n.id === target.id)!;
    expect(corrected.category).toBe('policymaking');
    expect(corrected.review?.corrected.category).toMatchObject({ from: 'research_data', to: 'policymaking', who: 'analyst-a' });

    const [a, b] = [loadRun(db, first.runId), loadRun(db, second.runId)];
    const before = countNeeds(first.runId, a.needs, a.summaries, '2026-01-01');
    const after = countNeeds(second.runId, b.needs, b.summaries, '2026-01-01');
    expect(after.byCategory.policymaking!.needs).toBe(before.byCategory.policymaking!.needs + 1);
    const diff = diffRuns(first.runId, a, second.runId, b);
    expect(diff.needs).toEqual([expect.objectContaining({ kind: 'corrected', id: target.id })]);
  }, 120_000);
});

describe('report figures', () => {
  /** How many pixels of a screenshot have this colour, and how many are dark (text). */
  async function pixels(page: Page, png: Buffer, rgb: [number, number, number]) {
    return page.evaluate(
      async ({ data, rgb }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data: px } = context.getImageData(0, 0, image.width, image.height);
        let bar = 0;
        let dark = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (Math.abs(px[i]! - rgb[0]) < 8 && Math.abs(px[i + 1]! - rgb[1]) < 8 && Math.abs(px[i + 2]! - rgb[2]) < 8) bar += 1;
          if (px[i]! < 80 && px[i + 1]! < 80 && px[i + 2]! < 80) dark += 1;
        }
        return { bar, dark, width: image.width };
      },
      { data: png.toString('base64'), rgb },
    );
  }

  it.each(['en', 'zh'] as const)('draw their bars and %s labels in chromium, in proportion to the counts', async (lang) => {
    const db = openDb(tempDbPath());
    const { runId } = await runJob(db, [TRAINING_CORPUS]);
    const counts = countNeeds(runId, loadNeeds(db, runId), loadRunSummaries(db, runId), '2026-01-01');
    const report = buildReport(counts, loadNeeds(db, runId), lang);
    const file = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), 'report.html');
    writeFileSync(file, renderHtml(report));
    const page = await browser.newPage();
    try {
      await page.goto(`file://${file}`);
      expect(await page.locator('#figure-byCategory svg text').first().textContent()).toBe(lang === 'zh' ? '图二 按类别分列的已确定技术援助需求' : 'Figure II. Needs identified, by category');
      expect(await page.locator('#figure-byCategory').textContent()).toContain(lang === 'zh' ? '能力建设' : 'Capacity-building');
      const shot = await page.locator('#figure-byCategory svg').screenshot();
      const { bar, dark } = await pixels(page, shot, [0x2e, 0x8b, 0x57]);
      // Bars are 18 px high and as long as their count over the largest count times 360 px.
      const values = Object.values(counts.byCategory).map((c) => c.needs);
      const expected = values.reduce((sum, v) => sum + Math.round((v / Math.max(...values)) * 360) * 18, 0);
      expect(Math.abs(bar - expected) / expected).toBeLessThan(0.05);
      expect(dark).toBeGreaterThan(500);
      // Every number links to the records behind it.
      const link = page.locator('#byCategory a').first();
      const target = (await link.getAttribute('href'))!;
      expect(await page.locator(`${target} li`).count()).toBe(Number(await link.textContent()));
    } finally {
      await page.close();
    }
  });
});
