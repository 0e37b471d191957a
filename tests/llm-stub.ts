/**
 * An OpenAI-compatible endpoint on 127.0.0.1 for the second reader's tests: it answers
 * POST /v1/chat/completions with what the test's function returns for each request, and keeps every request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  temperature?: number;
  messages: { role: string; content: string }[];
  response_format?: { type: string };
}

/** A chat answer (its content, or JSON to send as content), an HTTP error with its headers, a raw body, or no answer at all (until the stub closes). */
export type StubReply = { content: string } | { json: unknown } | { status: number; message?: string; headers?: Record<string, string> } | { hang: true } | { raw: string };

export interface Stub {
  baseURL: string;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** The JSON input the reader sent (its last user message that is the input, not a repair note). */
export const inputOf = (request: ChatRequest): Record<string, unknown> => JSON.parse(request.messages[1]!.content) as Record<string, unknown>;

export async function startStub(reply: (request: ChatRequest, index: number) => StubReply): Promise<Stub> {
  const requests: ChatRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body) as ChatRequest;
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      if ('hang' in answer) return;
      if ('raw' in answer) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer.raw);
        return;
      }
      if ('status' in answer) {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify({ error: { message: answer.message ?? `status ${answer.status}`, type: 'stub' } }));
        return;
      }
      const content = 'content' in answer ? answer.content : JSON.stringify(answer.json);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `stub-${requests.length}`,
          object: 'chat.completion',
          created: 0,
          model: request.model,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
