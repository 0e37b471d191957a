/**
 * Word's automatic numbering (word/numbering.xml): the number or bullet Word prints before a paragraph, which is
 * not in the paragraph's text. Numbers are counted in document order, as Word counts them:
 * - a list (w:num) points to a definition (w:abstractNum) of up to nine levels, each with its start, format
 *   ("decimal", "lowerLetter", "chineseCounting", "bullet" …) and template ("%1.", "(%2)", "%1.%2.");
 * - lists that share a definition share its counters, so a list continues across the paragraphs between its
 *   items and across lists of the same definition, unless a list overrides a level's start (a restart);
 * - using a level restarts the levels below it (unless their lvlRestart says otherwise).
 */
import bullets from './data/docx-bullets.json' with { type: 'json' };
import { child, childElements, toggle, val, type XmlElement } from './ooxml.js';
import type { NumberingReference, StyleSheet } from './docx-styles.js';

interface Level {
  start: number;
  format: string;
  template: string;
  /** Restarts after a use of a level above it: undefined for any, 0 for never, n for levels 1..n (1-based). */
  restartAfter?: number;
  /** "Legal" numbering: every number in the template printed in decimal. */
  legal: boolean;
  /** The paragraph style this level is linked to. */
  style?: string;
}

interface Definition {
  levels: Map<number, Level>;
  /** A definition that only points to a numbering style, whose list holds the real definition. */
  styleLink?: string;
}

interface List {
  definitionId: string;
  /** Per level: a start that replaces the definition's when the list is first used. */
  startOverrides: Map<number, number>;
  /** Per level: a level that replaces the definition's for this list. */
  levelOverrides: Map<number, Level>;
}

/** What Word prints before one paragraph. */
export interface PrintedNumber {
  /** As printed: "7.", "(a)", "1.2.", "一、", "•". */
  marker: string;
  bullet: boolean;
}

function readLevel(lvl: XmlElement): Level {
  const restart = val(lvl, 'w:lvlRestart');
  const level: Level = {
    start: Number(val(lvl, 'w:start') ?? 0),
    format: val(lvl, 'w:numFmt') ?? 'decimal',
    template: val(lvl, 'w:lvlText') ?? '',
    legal: toggle(lvl, 'w:isLgl') ?? false,
  };
  if (restart !== undefined) level.restartAfter = Number(restart);
  const style = val(lvl, 'w:pStyle');
  if (style !== undefined) level.style = style;
  return level;
}

const BULLETS = bullets as Record<string, string>;

export class Numbering {
  private readonly definitions = new Map<string, Definition>();
  private readonly lists = new Map<string, List>();
  /** Counters of each definition, per level; a level not yet used (or restarted) has none. */
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly startedLists = new Set<string>();
  /** A start override waiting for the level's next use. */
  private readonly pendingStarts = new Map<string, Map<number, number>>();

  constructor(
    numbering: XmlElement | null,
    private readonly styles: StyleSheet,
  ) {
    if (!numbering) return;
    for (const abstract of childElements(numbering, 'w:abstractNum')) {
      const levels = new Map(childElements(abstract, 'w:lvl').map((lvl) => [Number(lvl.attributes['w:ilvl'] ?? 0), readLevel(lvl)] as const));
      const definition: Definition = { levels };
      const styleLink = val(abstract, 'w:numStyleLink');
      if (styleLink !== undefined) definition.styleLink = styleLink;
      this.definitions.set(abstract.attributes['w:abstractNumId'] ?? '', definition);
    }
    for (const num of childElements(numbering, 'w:num')) {
      const list: List = { definitionId: val(num, 'w:abstractNumId') ?? '', startOverrides: new Map(), levelOverrides: new Map() };
      for (const override of childElements(num, 'w:lvlOverride')) {
        const ilvl = Number(override.attributes['w:ilvl'] ?? 0);
        const start = val(override, 'w:startOverride');
        if (start !== undefined) list.startOverrides.set(ilvl, Number(start));
        const lvl = child(override, 'w:lvl');
        if (lvl) list.levelOverrides.set(ilvl, readLevel(lvl));
      }
      this.lists.set(num.attributes['w:numId'] ?? '', list);
    }
  }

  /**
   * The number Word prints before a paragraph, counted: call once per paragraph, in document order.
   * `direct` is the paragraph's own numPr; `styleId` its style, whose numbering applies when it has none.
   */
  next(direct: NumberingReference | undefined, styleId: string | undefined): PrintedNumber | undefined {
    const fromStyle = this.styles.style(styleId)?.numbering;
    const numId = direct?.numId ?? fromStyle?.numId;
    // numId 0 takes a paragraph out of the list its style would put it in.
    if (numId === undefined || numId === '0') return undefined;
    const list = this.lists.get(numId);
    if (!list) return undefined;
    const definitionId = this.resolveDefinition(list.definitionId);
    const definition = this.definitions.get(definitionId);
    if (!definition) return undefined;
    const ilvl = direct?.ilvl ?? fromStyle?.ilvl ?? this.linkedLevel(definition, styleId) ?? 0;
    const levelOf = (index: number) => list.levelOverrides.get(index) ?? definition.levels.get(index);
    const level = levelOf(ilvl);
    if (!level) return undefined;

    const counters = this.counters.get(definitionId) ?? [];
    this.counters.set(definitionId, counters);
    const pending = this.pendingStarts.get(definitionId) ?? new Map<number, number>();
    this.pendingStarts.set(definitionId, pending);
    if (!this.startedLists.has(numId)) {
      this.startedLists.add(numId);
      for (const [index, start] of list.startOverrides) {
        counters[index] = undefined;
        pending.set(index, start);
      }
    }
    const pendingStart = pending.get(ilvl);
    pending.delete(ilvl);
    counters[ilvl] = pendingStart ?? (counters[ilvl] === undefined ? level.start : counters[ilvl]! + 1);
    for (let below = ilvl + 1; below < 9; below += 1) {
      const restartAfter = levelOf(below)?.restartAfter;
      if (restartAfter === undefined || (restartAfter > 0 && ilvl < restartAfter)) counters[below] = undefined;
    }

    if (level.format === 'bullet') {
      const bullet = [...level.template].map((character) => BULLETS[character] ?? character).join('').trim();
      return { marker: bullet || '•', bullet: true };
    }
    const marker = level.template.replace(/%([1-9])/g, (_, digit: string) => {
      const index = Number(digit) - 1;
      const shown = levelOf(index);
      const value = counters[index] ?? shown?.start ?? 1;
      return formatNumber(value, level.legal && index !== ilvl ? 'decimal' : (shown?.format ?? 'decimal'));
    });
    return { marker: marker.trim(), bullet: false };
  }

  /** A definition that links to a numbering style stands for the definition of that style's list. */
  private resolveDefinition(definitionId: string): string {
    const link = this.definitions.get(definitionId)?.styleLink;
    if (link === undefined) return definitionId;
    const numId = this.styles.style(link)?.numbering?.numId;
    const target = numId === undefined ? undefined : this.lists.get(numId)?.definitionId;
    return target !== undefined && target !== definitionId ? target : definitionId;
  }

  /** The level of a definition that names the paragraph's style (style-linked numbering, as heading lists are). */
  private linkedLevel(definition: Definition, styleId: string | undefined): number | undefined {
    if (styleId === undefined) return undefined;
    for (const [index, level] of definition.levels) if (level.style === styleId) return index;
    return undefined;
  }
}

const ROMAN: [number, string][] = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];
const ZH_DIGITS = '〇一二三四五六七八九';
const ZH_LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

function roman(value: number): string {
  let rest = value;
  let text = '';
  for (const [amount, letters] of ROMAN) {
    while (rest >= amount) {
      text += letters;
      rest -= amount;
    }
  }
  return text;
}

/** Word's letters: a … z, then aa … zz, then aaa … */
function letters(value: number): string {
  const letter = String.fromCharCode(97 + ((value - 1) % 26));
  return letter.repeat(Math.floor((value - 1) / 26) + 1);
}

/** 一 … 十, 十一, 二十, 一百零五: the Chinese counting numerals Word prints up to 9999. */
function chineseCounting(value: number, digits = ZH_DIGITS, units = ['', '十', '百', '千']): string {
  if (value === 0) return digits[0]!;
  const places = String(value).split('').reverse().map(Number);
  let text = '';
  let zeroPending = false;
  for (let place = places.length - 1; place >= 0; place -= 1) {
    const digit = places[place]!;
    if (digit === 0) {
      zeroPending = text !== '';
      continue;
    }
    if (zeroPending) text += digits[0];
    zeroPending = false;
    // 十一, not 一十一, when the tens lead.
    const leadingTen = place === 1 && digit === 1 && text === '' && digits === ZH_DIGITS;
    text += (leadingTen ? '' : digits[digit]!) + units[place]!;
  }
  return text;
}

export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'decimal':
      return String(value);
    case 'decimalZero':
      return String(value).padStart(2, '0');
    case 'lowerLetter':
      return letters(value);
    case 'upperLetter':
      return letters(value).toUpperCase();
    case 'lowerRoman':
      return roman(value);
    case 'upperRoman':
      return roman(value).toUpperCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(value);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCounting(value, ZH_LEGAL_DIGITS, ['', '拾', '佰', '仟']);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return String(value).split('').map((digit) => ZH_DIGITS[Number(digit)]).join('');
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(value - 1) % 10]!;
    case 'ideographZodiac':
      return EARTHLY_BRANCHES[(value - 1) % 12]!;
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return value >= 1 && value <= 20 ? String.fromCodePoint(0x2460 + value - 1) : String(value);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(value).split('').map((digit) => String.fromCodePoint(0xff10 + Number(digit))).join('');
    case 'none':
      return '';
    default:
      return String(value);
  }
}
