/**
 * The review page and its small local server: analysts read each need with its source text highlighted,
 * filter them, and accept or correct them. Corrections go to the database with who and when, and apply
 * from the next run on. Only this machine's loopback address is served.
 *
 * A desk may be shared and a browser visits other sites while the page is open, so the server answers only
 * requests addressed to itself (Host 127.0.0.1 or localhost with its port: no DNS rebinding), and a write
 * only from its own page (Origin, when sent, is the server; a JSON body of at most 64 KB; the token the page
 * was served with, which another site cannot read). A write that fails any check, or names a field, value
 * or need that does not exist, is refused with its reason and stores nothing.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { allStates } from '../extract/states.js';
import { CATEGORIES, type Correction } from '../model.js';
import { addCorrection, documentText, hasNeed, latestRun, loadCorrections, loadRun, previousRun as previousCompleteRun, type Db } from '../store/db.js';
import { invalidCorrection, newCorrection } from './corrections.js';
import { articleKey } from '../extract/articles.js';
import { diffRuns } from './diff.js';
import { LABELS } from '../report/render.js';
import { byCodePoint } from '../order.js';

const PAGE = readFileSync(new URL('./page.html', import.meta.url), 'utf8');

/** Characters of source text shown on each side of a need. */
const CONTEXT = 160;

function needsPayload(db: Db) {
  const run = latestRun(db);
  if (run === null) return { run: null, previousRun: null, needs: [], options: { articles: [], categories: CATEGORIES, regions: [], states: [] } };
  const previousRun = previousCompleteRun(db, run);
  const current = loadRun(db, run);
  const changes = new Map<string, string>();
  if (previousRun !== null) {
    for (const c of diffRuns(previousRun, loadRun(db, previousRun), run, current).needs) changes.set(c.id, c.kind);
  }
  const texts = new Map<string, string>();
  const needs = current.needs
    .filter((n) => n.counted)
    .map((n) => {
      if (!texts.has(n.doc)) texts.set(n.doc, documentText(db, n.doc));
      const text = texts.get(n.doc)!;
      return {
        ...n,
        articleValue: articleKey(n),
        // An accept alone corrects nothing: only a changed field makes a need 'corrected'.
        change: changes.get(n.id) ?? (n.review && Object.keys(n.review.corrected).length > 0 ? 'corrected' : previousRun === null ? 'new' : 'unchanged'),
        context: { before: text.slice(Math.max(0, n.start - CONTEXT), n.start), source: text.slice(n.start, n.end), after: text.slice(n.end, n.end + CONTEXT) },
      };
    });
  return {
    run,
    previousRun,
    needs,
    options: {
      articles: [...new Set(needs.map((n) => n.articleValue))].sort((a, b) => (parseInt(a) || 99) - (parseInt(b) || 99) || byCodePoint(a, b)),
      categories: CATEGORIES.map((id) => ({ id, label: LABELS.en.categories[id] })),
      regions: Object.entries(LABELS.en.regions).map(([id, label]) => ({ id, label })),
      states: allStates().map((s) => ({ code: s.code, name: s.en })),
    },
  };
}

/** The largest request body read: a correction is a few hundred bytes. */
const BODY_LIMIT = 64 * 1024;

/** The header the page sends its token in. */
export const TOKEN_HEADER = 'x-ta-needs-token';

/** A request the server will not act on: its status and the reason, told to the client. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) throw new Refusal(413, `body larger than ${BODY_LIMIT} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Refusal(413, `body larger than ${BODY_LIMIT} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON that can stand inside a <script> element: no "<" to close it, no line separators to break it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The decision a POST asks for, from its JSON body: only the keys a decision has, each a string. */
function requestedCorrection(body: string, defaultWho: string): Correction {
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    throw new Refusal(400, 'the body is not JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Refusal(400, 'the body is not a JSON object');
  const keys = ['needId', 'who', 'field', 'value'];
  for (const [key, value] of Object.entries(input)) {
    if (!keys.includes(key)) throw new Refusal(422, `unknown key ${JSON.stringify(key.slice(0, 40))} (expected ${keys.join(', ')})`);
    if (typeof value !== 'string') throw new Refusal(422, `${key} must be a string`);
  }
  const { needId, who, field, value } = input as Record<string, string | undefined>;
  return newCorrection(needId ?? '', who || defaultWho, field, value);
}

export function reviewServer(db: Db, defaultWho: string): Server {
  const token = randomBytes(24).toString('base64url');
  const server = createServer(async (req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
      res.end(body);
    };
    try {
      const port = (server.address() as AddressInfo).port;
      const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!hosts.includes(req.headers.host ?? '')) throw new Refusal(403, `this server answers only requests to ${hosts.join(' or ')}`);
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html', PAGE.replace('__SETTINGS__', () => scriptJson({ who: defaultWho, token })));
      if (req.method === 'GET' && url.pathname === '/api/needs') return send(200, 'application/json', JSON.stringify(needsPayload(db)));
      if (req.method === 'GET' && url.pathname === '/api/corrections') {
        return send(200, 'application/x-ndjson', loadCorrections(db).map((c) => `${JSON.stringify(c)}\n`).join(''));
      }
      if (req.method === 'POST' && url.pathname === '/api/corrections') {
        const origin = req.headers.origin;
        if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) throw new Refusal(403, `writes come only from this server's page, not from ${origin.slice(0, 100)}`);
        if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) throw new Refusal(415, 'the body must be application/json');
        const sent = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
        if (sent.length !== token.length || !timingSafeEqual(sent, Buffer.from(token))) throw new Refusal(403, `no valid ${TOKEN_HEADER}: writes come only from the page this server served`);
        const correction = requestedCorrection(await readBody(req), defaultWho);
        const problem = invalidCorrection(correction);
        if (problem) throw new Refusal(422, problem);
        if (!hasNeed(db, correction.needId)) throw new Refusal(404, `no need ${correction.needId} in the database`);
        addCorrection(db, correction);
        return send(201, 'application/json', JSON.stringify(correction));
      }
      send(404, 'text/plain', 'not found');
    } catch (error) {
      // A refused body may still be arriving: the connection closes after the answer rather than read it.
      if (!req.complete) res.setHeader('connection', 'close');
      send(error instanceof Refusal ? error.status : 500, 'application/json', JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
  });
  return server;
}
