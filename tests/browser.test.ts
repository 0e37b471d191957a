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
import { drawFigures } from '../pipeline/report/draw-figures.js';
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

  /** The bars of a figure as drawn: the value each is bound to (Vega writes it in the mark's label) and its box. */
  async function bars(page: Page, figure: string) {
    return page.locator(`#figure-${figure} svg path[aria-roledescription="bar"]`).evaluateAll((paths) =>
      paths.map((p) => {
        const label = p.getAttribute('aria-label')!;
        const box = p.getBoundingClientRect();
        return { value: Number(/(?:^|; )value: (\d+)/.exec(label)![1]), series: /; series: ([^;]+)/.exec(label)?.[1], width: box.width, height: box.height, left: box.left };
      }),
    );
  }

  it.each(['en', 'zh'] as const)('draw their bars and %s labels in chromium, in proportion to the counts, every label inside its figure', async (lang) => {
    const db = openDb(tempDbPath());
    const { runId } = await runJob(db, [TRAINING_CORPUS]);
    const needs = loadNeeds(db, runId);
    const summaries = loadRunSummaries(db, runId);
    const counts = countNeeds(runId, needs, summaries, '2026-01-01');
    const report = buildReport(counts, needs, lang, summaries);
    await drawFigures(report);
    const file = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), `report.${lang}.html`);
    writeFileSync(file, renderHtml(report));
    const page = await browser.newPage();
    try {
      await page.goto(`file://${file}`);
      const title = lang === 'zh' ? '图二 按类别分列的已确定技术援助需求' : 'Figure 2. Needs identified, by category';
      expect(await page.locator('#figure-byCategory svg text', { hasText: title }).count()).toBe(1);
      expect(await page.locator('#figure-byCategory').textContent()).toContain(lang === 'zh' ? '能力建设' : 'Capacity-building');

      // One bar per category, bound to its count, as long as the count over the largest count (the axis starts at 0).
      const drawn = await bars(page, 'byCategory');
      expect(drawn.map((b) => b.value)).toEqual(Object.values(counts.byCategory).map((c) => c.needs));
      const unit = drawn[0]!.width / drawn[0]!.value;
      for (const bar of drawn) expect(Math.abs(bar.width - bar.value * unit)).toBeLessThan(1);
      // What chromium paints in the bars' colour is those bars: their area, less at most the blended row of
      // pixels along each long edge (bars do not start on whole pixels).
      const shot = await page.locator('#figure-byCategory svg').screenshot();
      const { bar, dark } = await pixels(page, shot, [0x1f, 0x6f, 0xb2]);
      expect(bar).toBeLessThanOrEqual(drawn.reduce((sum, b) => sum + (b.width + 1) * (b.height + 1), 0));
      expect(bar).toBeGreaterThanOrEqual(drawn.reduce((sum, b) => sum + (b.width - 1) * (b.height - 2), 0));
      expect(dark).toBeGreaterThan(500);

      // A group's needs by article, stacked by category: its segments add up to the table's totals, end to end.
      const region = Object.keys(counts.regionArticleCategory)[0]!;
      const table = report.tables.find((t) => t.id === `regionArticleCategory.${region}`)!;
      const segments = await bars(page, `articles-${region}`);
      expect(segments.reduce((sum, b) => sum + b.value, 0)).toBe(table.rows.reduce((sum, r) => sum + r.cells.at(-1)!.value, 0));
      expect(new Set(segments.map((b) => b.series)).size).toBeGreaterThan(1);
      const stackUnit = segments[0]!.width / segments[0]!.value;
      for (const b of segments) expect(Math.abs(b.width - b.value * stackUnit)).toBeLessThan(1);
      expect(await page.locator(`#figure-articles-${region} svg [aria-roledescription="legend"]`).count()).toBe(1);

      // No text of any figure reaches outside its SVG: long article names wrap or get room, in both languages.
      const outside = await page.locator('figure svg').evaluateAll((svgs) =>
        svgs.flatMap((svg) => {
          const frame = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('text')]
            .filter((t) => t.textContent!.trim() !== '')
            .filter((t) => {
              const box = t.getBoundingClientRect();
              return box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5;
            })
            .map((t) => `${svg.closest('figure')!.id}: ${t.textContent}`);
        }),
      );
      expect(outside).toEqual([]);
      expect(await page.locator('figure svg text').count()).toBeGreaterThan(report.figures.length * 5);

      // Every number leads to the records behind it, each listed once.
      const link = page.locator('#byCategory a').first();
      await link.click();
      expect(await page.locator('.record:visible').count()).toBe(Number(await link.textContent()));
      expect(await page.locator('.record').count()).toBe(Object.keys(report.records).length);
    } finally {
      await page.close();
    }
  }, 120_000);
});
