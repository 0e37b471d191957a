/**
 * The report's figures as Vega-Lite specifications: horizontal bars, bars grouped by measure (needs and
 * countries) and bars stacked by category, each with its axis, its legend and a link from every bar to the
 * records behind it. The specification is data (written beside each SVG, so that an analyst can restyle it);
 * `draw-figures.ts` renders it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang } from '../model.js';

/** One bar, or one segment of a stacked or grouped bar. */
export interface Mark {
  label: string;
  value: number;
  /** The segment's series: a category (stacked) or a measure (grouped). */
  series?: string;
  /** Where the bar leads: the records behind it. */
  href?: string;
}

export type FigureKind = 'bars' | 'grouped' | 'stacked';

const FONT = "'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Droid Sans Fallback', sans-serif";
const FONT_SIZE = 12;
/** A label line's width at most, in pixels: longer article names wrap. */
const LINE_WIDTH = 250;
const PALETTE = ['#1f6fb2', '#2e8b57', '#c0642f', '#8a5a9e', '#b8860b', '#4a7f8c'];

/** A character's width in ems: a Chinese character is a full em, a Latin one a little over half. */
const charWidth = (ch: string) => (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u.test(ch) ? 1 : 0.55);
const textWidth = (text: string, size = FONT_SIZE) => [...text].reduce((w, ch) => w + charWidth(ch) * size, 0);
/** How wide Vega reckons a text without a canvas to measure it (vega-scenegraph's estimateWidth). */
const vegaWidth = (text: string, size = FONT_SIZE) => 0.8 * text.length * size;

/** A label cut into lines that fit LINE_WIDTH, at spaces in English and anywhere in Chinese. */
function wrap(label: string, lang: Lang): string[] {
  const units = lang === 'zh' ? label.split(/(?<=\s)|(?=\s)|(?<=[^\s])(?=[^\s])/u).filter((u) => u !== '') : label.split(/(?<=\s)/);
  const lines: string[] = [];
  let line = '';
  for (const unit of units) {
    if (line.trim() !== '' && textWidth(line + unit) > LINE_WIDTH) {
      lines.push(line.trim());
      line = '';
    }
    line += unit;
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines;
}

/**
 * The specification of one figure. Labels are wrapped before they reach Vega (lines joined by "\n" and split
 * again by the axis), and the padding makes room for what Vega's estimate of text widths leaves out, so that
 * no label is cut at the edge in either language.
 */
export function figureSpec(kind: FigureKind, title: string, marks: Mark[], lang: Lang, axisTitle: string, series: string[] = []): TopLevelSpec {
  const rows = [...new Set(marks.map((m) => m.label))];
  const lines = new Map(rows.map((r) => [r, wrap(r, lang)]));
  const values = marks.map((m) => ({ ...m, label: lines.get(m.label)!.join('\n') }));
  const allLines = [...lines.values()].flat();
  const left = 8 + Math.max(0, ...allLines.map((l) => textWidth(l) - vegaWidth(l)));
  const right = 8 + Math.max(0, textWidth(title, 15) - vegaWidth(title, 15));
  const rowHeight = kind === 'grouped' ? 34 : 22;
  // A band scale gives every row the same height: that of the row with the most lines.
  const height = rows.length * Math.max(rowHeight, Math.max(0, ...[...lines.values()].map((l) => l.length)) * (FONT_SIZE + 3) + 8);
  const color = kind === 'bars'
    ? { value: PALETTE[0] }
    : { field: 'series', type: 'nominal' as const, title: null, sort: series, scale: { domain: series, range: PALETTE }, legend: { orient: 'bottom' as const, direction: 'horizontal' as const, columns: 2, labelLimit: 0, symbolType: 'square' } };
  const tooltip = [{ field: 'label', type: 'nominal' as const }, ...(kind === 'bars' ? [] : [{ field: 'series', type: 'nominal' as const }]), { field: 'value', type: 'quantitative' as const }];
  const y = { field: 'label', type: 'nominal' as const, sort: null, title: null, axis: { labelExpr: "split(datum.label, '\\n')", labelLimit: 0, labelPadding: 6 } };
  const x = { field: 'value', type: 'quantitative' as const, title: axisTitle, stack: kind === 'stacked' ? ('zero' as const) : null, axis: { tickMinStep: 1, format: 'd' } };
  const bar = {
    mark: { type: 'bar' as const },
    encoding: { y, x, color, href: { field: 'href', type: 'nominal' as const }, tooltip, ...(kind === 'grouped' ? { yOffset: { field: 'series', type: 'nominal' as const, sort: series } } : {}) },
  };
  // Each bar's number at its end; a stacked bar's total at the end of the stack.
  const numbers = kind === 'stacked'
    ? { transform: [{ aggregate: [{ op: 'sum' as const, field: 'value', as: 'total' }], groupby: ['label'] }], mark: { type: 'text' as const, align: 'left' as const, dx: 4 }, encoding: { y, x: { field: 'total', type: 'quantitative' as const }, text: { field: 'total', type: 'quantitative' as const } } }
    : { mark: { type: 'text' as const, align: 'left' as const, dx: 4 }, encoding: { y, x, text: { field: 'value', type: 'quantitative' as const }, ...(kind === 'grouped' ? { yOffset: { field: 'series', type: 'nominal' as const, sort: series } } : {}) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 15, offset: 12 },
    width: 360,
    height,
    padding: { left, right, top: 8, bottom: 8 },
    background: '#ffffff',
    config: { font: FONT, axis: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE, labelColor: '#000000' }, legend: { labelFontSize: FONT_SIZE }, text: { fontSize: FONT_SIZE }, view: { stroke: null } },
    data: { values },
    layer: [bar, numbers],
  } as TopLevelSpec;
}
