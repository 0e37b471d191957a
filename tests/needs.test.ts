import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/run.js';
import { extractNeeds, TRAINING_CORPUS, trainingNeeds } from '../pipeline/needs.js';
import { evaluateNeeds } from '../pipeline/evaluate/needs.js';
import { loadLabelledCorpus } from '../pipeline/evaluate/labels.js';
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

describe('needs of the shipped sample summaries', () => {
  it('point to the span of the document they were read from, in every format', async () => {
    for (const { files } of loadLabelledCorpus(TRAINING_CORPUS)) {
      for (const file of files) {
        const doc = await processFile(file);
        for (const need of extractNeeds(doc)) {
          const span = squeeze(doc.text.slice(need.start, need.end));
          expect(span.startsWith(squeeze(need.text).slice(0, 8)), `${file}: ${need.text}`).toBe(true);
          expect(span.endsWith(squeeze(need.text).slice(-4)), `${file}: ${need.text}`).toBe(true);
          expect(doc.blocks[need.block]!.start).toBeLessThanOrEqual(need.start);
          if (doc.format === 'pdf') expect(need.page).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });
});

/** The accuracy gate: a change that loses a need, an article or a category turns CI red. */
describe('eval against labelled corpora', () => {
  const training = trainingNeeds();

  it('finds every need of the development corpus and nothing else, with articles and categories right', async () => {
    const score = await evaluateNeeds(join(SHARED, 'corpus-dev'), training);
    expect(score.files).toBe(24);
    expect(score.gold).toBe(214);
    expect(score.errors.filter((e) => e.includes('missed') || e.includes('not a need'))).toEqual([]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
    expect(score.articleAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(score.categoryMacroF1).toBeGreaterThanOrEqual(0.9);
  }, 300_000);

  it('does the same on the project\'s own summaries, with the model trained without the document under test', async () => {
    const score = await evaluateNeeds(TRAINING_CORPUS, training);
    expect(score.gold).toBe(40);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
    expect(score.articleAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(score.categoryMacroF1).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
