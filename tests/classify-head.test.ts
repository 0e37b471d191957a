import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyCategory, CategoryModel } from '../pipeline/classify/index.js';
import { readHead, type Role } from '../pipeline/classify/head.js';
import { readNeed } from '../pipeline/classify/features.js';
import { isDev, loadTrainingSet, readPhrasings, splitTrainingSet } from '../pipeline/classify/training.js';
import { confidenceDeciles } from '../pipeline/evaluate/categories.js';
import { evaluatePhrasings } from '../pipeline/evaluate/phrasings.js';
import { trainedModel } from '../pipeline/needs.js';
import type { Category, Lang } from '../pipeline/model.js';

const ROOT = join(import.meta.dirname, '..');

/** The words of a reading that have a role, joined as the language writes them. */
function wordsIn(text: string, lang: Lang, role: Role): string {
  return readHead(text, lang)
    .words.filter((w) => w.role === role)
    .map((w) => w.word)
    .join(lang === 'en' ? ' ' : '');
}

describe('the head of a request', () => {
  // nodejieba reads its dictionary on the first Chinese text: seconds.
  beforeAll(() => readHead('为法官举办培训', 'zh'), 120_000);

  it('sets the framing aside and finds the head after it, in English', () => {
    const text = 'The country requested assistance to draft implementing regulations for the whistle-blower act';
    expect(wordsIn(text, 'en', 'subject')).toBe('The country');
    expect(wordsIn(text, 'en', 'framing')).toBe('requested assistance to');
    expect(wordsIn(text, 'en', 'head')).toBe('regulations');
    expect(wordsIn('There is a need for a survey of public trust in the police', 'en', 'head')).toBe('survey');
    expect(wordsIn('Peer exchanges with other FIUs are needed.', 'en', 'framing')).toBe('are needed');
  });

  it('reads the body helped as a beneficiary and the -ing phrase as the request', () => {
    const text = 'Support for the Financial Intelligence Unit in signing memorandums of understanding with counterpart FIUs';
    expect(wordsIn(text, 'en', 'modifier')).toContain('Financial Intelligence Unit');
    expect(wordsIn(text, 'en', 'head')).toBe('memorandums');
  });

  it('sets conditions and negated alternatives aside', () => {
    const once = 'Once the revised Law on Public Procurement enters into force, contracting authorities will need guidance and training';
    expect(wordsIn(once, 'en', 'aside')).toBe('Once the revised Law on Public Procurement enters into force');
    expect(wordsIn(once, 'en', 'head')).toBe('training');
    const rather = 'No new legislation is sought; rather, investigators need training in open-source intelligence';
    expect(wordsIn(rather, 'en', 'aside')).toBe('No new legislation is sought rather');
    expect(wordsIn('一旦新的《公共采购法》生效，采购实体将需要指导和培训', 'zh', 'aside')).toBe('一旦新的公共采购法生效');
    expect(wordsIn('不需要新的立法，而是需要为调查人员举办培训', 'zh', 'head')).toBe('培训');
  });

  it('reads a Chinese request by its words and their parts of speech: subject, framing, modifiers, head last', () => {
    const text = '该国希望为执法人员举办关于资产追回的培训';
    expect(wordsIn(text, 'zh', 'subject')).toBe('该国');
    expect(wordsIn(text, 'zh', 'framing')).toBe('希望');
    expect(wordsIn(text, 'zh', 'modifier')).toBe('为执法人员关于资产追回的');
    expect(wordsIn(text, 'zh', 'head')).toBe('培训');
    // A generic head (咨询) leaves the head to its topic.
    expect(wordsIn('就制定资产追回战略提供专家咨询', 'zh', 'head')).toBe('战略');
    // A causative topic: what the advice is about is the plan made to change, not the verb ending the clause.
    expect(wordsIn('就使教育部门计划与反腐败目标相一致提供咨询', 'zh', 'head')).toBe('计划');
  });
});

/** The errors the issue names, and the same requests as Chinese authors write them. */
const PHRASED: [string, Lang, Category][] = [
  ['Liberia would like to become a more active participant in the Asset Recovery Inter-Agency Network for West Africa', 'en', 'international_cooperation'],
  ['Support for the Financial Intelligence Unit in signing memorandums of understanding with counterpart FIUs', 'en', 'international_cooperation'],
  ['The Money Laundering and Proceeds of Crime Act requires amendment to oblige reporting entities to report cash transactions above a threshold', 'en', 'legislative_assistance'],
  ['Drafting rules that oblige public officials to report acts of corruption to the commission', 'en', 'legislative_assistance'],
  ['Once the revised Law on Public Procurement enters into force, contracting authorities will need guidance and training on its application', 'en', 'capacity_building'],
  ['No new legislation is sought; rather, staff of the asset recovery office need training in financial investigation', 'en', 'capacity_building'],
  ['利比里亚希望更积极地参与西非资产追回机构间网络', 'zh', 'international_cooperation'],
  ['支持金融情报机构与对口机构签署谅解备忘录', 'zh', 'international_cooperation'],
  ['《洗钱和犯罪所得法》需要修订，以规定报告实体有义务报告大额现金交易', 'zh', 'legislative_assistance'],
  ['起草要求公职人员报告腐败行为的规定', 'zh', 'legislative_assistance'],
  ['一旦修订后的《公共采购法》生效，采购实体将需要指导和培训', 'zh', 'capacity_building'],
  ['不需要新的立法，而是需要为资产追回办公室工作人员举办金融调查培训', 'zh', 'capacity_building'],
];

describe('category coding of needs as authors phrase them', () => {
  const model = trainedModel();
  // Each language's model is trained or loaded on its first need: seconds.
  beforeAll(() => {
    classifyCategory('Training courses for judges', 'en', model);
    classifyCategory('为法官举办培训', 'zh', model);
  }, 300_000);

  it.each(PHRASED)('%s (%s) → %s', (text, lang, category) => {
    expect(classifyCategory(text, lang, model).category).toBe(category);
  });

  it('names the head that decided among its cues', () => {
    const decision = classifyCategory(PHRASED[1]![0], 'en', model);
    expect(decision.cues).toContain('head: memorandums');
    expect(decision.cues.some((c) => c.startsWith('Unit→institution_building') && c.endsWith('(modifier)'))).toBe(true);
  });
});

describe('the category model', () => {
  const examples = [
    { text: 'zebra quokka survey', lang: 'en' as const, category: 'research_data' as const },
    { text: 'walrus narwhal strategy', lang: 'en' as const, category: 'policymaking' as const },
  ];

  it('is keyed by what it learns from, and a model loaded from the cache answers as the trained one did', () => {
    const first = new CategoryModel(examples);
    const again = new CategoryModel(examples);
    const other = new CategoryModel(examples.slice(0, 1));
    expect(again.key('en')).toBe(first.key('en'));
    expect(other.key('en')).not.toBe(first.key('en'));
    const features = readNeed('a quokka', 'en').features;
    expect(again.probabilities(features, 'en')).toEqual(first.probabilities(features, 'en'));
    expect(first.probabilities(features, 'en')!.research_data).toBeGreaterThan(0.5);
  });

  it('has no say in a language it has no example of', () => {
    expect(new CategoryModel(examples).probabilities(new Map([['w:培训', 1]]), 'zh')).toBeNull();
  });
});

describe('training set and dev split', () => {
  it('keeps a fixed fifth of the training set, by the hash of the text, out of training', () => {
    const needs = loadTrainingSet();
    expect(needs.length).toBeGreaterThanOrEqual(1200);
    for (const lang of ['en', 'zh'] as const) expect(needs.filter((n) => n.lang === lang).length).toBeGreaterThanOrEqual(600);
    const { train, dev } = splitTrainingSet(needs);
    expect(train.length + dev.length).toBe(needs.length);
    expect(dev.length / needs.length).toBeGreaterThan(0.15);
    expect(dev.length / needs.length).toBeLessThan(0.25);
    expect(dev.every(isDev) && !train.some(isDev)).toBe(true);
  });

  it('names the file and line of a phrasing that is not one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), 'bad.jsonl');
    writeFileSync(path, '{"text": "Training for judges", "lang": "en", "category": "capacity_building"}\n{"text": "Training", "lang": "fr", "category": "capacity_building"}\n');
    expect(() => readPhrasings(path)).toThrow(`${path}:2: a phrasing needs text, lang (en or zh) and one of the six categories`);
  });
});

describe('confidence that means something', () => {
  it('tells accuracy by decile and the share of errors in the least confident tenth', () => {
    // Twenty predictions: the two least confident wrong, one more error at high confidence.
    const predictions = Array.from({ length: 20 }, (_, i) => ({
      gold: 'policymaking' as Category,
      predicted: (i < 2 || i === 15 ? 'research_data' : 'policymaking') as Category,
      confidence: (i + 1) / 20,
    }));
    const { deciles, errorsInLowestTenth } = confidenceDeciles(predictions);
    expect(deciles.map((d) => d.accuracy)).toEqual([0, 1, 1, 1, 1, 1, 1, 0.5, 1, 1]);
    expect(deciles[0]).toMatchObject({ from: 0.05, to: 0.1, count: 2 });
    expect(errorsInLowestTenth).toBeCloseTo(2 / 3, 4);
  });

  it('scores a set of phrasings with its confusion matrix and deciles', () => {
    const phrasings = PHRASED.map(([text, lang, category]) => ({ text, lang, category }));
    const score = evaluatePhrasings('issue 14', phrasings, trainedModel());
    expect(score.count).toBe(12);
    expect(score.confusion.capacity_building.capacity_building + score.confusion.legislative_assistance.legislative_assistance + score.confusion.international_cooperation.international_cooperation).toBe(12 - score.errors.length);
    expect(score.deciles.reduce((sum, d) => sum + d.count, 0)).toBe(12);
  });
});

describe('ta-needs eval --phrasings', () => {
  it('prints accuracy, macro-F1, the confusion matrix and confidence deciles of a phrasing file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), 'phrasings.jsonl');
    writeFileSync(path, PHRASED.map(([text, lang, category]) => JSON.stringify({ text, lang, category })).join('\n'));
    const out = execFileSync('node', ['bin/ta-needs.js', 'eval', '--corpus', join(ROOT, 'no-such-corpus'), '--phrasings', path], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const section = out.slice(out.indexOf(`## categories: ${path}`));
    expect(section).toMatch(/\(12 phrasings\)\ncategory {3}accuracy 1\.0000 {2}macro-F1 1\.0000\nconfusion \(rows: labelled, columns: predicted\)/);
    expect(section).toMatch(/international_cooperation +0 +0 +0 +0 +0 +4\n/);
    expect(section).toContain('accuracy by confidence decile (least confident first)');
    expect(out).toContain('## categories: dev split of');
  }, 120_000);
});
