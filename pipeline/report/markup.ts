/** Escaping for the formats the reports are written in. */

/** Text safe in HTML and SVG, in content and in quoted attributes. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One CSV field: quoted when it holds a quote, a comma or a line break; empty for null. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
