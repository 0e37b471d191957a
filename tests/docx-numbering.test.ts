/**
 * Word's numbering features, each in a small DOCX written here as OOXML by hand (the third producer beside
 * the docx package and LibreOffice), read the way Word prints them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxToText } from '../pipeline/ingest/docx.js';
import { processFile } from '../pipeline/run.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

interface Parts {
  body: string;
  numbering?: string;
  styles?: string;
  footnotes?: string;
}

async function docx({ body, numbering, styles, footnotes }: Parts): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  if (numbering) zip.file('word/numbering.xml', `<?xml version="1.0"?><w:numbering ${W}>${numbering}</w:numbering>`);
  if (styles) zip.file('word/styles.xml', `<?xml version="1.0"?><w:styles ${W}>${styles}</w:styles>`);
  if (footnotes) zip.file('word/footnotes.xml', `<?xml version="1.0"?><w:footnotes ${W}>${footnotes}</w:footnotes>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A paragraph: its text, in a list (numId, ilvl) or a style. */
function p(text: string, options: { numId?: number; ilvl?: number; style?: string; extra?: string } = {}): string {
  const numPr = options.numId !== undefined ? `<w:numPr>${options.ilvl !== undefined ? `<w:ilvl w:val="${options.ilvl}"/>` : ''}<w:numId w:val="${options.numId}"/></w:numPr>` : '';
  const style = options.style ? `<w:pStyle w:val="${options.style}"/>` : '';
  return `<w:p><w:pPr>${style}${numPr}${options.extra ?? ''}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

function lvl(ilvl: number, format: string, text: string, extra = ''): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
}

const lines = async (parts: Parts) => (await docxToText(await docx(parts))).text.split('\n').filter((line) => line !== '');

/** The paragraphs' definition: decimal "%1." with lettered "(%2)" items under it. */
const PARAGRAPHS = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}${lvl(1, 'lowerLetter', '(%2)')}${lvl(2, 'lowerRoman', '(%3)')}</w:abstractNum>`;

describe("Word's automatic numbering", () => {
  it('continues a list across headings and plain paragraphs between its items', async () => {
    const result = await lines({
      numbering: `${PARAGRAPHS}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
      styles: `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>`,
      body: [p('Introduction', { style: 'Heading1' }), p('First.', { numId: 1 }), p('A plain paragraph.'), p('Second.', { numId: 1 }), p('Mandate &#8211; scope', { style: 'Heading1' }), p('Third.', { numId: 1 })].join(''),
    });
    expect(result).toEqual(['# Introduction', '1. First.', 'A plain paragraph.', '2. Second.', '# Mandate – scope', '3. Third.']);
  });

  it('restarts lettered sub-items under each numbered paragraph, and keeps counting them where lvlRestart says never', async () => {
    const body = [p('One:', { numId: 1 }), p('alpha;', { numId: 1, ilvl: 1 }), p('beta.', { numId: 1, ilvl: 1 }), p('Two:', { numId: 1 }), p('gamma;', { numId: 1, ilvl: 1 }), p('sub.', { numId: 1, ilvl: 2 })].join('');
    expect(await lines({ numbering: `${PARAGRAPHS}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`, body })).toEqual([
      '1. One:',
      '(a) alpha;',
      '(b) beta.',
      '2. Two:',
      '(a) gamma;',
      '(i) sub.',
    ]);
    const neverRestart = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}${lvl(1, 'lowerLetter', '(%2)', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>`;
    expect(await lines({ numbering: `${neverRestart}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`, body })).toContain('(c) gamma;');
  });

  it('restarts a list where a second list of the same definition overrides its start', async () => {
    const numbering = `${PARAGRAPHS}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>`;
    const body = [
      p('a1', { numId: 1, ilvl: 1 }),
      p('a2', { numId: 1, ilvl: 1 }),
      p('a heading between'),
      p('b1', { numId: 2, ilvl: 1 }),
      p('b2', { numId: 2, ilvl: 1 }),
      // A list of the same definition without an override counts on.
      p('c', { numId: 3, ilvl: 1 }),
      p('seventh', { numId: 4 }),
      p('eighth', { numId: 4 }),
    ].join('');
    expect(await lines({ numbering, body })).toEqual(['(a) a1', '(b) a2', 'a heading between', '(a) b1', '(b) b2', '(c) c', '7. seventh', '8. eighth']);
  });

  it("starts a level at its definition's start", async () => {
    const numbering = `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="7"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    expect(await lines({ numbering, body: [p('技术援助', { numId: 1 }), p('其他事项', { numId: 1 })].join('') })).toEqual(['七. 技术援助', '八. 其他事项']);
  });

  it('prints a level a list overrides with a definition of its own', async () => {
    const numbering = `${PARAGRAPHS}<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">${lvl(0, 'upperRoman', '%1.')}</w:lvlOverride></w:num>`;
    expect(await lines({ numbering, body: [p('Introduction', { numId: 1 }), p('Process', { numId: 1 })].join('') })).toEqual(['I. Introduction', 'II. Process']);
  });

  it('fills multi-level templates, legal numbering, and Chinese and letter formats', async () => {
    const numbering = `
      <w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}${lvl(1, 'decimal', '%1.%2.')}${lvl(2, 'decimal', '%1.%2.%3')}</w:abstractNum>
      <w:abstractNum w:abstractNumId="1">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'ideographTraditional', '%3.')}</w:abstractNum>
      <w:abstractNum w:abstractNumId="2">${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'upperLetter', '%1.%2', '<w:isLgl/>')}</w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>`;
    const body = [
      p('Introduction', { numId: 1 }),
      p('Overview', { numId: 1, ilvl: 1 }),
      p('Chapter II', { numId: 1 }),
      p('Observations', { numId: 1, ilvl: 1 }),
      p('Successes', { numId: 1, ilvl: 1 }),
      p('Detail', { numId: 1, ilvl: 2 }),
      ...Array.from({ length: 11 }, (_, i) => p(`章${i + 1}`, { numId: 2 })),
      p('款', { numId: 2, ilvl: 1 }),
      p('目', { numId: 2, ilvl: 2 }),
      p('目', { numId: 2, ilvl: 2 }),
      p('one', { numId: 3 }),
      p('two', { numId: 3 }),
      p('legal', { numId: 3, ilvl: 1 }),
    ].join('');
    const result = await lines({ numbering, body });
    expect(result.slice(0, 6)).toEqual(['1. Introduction', '1.1. Overview', '2. Chapter II', '2.1. Observations', '2.2. Successes', '2.2.1 Detail']);
    expect(result.slice(6, 17).map((line) => line.split(' ')[0])).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、', '十、', '十一、']);
    expect(result.slice(17, 20)).toEqual(['（一） 款', '甲. 目', '乙. 目']);
    // Legal numbering prints the chapter's roman numeral in decimal.
    expect(result.slice(20)).toEqual(['I. one', 'II. two', '2.A legal']);
  });

  it('takes numbering from a paragraph style along its basedOn chain, and numId 0 takes a paragraph out', async () => {
    const styles = `
      <w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/></w:style>
      <w:style w:type="numbering" w:styleId="NoList" w:default="1"><w:name w:val="No List"/></w:style>
      <w:style w:type="paragraph" w:styleId="SingleTxt"><w:name w:val="Single Txt"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="SingleTxtBold"><w:name w:val="Single Txt Bold"/><w:basedOn w:val="SingleTxt"/><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Bullet1"><w:name w:val="Bullet 1"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>`;
    const numbering = `${PARAGRAPHS}<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`;
    const body = [p('First.', { style: 'SingleTxt' }), p('Second, bold.', { style: 'SingleTxtBold' }), p('Not numbered.', { style: 'SingleTxt', numId: 0 }), p('Third.', { style: 'SingleTxt' }), p('A need.', { style: 'Bullet1' }), p('Plain.')].join('');
    const { text, layout } = await docxToText(await docx({ numbering, styles, body }));
    expect(text.split('\n').filter(Boolean)).toEqual(['1. First.', '2. Second, bold.', 'Not numbered.', '3. Third.', '• A need.', 'Plain.']);
    // A paragraph without a style of its own has the default paragraph style.
    expect(layout.at(-1)?.style).toBe('Normal');
    expect(layout[1]).toMatchObject({ line: 2, marker: '2.', style: 'Single Txt Bold', bold: true, paragraphStart: true });
    expect(layout[2]).toMatchObject({ style: 'Single Txt' });
    expect(layout[4]).toMatchObject({ marker: '•', style: 'Bullet 1' });
  });

  it('finds the level of style-linked numbering from the level that names the style', async () => {
    const styles = `
      <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>`;
    const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1.', '<w:pStyle w:val="H1"/>')}${lvl(1, 'upperLetter', '%2.', '<w:pStyle w:val="H2"/>')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const body = [p('Introduction', { style: 'H1' }), p('Analysis', { style: 'H1' }), p('Overall assessment', { style: 'H2' }), p('Regional', { style: 'H2' })].join('');
    const { text, layout } = await docxToText(await docx({ numbering, styles, body }));
    expect(text.split('\n').filter(Boolean)).toEqual(['# I. Introduction', '# II. Analysis', '## A. Overall assessment', '## B. Regional']);
    expect(layout.map((fact) => fact.headingLevel)).toEqual([1, 1, 2, 2]);
  });

  it('follows a list definition that links to a numbering style to the definition of that style', async () => {
    const styles = `<w:style w:type="numbering" w:styleId="UNParagraphs"><w:name w:val="UN Paragraphs"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>`;
    const numbering = `<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="UNParagraphs"/></w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:styleLink w:val="UNParagraphs"/>${lvl(0, 'decimal', '%1.')}${lvl(1, 'lowerLetter', '(%2)')}</w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`;
    const body = [p('One:', { numId: 1 }), p('item', { numId: 1, ilvl: 1 }), p('Two.', { numId: 2 })].join('');
    expect(await lines({ numbering, styles, body })).toEqual(['1. One:', '(a) item', '2. Two.']);
  });

  it('reads headings from an outline level set on the paragraph itself', async () => {
    const body = p('Executive summary', { extra: '<w:outlineLvl w:val="1"/>' }) + p('Body\ntext.', { extra: '<w:outlineLvl w:val="9"/>' }) + p('Next.');
    const { text, layout } = await docxToText(await docx({ body }));
    // A line break inside a run's text does not break the line a paragraph is.
    expect(text.split('\n')).toEqual(['## Executive summary', '', 'Body text.', '', 'Next.', '']);
    expect(layout.map((fact) => [fact.line, fact.headingLevel])).toEqual([[0, 2], [2, undefined], [4, undefined]]);
  });
});

describe('tables, Contents and footnotes of a DOCX', () => {
  const masthead = `<w:tbl><w:tr><w:tc>${p('United Nations')}</w:tc><w:tc>${p('CAC/COSP/IRG/II/9/1/Add.3')}</w:tc></w:tr>
    <w:tr><w:tc>${p('Implementation Review Group')}</w:tc><w:tc>${p('Distr.: General')}${p('4 May 2026')}${p('Original: English')}</w:tc></w:tr></w:tbl>`;
  const needsTable = `<w:tbl><w:tr><w:tc>${p('Article')}</w:tc><w:tc>${p('Needs')}</w:tc></w:tr><w:tr><w:tc>${p('Article 9')}</w:tc><w:tc>${p('4')}</w:tc></w:tr></w:tbl>`;
  const tocField = (entry: string, page: string, begin: boolean, end: boolean) =>
    `<w:p><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9000"/></w:tabs></w:pPr>${
      begin ? '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' : ''
    }<w:r><w:t>${entry}</w:t></w:r><w:r><w:tab/><w:t>${page}</w:t></w:r>${end ? '<w:r><w:fldChar w:fldCharType="end"/></w:r>' : ''}</w:p>`;

  it('marks a masthead table and a Contents field as furniture and keeps other tables as tab-separated rows', async () => {
    const numbering = `${PARAGRAPHS}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const body = [
      masthead,
      p('Executive summary'),
      p('Contents'),
      tocField('I. Introduction', '2', true, false),
      tocField('II. Executive summary', '3', false, true),
      p('The review of Norway was conducted in 2025.', { numId: 1 }),
      needsTable,
    ].join('');
    const { text, layout } = await docxToText(await docx({ numbering, body }));
    const byLine = text.split('\n');
    const furniture = layout.filter((fact) => fact.furniture).map((fact) => [byLine[fact.line], fact.furniture]);
    expect(furniture).toEqual([
      ['United Nations\tCAC/COSP/IRG/II/9/1/Add.3', 'masthead'],
      ['Implementation Review Group\tDistr.: General 4 May 2026 Original: English', 'masthead'],
      ['Contents', 'contents'],
      ['I. Introduction\t2', 'contents'],
      ['II. Executive summary\t3', 'contents'],
    ]);
    expect(byLine.filter(Boolean).slice(-3)).toEqual(['1. The review of Norway was conducted in 2025.', 'Article\tNeeds', 'Article 9\t4']);

    // Through the segmenter: furniture blocks, never paragraphs; the needs table stays a table.
    const path = join(mkdtempSync(join(tmpdir(), 'ta-needs-')), 'summary.docx');
    writeFileSync(path, await docx({ numbering, body }));
    const doc = await processFile(path);
    expect(doc.blocks.filter((b) => b.kind === 'furniture').map((b) => b.text)).toEqual(furniture.map(([line]) => line));
    expect(doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => [b.number, b.text])).toEqual([
      [undefined, 'Executive summary'],
      ['1', 'The review of Norway was conducted in 2025.'],
    ]);
    expect(doc.blocks.find((b) => b.kind === 'table')?.rows).toEqual([['Article', 'Needs'], ['Article 9', '4']]);
  });

  it('marks a Contents table headed in its own first row, rows without a page number too', async () => {
    const row = (...cells: string[]) => `<w:tr>${cells.map((text) => `<w:tc>${p(text)}</w:tc>`).join('')}</w:tr>`;
    const contents = `<w:tbl>${row('Contents', '', 'Page')}${row('II.', 'Executive summary', '2')}${row('', 'Ghana', '')}${row('', 'Annex', '9')}</w:tbl>`;
    const numbering = `${PARAGRAPHS}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const { layout } = await docxToText(await docx({ numbering, body: contents + p('First.', { numId: 1 }) + needsTable }));
    expect(layout.map((fact) => fact.furniture)).toEqual(['contents', 'contents', 'contents', 'contents', undefined, undefined, undefined]);
  });

  it('takes only the first table at the top of a document, before its body, for a masthead', async () => {
    const numbering = `${PARAGRAPHS}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const { layout } = await docxToText(await docx({ numbering, body: p('First.', { numId: 1 }) + masthead }));
    expect(layout.filter((fact) => fact.furniture)).toEqual([]);
    // Nor a table below the top of a document without headings or numbers, nor a second table.
    const plain = ['One.', 'Two.', 'Three.', 'Four.', 'Five.'].map((text) => p(text)).join('');
    expect((await docxToText(await docx({ body: plain + masthead }))).layout.filter((fact) => fact.furniture)).toEqual([]);
    expect((await docxToText(await docx({ body: needsTable + masthead }))).layout.filter((fact) => fact.furniture)).toEqual([]);
  });

  it('marks a Contents listing typed with dot leaders, up to the first line that is not an entry', async () => {
    const body = [p('Contents'), p('Page'), p('I.\tIntroduction ........ 2'), p('II.\tExecutive summary ..... 3'), p('Executive summary: Norway')].join('');
    const { text, layout } = await docxToText(await docx({ body }));
    expect(layout.map((fact) => fact.furniture)).toEqual(['contents', 'contents', 'contents', 'contents', undefined]);
    expect(text.split('\n').filter(Boolean).at(-1)).toBe('Executive summary: Norway');
  });

  it('writes footnotes at the end with their marks, the mark left as a bare number in the text, a custom mark as itself', async () => {
    const body = `<w:p><w:r><w:t xml:space="preserve">Item 2 of the provisional agenda</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r></w:p>
      <w:p><w:r><w:t>The review was completed.</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r><w:r><w:t xml:space="preserve"> More text.</w:t></w:r></w:p>`;
    const footnotes = `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
      <w:footnote w:id="3"><w:p><w:r><w:t>CAC/COSP/IRG/2026/1.</w:t></w:r></w:p></w:footnote>
      <w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See the country review report.</w:t></w:r></w:p></w:footnote>`;
    expect(await lines({ body, footnotes })).toEqual([
      'Item 2 of the provisional agenda*',
      'The review was completed.1 More text.',
      '* CAC/COSP/IRG/2026/1.',
      '<sup>1</sup> See the country review report.',
    ]);
  });

  it('leaves out hidden text, deletions and moved-away text, and keeps insertions', async () => {
    const run = (text: string, properties = '') => `<w:r><w:rPr>${properties}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const body = `<w:p>${run('Training ')}${run('*V2601234*', '<w:vanish/>')}<w:del><w:r><w:delText>of judges</w:delText></w:r></w:del><w:moveFrom>${run('old ')}</w:moveFrom><w:ins>${run('for auditors')}</w:ins>${run('.')}</w:p>`;
    expect(await lines({ body })).toEqual(['Training for auditors.']);
  });

  it('reports a package without a document as an error', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'not a document');
    await expect(docxToText(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(/word\/document\.xml/);
  });
});
