import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAINING_CORPUS } from '../pipeline/needs.js';
import { FIXTURES, SHARED } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

describe('ta-needs blocks', () => {
  it('prints the blocks of a document as JSON with kinds, numbers, offsets and pages', () => {
    const out = execFileSync('node', ['bin/ta-needs.js', 'blocks', join(FIXTURES, 'notes', '003.pdf'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    const blocks = JSON.parse(out) as { kind: string; number?: string; text: string; start: number; end: number; page?: number }[];
    const paragraphs = blocks.filter((b) => b.kind === 'paragraph' && b.number);
    expect(paragraphs.map((b) => b.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(blocks.find((b) => b.kind === 'heading')).toMatchObject({ number: '七', level: 1, text: '技术援助', page: 1 });
    for (const block of blocks) {
      expect(Object.keys(block).sort()).toEqual(expect.arrayContaining(['end', 'kind', 'page', 'start', 'text']));
      expect(block.end).toBeGreaterThan(block.start);
    }
  });
});

describe('ta-needs eval', () => {
  it('finds its default corpora from any folder, and under --check fails on a labelled corpus that is missing', () => {
    const missing = join(ROOT, 'no-such-corpus');
    const eval_ = spawnSync('node', [join(ROOT, 'bin/ta-needs.js'), 'eval', '--json', '--check', '--db', join(tmpdir(), 'none.sqlite'), '--corpus', TRAINING_CORPUS, missing], { cwd: tmpdir(), encoding: 'utf8' });
    expect(eval_.status).toBe(1);
    expect(eval_.stderr).toContain(`labelled corpus ${missing}: no such directory`);
    const card = JSON.parse(eval_.stdout) as { needs: { corpus: string }[]; failures: string[] };
    expect(card.needs.map((n) => n.corpus)).toEqual([TRAINING_CORPUS]);
    expect(card.failures).toEqual([`labelled corpus ${missing} is missing`]);

    const defaults = spawnSync('node', [join(ROOT, 'bin/ta-needs.js'), 'eval', '--json', '--db', join(tmpdir(), 'none.sqlite')], { cwd: tmpdir(), encoding: 'utf8' });
    expect(defaults.status).toBe(0);
    const scored = (JSON.parse(defaults.stdout) as { needs: { corpus: string }[] }).needs.map((n) => n.corpus);
    expect(scored[0]).toBe(TRAINING_CORPUS);
    expect(scored.at(-1)).toBe(join(SHARED, 'corpus-dev'));
  });
});
