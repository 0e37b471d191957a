/**
 * Makes tests/fixtures/un-summaries/S06.en.docx and S07.zh.docx, executive summaries laid out as the UN publishes them
 * (domain page §4), and their labels, from scripts/un-summaries/*.json, with the npm `docx` package:
 * a masthead table; the title block "Executive summary / Note by the Secretariat / Addendum"; a Contents table
 * (English) or Contents paragraphs in Word's TOC styles with dot leaders (Chinese); chapter headings "I." / "II."
 * ("一." / "二.") and the summary's "1." / "2.1." headings numbered by Word lists; the country alone on a line;
 * bold article sub-headings; bullets from a bullet style linked to a list (the Chinese one from the Symbol font);
 * a running head and foot. The labels list every need with its chapter, article and category.
 * Usage: node --import tsx scripts/make-un-summaries.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LeaderType,
  LevelFormat,
  Packer,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

interface Summary {
  lang: 'en' | 'zh';
  notice: string;
  masthead: { organ: string; symbol: string; body: string[]; distribution: string[] };
  front: string[];
  titleBlock: string[];
  contents: { title: string; page: string; entries: [string, string, string][] };
  introduction: { number: number; title: string; paragraphs: string[] };
  chapter: { number: number; title: string };
  country: string;
  blocks: ({ h1: string } | { h2: string } | { p: string } | { bullet: string } | { sub: string } | { need: string; article: number | string; category: string })[];
}

const here = join(import.meta.dirname, '..');
const out = join(here, 'tests', 'fixtures', 'un-summaries');

for (const name of ['S06.en', 'S07.zh']) {
  const summary = JSON.parse(readFileSync(join(here, 'scripts', 'un-summaries', `${name}.json`), 'utf8')) as Summary;
  const { document, labels } = layOut(name, summary);
  writeFileSync(join(out, `${name}.docx`), await Packer.toBuffer(document));
  writeFileSync(join(out, `${name}.labels.jsonl`), labels.map((label) => JSON.stringify(label)).join('\n') + '\n');
  console.log(`${name}: ${labels.length} needs`);
}

function layOut(name: string, summary: Summary): { document: Document; labels: object[] } {
  const zh = summary.lang === 'zh';
  const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
  const lines = (texts: string[]) => texts.map((text) => new Paragraph(text));
  const cell = (children: Paragraph[]) => new TableCell({ children: children.length ? children : [new Paragraph('')] });

  const masthead = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: [cell([bold(summary.masthead.organ)]), cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(summary.masthead.symbol)] })])] }),
      new TableRow({ children: [cell(summary.masthead.body.map(bold)), cell(lines(summary.masthead.distribution))] }),
    ],
  });

  const contents = zh
    ? [
        bold(summary.contents.title),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(summary.contents.page)] }),
        ...summary.contents.entries.map(
          ([number, title, page]) =>
            new Paragraph({
              style: number ? 'TOC1' : 'TOC2',
              tabStops: [{ type: TabStopType.RIGHT, position: 9000, leader: LeaderType.DOT }],
              children: [new TextRun(`${number ? `${number}\t` : ''}${title}`), new TextRun({ children: [new Tab(), page] })],
            }),
        ),
      ]
    : [
        bold(summary.contents.title),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [['', '', summary.contents.page], ...summary.contents.entries].map(
            (row) => new TableRow({ children: row.map((text) => cell([new Paragraph(text)])) }),
          ),
        }),
      ];

  const chapterHeading = (title: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: 'chapters', level: 0 }, children: [new TextRun(title)] });
  const labels: object[] = [];
  let chapter = '';
  const body = summary.blocks.map((block) => {
    if ('h1' in block) {
      chapter = /Chapter ([IVX]+)|第([二五])章/.exec(block.h1)?.slice(1).find(Boolean) ?? '';
      if (chapter === '二') chapter = 'II';
      if (chapter === '五') chapter = 'V';
      return new Paragraph({ heading: HeadingLevel.HEADING_3, numbering: { reference: 'summary', level: 0 }, children: [new TextRun(block.h1)] });
    }
    if ('h2' in block) return new Paragraph({ heading: HeadingLevel.HEADING_4, numbering: { reference: 'summary', level: 1 }, children: [new TextRun(block.h2)] });
    if ('p' in block) return new Paragraph(block.p);
    if ('sub' in block) return bold(block.sub);
    if ('bullet' in block) return new Paragraph({ style: 'Bullet1', children: [new TextRun(block.bullet)] });
    labels.push({
      id: `${name.slice(0, 3)}-N${String(labels.length + 1).padStart(3, '0')}`,
      doc: name,
      country: summary.country,
      chapter,
      article: block.article,
      category: block.category,
      text: block.need,
    });
    // Needs end as the language punctuates a list: "；" / ";" between items, "。" / "." after the last.
    return new Paragraph({ style: 'Bullet1', children: [new TextRun(`${block.need}${zh ? '。' : '.'}`)] });
  });

  const bullet = zh
    ? { level: 0, format: LevelFormat.BULLET, text: '\uf0b7', alignment: AlignmentType.LEFT, style: { run: { font: 'Symbol' } } }
    : { level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT };
  const document = new Document({
    styles: {
      paragraphStyles: [
        { id: 'Bullet1', name: 'Bullet 1', paragraph: { numbering: { reference: 'bullets', level: 0 }, indent: { left: 1200, hanging: 300 } } },
        { id: 'TOC1', name: 'toc 1' },
        { id: 'TOC2', name: 'toc 2', basedOn: 'TOC1' },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'chapters',
          levels: [{ level: 0, format: zh ? LevelFormat.CHINESE_COUNTING : LevelFormat.UPPER_ROMAN, text: '%1.', start: summary.introduction.number, alignment: AlignmentType.LEFT }],
        },
        {
          reference: 'summary',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 1, alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', start: 1, alignment: AlignmentType.LEFT },
          ],
        },
        { reference: 'paragraphs', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 1, alignment: AlignmentType.LEFT }] },
        { reference: 'bullets', levels: [bullet] },
      ],
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph(summary.masthead.symbol)] }) },
        footers: { default: new Footer({ children: [new Paragraph('V.26-01234')] }) },
        children: [
          new Paragraph(summary.notice),
          masthead,
          ...lines(summary.front),
          ...summary.titleBlock.map(bold),
          ...contents,
          chapterHeading(summary.introduction.title),
          ...summary.introduction.paragraphs.map((text) => new Paragraph({ numbering: { reference: 'paragraphs', level: 0 }, children: [new TextRun(text)] })),
          chapterHeading(summary.chapter.title),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(summary.country)] }),
          ...body,
        ],
      },
    ],
  });
  return { document, labels };
}
