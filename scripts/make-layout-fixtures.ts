/**
 * Makes PDFs laid out as UN documents are, with LibreOffice (Debian: libreoffice-writer-nogui, fonts-wqy-zenhei):
 * - tests/fixtures/layout/NNN.pdf: the five seed notes, their numbered paragraphs in Word's automatic numbering
 *   (the number hangs in the margin, apart from the text), bold headings, a running header and footer;
 * - tests/fixtures/summaries/L0N.*.pdf: executive summaries (scripts/layout/*.md) whose needs sections have
 *   bold article sub-headings between bullets.
 * Two page setups on purpose (A4 serif with numbers at the margin, Letter sans with numbers indented), so that
 * no rule fits one renderer's geometry. The PDFs are committed; run this again only to remake them:
 *   node --import tsx scripts/make-layout-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processFile } from '../pipeline/run.js';
import type { Block } from '../pipeline/model.js';
import { seedPath } from '../tests/helpers.js';

interface PageSetup {
  css: string;
  header: (symbol: string) => string;
  footer: (job: string) => string;
}

const PAGE_NUMBER = '<sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>';

const SETUPS: Record<'a4' | 'letter', PageSetup> = {
  a4: {
    css: `@page { size: 21cm 29.7cm; margin: 2.5cm 2cm 2.5cm 2.5cm; }
      body { font-family: 'DejaVu Serif', 'WenQuanYi Zen Hei'; font-size: 10.5pt; }
      ol, ul { margin-left: 0.9cm; } p { margin-top: 0; margin-bottom: 6pt; } .heading { font-size: 12pt; }`,
    header: (symbol) => `<p>${symbol}</p>`,
    footer: (job) => `<p align="center">${PAGE_NUMBER}</p><p>${job}</p>`,
  },
  letter: {
    css: `@page { size: 21.59cm 27.94cm; margin: 2cm 3cm 2.2cm 3cm; }
      body { font-family: 'WenQuanYi Zen Hei', 'DejaVu Sans'; font-size: 10pt; line-height: 130%; }
      ol, ul { margin-left: 2.2cm; } p { margin-top: 4pt; margin-bottom: 4pt; } .heading { font-size: 11pt; }`,
    header: (symbol) => `<p align="right">${symbol}</p>`,
    footer: (job) => `<p>${job} ${PAGE_NUMBER}</p>`,
  },
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(setup: PageSetup, symbol: string, job: string, body: string[]): string {
  return `<html><head><meta charset="utf-8"><style>${setup.css}</style></head><body>
<div title="header">${setup.header(symbol)}</div>
${body.join('\n')}
<div title="footer">${setup.footer(job)}</div>
</body></html>`;
}

/** A seed note's blocks as Word would hold them: numbered paragraphs in automatic numbering, headings bold. */
function noteBody(blocks: Block[]): string[] {
  const body: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        body.push(`<p class="heading"><b>${escape(block.number ? `${block.number}. ${block.text}` : block.text)}</b></p>`);
        break;
      case 'paragraph':
        body.push(block.number ? `<ol start="${block.number}"><li>${escape(block.text)}</li></ol>` : `<p>${escape(block.text)}</p>`);
        break;
      case 'list_item':
        body.push(`<p style="margin-left: 1.5cm">${escape(`${block.number ?? ''} ${block.text}`.trim())}</p>`);
        break;
      case 'table':
        body.push(`<p>${escape(block.text)}</p><table border="1">${(block.rows ?? []).map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('')}</table>`);
        break;
      case 'figure':
        body.push(`<p><b>${escape(block.text)}</b></p>`);
        break;
      // Footnotes and the text form's own page furniture are left out: the PDF gets its own header and footer.
    }
  }
  return body;
}

/** The Markdown of scripts/layout: #-headings, "- " bullets, "**…**" bold sub-headings, paragraphs. */
function summaryBody(markdown: string): string[] {
  const body: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) body.push(`<ul>${list.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of markdown.split('\n')) {
    const bullet = /^- (.*)$/.exec(line);
    if (bullet) {
      list.push(bullet[1]!);
      continue;
    }
    flush();
    if (!line.trim()) continue;
    const heading = /^(#+) (.*)$/.exec(line);
    const bold = /^\*\*(.*)\*\*$/.exec(line);
    if (heading) body.push(`<h${heading[1]!.length}>${escape(heading[2]!)}</h${heading[1]!.length}>`);
    else if (bold) body.push(`<p><b>${escape(bold[1]!)}</b></p>`);
    else body.push(`<p>${escape(line.trim())}</p>`);
  }
  flush();
  return body;
}

function convert(work: string, name: string, html: string, out: string) {
  writeFileSync(join(work, `${name}.html`), html);
  execFileSync('soffice', ['--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, join(work, `${name}.html`)], { stdio: 'ignore' });
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, join(work, `${name}.docx`)], { stdio: 'ignore' });
  copyFileSync(join(work, `${name}.pdf`), out);
}

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'layout-fixtures-'));
try {
  const notes = join(root, 'tests', 'fixtures', 'layout');
  mkdirSync(notes, { recursive: true });
  const noteSetups: Record<string, keyof typeof SETUPS> = { '000': 'a4', '001': 'letter', '002': 'a4', '003': 'letter', '004': 'a4' };
  for (const [seed, setup] of Object.entries(noteSetups)) {
    const doc = await processFile(seedPath(seed));
    const symbol = /CAC\/COSP\/[A-Z0-9./]+\d/.exec(doc.text)?.[0] ?? 'CAC/COSP';
    convert(work, seed, page(SETUPS[setup], symbol, `V.${seed.slice(1)}-0${seed}42`, noteBody(doc.blocks)), join(notes, `${seed}.pdf`));
  }
  const summaries = join(root, 'tests', 'fixtures', 'summaries');
  for (const [name, setup] of [['L01.en', 'a4'], ['L02.zh', 'letter']] as const) {
    const markdown = readFileSync(join(root, 'scripts', 'layout', `${name}.md`), 'utf8');
    const symbol = /CAC\/COSP\/\S+/.exec(markdown)![0];
    convert(work, name, page(SETUPS[setup], symbol, 'V.26-01234', summaryBody(markdown)), join(summaries, `${name}.pdf`));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
