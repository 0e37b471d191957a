/**
 * The review server on a shared desk, over HTTP on 127.0.0.1: writes come only from the page it served
 * (token, Origin, Host, JSON, 64 KB), name only fields, values and needs that exist, and a refused write
 * stores nothing; the reviewer's name is shown as text, whatever it holds.
 */
import { execFile } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../pipeline/run.js';
import { addCorrection, loadCorrections, loadNeeds, openDb, type Db } from '../pipeline/store/db.js';
import { newCorrection } from '../pipeline/review/corrections.js';
import { reviewServer, TOKEN_HEADER } from '../pipeline/review/server.js';
import { tempDbPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request as a client sends it, every header under the test's control (Host and Origin too). */
function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may answer and close before a refused body is all sent; the answer is what counts.
    req.on('error', reject);
    req.end(options.body);
  });
}

let dbPath: string;
let db: Db;
let server: ReturnType<typeof reviewServer>;
let port: number;
let token: string;
let needId: string;

beforeAll(async () => {
  dbPath = tempDbPath();
  db = openDb(dbPath);
  const { runId } = await runJob(db, ['corpus/summaries/S01.en.md']);
  needId = loadNeeds(db, runId)[0]!.id;
  server = reviewServer(db, 'analyst-a');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const page = await send(port, {});
  token = JSON.parse(/<script type="application\/json" id="settings">(.*?)<\/script>/s.exec(page.body)![1]!).token as string;
}, 120_000);
afterAll(() => {
  server?.close();
  db?.close();
});

/** A write as the page sends it; `change` alters what a test wants wrong. */
function post(body: unknown, change: { headers?: Record<string, string>; raw?: string | Buffer } = {}): Promise<Answer> {
  const headers = { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, [TOKEN_HEADER]: token, ...change.headers };
  return send(port, { method: 'POST', path: '/api/corrections', headers, body: change.raw ?? JSON.stringify(body) });
}

describe('review server writes', () => {
  it('stores a correction the page sends, with its token, as JSON, from its own origin', async () => {
    const answer = await post({ needId, who: 'analyst-b', field: 'category', value: 'policymaking' });
    expect(answer.status).toBe(201);
    expect(loadCorrections(db)).toEqual([expect.objectContaining({ needId, field: 'category', value: 'policymaking', who: 'analyst-b' })]);
    db.prepare('DELETE FROM corrections').run();
  });

  it.each([
    ['from another origin', {}, { headers: { origin: 'http://evil.example' } }, 403],
    ['from another origin, as a form posts text/plain', {}, { headers: { origin: 'http://evil.example', 'content-type': 'text/plain' } }, 403],
    ['without the token', {}, { headers: { [TOKEN_HEADER]: '' } }, 403],
    ['with a wrong token', {}, { headers: { [TOKEN_HEADER]: 'x'.repeat(32) } }, 403],
    ['as text/plain', {}, { headers: { 'content-type': 'text/plain' } }, 415],
    ['to another host name (DNS rebinding)', {}, { headers: { host: `evil.example:${'PORT'}` } }, 403],
    ['of 1 MB', { who: 'w'.repeat(2 ** 20) }, {}, 413],
    ['of an unknown field', { field: 'confidence', value: '1' }, {}, 422],
    ['of an unknown key', { field: 'category', value: 'policymaking', run: '1' }, {}, 422],
    ['of an unknown category', { field: 'category', value: 'bribery' }, {}, 422],
    ['of an article outside the Convention', { field: 'article', value: '99' }, {}, 422],
    ['of an unknown country', { field: 'country', value: 'XXX' }, {}, 422],
    ['by a name with markup', { who: '<img src=x onerror=alert(1)>' }, {}, 422],
    ['by a name of 100 characters', { who: 'a'.repeat(100) }, {}, 422],
    ['with a value but no field', { field: undefined, value: 'policymaking' }, {}, 422],
    ['of a need that no run found', { needId: '0123456789abcdef', field: 'category', value: 'policymaking' }, {}, 404],
    ['that is not JSON', {}, { raw: 'needId=1' }, 400],
  ] as const)('refuses a write %s with the reason, storing nothing', async (_, fields, change, status) => {
    const headers = 'headers' in change ? Object.fromEntries(Object.entries(change.headers).map(([k, v]) => [k, v.replace('PORT', String(port))])) : undefined;
    const answer = await post({ needId, field: 'category', value: 'policymaking', ...fields }, { headers, raw: 'raw' in change ? change.raw : undefined });
    expect(answer.status).toBe(status);
    expect((JSON.parse(answer.body) as { error: string }).error.length).toBeGreaterThan(0);
    expect(loadCorrections(db)).toEqual([]);
  });

  it('refuses a 1 MB body sent without a length (chunked), storing nothing', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/corrections', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', [TOKEN_HEADER]: token } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.write(`{"needId":"${needId}","who":"`);
      for (let i = 0; i < 16; i++) req.write('w'.repeat(2 ** 16));
      req.end('"}');
    });
    expect(answer.status).toBe(413);
    expect(loadCorrections(db)).toEqual([]);
  });

  it('answers no page or data to another host name', async () => {
    expect((await send(port, { headers: { host: `attacker.example:${port}` } })).status).toBe(403);
    expect((await send(port, { path: '/api/needs', headers: { host: `attacker.example:${port}` } })).status).toBe(403);
    expect((await send(port, { path: '/api/needs', headers: { host: `localhost:${port}` } })).status).toBe(200);
  });
});

describe('review page', () => {
  it('shows a reviewer name holding </script> and $& as text, running none of it', async () => {
    const name = `</script><script>window.injected = 1</script> $& $' x`;
    const own = reviewServer(db, name);
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(own.address() as AddressInfo).port}/`);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.inputValue('#who')).toBe(name);
      expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    } finally {
      await browser.close();
      own.close();
    }
  }, 60_000);
});

describe('the command line', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile('node', ['bin/ta-needs.js', ...args], { cwd: ROOT }, (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }));
    });

  it('says the port is busy and exits 2', async () => {
    const { code, stderr } = await cli(['review', '--port', String(port), '--db', tempDbPath()]);
    expect(code).toBe(2);
    expect(stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
  }, 60_000);

  it.each([
    ['a need that no run found', ['0123456789abcdef', '--who', 'analyst-b'], 'no need 0123456789abcdef'],
    ['an unknown field', ['NEED', '--field', 'confidence', '--value', '1', '--who', 'analyst-b'], 'not a field that can be corrected'],
    ['a name with markup', ['NEED', '--who', '<b>x</b>'], "not a reviewer's name"],
  ])('corrections add refuses %s, exit 2, storing nothing', async (_, args, reason) => {
    const { code, stderr } = await cli(['corrections', 'add', ...args.map((a) => (a === 'NEED' ? needId : a)), '--db', dbPath]);
    expect(code).toBe(2);
    expect(stderr).toContain(reason);
    expect(loadCorrections(db)).toEqual([]);
  }, 60_000);

  it('refuses a reviewer name that cannot be recorded, exit 2', async () => {
    const { code, stderr } = await cli(['review', '--port', '8080', '--who', '</script>', '--db', tempDbPath()]);
    expect(code).toBe(2);
    expect(stderr).toContain("not a reviewer's name");
  }, 60_000);
});

describe('the change a need shows', () => {
  it('is "corrected" for a corrected need and not for one an analyst only accepted', async () => {
    const own = openDb(tempDbPath());
    const first = await runJob(own, ['corpus/summaries/S01.en.md']);
    const [accepted, corrected] = loadNeeds(own, first.runId);
    addCorrection(own, newCorrection(accepted!.id, 'analyst-b'));
    addCorrection(own, newCorrection(corrected!.id, 'analyst-b', 'category', corrected!.category === 'policymaking' ? 'research_data' : 'policymaking'));
    await runJob(own, ['corpus/summaries/S01.en.md']);
    const ownServer = reviewServer(own, 'analyst-b');
    await new Promise<void>((resolve) => ownServer.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await send((ownServer.address() as AddressInfo).port, { path: '/api/needs' });
      const needs = (JSON.parse(answer.body) as { needs: { id: string; change: string }[] }).needs;
      expect(needs.find((n) => n.id === accepted!.id)!.change).toBe('unchanged');
      expect(needs.find((n) => n.id === corrected!.id)!.change).toBe('corrected');
    } finally {
      ownServer.close();
      own.close();
    }
  });
});
