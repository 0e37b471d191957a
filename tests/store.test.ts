import { describe, expect, it } from 'vitest';
import { processFile, runJob } from '../pipeline/run.js';
import { listDocuments, loadBlocks, openDb, startRun, storeDocument } from '../pipeline/store/db.js';
import { seedPath, tempDbPath } from './helpers.js';

const tempDb = () => openDb(tempDbPath());

describe('store', () => {
  it('stores documents and blocks in a SQLite file, and an unchanged file again changes nothing', async () => {
    const db = tempDb();
    const seeds = ['000', '003'].map(seedPath);
    const first = await runJob(db, seeds);
    expect(first.outcomes.map((o) => o.outcome)).toEqual(['stored', 'stored']);
    const blockCount = () => (db.prepare('SELECT COUNT(*) AS n FROM blocks').get() as { n: number }).n;
    const before = blockCount();
    const second = await runJob(db, seeds);
    expect(second.outcomes.map((o) => o.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(second.runId).toBe(first.runId + 1);
    expect(blockCount()).toBe(before);
    expect(listDocuments(db)).toHaveLength(2);
  });

  it('reads back the blocks it stored, offsets and all', async () => {
    const db = tempDb();
    const doc = await processFile(seedPath('001'));
    storeDocument(db, startRun(db, { version: 'test', command: 'test', options: {} }), doc);
    expect(loadBlocks(db, doc.id)).toEqual(doc.blocks);
  });

  it('writes a document in one transaction: a failure part-way leaves nothing of it', async () => {
    const db = tempDb();
    const doc = await processFile(seedPath('003'));
    const broken = { ...doc, blocks: [...doc.blocks.slice(0, 5), { ...doc.blocks[5]!, text: null as unknown as string }] };
    const runId = startRun(db, { version: 'test', command: 'test', options: {} });
    expect(() => storeDocument(db, runId, broken)).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM blocks').get()).toEqual({ n: 0 });
  });

  it('gives the same records for the same input, byte for byte', async () => {
    const [a, b] = [await processFile(seedPath('002')), await processFile(seedPath('002'))];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
