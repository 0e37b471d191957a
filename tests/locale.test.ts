/**
 * The same input gives the same output byte for byte on every desk, whatever its locale. Two English
 * versions of one country's summary tie on language and format, so their paths decide which one counts:
 * "summary-ü.md" sorts before "summary-v.md" in English collation and after it in Swedish (ü as y), while
 * code-point order puts v first everywhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDbPath } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

function outputsUnder(locale: string, corpus: string): string[] {
  const db = tempDbPath();
  const env = { ...process.env, LC_ALL: locale, LANG: locale };
  const ta = (...args: string[]) => execFileSync('node', ['bin/ta-needs.js', ...args, '--db', db], { cwd: ROOT, env, encoding: 'utf8' });
  ta('run', corpus);
  return [ta('needs', '--counted', '--json'), ta('report', '--as-of', '2026-01-01', '--json')];
}

describe('output under two locales', () => {
  it('is byte-identical under en_US and sv_SE collation', () => {
    const corpus = mkdtempSync(join(tmpdir(), 'ta-needs-locale-'));
    const source = readFileSync(join(ROOT, 'corpus', 'summaries', 'S01.en.md'), 'utf8');
    writeFileSync(join(corpus, 'summary-v.md'), source);
    // The other version lacks its last need, so which version counts shows in the needs and the counts.
    const lastNeed = source.lastIndexOf('\n- ');
    writeFileSync(join(corpus, 'summary-ü.md'), source.slice(0, lastNeed) + source.slice(source.indexOf('\n', lastNeed + 1)));

    const [needsEn, reportEn] = outputsUnder('en_US.UTF-8', corpus);
    const [needsSv, reportSv] = outputsUnder('sv_SE.UTF-8', corpus);
    expect(needsSv).toBe(needsEn);
    expect(reportSv).toBe(reportEn);
    const counted = JSON.parse(needsEn!) as { doc: string }[];
    expect(new Set(counted.map((n) => n.doc)).size).toBe(1);
  }, 120_000);
});
