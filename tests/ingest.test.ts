import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../pipeline/ingest/index.js';
import { SHARED, seedPath } from './helpers.js';

describe('what a document is, from its content', () => {
  it.each([
    ['000', 'secretariat_note', '2013-09-26'],
    ['001', 'secretariat_note', '2023-03-27'],
    ['002', 'secretariat_note', '2017-11-06'],
    ['003', 'meeting_report', '2019-09-02'],
    // Its masthead names the organized-crime convention; its content is a note on UNCAC needs.
    ['004', 'secretariat_note', '2020-10-05'],
  ])('seed %s is a Chinese %s dated %s', async (seed, kind, date) => {
    const doc = await ingestFile(seedPath(seed));
    expect(doc).toMatchObject({ lang: 'zh', kind, date, country: null });
  });

  it('does not take the agenda footnote for the note’s own symbol', async () => {
    expect((await ingestFile(seedPath('000'))).symbols).toEqual([]);
  });

  it.each([
    ['D01.en.pdf', 'en', 'Ethiopia', 'CAC/COSP/IRG/II/6/1/Add.1', '2021-04-15'],
    ['D02.zh.docx', 'zh', '埃及', 'CAC/COSP/IRG/II/6/1/Add.2', '2021-10-13'],
    ['D03.en.txt', 'en', 'United Republic of Tanzania', 'CAC/COSP/IRG/II/6/1/Add.3', '2021-11-18'],
    ['D04.zh.pdf', 'zh', '马达加斯加', 'CAC/COSP/IRG/II/6/1/Add.4', '2021-08-22'],
    ['D12.en.md', 'en', 'France', 'CAC/COSP/IRG/II/6/1/Add.12', '2021-11-21'],
  ])('%s is an executive summary of %s (%s)', async (file, lang, country, symbol, date) => {
    const doc = await ingestFile(join(SHARED, 'corpus-dev', 'files', file));
    expect(doc).toMatchObject({ lang, kind: 'executive_summary', country, symbols: [symbol], date });
  });

  it('gives a file the same id each time, and a different file another', async () => {
    const [a, b, c] = await Promise.all([ingestFile(seedPath('000')), ingestFile(seedPath('000')), ingestFile(seedPath('001'))]);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });
});
