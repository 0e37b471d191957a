/** The `second-read` command's edge: the endpoint from the environment, the run from the database, a summary printed. */
import { latestRun, openDb } from '../store/db.js';
import { SecondReader } from './client.js';
import { secondRead } from './second-read.js';

export interface SecondReadOptions {
  db: string;
  run?: string;
  model: string;
  budget?: string;
  tokenBudget?: string;
  concurrency?: string;
  rpm?: string;
  json?: boolean;
}

/** Returns an error message for the user, or null. Without an endpoint it does nothing and says so. */
export async function secondReadCommand(options: SecondReadOptions, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (!env.OPENAI_BASE_URL || !env.OPENAI_API_KEY) {
    console.log('second-read: OPENAI_BASE_URL and OPENAI_API_KEY are not both set; nothing asked, nothing changed');
    return null;
  }
  const budget = options.budget === undefined ? undefined : Number(options.budget);
  if (budget !== undefined && !(Number.isInteger(budget) && budget >= 0)) return `--budget must be a whole number of requests, not ${options.budget}`;
  const tokenBudget = options.tokenBudget === undefined ? undefined : Number(options.tokenBudget);
  if (tokenBudget !== undefined && !(Number.isInteger(tokenBudget) && tokenBudget >= 0)) return `--token-budget must be a whole number of tokens, not ${options.tokenBudget}`;
  const db = openDb(options.db);
  try {
    if (options.run !== undefined && !/^\d+$/.test(options.run)) return `--run must be a run number, not ${options.run}`;
    const runId = options.run !== undefined ? Number(options.run) : latestRun(db);
    if (runId === null) return `no run with summaries in ${options.db}: run \`ta-needs run\` first`;
    const reader = new SecondReader(db, { baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, model: options.model, budget, tokenBudget, concurrency: options.concurrency ? Number(options.concurrency) : undefined, requestsPerMinute: options.rpm ? Number(options.rpm) : undefined });
    const result = await secondRead(db, runId, reader);
    if (options.json) {
      console.log(JSON.stringify(result, null, 2));
      return null;
    }
    for (const d of result.disagreements) {
      const fields = d.fields.map((f) => `${f.field} ${f.rules} → ${f.reader}`).join('; ');
      console.log(`${d.needId} ${(d.country ?? '?').padEnd(16)} ${fields}  "${d.text.slice(0, 60)}"  (${d.reason})`);
    }
    for (const v of result.versions) {
      const missing = [...v.unpaired.zh.map((id) => `zh ${id}`), ...v.unpaired.en.map((id) => `en ${id}`)];
      console.log(`${v.country}: ${v.pairs} needs paired across zh and en${missing.length > 0 ? `; without a counterpart: ${missing.join(', ')}` : ''}`);
    }
    const s = result.stats;
    console.log(
      `run ${runId}, ${result.model}: ${result.coded} of ${result.needs} needs coded, ${result.disagreements.length} disagree with the rules; ` +
        `${result.quotes.located} quotes located, ${result.quotes.dropped} dropped; ${s.requests} requests, ${s.cached} from the cache, ` +
        `${s.repaired} repaired, ${s.dropped} dropped, ${s.failed} failed, ${s.overBudget} not asked (budget), ${s.tokens} tokens`,
    );
    return null;
  } finally {
    db.close();
  }
}
