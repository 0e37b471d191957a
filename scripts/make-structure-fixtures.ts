/**
 * Makes the layout fixtures of tests/fixtures/structure from the Markdown summaries in scripts/structure:
 * each summary as its Markdown (md/), as a UN document saved as text with masthead, title block and Contents
 * (un/), the same hard-wrapped with page headers and footers inside the text as a PDF saved as text gives it
 * (wrapped/), the UN layout printed to PDF by LibreOffice and read back by pdftotext, whose line breaks,
 * hanging numbers and bullets are not ours (pdftotext/), and, for T01.en, inside a full country review report
 * (report/). Needs soffice and pdftotext. The outputs are committed; run
 * `node --import tsx scripts/make-structure-fixtures.ts` again only to remake them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HERE = join(import.meta.dirname, 'structure');
const OUT = join(import.meta.dirname, '..', 'tests', 'fixtures', 'structure');

interface Masthead {
  symbol: string;
  date: string;
  /** The title block's title: "Executive summary", "执行摘要", or "提要" for a first-cycle summary. */
  title: string;
  /** What stands between pages when the file was saved from a PDF: footer lines, then header lines; a form feed starts the last. */
  pageFurniture: (page: number) => string[];
  /** Whether a form feed starts each page, as pdftotext writes it. */
  formFeeds: boolean;
}

const SUMMARIES: Record<string, Masthead> = {
  'T01.en': {
    symbol: 'CAC/COSP/IRG/II/4/1/Add.7',
    date: '3 May 2024',
    title: 'Executive summary',
    // A running title under the symbol: no shape of its own, only its recurrence tells it.
    pageFurniture: (page) => [`${page - 1}/9`, 'V.24-03456', '', 'CAC/COSP/IRG/II/4/1/Add.7', 'Bosnia and Herzegovina: review of chapters II and V', ''],
    formFeeds: false,
  },
  'T02.zh': {
    symbol: 'CAC/COSP/IRG/II/4/1/Add.8',
    date: '6 May 2024',
    title: '执行摘要',
    pageFurniture: (page) => [`V.24-03457${' '.repeat(50)}${page - 1}/8`, '', 'CAC/COSP/IRG/II/4/1/Add.8'],
    formFeeds: true,
  },
  'T03.zh': {
    symbol: 'CAC/COSP/IRG/I/3/1/Add.9',
    date: '14 March 2013',
    title: '提要',
    pageFurniture: (page) => ['', `${page - 1}`, 'V.13-81234 (C)', '', `CAC/COSP/IRG/I/3/1/Add.9${' '.repeat(40)}`, ''],
    formFeeds: false,
  },
};

const LINES_PER_PAGE = 38;

interface Parsed {
  note: string;
  country: string;
  /** Body lines, Markdown marks taken off: headings keep their numbers, bullets are "- ". */
  body: { kind: 'heading' | 'paragraph' | 'bullet'; text: string }[];
}

function parse(markdown: string, lang: 'en' | 'zh'): Parsed {
  const lines = markdown.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('<!--'));
  const note = lines.shift()!;
  const title = /^# (?:Executive summary|执行摘要|提要)[:：]\s*(.+)$/.exec(lines.shift()!)!;
  const body: Parsed['body'] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const heading = /^#+ (.*)$/.exec(line);
    if (heading && /^1\. (Introduction|导言)$/.test(heading[1]!)) {
      // The UN layout runs the introduction's heading and its overview together on one line.
      const overview = /^#+ 1\.1\. (.*)$/.exec(lines[i + 1]!)![1]!;
      body.push({ kind: 'heading', text: `${heading[1]}${lang === 'en' ? ': ' : '：'}${overview}` });
      i += 1;
    } else if (heading) body.push({ kind: 'heading', text: heading[1]! });
    else if (line.startsWith('- ')) body.push({ kind: 'bullet', text: line.slice(2) });
    else body.push({ kind: 'paragraph', text: line });
  }
  return { note, country: title[1]!, body };
}

const pad = (left: string, right: string, width = 58) => `${left}${' '.repeat(Math.max(2, width - left.length))}${right}`;

function titleBlock(lang: 'en' | 'zh', m: Masthead, country: string): string[] {
  const leaders = (entry: string, page: number) => `${entry} ${'.'.repeat(Math.max(3, 70 - entry.length * (lang === 'zh' ? 2 : 1)))} ${page}`;
  const heading = lang === 'en' ? `II.    ${m.title}` : `二.  ${m.title}`;
  if (lang === 'en') {
    return [
      pad('United Nations', m.symbol),
      pad('Conference of the States Parties to the', 'Distr.: General'),
      pad('United Nations Convention against Corruption', m.date),
      '',
      pad('', 'Original: English'),
      'Implementation Review Group',
      'Fifteenth session',
      'Vienna, 17–21 June 2024',
      'Item 2 of the provisional agenda*',
      'Review of implementation of the United Nations',
      'Convention against Corruption',
      '',
      `          ${m.title}`,
      '',
      '          Note by the Secretariat',
      '',
      '          Addendum',
      '',
      'Contents',
      pad('', 'Page', 76),
      leaders(heading, 2),
      leaders(`       ${country}`, 2),
      '',
      '__________________',
      '* CAC/COSP/IRG/2024/1.',
      '',
    ];
  }
  const firstCycle = m.title === '提要';
  return [
    pad('联合国', m.symbol),
    pad('联合国反腐败公约', 'Distr.: General', 50),
    pad('缔约国会议', m.date, 53),
    pad('', 'Chinese'),
    pad('', 'Original: English'),
    '实施情况审议组',
    firstCycle ? '第四届会议' : '第十五届会议',
    firstCycle ? '2013年5月27日至31日，维也纳' : '2024年6月17日至21日，维也纳',
    '临时议程*项目2',
    '审议《联合国反腐败公约》的实施情况',
    '',
    `          ${m.title}`,
    '',
    '          秘书处的说明',
    '',
    '          增编',
    '',
    '目录',
    pad('', '页次', 70),
    leaders(heading, 2),
    leaders(`     ${country}`, 2),
    '',
    '__________________',
    firstCycle ? '* CAC/COSP/IRG/2013/1。' : '* CAC/COSP/IRG/2024/1。',
    '',
  ];
}

/** Lines of at most `width` columns: words in English, characters in Chinese (a Han character takes two). */
function wrap(text: string, lang: 'en' | 'zh', width: number): string[] {
  const lines: string[] = [];
  if (lang === 'en') {
    let line = '';
    for (const word of text.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
    return lines;
  }
  let line = '';
  let columns = 0;
  for (const char of text) {
    const w = /[\x00-\x7f]/.test(char) ? 1 : 2;
    if (columns + w > width) {
      lines.push(line);
      [line, columns] = ['', 0];
    }
    line += char;
    columns += w;
  }
  lines.push(line);
  return lines;
}

/** The body as a Word file saved as text gives it: a line a paragraph, bullets "•" and a tab. */
function lineBody(parsed: Parsed): string[] {
  return parsed.body.flatMap(({ kind, text }) => [kind === 'bullet' ? `•\t${text}` : text, '']);
}

/** The body as a PDF saved as text gives it: lines wrapped at a steady width, bullets hanging, some alone on their line. */
function wrappedBody(parsed: Parsed, lang: 'en' | 'zh'): string[] {
  const width = lang === 'en' ? 80 : 78;
  let bullets = 0;
  return parsed.body.flatMap(({ kind, text }) => {
    if (kind === 'bullet') {
      bullets += 1;
      // pdftotext puts the bullet on a line of its own when the text beside it starts lower than the bullet.
      if (bullets % 3 === 0) return ['•', ...wrap(text, lang, width - 8), ''];
      const [first, ...rest] = wrap(text, lang, width - 8);
      return [`•\t${first}`, ...rest, ''];
    }
    const numbered = /^(\d+(?:\.\d+)*\.)\s+(.*)$/.exec(text);
    if (kind === 'heading' && numbered && lang === 'en') {
      const [first, ...rest] = wrap(numbered[2]!, lang, width - 8);
      return [`${numbered[1]}\t${first}`, ...rest, ''];
    }
    return [...wrap(text, lang, width), ''];
  });
}

function chapterHeading(lang: 'en' | 'zh', title: string): string {
  return lang === 'en' ? `II.\t${title}` : `二. ${title}`;
}

/** The pages joined by the summary's footer and header lines; the body's pages are LINES_PER_PAGE lines long. */
function paginate(firstPage: string[], body: string[], m: Masthead): string {
  const pages = [firstPage];
  for (let i = 0; i < body.length; i += LINES_PER_PAGE) pages.push(body.slice(i, i + LINES_PER_PAGE));
  const out = pages.flatMap((lines, index) => {
    if (index === 0) return lines;
    const furniture = m.pageFurniture(index + 1);
    return [...furniture.slice(0, -1), (m.formFeeds ? '\f' : '') + furniture.at(-1)!, ...lines];
  });
  return `${out.join('\n')}\n`;
}

function unDocument(parsed: Parsed, lang: 'en' | 'zh', m: Masthead, wrapped: boolean): string {
  const front = [parsed.note, '', ...titleBlock(lang, m, parsed.country)];
  const opening = [chapterHeading(lang, m.title), '', parsed.country, ''];
  if (!wrapped) return `${[...front, ...opening, ...lineBody(parsed)].join('\n')}\n`;
  // The title block and Contents fill the first page; the summary starts on the second.
  return paginate(front, [...opening, ...wrappedBody(parsed, lang)], m);
}

/**
 * The summary as chapter III of a full country review report, which has no masthead of its own; wrapped, as
 * saved from its PDF (the report's own paragraphs wrapped too, its pages cut by the summary's footer and header).
 */
function reviewReport(parsed: Parsed, m: Masthead, wrapped: boolean): string {
  const c = parsed.country;
  const lines = [
    parsed.note,
    '',
    `Country Review Report of ${c}`,
    '',
    `Review by Montenegro and Ghana of the implementation by ${c} of articles 5–14 and 51–59 of the United Nations Convention against Corruption for the review cycle 2016–2021`,
    '',
    'I.\tIntroduction',
    '',
    '1.\tThe Conference of the States Parties to the United Nations Convention against Corruption was established under article 63 of the Convention, which the General Assembly adopted on 31 October 2003 and which entered into force on 14 December 2005.',
    '',
    `2.\tThe present report covers the review of ${c} in the second cycle of the Mechanism for the Review of Implementation, which reviews chapters II and V of the Convention.`,
    '',
    'II.\tProcess',
    '',
    `3.\tThe review was based on the answers of ${c} to the self-assessment checklist and on a country visit to Sarajevo from 4 to 6 March 2019, when the reviewers met officials, judges and representatives of civil society.`,
    '',
    'III.\tExecutive summary',
    '',
    ...(wrapped ? wrappedBody(parsed, 'en') : lineBody(parsed)),
    'IV.\tImplementation of the Convention',
    '',
    'A.\tChapter II: Preventive measures',
    '',
    'Article 6. Preventive anti-corruption body or bodies',
    '',
    '(a)\tSummary of information relevant to reviewing the implementation of the article',
    '',
    `4.\tThe coordinating agency was set up by a State law in 2009; it reports to the parliamentary assembly of ${c}.`,
    '',
    // The report's own chapters discuss needs article by article; only the executive summary's parts are counted.
    'Technical assistance needs',
    '',
    '•\tTraining for agency staff on keeping a register of the anti-corruption plans of public bodies (art. 6).',
    '',
  ];
  if (!wrapped) return `${lines.join('\n')}\n`;
  const rewrapped = lines.flatMap((line) => (line.length > 80 ? wrap(line, 'en', 80) : [line]));
  return paginate(rewrapped.slice(0, LINES_PER_PAGE), rewrapped.slice(LINES_PER_PAGE), m);
}

for (const [doc, masthead] of Object.entries(SUMMARIES)) {
  const lang = doc.endsWith('.zh') ? 'zh' : 'en';
  const markdown = readFileSync(join(HERE, `${doc}.md`), 'utf8');
  const parsed = parse(markdown, lang);
  const write = (dir: string, name: string, text: string) => {
    mkdirSync(join(OUT, dir), { recursive: true });
    writeFileSync(join(OUT, dir, name), text);
  };
  write('md', `${doc}.md`, markdown);
  write('un', `${doc}.txt`, unDocument(parsed, lang, masthead, false));
  write('wrapped', `${doc}.txt`, unDocument(parsed, lang, masthead, true));
  if (doc === 'T01.en') {
    write('report', `${doc}.txt`, reviewReport(parsed, masthead, false));
    write('report-wrapped', `${doc}.txt`, reviewReport(parsed, masthead, true));
  }
  const work = mkdtempSync(join(tmpdir(), 'structure-'));
  writeFileSync(join(work, `${doc}.txt`), unDocument(parsed, lang, masthead, false));
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, join(work, `${doc}.txt`)], { stdio: 'ignore' });
  mkdirSync(join(OUT, 'pdftotext'), { recursive: true });
  execFileSync('pdftotext', [join(work, `${doc}.pdf`), join(OUT, 'pdftotext', `${doc}.txt`)]);
  rmSync(work, { recursive: true });
}
