/**
 * Text files decoded only as the evidence says (pipeline/ingest/decode.ts): Windows-1252 read as what it
 * says, not taken for GB18030; text whose encoding cannot be told refused with the reason; a NUL byte
 * refused as binary wherever it stands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../pipeline/model.js';
import { processFile, runJob } from '../pipeline/run.js';
import { decodeText } from '../pipeline/ingest/decode.js';
import { loadNeeds, openDb } from '../pipeline/store/db.js';
import { FIXTURES, tempDbPath } from './helpers.js';

const ENCODINGS = join(FIXTURES, 'encodings');

describe('a summary saved in Windows-1252', () => {
  it('reads as its UTF-8 twin, though its bytes are valid GB18030 too', async () => {
    const bytes = readFileSync(join(ENCODINGS, 'civ.en.cp1252.md'));
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(bytes)).not.toThrow();
    const [cp1252, utf8] = await Promise.all([processFile(join(ENCODINGS, 'civ.en.cp1252.md')), processFile(join(ENCODINGS, 'civ.en.utf8.md'))]);
    expect(cp1252.text).toBe(utf8.text);
    expect(cp1252.text).toContain('Executive summary: Côte d’Ivoire');
  }, 60_000);

  it("stores its needs under Côte d'Ivoire, as many as its UTF-8 twin has", async () => {
    const db = openDb(tempDbPath());
    const { runId } = await runJob(db, [join(ENCODINGS, 'civ.en.cp1252.md')]);
    const needs = loadNeeds(db, runId);
    const twin = openDb(tempDbPath());
    const twinNeeds = loadNeeds(twin, (await runJob(twin, [join(ENCODINGS, 'civ.en.utf8.md')])).runId);
    expect(needs.length).toBeGreaterThan(0);
    expect(needs.length).toBe(twinNeeds.length);
    expect(new Set(needs.map((n) => `${n.countryCode} ${n.country} ${n.region}`))).toEqual(new Set(["CIV Côte d'Ivoire african"]));
    expect(needs.map((n) => n.text)).toEqual(twinNeeds.map((n) => n.text));
  }, 60_000);
});

describe('legacy encodings, by the evidence', () => {
  it.each([
    ['a one-line Chinese title in GB18030 (the detector unsure among CJK encodings)', '执行摘要：科特迪瓦\n', 'gb18030'],
    ['French in Windows-1252', 'Le Groupe d’examen a noté que la Côte d’Ivoire a créé une Haute Autorité chargée de la prévention de la corruption (art. 6).\n', 'windows-1252'],
    ['German in Windows-1252', 'Die Überprüfung ergab, dass die Maßnahmen nach Artikel 9 umgesetzt sind; größere Lücken bestehen bei der Rückgabe.\n', 'windows-1252'],
  ] as const)('reads %s', (_, text, encoding) => {
    expect(decodeText(iconv.encode(text, encoding))).toEqual({ text, encoding });
  });
});

describe('text whose encoding cannot be told', () => {
  it('is refused, naming what the detector takes it for (Japanese in Shift_JIS)', async () => {
    const file = join(ENCODINGS, 'ja.shift_jis.txt');
    await expect(processFile(file)).rejects.toThrow(IngestError);
    await expect(processFile(file)).rejects.toThrow(/cannot tell how the text is encoded.*Shift_JIS/);
  });

  it('is refused when the text reads as GB18030 but the detector takes it for another (Korean in EUC-KR)', async () => {
    await expect(processFile(join(ENCODINGS, 'ko.euc-kr.txt'))).rejects.toThrow(/cannot tell how the text is encoded.*EUC-KR/);
  });
});

describe('a NUL byte', () => {
  it('past the first 4 KB makes the file binary data, as at its start', async () => {
    const file = join(ENCODINGS, 'civ.en.nul.md');
    expect(readFileSync(file).indexOf(0)).toBeGreaterThan(4096);
    await expect(processFile(file)).rejects.toThrow(/binary data/);
  });

  it('in UTF-16 text is binary data too', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('技术援助\u0000需要', 'utf16le')]);
    expect(() => decodeText(bytes)).toThrow(/binary data: a NUL character at character 4/);
  });
});
