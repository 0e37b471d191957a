/**
 * What the second reader may answer, task by task. Every answer is checked against these schemas before it is
 * used; the same schemas are sent to endpoints that support structured output.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CATEGORIES } from '../model.js';

const CHAPTERS = JSON.parse(readFileSync(new URL('../extract/data/chapters.json', import.meta.url), 'utf8')) as Record<string, { first: number; last: number }>;

export const CodeNeedAnswer = z
  .object({
    category: z.enum(CATEGORIES),
    article: z.number().int().nullable(),
    chapter: z.enum(Object.keys(CHAPTERS) as [string, ...string[]]),
    notANeed: z.boolean().default(false),
    reason: z.string(),
  })
  .refine((a) => a.article === null || (a.article >= CHAPTERS[a.chapter]!.first && a.article <= CHAPTERS[a.chapter]!.last), {
    message: 'article must belong to chapter',
    path: ['article'],
  });

export const ExtractNeedsAnswer = z.object({ needs: z.array(z.object({ quote: z.string().min(1) })) });

export const AlignVersionsAnswer = z.object({ pairs: z.array(z.object({ zh: z.number().int().min(0), en: z.number().int().min(0) })) });

export const ANSWER_SCHEMAS = {
  'code-need': CodeNeedAnswer,
  'extract-needs': ExtractNeedsAnswer,
  'align-versions': AlignVersionsAnswer,
} as const;

export type Task = keyof typeof ANSWER_SCHEMAS;
export type Answer<T extends Task> = z.output<(typeof ANSWER_SCHEMAS)[T]>;

export interface AlignVersionsInput {
  country: string;
  zh: { index: number; chapter: string; text: string }[];
  en: { index: number; chapter: string; text: string }[];
}

/** The schema an answer to this input must meet: a pairing may only name needs it was given, each once. */
export function answerSchemaFor(task: Task, input: unknown): z.ZodType {
  if (task !== 'align-versions') return ANSWER_SCHEMAS[task];
  const given = input as AlignVersionsInput;
  return AlignVersionsAnswer.superRefine((answer, ctx) => {
    for (const lang of ['zh', 'en'] as const) {
      const known = new Set(given[lang].map((n) => n.index));
      const used = answer.pairs.map((p) => p[lang]);
      for (const i of used.filter((i) => !known.has(i))) ctx.addIssue({ code: 'custom', path: ['pairs'], message: `${lang} index ${i} was not given` });
      if (new Set(used).size !== used.length) ctx.addIssue({ code: 'custom', path: ['pairs'], message: `a ${lang} index is paired twice` });
    }
  });
}

/** The JSON schema of an answer as the endpoint is asked to produce it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}
