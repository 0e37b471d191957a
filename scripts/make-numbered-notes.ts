/**
 * Makes tests/fixtures/numbered/: the five seed notes as Word files whose paragraph numbers, lettered items and
 * bullets are Word's automatic numbering, not characters of the text, by two producers on purpose:
 * - NNN.docxjs.docx, OOXML written with the npm `docx` package (scripts/numbered-notes/docxjs.ts);
 * - NNN.lo.docx, an OpenDocument text with ODF lists converted to DOCX by LibreOffice (…/odt.ts).
 * Usage: node --import tsx scripts/make-numbered-notes.ts   (needs soffice; the fixtures are committed)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteAsDocxjs } from './numbered-notes/docxjs.js';
import { noteAsFlatOdt } from './numbered-notes/odt.js';
import { noteStructure } from './numbered-notes/structure.js';

const here = join(import.meta.dirname, '..');
const seeds = join(here, '..', 'shared', 'seeds');
const out = join(here, 'tests', 'fixtures', 'numbered');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'numbered-notes-'));
try {
  for (const file of readdirSync(seeds).filter((name) => name.endsWith('.txt')).sort()) {
    const seed = file.slice(0, 3);
    console.log(seed);
    const note = await noteStructure(join(seeds, file));
    writeFileSync(join(out, `${seed}.docxjs.docx`), await noteAsDocxjs(note));
    writeFileSync(join(work, `${seed}.fodt`), noteAsFlatOdt(note));
    execFileSync('soffice', ['--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, join(work, `${seed}.fodt`)], { stdio: 'ignore' });
    writeFileSync(join(out, `${seed}.lo.docx`), readFileSync(join(work, `${seed}.docx`)));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
