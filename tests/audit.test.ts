import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import { auditNote } from '../pipeline/audit/index.js';
import { processText, seedPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

const auditText = async (text: string) => auditNote(await processText(text));

describe('audit of a note against itself', () => {
  it("finds the 2023 note's table 2 rows that do not add up, the text that contradicts its tables, and a count told two ways", async () => {
    const findings = await auditNote(await processFile(seedPath('001')));
    expect(findings.map((f) => [f.check, f.places[1], f.values])).toEqual([
      // Derived by hand from the tables of the note, not from the code's output.
      // 表 2 第七条: 5 + 0 + 2 + 2 + 1 + 1 = 11, printed 25.
      ['row_total', '表 2, row 第七条, 共计', [11, 25]],
      // 表 2 第十条: 3 + 0 + 1 + 2 + 1 + 0 = 7, printed 20.
      ['row_total', '表 2, row 第十条, 共计', [7, 20]],
      // 表 2 第十三条: 2 + 0 + 1 + 0 + 0 + 1 = 4, printed 11.
      ['row_total', '表 2, row 第十三条, 共计', [4, 11]],
      // 表 2 一般性: 2 + 0 + 0 + 0 + 0 + 3 = 5, printed 6.
      ['row_total', '表 2, row 一般性技术援助需求, 共计', [5, 6]],
      // 表 2 row totals 15 + 10 + 25 + 12 + 8 + 20 + 3 + 8 + 11 + 5 + 1 + 6 = 124; column totals 45 + 4 + 16 + 10 + 5 + 9 = 89.
      ['grand_total', '表 2, row 共计 (column totals)', [124, 89]],
      // ¶26: African capacity-building needs, art. 5 "12 项" and art. 6 "8 项"; 表 1 gives 10 and 6.
      ['text_vs_table', '表 1, row 第五条, column capacity_building', [12, 10]],
      ['text_vs_table', '表 1, row 第六条, column capacity_building', [8, 6]],
      // ¶27: Asia-Pacific, art. 6 "6 项", arts. 7 and 9 "各有 4 项"; 表 2 gives 7, 5 and 5.
      ['text_vs_table', '表 2, row 第六条, column capacity_building', [6, 7]],
      ['text_vs_table', '表 2, row 第七条, column capacity_building', [4, 5]],
      ['text_vs_table', '表 2, row 第九条, column capacity_building', [4, 5]],
      // ¶20: art. 5 is 16% of African needs; 表 1 row 30 of row totals 202 = 14.9%.
      ['percent_vs_table', '表 1, row 第五条', [16, 14.9]],
      // ¶28: of African institution-building needs, art. 5 24% and art. 6 21%; 表 1 gives 7 / 32 = 21.9%, 6 / 32 = 18.8%.
      ['percent_vs_table', '表 1, row 第五条, column institution_building', [24, 21.9]],
      ['percent_vs_table', '表 1, row 第六条, column institution_building', [21, 18.8]],
      // ¶29: Asia-Pacific institution-building, art. 5 22%, art. 6 17%, art. 12 17%; 表 2: 3 / 16, 2 / 16, 3 / 16.
      ['percent_vs_table', '表 2, row 第五条, column institution_building', [22, 18.8]],
      ['percent_vs_table', '表 2, row 第六条, column institution_building', [17, 12.5]],
      ['percent_vs_table', '表 2, row 第十二条, column institution_building', [17, 18.8]],
      // ¶33 sits under "4. 研究、数据收集和分析": its 30% of general needs is of the group's research needs,
      // table 2's general row over its research column, 3 / 9 = 33.3%.
      ['percent_vs_table', '表 2, row 一般性技术援助需求, column research_data', [30, 33.3]],
      // ¶34: 25% of African policymaking needs concern art. 13; 表 1 gives 5 / 23 = 21.7%.
      ['percent_vs_table', '表 1, row 第十三条, column policymaking', [25, 21.7]],
      // Countries with chapter II needs: 38 in ¶6, 32 in ¶18.
      ['restated', '¶18 "32 个国家"', [38, 32]],
    ]);
    expect(findings[5]!.places[0]).toBe('¶26 "12 项"');
  });

  it.each(['000', '002', '003', '004'])('finds nothing to fault in seed %s, whose percentages agree with their counts', async (note) => {
    expect(await auditNote(await processFile(seedPath(note)))).toEqual([]);
  });

  it('checks a percentage or a fraction in words against the part and whole beside it', async () => {
    const findings = await auditText(`1. 能力建设占所有需求的 50%（404 项需求总数中有 177 项）。

2. 能力建设占所有需求的 44%（404 项需求总数中有 177 项）。

3. 与第五章有关的需求仅占三分之一左右（404 项中占 144 项）。

4. 与第五章有关的需求占半数以上（404 项中占 144 项）。
`);
    expect(findings.map((f) => [f.check, f.places[0], f.values])).toEqual([
      ['percentage', '¶1 "50%"', [43.8, 50]],
      ['percentage', '¶4 "半数以上"', [35.6, 50]],
    ]);
  });

  it('finds a headline count stated twice with two numbers, and leaves parts, topics and earlier counts alone', async () => {
    const findings = await auditText(`1. 截至 2020 年 9 月，30 个国家确定了共计 404 项个别需求。

2. 所有 30 个报告技术援助需求的国家均报告了与第五章有关的需求，而仅 23 个国家报告了与第二章有关的需求。

3. 23个国家报告了共计260项与第二章有关的需求。其中 8 个国家报告了与公共采购有关的需求。

4. 当时已完成执行摘要的 27 个国家中仅有 17 个国家确定了技术援助需求。

5. 因此，已有 31 个国家确定了共计 404 项个别需求。24个国家报告了与第二章有关的需求。
`);
    expect(findings.map((f) => [f.check, f.places, f.values])).toEqual([
      ['restated', ['¶1 "30 个国家"', '¶5 "31 个国家"'], [30, 31]],
      ['restated', ['¶2 "23 个国家"', '¶5 "24个国家"'], [23, 24]],
    ]);
  });

  it('counts the States a sentence lists against the number it gives, names run together and all', async () => {
    const findings = await auditText(`1. 自 2011 年以来有 13 个国家批准了《公约》，其中 5 个国家得到了援助（科摩罗、库克群岛科特迪瓦、几内亚比绍和几内亚）。

2. 该网络支持了 3 个国家（中国、希腊、伊朗伊斯兰共和国和土耳其）的从业人员。
`);
    expect(findings.map((f) => [f.check, f.values, f.message])).toEqual([['list_count', [3, 4], '¶2 counts 3 countries and then names 4: 中国、希腊、伊朗伊斯兰共和国、土耳其']]);
  });

  it('prints its findings as JSON from the command line', () => {
    const out = execFileSync('node', ['bin/ta-needs.js', 'audit', seedPath('001'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    const findings = JSON.parse(out) as { check: string; places: string[]; values: number[]; message: string }[];
    expect(findings).toHaveLength(19);
    expect(findings[0]).toEqual({ check: 'row_total', places: ['表 2, row 第七条, cells', '表 2, row 第七条, 共计'], values: [11, 25], message: '表 2: the cells of row 第七条 add up to 11, its total says 25' });
  });
});
