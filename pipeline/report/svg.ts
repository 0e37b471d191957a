/** Horizontal bar charts as SVG, the counterparts of the notes' figures: plain, deterministic, labelled in either language. */
import { escapeHtml } from './markup.js';

export interface Bar {
  label: string;
  value: number;
  /** Where the bar's number leads: the records behind it. */
  href?: string;
}

/** Columns a label takes: a Chinese character is about two Latin ones wide. */
const labelWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? 2 : 1), 0);

export function barChart(title: string, bars: Bar[], color = '#1f6fb2'): string {
  const fontSize = 13;
  const rowHeight = 26;
  const labelColumn = Math.min(360, Math.max(80, Math.max(0, ...bars.map((b) => labelWidth(b.label))) * 7 + 16));
  const plot = 360;
  const width = labelColumn + plot + 60;
  const top = 36;
  const height = top + bars.length * rowHeight + 12;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((b, i) => {
    const y = top + i * rowHeight;
    const w = Math.round((b.value / max) * plot);
    const number = `<text x="${labelColumn + w + 6}" y="${y + 17}" font-size="${fontSize}">${b.value}</text>`;
    return [
      `<text x="${labelColumn - 8}" y="${y + 17}" font-size="${fontSize}" text-anchor="end">${escapeHtml(b.label)}</text>`,
      `<rect x="${labelColumn}" y="${y + 4}" width="${w}" height="${rowHeight - 8}" fill="${color}"/>`,
      b.href ? `<a href="${escapeHtml(b.href)}">${number}</a>` : number,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Droid Sans Fallback', sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="22" font-size="15" font-weight="bold">${escapeHtml(title)}</text>`,
    ...rows,
    '</svg>',
  ].join('\n');
}
