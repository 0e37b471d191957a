/** The differences between two runs as one self-contained page: by country, each need with its source text. */
import type { RunDiff } from './diff.js';
import { escapeHtml } from '../report/markup.js';


export function renderDiffHtml(diff: RunDiff): string {
  const rows = diff.needs.map((c) => {
    const fields = c.fields.map((f) => `${f.field}: ${escapeHtml(f.before)} → ${escapeHtml(f.after)}${f.correctedBy ? ` <em>(corrected by ${escapeHtml(f.correctedBy)})</em>` : ''}`).join('<br>');
    return `<tr class="${c.kind}"><td>${escapeHtml(c.country)}</td><td>${c.kind}</td><td><code>${c.id}</code></td><td>${fields}</td><td>${escapeHtml(c.text)}</td></tr>`;
  });
  const counts = diff.counts.map((c) => `<tr><td>${escapeHtml(c.cell)}</td><td>${c.before}</td><td>${c.after}</td></tr>`);
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Run ${diff.runA} → run ${diff.runB}</title>
<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}.added{background:#e8f6e8}.removed{background:#fbe9e9}.corrected{background:#eef3fb}</style>
</head><body>
<h1>Run ${diff.runA} → run ${diff.runB}</h1>
<h2>Needs (${diff.needs.length})</h2>
<table><thead><tr><th>Country</th><th>Change</th><th>Id</th><th>Fields</th><th>Need</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<h2>Counts that moved (${diff.counts.length})</h2>
<table><thead><tr><th>Cell</th><th>Before</th><th>After</th></tr></thead><tbody>
${counts.join('\n')}
</tbody></table>
</body></html>
`;
}
