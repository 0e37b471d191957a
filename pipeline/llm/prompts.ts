/**
 * The second reader's prompts: one Markdown file a task in prompts/, read by a person as it is sent, with
 * {{placeholders}} filled from the project's data (category definitions generated from the domain page, the
 * articles' names, examples from the labelled sample summaries in corpus/summaries). A prompt is versioned by
 * the hash of what is sent: change a definition, an example or the answer's schema and the cache no longer
 * answers for it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category, type Lang } from '../model.js';
import { loadLabelledCorpus, labelLang, type Label } from '../evaluate/labels.js';
import { TRAINING_CORPUS } from '../needs.js';
import { ANSWER_SCHEMAS, jsonSchemaOf, type Task } from './answers.js';

export interface Prompt {
  task: Task;
  /** The system message: the filled prompt file. */
  text: string;
  /** Hash of the filled text and the answer's JSON schema. */
  hash: string;
}

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

type CategoryDefinition = { en: string; zh: string; asks: string };
const DEFINITIONS = JSON.parse(readFileSync(new URL('./data/categories.json', import.meta.url), 'utf8')) as Record<Category, CategoryDefinition>;
const LABELS = JSON.parse(readFileSync(new URL('../report/data/labels.json', import.meta.url), 'utf8')) as Record<Lang, { articles: Record<string, string> }>;
const CHAPTERS = JSON.parse(readFileSync(new URL('../extract/data/chapters.json', import.meta.url), 'utf8')) as Record<string, { first: number; last: number }>;

export function categoryDefinitions(): string {
  return CATEGORIES.map((c) => `- \`${c}\`: ${DEFINITIONS[c].en} (${DEFINITIONS[c].zh}): ${DEFINITIONS[c].asks}`).join('\n');
}

export function articleDefinitions(): string {
  return Object.keys(LABELS.en.articles)
    .map(Number)
    .sort((a, b) => a - b)
    .map((n) => {
      const chapter = Object.entries(CHAPTERS).find(([, c]) => n >= c.first && n <= c.last)?.[0] ?? '?';
      return `- ${n} (chapter ${chapter}): ${LABELS.en.articles[n]} / ${LABELS.zh.articles[n]}`;
    })
    .join('\n');
}

/** The labelled needs of corpus/summaries, by document, in file order. */
function labelledDocuments(): { lang: Lang; labels: Label[] }[] {
  return loadLabelledCorpus(TRAINING_CORPUS)
    .filter((d) => d.labels.length > 0)
    .map((d) => ({ lang: labelLang(d.labels[0]!), labels: d.labels }));
}

const articleOf = (label: Label): number | null => (typeof label.article === 'number' ? label.article : null);

/** One labelled need of each category in each language: the first in file order. */
function codeNeedExamples(): string {
  const docs = labelledDocuments();
  const lines: string[] = [];
  for (const lang of ['en', 'zh'] as const) {
    for (const category of CATEGORIES) {
      const label = docs.filter((d) => d.lang === lang).flatMap((d) => d.labels).find((l) => l.category === category);
      if (!label) continue;
      const answer = { category, article: articleOf(label), chapter: label.chapter, notANeed: false };
      lines.push(`- need: ${JSON.stringify(label.text)}\n  answer: ${JSON.stringify(answer)}`);
    }
  }
  return lines.join('\n');
}

/** The first three needs of a chapter of one summary in each language, written as one run-on sentence. */
function extractNeedsExamples(): string {
  const joiners: Record<Lang, (texts: string[]) => string> = {
    en: (t) => `The following needs were identified: ${t.slice(0, -1).join('; ')}; and ${t.at(-1)}.`,
    zh: (t) => `确定了以下需求：${t.slice(0, -1).join('；')}；以及${t.at(-1)}。`,
  };
  return (['en', 'zh'] as const)
    .map((lang) => {
      const doc = labelledDocuments().find((d) => d.lang === lang && d.labels.filter((l) => l.chapter === d.labels[0]!.chapter).length >= 3)!;
      const texts = doc.labels.filter((l) => l.chapter === doc.labels[0]!.chapter).slice(0, 3).map((l) => l.text);
      return `- text: ${JSON.stringify(joiners[lang](texts))}\n  answer: ${JSON.stringify({ needs: texts.map((quote) => ({ quote })) })}`;
    })
    .join('\n');
}

/** A summary labelled in both languages: its first three needs in each, paired by their place in the labels. */
function alignVersionsExamples(): string {
  const docs = loadLabelledCorpus(TRAINING_CORPUS);
  const pair = docs.find((d) => d.doc.endsWith('.en') && docs.some((o) => o.doc === d.doc.replace(/\.en$/, '.zh')));
  if (!pair) return '(none)';
  const zh = docs.find((o) => o.doc === pair.doc.replace(/\.en$/, '.zh'))!;
  const list = (labels: Label[], order: number[]) => order.map((index) => ({ index, chapter: labels[index]!.chapter, text: labels[index]!.text }));
  // The English list in another order, so that the example pairs by meaning, not by position.
  const input = { country: pair.labels[0]!.country, zh: list(zh.labels, [0, 1, 2]), en: list(pair.labels, [2, 0, 1]) };
  return `- input: ${JSON.stringify(input)}\n  answer: ${JSON.stringify({ pairs: [0, 1, 2].map((i) => ({ zh: i, en: i })) })}`;
}

const FILLERS: Record<Task, Record<string, () => string>> = {
  'code-need': { categories: categoryDefinitions, articles: articleDefinitions, examples: codeNeedExamples },
  'extract-needs': { categories: categoryDefinitions, examples: extractNeedsExamples },
  'align-versions': { categories: categoryDefinitions, examples: alignVersionsExamples },
};

const cache = new Map<Task, Prompt>();

export function loadPrompt(task: Task): Prompt {
  const known = cache.get(task);
  if (known) return known;
  const template = readFileSync(`${PROMPTS_DIR}${task}.md`, 'utf8');
  const text = template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const fill = FILLERS[task][name];
    if (!fill) throw new Error(`prompts/${task}.md: unknown placeholder ${whole}`);
    return fill();
  });
  const hash = createHash('sha256').update(text).update(JSON.stringify(jsonSchemaOf(ANSWER_SCHEMAS[task]))).digest('hex').slice(0, 16);
  const prompt = { task, text, hash };
  cache.set(task, prompt);
  return prompt;
}
