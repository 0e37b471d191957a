/**
 * The second reader: asks an OpenAI-compatible endpoint one task at a time and never breaks a run. Answers are
 * checked with zod (one repair try, then dropped: the rules stand), cached in the database so that a re-run
 * asks nothing, and asked within a budget of requests; rate limits, server errors and time-outs are retried
 * with backoff, honouring Retry-After, and then given up.
 */
import { createHash } from 'node:crypto';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import PQueue from 'p-queue';
import type { Db } from '../store/db.js';
import { ANSWER_SCHEMAS, answerSchemaFor, jsonSchemaOf, type Answer, type Task } from './answers.js';
import type { z } from 'zod';
import { readCachedAnswer, writeCachedAnswer, type CacheKey } from './cache.js';
import { loadPrompt } from './prompts.js';

export interface SecondReaderOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  /** Most requests this reader sends; then it stops asking (default: no limit). */
  budget?: number;
  /** Most tokens (prompt and answer, as the endpoint reports them) it spends; then it stops asking. */
  tokenBudget?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Most requests started a minute (default: no limit). */
  requestsPerMinute?: number;
  /** Tries after the first on 429, 5xx and time-outs (default 4). */
  maxRetries?: number;
  /** First backoff, doubled each try, when the server says nothing (default 1000 ms). */
  backoffMs?: number;
  /** Time-out of one request (default 60 s). */
  timeoutMs?: number;
  /** How to wait before a retry; tests pass their own so that nothing sleeps. */
  wait?: (ms: number) => Promise<void>;
}

export type AskOutcome<T> =
  | { status: 'ok'; answer: T; cached: boolean }
  | { status: 'dropped' | 'failed' | 'over-budget'; reason: string };

export interface ReaderStats {
  requests: number;
  cached: number;
  answered: number;
  repaired: number;
  dropped: number;
  failed: number;
  overBudget: number;
  tokens: number;
}

/** How the answer's JSON is asked for, best first: an endpoint that refuses one is asked the next way. */
const FORMATS = ['json_schema', 'json_object', 'text'] as const;

class OverBudget extends Error {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function hashInput(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
}

export class SecondReader {
  readonly stats: ReaderStats = { requests: 0, cached: 0, answered: 0, repaired: 0, dropped: 0, failed: 0, overBudget: 0, tokens: 0 };
  private readonly client: OpenAI;
  private readonly queue: PQueue;
  private format = 0;

  constructor(
    private readonly db: Db,
    private readonly options: SecondReaderOptions,
  ) {
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });
    this.queue = new PQueue({
      concurrency: options.concurrency ?? 2,
      ...(options.requestsPerMinute ? { intervalCap: options.requestsPerMinute, interval: 60_000 } : {}),
    });
  }

  get model(): string {
    return this.options.model;
  }

  async ask<T extends Task>(task: T, input: object): Promise<AskOutcome<Answer<T>>> {
    const prompt = loadPrompt(task);
    const key: CacheKey = { promptHash: prompt.hash, model: this.options.model, inputHash: hashInput(input) };
    const schema = answerSchemaFor(task, input);
    const cached = readCachedAnswer(this.db, key);
    if (cached?.status === 'dropped') {
      this.stats.cached += 1;
      return { status: 'dropped', reason: 'invalid answer (cached)' };
    }
    // A cached answer is checked again: one that no longer meets the schema is asked for anew.
    const valid = cached && schema.safeParse(cached.answer);
    if (valid?.success) {
      this.stats.cached += 1;
      return { status: 'ok', answer: valid.data as Answer<T>, cached: true };
    }
    return (await this.queue.add(() => this.askEndpoint(task, schema, prompt.text, input, key)))!;
  }

  private async askEndpoint<T extends Task>(task: T, schema: z.ZodType, system: string, input: object, key: CacheKey): Promise<AskOutcome<Answer<T>>> {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: 'system', content: system },
      { role: 'user', content: JSON.stringify(input) },
    ];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      let content: string;
      try {
        content = await this.complete(task, messages);
      } catch (error) {
        // Whatever the endpoint or the network does, the rules stand: this need is not answered.
        if (error instanceof OverBudget) {
          this.stats.overBudget += 1;
          return { status: 'over-budget', reason: error.message };
        }
        this.stats.failed += 1;
        return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
      const problem = checkAnswer(schema, content);
      if (problem.ok) {
        this.stats.answered += 1;
        if (attempt > 0) this.stats.repaired += 1;
        writeCachedAnswer(this.db, key, task, { status: 'ok', answer: problem.answer });
        return { status: 'ok', answer: problem.answer as Answer<T>, cached: false };
      }
      messages.push({ role: 'assistant', content }, { role: 'user', content: `That answer is not valid: ${problem.reason}. Answer again with one JSON object only, as the instructions say.` });
    }
    this.stats.dropped += 1;
    writeCachedAnswer(this.db, key, task, { status: 'dropped' });
    return { status: 'dropped', reason: 'invalid answer after one repair' };
  }

  /** One answer's text: retried on 429, 5xx and time-outs, stepping down the answer format when the endpoint refuses it. */
  private async complete(task: Task, messages: OpenAI.Chat.ChatCompletionMessageParam[]): Promise<string> {
    const maxRetries = this.options.maxRetries ?? 4;
    for (let retry = 0; ; ) {
      if (this.options.budget !== undefined && this.stats.requests >= this.options.budget) throw new OverBudget(`budget of ${this.options.budget} requests spent`);
      if (this.options.tokenBudget !== undefined && this.stats.tokens >= this.options.tokenBudget) throw new OverBudget(`budget of ${this.options.tokenBudget} tokens spent`);
      this.stats.requests += 1;
      try {
        const response = await this.client.chat.completions.create({ model: this.options.model, temperature: 0, messages, ...this.responseFormat(task) });
        this.stats.tokens += response.usage?.total_tokens ?? 0;
        return response.choices[0]?.message.content ?? '';
      } catch (error) {
        if (refusesFormat(error) && this.format < FORMATS.length - 1) {
          this.format += 1;
          continue;
        }
        if (!retryable(error) || retry >= maxRetries) throw error;
        await (this.options.wait ?? sleep)(retryAfterMs(error) ?? (this.options.backoffMs ?? 1000) * 2 ** retry);
        retry += 1;
      }
    }
  }

  private responseFormat(task: Task): Pick<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'response_format'> {
    const format = FORMATS[this.format];
    if (format === 'json_object') return { response_format: { type: 'json_object' } };
    if (format === 'text') return {};
    const { $schema: _, ...schema } = jsonSchemaOf(ANSWER_SCHEMAS[task]);
    return { response_format: { type: 'json_schema', json_schema: { name: task.replace(/-/g, '_'), schema, strict: false } } };
  }
}

/** The answer parsed and validated, or why not. Plain-JSON endpoints may wrap the object in a Markdown fence. */
function checkAnswer(schema: z.ZodType, content: string): { ok: true; answer: unknown } | { ok: false; reason: string } {
  const text = content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not JSON' };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, answer: result.data };
  return { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`).join('; ') };
}

function retryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  return error instanceof APIError && error.status !== undefined && (error.status === 408 || error.status === 429 || error.status >= 500);
}

function refusesFormat(error: unknown): boolean {
  return error instanceof APIError && (error.status === 400 || error.status === 422) && /response_format|json_schema|json_object|structured/i.test(error.message);
}

/** Retry-After in milliseconds: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
function retryAfterMs(error: unknown): number | null {
  if (!(error instanceof APIError) || !error.headers) return null;
  const ms = Number(error.headers.get('retry-after-ms'));
  if (error.headers.get('retry-after-ms') !== null && Number.isFinite(ms)) return ms;
  const value = error.headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
