/**
 * `ta-needs second-read`: the second reader goes over a run's needs after the rules. It codes every need
 * (code-need) and lists where it disagrees with the rules, and cuts needs the rules read as one run-on
 * paragraph into quotes located in the document (extract-needs), and pairs the needs of a country's Chinese and
 * English summaries to show a need one version lacks (align-versions). It writes only its own tables: the rules'
 * records and reports stay what they were.
 */
import { readFileSync } from 'node:fs';
import type { Block, Lang } from '../model.js';
import { documentText, loadBlocks, loadNeeds, type Db, type StoredNeed } from '../store/db.js';
import type { AlignVersionsInput, Answer } from './answers.js';
import type { ReaderStats, SecondReader } from './client.js';
import { locateQuote } from './ground.js';
import { loadPrompt } from './prompts.js';

export interface FieldDisagreement {
  field: 'category' | 'article' | 'notANeed';
  rules: string;
  reader: string;
}

export interface SecondReadDisagreement {
  needId: string;
  country: string | null;
  text: string;
  fields: FieldDisagreement[];
  reason: string;
}

/** A country's two versions as the reader paired them: the needs of each that found no counterpart. */
export interface VersionPairing {
  country: string;
  pairs: number;
  unpaired: { zh: string[]; en: string[] };
}

export interface SecondReadResult {
  runId: number;
  model: string;
  needs: number;
  /** Needs the reader coded (asked now or from the cache). */
  coded: number;
  disagreements: SecondReadDisagreement[];
  /** Quotes of extract-needs located in their document, and those found nowhere (dropped). */
  quotes: { located: number; dropped: number };
  versions: VersionPairing[];
  stats: ReaderStats;
}

const PROSE = JSON.parse(readFileSync(new URL('./data/prose.json', import.meta.url), 'utf8')) as Record<Lang, { separator: string; atLeast: number }>;

/** The heading of the part a block sits in, and the sub-heading ("Article 9:", "第九条：") above it within that part. */
function contextOf(blocks: Block[], index: number): { section: string | null; subHeading: string | null } {
  let subHeading: string | null = null;
  for (let i = index - 1; i >= 0; i -= 1) {
    const block = blocks[i]!;
    if (block.kind === 'furniture' || block.kind === 'footnote') continue;
    const text = block.text.trim();
    const headingLike = block.kind === 'heading' || (block.kind === 'paragraph' && text.length < 200 && !/[.。:：]$/.test(text));
    if (headingLike) return { section: text, subHeading };
    if (subHeading === null && block.kind !== 'list_item' && /[:：]$/.test(text)) subHeading = text;
  }
  return { section: null, subHeading };
}

function disagreementsOf(need: StoredNeed, answer: Answer<'code-need'>): FieldDisagreement[] {
  const fields: FieldDisagreement[] = [];
  if (answer.category !== need.category) fields.push({ field: 'category', rules: need.category, reader: answer.category });
  if (answer.article !== need.article) fields.push({ field: 'article', rules: String(need.article ?? `${need.chapter}-general`), reader: String(answer.article ?? `${answer.chapter}-general`) });
  if (answer.notANeed) fields.push({ field: 'notANeed', rules: 'need', reader: 'not a need' });
  return fields;
}

/**
 * A need whose block runs several requests into one sentence: a paragraph of prose, or a list item that took
 * in the unmarked paragraph after it.
 */
function looksRunOn(need: StoredNeed, block: Block | undefined): boolean {
  if (!block || (block.kind !== 'paragraph' && block.kind !== 'list_item')) return false;
  const { separator, atLeast } = PROSE[need.lang];
  return need.text.split(separator).length - 1 >= atLeast;
}

export async function secondRead(db: Db, runId: number, reader: SecondReader): Promise<SecondReadResult> {
  const needs = loadNeeds(db, runId);
  const blocksOf = new Map<string, Block[]>();
  const blocks = (docId: string) => blocksOf.get(docId) ?? blocksOf.set(docId, loadBlocks(db, docId)).get(docId)!;
  const codeNeed = loadPrompt('code-need');
  const extract = loadPrompt('extract-needs');
  const storeRead = db.prepare(
    `INSERT OR REPLACE INTO second_reads (need_id, prompt_hash, run_id, model, category, article, chapter, not_a_need, reason, disagrees)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const clearQuotes = db.prepare('DELETE FROM second_read_quotes WHERE run_id = ? AND doc_id = ? AND block = ? AND prompt_hash = ?');
  const storeQuote = db.prepare(`INSERT OR REPLACE INTO second_read_quotes (run_id, doc_id, block, prompt_hash, seq, quote, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);

  const coded = await Promise.all(
    needs.map(async (need) => {
      const { section, subHeading } = contextOf(blocks(need.doc), need.block);
      const outcome = await reader.ask('code-need', { language: need.lang, country: need.country, section, subHeading, need: need.text });
      return { need, outcome };
    }),
  );
  const disagreements: SecondReadDisagreement[] = [];
  db.transaction(() => {
    for (const { need, outcome } of coded) {
      if (outcome.status !== 'ok') continue;
      const a = outcome.answer;
      const fields = disagreementsOf(need, a);
      storeRead.run(need.id, codeNeed.hash, runId, reader.model, a.category, a.article, a.chapter, a.notANeed ? 1 : 0, a.reason, JSON.stringify(fields.map((f) => f.field)));
      if (fields.length > 0) disagreements.push({ needId: need.id, country: need.country, text: need.text, fields, reason: a.reason });
    }
  })();

  const runOn = [...new Map(needs.filter((n) => looksRunOn(n, blocks(n.doc)[n.block])).map((n) => [`${n.doc}|${n.block}`, n])).values()];
  const extracted = await Promise.all(
    runOn.map(async (need) => {
      const block = blocks(need.doc)[need.block]!;
      const outcome = await reader.ask('extract-needs', { language: need.lang, section: contextOf(blocks(need.doc), need.block).section, text: block.text });
      return { need, block, outcome };
    }),
  );
  const quotes = { located: 0, dropped: 0 };
  db.transaction(() => {
    for (const { need, block, outcome } of extracted) {
      if (outcome.status !== 'ok') continue;
      const text = documentText(db, need.doc);
      clearQuotes.run(runId, need.doc, need.block, extract.hash);
      outcome.answer.needs.forEach(({ quote }, seq) => {
        const span = locateQuote(text, quote, block);
        if (!span) {
          quotes.dropped += 1;
          return;
        }
        quotes.located += 1;
        storeQuote.run(runId, need.doc, need.block, extract.hash, seq, text.slice(span.start, span.end), span.start, span.end);
      });
    }
  })();

  const versions = await alignVersions(db, runId, needs, reader);
  return { runId, model: reader.model, needs: needs.length, coded: coded.filter((c) => c.outcome.status === 'ok').length, disagreements, quotes, versions, stats: reader.stats };
}

/** For each country with needs in both languages, the first summary of each language (in path order), its needs paired. */
async function alignVersions(db: Db, runId: number, needs: StoredNeed[], reader: SecondReader): Promise<VersionPairing[]> {
  const byCountry = new Map<string, Partial<Record<Lang, StoredNeed[]>>>();
  for (const need of needs) {
    const country = need.countryCode ?? need.country;
    if (country === null) continue;
    const versions = byCountry.get(country) ?? byCountry.set(country, {}).get(country)!;
    const own = versions[need.lang];
    if (!own) versions[need.lang] = [need];
    else if (own[0]!.doc === need.doc) own.push(need);
  }
  const both = [...byCountry].filter((entry): entry is [string, Record<Lang, StoredNeed[]>] => entry[1].zh !== undefined && entry[1].en !== undefined);
  const answers = await Promise.all(
    both.map(async ([country, v]) => {
      const list = (ns: StoredNeed[]) => ns.map((n, index) => ({ index, chapter: n.chapter, text: n.text }));
      const input: AlignVersionsInput = { country, zh: list(v.zh), en: list(v.en) };
      return { country, versions: v, outcome: await reader.ask('align-versions', input) };
    }),
  );
  const hash = loadPrompt('align-versions').hash;
  const store = db.prepare('INSERT OR REPLACE INTO second_read_pairs (run_id, prompt_hash, country, need_id, counterpart) VALUES (?, ?, ?, ?, ?)');
  const pairings: VersionPairing[] = [];
  db.transaction(() => {
    for (const { country, versions, outcome } of answers) {
      if (outcome.status !== 'ok') continue;
      const counterpart = new Map<string, string>();
      for (const { zh, en } of outcome.answer.pairs) {
        counterpart.set(versions.zh[zh]!.id, versions.en[en]!.id);
        counterpart.set(versions.en[en]!.id, versions.zh[zh]!.id);
      }
      for (const need of [...versions.zh, ...versions.en]) store.run(runId, hash, country, need.id, counterpart.get(need.id) ?? null);
      const unpaired = (ns: StoredNeed[]) => ns.filter((n) => !counterpart.has(n.id)).map((n) => n.id);
      pairings.push({ country, pairs: outcome.answer.pairs.length, unpaired: { zh: unpaired(versions.zh), en: unpaired(versions.en) } });
    }
  })();
  return pairings;
}
