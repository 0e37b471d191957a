import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob } from '../pipeline/run.js';
import { loadNeeds, openDb } from '../pipeline/store/db.js';
import { TRAINING_CORPUS } from '../pipeline/needs.js';
import { FIXTURES, tempDbPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const execFileAsync = promisify(execFile);
const summary = (name: string) => join(TRAINING_CORPUS, name);

describe('the main job on summaries', () => {
  it('stores every need with its run, and counts a country once, in the preferred language', async () => {
    const db = openDb(tempDbPath());
    const en = await runJob(db, [TRAINING_CORPUS]);
    expect(en.outcomes.every((o) => o.outcome === 'stored')).toBe(true);
    const all = loadNeeds(db, en.runId);
    expect(all).toHaveLength(40);
    expect(en.needs).toBe(30);
    const vietNam = all.filter((n) => n.countryCode === 'VNM');
    expect(vietNam.filter((n) => n.counted).every((n) => n.lang === 'en')).toBe(true);
    expect(vietNam.filter((n) => !n.counted).every((n) => n.lang === 'zh')).toBe(true);
    expect(en.disagreements).toEqual([]);

    const zh = await runJob(db, [TRAINING_CORPUS], () => {}, { prefer: 'zh' });
    expect(loadNeeds(db, zh.runId, { countedOnly: true }).filter((n) => n.countryCode === 'VNM').every((n) => n.lang === 'zh')).toBe(true);
    // Same needs, same ids, run after run.
    expect(loadNeeds(db, zh.runId).map((n) => n.id)).toEqual(all.map((n) => n.id));
  }, 60_000);

  it('reports where two versions of a country\'s summary disagree', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-needs-'));
    copyFileSync(summary('S01.zh.docx'), join(dir, 'S01.zh.docx'));
    const english = readFileSync(summary('S01.en.md'), 'utf8').replace(/^- A comparative study.*\n/m, '');
    writeFileSync(join(dir, 'S01.en.md'), english);
    const result = await runJob(openDb(tempDbPath()), [dir]);
    expect(result.disagreements).toEqual([
      { country: 'VNM', counted: join(dir, 'S01.en.md'), other: join(dir, 'S01.zh.docx'), differences: ['II/8/research_data: 0 vs 1'] },
    ]);
  });

  it('goes on past a bad file and stores nothing of it', async () => {
    const db = openDb(tempDbPath());
    const result = await runJob(db, [join(FIXTURES, 'bad', 'empty.txt'), summary('S02.en.pdf')]);
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['failed', 'stored']);
    expect(loadNeeds(db, result.runId).map((n) => n.countryCode)).toEqual(Array(9).fill('KEN'));
  });
});

describe('ta-needs needs', () => {
  const db = tempDbPath();
  execFileSync('node', ['bin/ta-needs.js', 'run', TRAINING_CORPUS, '--db', db], { cwd: ROOT, encoding: 'utf8' });
  const cli = (...args: string[]) => execFileSync('node', ['bin/ta-needs.js', 'needs', '--db', db, ...args], { cwd: ROOT, encoding: 'utf8' });

  it('prints the records as JSON, with their provenance', () => {
    const needs = JSON.parse(cli('--json', '--counted')) as Record<string, unknown>[];
    expect(needs).toHaveLength(30);
    for (const need of needs) {
      expect(Object.keys(need)).toEqual(expect.arrayContaining(['id', 'doc', 'country', 'region', 'chapter', 'article', 'category', 'confidence', 'text', 'start', 'end']));
    }
    expect(needs.find((n) => n.countryCode === 'KEN' && n.article === 58)).toMatchObject({ region: 'african', chapter: 'V', category: 'capacity_building', page: 2 });
  });

  it('prints CSV with a header and one row a need', () => {
    const lines = cli('--csv').trim().split('\n');
    expect(lines[0]).toBe('id,run,doc,country,countryCode,region,chapter,article,category,confidence,counted,page,start,end,text');
    expect(lines).toHaveLength(41);
  });
});

describe('corrections from the command line', () => {
  it('are added, exported, imported into another database once, and refused when they name no real value', async () => {
    const db = tempDbPath();
    const other = tempDbPath();
    // Run without blocking this thread: vitest's own messages must get through during the many commands.
    const ta = async (...args: string[]) => (await execFileAsync('node', ['bin/ta-needs.js', ...args], { cwd: ROOT, encoding: 'utf8' })).stdout;
    await ta('run', TRAINING_CORPUS, '--db', db);
    const [need] = JSON.parse(await ta('needs', '--db', db, '--counted', '--json')) as { id: string }[];
    await ta('corrections', 'add', need!.id, '--field', 'article', '--value', 'II-general', '--who', 'analyst-b', '--db', db);
    await ta('corrections', 'add', need!.id, '--who', 'analyst-c', '--db', db);
    const file = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), 'corrections.jsonl');
    await ta('corrections', 'export', '--db', db, '--out', file);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    await ta('corrections', 'import', file, '--db', other);
    await ta('corrections', 'import', file, '--db', other);
    expect((await ta('corrections', 'export', '--db', other)).trim().split('\n')).toHaveLength(2);
    await expect(ta('corrections', 'add', need!.id, '--field', 'category', '--value', 'gardening', '--who', 'x', '--db', db)).rejects.toThrow(/not a category \(capacity_building, .*\): "gardening"/);
    await ta('run', TRAINING_CORPUS, '--db', db);
    const corrected = (JSON.parse(await ta('needs', '--db', db, '--json')) as { id: string; article: number | null; review?: { accepted?: { who: string } } }[]).find((n) => n.id === need!.id)!;
    expect(corrected.article).toBeNull();
    expect(corrected.review?.accepted?.who).toBe('analyst-c');
  }, 180_000);
});

describe('ta-needs report', () => {
  it('writes the chapter II tables and figures in Chinese to a folder', () => {
    const db = tempDbPath();
    execFileSync('node', ['bin/ta-needs.js', 'run', TRAINING_CORPUS, '--db', db], { cwd: ROOT });
    const out = mkdtempSync(join(tmpdir(), 'ta-needs-'));
    execFileSync('node', ['bin/ta-needs.js', 'report', '--as-of', '2026-01-01', '--db', db, '--chapter', 'II', '--lang', 'zh', '--format', 'md', '--out', out], { cwd: ROOT });
    const md = readFileSync(join(out, 'report.zh.md'), 'utf8');
    expect(md).toContain('## 按章分列的需求和国家');
    expect(md).toContain('| 第二章：预防措施 | 16 [c1] | 3 [c2] |');
    expect(md).not.toContain('第五章');
    expect(readFileSync(join(out, 'figures', 'byChapter.zh.svg'), 'utf8')).toContain('图一 按章分列的已确定技术援助需求数量');
    // The figure's Vega-Lite specification is beside it, for an analyst to restyle: its data are the table's numbers.
    const spec = JSON.parse(readFileSync(join(out, 'figures', 'byChapter.zh.vl.json'), 'utf8')) as { data: { values: { label: string; value: number }[] } };
    expect(spec.data.values).toEqual([expect.objectContaining({ label: '第二章：预防措施', value: 16 })]);
    // English beside Chinese in the same folder: neither overwrites the other.
    execFileSync('node', ['bin/ta-needs.js', 'report', '--as-of', '2026-01-01', '--db', db, '--chapter', 'II', '--lang', 'en', '--format', 'md', '--out', out], { cwd: ROOT });
    expect(readFileSync(join(out, 'report.zh.md'), 'utf8')).toBe(md);
    expect(readFileSync(join(out, 'report.en.md'), 'utf8')).toContain('| Chapter II: Preventive measures | 16 [c1] | 3 [c2] |');
  }, 120_000);
});
