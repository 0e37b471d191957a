/**
 * What a document is, judged from its content: a header or a file name may be wrong
 * (the 2020 IRG note's masthead names the organized-crime convention).
 */
import type { DocKind, Lang } from '../model.js';

const HAN = /\p{Script=Han}/gu;
const LATIN_LETTER = /[A-Za-z]/g;

/** Counted match by match: an array of every match of a long text would hold millions of strings at once. */
function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(pattern)) count++;
  return count;
}

export function detectLanguage(text: string): Lang {
  const han = countMatches(text, HAN);
  const latin = countMatches(text, LATIN_LETTER);
  // A Chinese character carries about as much as a word of four or five letters.
  return han * 4 >= latin ? 'zh' : 'en';
}

/** Cues a reader uses to tell the three kinds apart, each worth one vote. */
const KIND_CUES: Record<Exclude<DocKind, 'unknown'>, RegExp[]> = {
  executive_summary: [
    // Its title, its chapter heading in a UN document ("II. Executive summary", "二. 提要"), or a full review report's title.
    /^\s*(#+\s*)?(Executive summary|执行摘要|提要)\s*[:：]|^[ \t]*(#+[ \t]*)?([IVX]+\.|[一二三四五六七八九十]+[ \t]*[.、．])[ \t]*(Executive summary|执行摘要|提要)[ \t]*$|^[ \t]*(#+[ \t]*)?Country review report of /im,
    /Technical assistance needs identified|确定的技术援助需[要求]/i,
    /Successes and good practices|成功经验和良好做法/i,
    /Challenges in implementation|实施方面的挑战/i,
  ],
  secretariat_note: [
    /Note by the Secretariat|秘书处的说明/i,
    /UNODC|毒品和犯罪问题办公室/,
    /本说明|this note|the present note/i,
    /^\s*(#+\s*)?(I|一)\.\s*(Introduction|导言|引言)/m,
  ],
  meeting_report: [
    /(Draft )?report (of|on) the|的报告(草稿)?/i,
    /^\s*(#+\s*)?(Addendum|增编)\s*$/m,
    /speakers?|发言者|主讲人/i,
    /the (Group|Conference) (considered|took note)|审议组(审议|注意到)了/,
  ],
};

export function detectKind(hardWrapped: string): DocKind {
  // Hard-wrapped text (a PDF saved as text) cuts phrases over lines: join a line to the next where it runs on.
  const text = hardWrapped.replace(/(?<=\p{Script=Han})\n(?=\p{Script=Han})/gu, '').replace(/(?<=[A-Za-z,])[ \t]*\n[ \t]*(?=[a-z])/g, ' ');
  const head = text.slice(0, 4000);
  let best: DocKind = 'unknown';
  let bestScore = 1;
  for (const [kind, cues] of Object.entries(KIND_CUES) as [DocKind, RegExp[]][]) {
    const score = cues.filter((cue) => cue.test(kind === 'executive_summary' ? text : head)).length;
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  return best;
}

const SYMBOL = /\b(?:CAC\/COSP|A\/[A-Z0-9]|E\/CN|S\/RES)[A-Za-z0-9./]*[A-Za-z0-9]/g;

/**
 * The document's own symbols: those standing in its masthead or running headers, not those it cites.
 * A symbol counts when it stands at the start of a line (a header) or beside "Distr." in a masthead.
 */
export function detectSymbols(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.slice(0, 3000).split('\n')) {
    if (/^\s*\*/.test(line) || /^\s*<sup>/.test(line)) continue; // the agenda footnote cites another document
    const header = /^\s*(?:United Nations|联合国)?\s*(CAC\/COSP\/[A-Za-z0-9./]*[A-Za-z0-9])\s*(?:$|\S.*Distr\.)/.exec(line);
    if (header) found.add(header[1]!);
    if (/Distr\./.test(line)) for (const symbol of line.match(SYMBOL) ?? []) found.add(symbol);
  }
  return [...found].sort();
}

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every date written out in the text, in order, as ISO strings. */
export function findDates(text: string): { date: string; index: number }[] {
  const dates: { date: string; index: number }[] = [];
  for (const m of text.matchAll(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) dates.push({ date, index: m.index });
  }
  const months = EN_MONTHS.join('|');
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})\\s+(${months})\\s+(\\d{4})\\b`, 'gi'))) {
    const date = iso(Number(m[3]), EN_MONTHS.indexOf(m[2]!.toLowerCase()) + 1, Number(m[1]));
    if (date) dates.push({ date, index: m.index });
  }
  return dates.sort((a, b) => a.index - b.index);
}

/**
 * The date a document gives as its own: the masthead's (the first date after "Distr."), else the first date of
 * the opening lines that stands on a title-block line of its own ("2017 年 11 月 6 日至 10 日，维也纳", the
 * session's first day). A date inside a sentence ("adopted on 31 October 2003") is not the document's.
 */
export function detectDate(text: string): string | null {
  const head = text.slice(0, 2000);
  const distr = head.search(/Distr\.\s*:/);
  const dates = findDates(head);
  if (distr >= 0) {
    const afterDistr = dates.find((d) => d.index > distr && d.index - distr < 120);
    if (afterDistr) return afterDistr.date;
  }
  return dates.find((d) => standsAlone(head, d.index))?.date ?? null;
}

/** Whether the date at `index` is the main content of its line: a title block's date, or its dates and place. */
function standsAlone(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const lineEnd = text.indexOf('\n', index);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const rest = line.replace(/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\b\d{1,2}\s+[A-Za-z]+\s+\d{4}\b/, '').trim();
  return rest.length <= 30 && !/[.。;；]$/.test(rest) && !/\b[a-z]{3,}\b/.test(rest.replace(/\b(to|and|de|el)\b/g, ''));
}
