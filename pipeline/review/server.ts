/**
 * The review page and its small local server: analysts read each need with its source text highlighted,
 * filter them, and accept or correct them. Corrections go to the database with who and when, and apply
 * from the next run on. Only this machine's loopback address is served.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { allStates } from '../extract/states.js';
import { CATEGORIES, type Correction } from '../model.js';
import { addCorrection, documentText, latestRun, loadCorrections, loadRun, previousRun as previousCompleteRun, type Db } from '../store/db.js';
import { invalidCorrection, newCorrection } from './corrections.js';
import { articleKey } from '../extract/articles.js';
import { diffRuns } from './diff.js';
import { LABELS } from '../report/render.js';

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
        change: changes.get(n.id) ?? (n.review ? 'corrected' : previousRun === null ? 'new' : 'unchanged'),
        context: { before: text.slice(Math.max(0, n.start - CONTEXT), n.start), source: text.slice(n.start, n.end), after: text.slice(n.end, n.end + CONTEXT) },
      };
    });
  return {
    run,
    previousRun,
    needs,
    options: {
      articles: [...new Set(needs.map((n) => n.articleValue))].sort((a, b) => (parseInt(a) || 99) - (parseInt(b) || 99) || a.localeCompare(b)),
      categories: CATEGORIES.map((id) => ({ id, label: LABELS.en.categories[id] })),
      regions: Object.entries(LABELS.en.regions).map(([id, label]) => ({ id, label })),
      states: allStates().map((s) => ({ code: s.code, name: s.en })),
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function reviewServer(db: Db, defaultWho: string): Server {
  return createServer(async (req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html', PAGE.replace('__WHO__', JSON.stringify(defaultWho)));
      if (req.method === 'GET' && url.pathname === '/api/needs') return send(200, 'application/json', JSON.stringify(needsPayload(db)));
      if (req.method === 'GET' && url.pathname === '/api/corrections') {
        return send(200, 'application/x-ndjson', loadCorrections(db).map((c) => `${JSON.stringify(c)}\n`).join(''));
      }
      if (req.method === 'POST' && url.pathname === '/api/corrections') {
        const input = JSON.parse(await readBody(req)) as Partial<Correction>;
        const correction = newCorrection(String(input.needId ?? ''), String(input.who || defaultWho), input.field, input.value === undefined ? undefined : String(input.value));
        const problem = correction.needId === '' ? 'needId is required' : invalidCorrection(correction);
        if (problem) return send(400, 'application/json', JSON.stringify({ error: problem }));
        addCorrection(db, correction);
        return send(201, 'application/json', JSON.stringify(correction));
      }
      send(404, 'text/plain', 'not found');
    } catch (error) {
      send(400, 'application/json', JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
  });
}
