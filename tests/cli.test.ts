import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.js';

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
