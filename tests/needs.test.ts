import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import { extractNeeds, TRAINING_CORPUS, trainingNeeds } from '../pipeline/needs.js';
import { evaluateNeeds } from '../pipeline/evaluate/needs.js';
import { belowThresholds, readThresholds } from '../pipeline/evaluate/thresholds.js';
import { loadLabelledCorpus } from '../pipeline/evaluate/labels.js';
import type { Need, SegmentedDocument } from '../pipeline/model.js';
import { processText, SHARED, squeeze } from './helpers.js';

const EN_HEAD = `Executive summary: Kenya

2. Chapter II: Preventive measures

2.1. Observations on the implementation of the articles under review

Procurement plans are not always published (art. 9, para. 2).

2.3. Challenges in implementation

It is recommended that Kenya:

- Publish all procurement plans (art. 9, para. 2).

2.4. Technical assistance needs identified to improve implementation of the Convention
`;

const ZH_HEAD = `执行摘要：肯尼亚

2. 第二章：预防措施

2.3. 实施方面的挑战

建议肯尼亚：

- 公布所有采购计划（第九条第二款）。

2.4. 为改进《公约》实施工作而确定的技术援助需要
`;

const needsOf = async (text: string, name?: string) => extractNeeds(await processText(text, name));

describe('needs extraction by layout', () => {
  it('takes bullets after a lead-in, each with the article its closing citation names', async () => {
    const needs = await needsOf(`${EN_HEAD}
Kenya indicated that the following technical assistance would help it:

- Training for procurement officers on e-procurement (art. 9, para. 1).
- Legal advice on a bill that would also touch article 12 (art. 7, para. 3).

3. Chapter V: Asset recovery

3.4. Technical assistance needs identified to improve implementation of the Convention

No technical assistance needs were identified.
`);
    expect(needs.map((n) => [n.chapter, n.article, n.category])).toEqual([
      ['II', 9, 'capacity_building'],
      ['II', 7, 'legislative_assistance'],
    ]);
    expect(needs[0]).toMatchObject({ country: 'Kenya', countryCode: 'KEN', region: 'african', text: 'Training for procurement officers on e-procurement (art. 9, para. 1)' });
  });

  it('gives lines under an article sub-heading that article, and lines under a chapter-wide one no article', async () => {
    const needs = await needsOf(`${EN_HEAD}
Article 10 (public reporting):

- A survey of how ministries answer information requests
- Training on open data, building on the rules under article 13

Chapter II in general:

- Peer exchanges with other States on prevention bodies
`);
    expect(needs.map((n) => [n.article, n.category])).toEqual([
      [10, 'research_data'],
      [10, 'capacity_building'],
      [null, 'international_cooperation'],
    ]);
  });

  it('takes each plain line under an article sub-heading for a need of its own, in both languages', async () => {
    const prose = 'Kenya has a financial intelligence unit within the Central Bank, and an asset recovery agency that traces, seizes and manages the proceeds of crime under the Proceeds of Crime and Anti-Money Laundering Act (arts. 52 and 58).';
    const en = await needsOf(`${EN_HEAD.replace('Procurement plans are not always published (art. 9, para. 2).', prose)}
Article 58:
Training for analysts of the financial intelligence unit on tracing virtual assets
Secure software for exchanging reports with reporting entities
Technical assistance needs assessment for the asset recovery agency
`);
    expect(en.map((n) => [n.article, n.text])).toEqual([
      [58, 'Training for analysts of the financial intelligence unit on tracing virtual assets'],
      [58, 'Secure software for exchanging reports with reporting entities'],
      [58, 'Technical assistance needs assessment for the asset recovery agency'],
    ]);
    const zhProse = '肯尼亚在中央银行内设有金融情报机构，并设有资产追回局，负责根据《犯罪所得和反洗钱法》追查、扣押和管理犯罪所得，两者之间的信息交换机制已经建立并定期运行（第五十二条和第五十八条）。';
    const zh = await needsOf(`${ZH_HEAD.replace('建议肯尼亚：', `${zhProse}\n\n建议肯尼亚：`)}
第五十八条：
为金融情报机构分析人员举办追查虚拟资产的培训
开发与报告实体交换报告的安全软件
`);
    expect(zh.map((n) => [n.article, n.text])).toEqual([
      [58, '为金融情报机构分析人员举办追查虚拟资产的培训'],
      [58, '开发与报告实体交换报告的安全软件'],
    ]);
  });

  it('takes a need that begins with the words of the needs heading, without a full stop, for a need in both languages', async () => {
    const en = await needsOf(`${EN_HEAD}
Article 9:

Technical assistance needs assessment of the procurement oversight body

Article 10:

Training for public information officers.
`);
    expect(en.map((n) => [n.article, n.text])).toEqual([
      [9, 'Technical assistance needs assessment of the procurement oversight body'],
      [10, 'Training for public information officers'],
    ]);
    const zh = await needsOf(`${ZH_HEAD}
第九条：

技术援助需求评估，以确定采购监督机构的优先事项

第十条：

为新闻官员举办培训。
`);
    expect(zh.map((n) => [n.article, n.text])).toEqual([
      [9, '技术援助需求评估，以确定采购监督机构的优先事项'],
      [10, '为新闻官员举办培训'],
    ]);
  });

  it('splits lettered items, also when they run on in one paragraph, and drops the closing "and"', async () => {
    const lines = await needsOf(`${EN_HEAD}
(a) Drafting amendments to the Public Procurement Act (art. 9);
(b) A study of gifts accepted by officials (art. 8); and
(c) Across chapter II: a national prevention policy.
`);
    expect(lines.map((n) => [n.article, n.category, n.text])).toEqual([
      [9, 'legislative_assistance', 'Drafting amendments to the Public Procurement Act (art. 9)'],
      [8, 'research_data', 'A study of gifts accepted by officials (art. 8)'],
      [null, 'policymaking', 'Across chapter II: a national prevention policy'],
    ]);
    const inline = await needsOf(`${EN_HEAD}
Kenya requested: (a) drafting amendments to the Public Procurement Act (art. 9); (b) a study of gifts accepted by officials (art. 8); and (c) training of auditors (art. 9).
`);
    expect(inline.map((n) => n.text)).toEqual(['drafting amendments to the Public Procurement Act (art. 9)', 'a study of gifts accepted by officials (art. 8)', 'training of auditors (art. 9)']);
  });

  it('reads Chinese sub-headings, general markers and "no need" statements', async () => {
    const needs = await needsOf(`${ZH_HEAD}
第九条（公共采购和公共财政管理）：

- 为采购官员举办关于电子采购的培训
- 就第二章总体而言：与其他缔约国交流预防腐败的经验

3. 第五章：资产的追回

3.4. 为改进《公约》实施工作而确定的技术援助需要

未确定任何技术援助需要。
`);
    expect(needs.map((n) => [n.chapter, n.article, n.category])).toEqual([
      ['II', 9, 'capacity_building'],
      ['II', null, 'international_cooperation'],
    ]);
    expect(needs[0]).toMatchObject({ country: '肯尼亚', countryCode: 'KEN', lang: 'zh' });
  }, 300_000);

  it('reads en-dash bullets, numbered items under an unnumbered heading, and "did not request" as no need', async () => {
    const dashes = await needsOf(`${EN_HEAD}\n– Training for auditors (art. 9);\n– A study of gifts (art. 8).\n`);
    expect(dashes.map((n) => n.text)).toEqual(['Training for auditors (art. 9)', 'A study of gifts (art. 8)']);
    const numbered = await needsOf(`${EN_HEAD.replace('2.4. Technical', 'Technical')}\n1. Training for auditors (art. 9).\n2. A study of gifts (art. 8).\n`);
    expect(numbered.map((n) => n.article)).toEqual([9, 8]);
    expect(await needsOf(`${EN_HEAD}\nKenya did not request technical assistance under chapter II.\n`)).toEqual([]);
  });

  it('finds nothing in a summary without needs parts, and nothing in recommendations or observations', async () => {
    const needs = await needsOf(EN_HEAD.replace(/2\.4\..*\n$/, ''));
    expect(needs).toEqual([]);
  });

  it('gives the same ids to the same needs whatever the file, and different ids to different needs', async () => {
    const text = `${EN_HEAD}\n- Training for auditors (art. 9).\n- Training for judges (art. 11).\n`;
    const a = await needsOf(text, 'a.txt');
    const b = await needsOf(text.replace('Publish all', 'Publish every'), 'b.md');
    expect(a.map((n) => n.id)).toEqual(b.map((n) => n.id));
    expect(new Set(a.map((n) => n.id)).size).toBe(2);
  });
});

/**
 * The document's text over a need's span, less what the segmenter documents it leaves out of a block's text:
 * blocks set aside inside it (furniture, footnotes), page breaks, `<sup>` marks, Markdown escapes, white
 * space, and hyphens at a line break.
 */
function textAtSpan(doc: SegmentedDocument, need: Need): string {
  const inside = doc.blocks.filter((b) => (b.kind === 'furniture' || b.kind === 'footnote') && b.start >= need.start && b.end <= need.end);
  let text = '';
  let at = need.start;
  for (const b of inside) {
    text += doc.text.slice(at, b.start);
    at = b.end;
  }
  text += doc.text.slice(at, need.end);
  return comparable(text.replace(/<sup>\s*\d+\s*<\/sup>/g, '').replace(/\\\*/g, '*'));
}
const comparable = (text: string) => squeeze(text).replaceAll('-', '');

describe('the span of a need', () => {
  it('holds exactly its text, in every file of every labelled corpus', async () => {
    const corpora = [TRAINING_CORPUS, join(SHARED, 'corpus-dev')];
    let checked = 0;
    for (const corpus of corpora) {
      for (const { files, labels } of loadLabelledCorpus(corpus)) {
        for (const file of files) {
          const doc = await processFile(file);
          const needs = extractNeeds(doc);
          expect(needs.length, file).toBe(labels.length);
          for (const need of needs) {
            expect(textAtSpan(doc, need), `${file}: ${need.text}`).toBe(comparable(need.text));
            expect(doc.blocks[need.block]!.start).toBeLessThanOrEqual(need.start);
            expect(need.end).toBeLessThanOrEqual(doc.blocks[need.block]!.end);
            if (doc.format === 'pdf') expect(need.page).toBeGreaterThanOrEqual(1);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  }, 120_000);

  it('of an item run into a paragraph is that item, even where the items begin alike', async () => {
    const doc = await processText(`${EN_HEAD}
Kenya requested: (a) training of auditors in the central region (art. 9); (b) training of auditors in the coastal region (art. 9).
`);
    const needs = extractNeeds(doc);
    expect(needs.map((n) => doc.text.slice(n.start, n.end))).toEqual(['training of auditors in the central region (art. 9)', 'training of auditors in the coastal region (art. 9)']);
  });

  it('of a Chinese need wrapped over lines in a PDF-like text is the need, wrapped', async () => {
    const doc = await processText(`${ZH_HEAD}
- 为审计署工作人员举办关于公共采购风险评估方法的培训（第九
  条第二款）。
`);
    const [need] = extractNeeds(doc);
    expect(doc.text.slice(need!.start, need!.end)).toBe('为审计署工作人员举办关于公共采购风险评估方法的培训（第九\n  条第二款）');
  });
});

/** The accuracy gate: the floors of eval/thresholds.json, which `eval --check` holds CI to as well. */
describe('eval against labelled corpora', () => {
  const training = trainingNeeds();
  const floors = readThresholds();

  it('counts each document of the development corpus once, and scores every file of it by format', async () => {
    const score = await evaluateNeeds(join(SHARED, 'corpus-dev'), training);
    // The corpus README: 12 documents, 107 labelled needs; each is published in files/ and has its source beside its labels.
    expect(score.documents).toBe(12);
    expect(score.gold).toBe(107);
    expect(score.files).toBe(24);
    expect(Object.values(score.byFormat).reduce((sum, f) => sum + f.files, 0)).toBe(24);
    expect(belowThresholds(floors, [], [score])).toEqual([]);
  });

  it("holds the project's own summaries to the same floors, with the model trained without the document under test", async () => {
    const score = await evaluateNeeds(TRAINING_CORPUS, training);
    expect(score.documents).toBe(loadLabelledCorpus(TRAINING_CORPUS).length);
    expect(belowThresholds(floors, [], [score])).toEqual([]);
  });
});
