/**
 * A note as OOXML written with the npm `docx` package, the way a secretariat's Word template lays it out:
 * a masthead table, a Contents page with dot leaders, chapter headings numbered by a multi-level list in heading
 * styles (一. / A. / 1.), paragraphs numbered by one list that runs on across headings and tables, lettered
 * items in lists of their own restarted for each run of items, bullets, real footnotes and a running head.
 * A number Word would not print by itself (a gap in a sequence) is typed into the text instead.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
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
import { letter, zhNumeral, zhValue, type Footnote, type Item, type NoteStructure } from './structure.js';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

export async function noteAsDocxjs(note: NoteStructure): Promise<Buffer> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let footnoteId = 0;
  const withFootnotes = (text: string, notes: Footnote[]) => [
    new TextRun(text),
    ...notes.map((note) => {
      footnoteId += 1;
      footnotes[footnoteId] = { children: [new Paragraph(note.text)] };
      return new FootnoteReferenceRun(footnoteId);
    }),
  ];

  // What Word will print, counted as Word counts, to tell where its numbering gives the note's own numbers.
  const firstChapter = [...note.front, ...note.body].find((item) => item.kind === 'heading' && item.scheme === 'zh');
  const chapterStart = firstChapter?.kind === 'heading' ? zhValue(firstChapter.number!) : 1;
  const chapters: (number | undefined)[] = [];
  const useChapterLevel = (level: number) => {
    chapters[level] = chapters[level] === undefined ? (level === 0 ? chapterStart : 1) : chapters[level]! + 1;
    for (let below = level + 1; below < 3; below += 1) chapters[below] = undefined;
  };
  const nextChapterNumber = (level: number) => {
    const value = chapters[level] === undefined ? (level === 0 ? chapterStart : 1) : chapters[level]! + 1;
    return level === 0 ? zhNumeral(value) : level === 1 ? letter(value).toUpperCase() : String(value);
  };
  let paragraphCount = 0;
  let letteredCount = 0;
  const typed: string[] = [];

  const heading = (item: Extract<Item, { kind: 'heading' }>): Paragraph => {
    const level = item.scheme === 'zh' ? 0 : item.scheme === 'letter' || item.scheme === 'roman' ? 1 : item.scheme === 'arabic' ? 2 : -1;
    if (item.number !== undefined && level >= 0 && nextChapterNumber(level) === item.number) {
      useChapterLevel(level);
      return new Paragraph({ heading: HEADINGS[level as 0 | 1 | 2], numbering: { reference: 'chapters', level }, children: [new TextRun(item.text)] });
    }
    if (item.number !== undefined) typed.push(item.number);
    const text = item.number !== undefined ? `${item.number}. ${item.text}` : item.text;
    return new Paragraph({ heading: HEADINGS[Math.min(item.level, 4) - 1], children: [new TextRun(text)] });
  };

  const blocks = (items: Item[]): (Paragraph | Table)[] =>
    items.flatMap((item): (Paragraph | Table)[] => {
      if (item.kind !== 'item') letteredCount = 0;
      switch (item.kind) {
        case 'heading':
          return [heading(item)];
        case 'paragraph':
          if (item.number === paragraphCount + 1) {
            paragraphCount += 1;
            return [new Paragraph({ numbering: { reference: 'paragraphs', level: 0 }, children: withFootnotes(item.text, item.footnotes) })];
          }
          if (item.number !== undefined) typed.push(String(item.number));
          return [new Paragraph({ children: withFootnotes(item.number !== undefined ? `${item.number}. ${item.text}` : item.text, item.footnotes) })];
        case 'item': {
          const lettered = /^\(([a-z]{1,2})\)$/.exec(item.marker);
          if (lettered && (lettered[1] === letter(letteredCount + 1) || lettered[1] === 'a')) {
            const restart = lettered[1] === 'a';
            letteredCount = restart ? 1 : letteredCount + 1;
            return [new Paragraph({ numbering: { reference: 'lettered', level: 0, restart }, children: withFootnotes(item.text, item.footnotes) })];
          }
          if (/^[-•·●▪◦]$/.test(item.marker)) {
            return [new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: withFootnotes(item.text, item.footnotes) })];
          }
          typed.push(item.marker);
          return [new Paragraph({ children: withFootnotes(`${item.marker} ${item.text}`, item.footnotes) })];
        }
        case 'table':
          return [
            new Paragraph(item.label),
            new Paragraph({ children: [new TextRun({ text: item.title, bold: true })] }),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: item.rows.map((cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })),
            }),
          ];
        case 'figure':
          return [new Paragraph(item.label), new Paragraph({ children: [new TextRun({ text: item.title, bold: true })] })];
      }
    });

  const masthead = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ children: [cell(note.masthead.left.slice(0, 1)), cell(note.symbols.length ? note.symbols : [''])] }),
      new TableRow({ children: [cell(note.masthead.left.slice(1)), cell(note.masthead.right)] }),
    ],
  });
  const front = blocks(note.front);
  const chaptersListed = [...note.front, ...note.body].filter((item): item is Extract<Item, { kind: 'heading' }> => item.kind === 'heading' && item.scheme === 'zh');
  const contents = [
    new Paragraph({ children: [new TextRun({ text: '目录', bold: true })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun('页次')] }),
    ...chaptersListed.map(
      (chapter, index) =>
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: 9000, leader: LeaderType.DOT }],
          children: [new TextRun(`${chapter.number ? `${chapter.number}. ` : ''}${chapter.text}`), new TextRun({ children: [new Tab(), String(2 + index * 2)] })],
        }),
    ),
  ];
  const body = blocks(note.body);
  const document = new Document({
    footnotes,
    numbering: {
      config: [
        { reference: 'paragraphs', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 1, alignment: AlignmentType.LEFT }] },
        {
          reference: 'chapters',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1.', start: chapterStart, alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.UPPER_LETTER, text: '%2.', start: 1, alignment: AlignmentType.LEFT },
            { level: 2, format: LevelFormat.DECIMAL, text: '%3.', start: 1, alignment: AlignmentType.LEFT },
          ],
        },
        { reference: 'lettered', levels: [{ level: 0, format: LevelFormat.LOWER_LETTER, text: '(%1)', start: 1, alignment: AlignmentType.LEFT }] },
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT }] },
      ],
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph(note.symbols.join(' '))] }) },
        children: [masthead, ...front, ...contents, ...body],
      },
    ],
  });
  if (typed.length > 0) console.warn(`  typed into the text, where Word would print another number: ${typed.join(' ')}`);
  return Packer.toBuffer(document);
}

function cell(lines: string[]): TableCell {
  return new TableCell({ children: (lines.length ? lines : ['']).map((line) => new Paragraph(line)) });
}
