/**
 * Agreement between the gold of the notes (`eval/gold/`) and a second coding made from the notes alone, by
 * another coder who neither ran nor read the extractor (`eval/gold-independent/`). A figure agrees when both
 * codings give it in the same paragraph with the same value; the rest is listed, one line a figure, for a
 * person to settle in the gold with a reason (`eval/gold/README.md`).
 *
 *   node --import tsx scripts/compare-gold.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldFiles } from '../pipeline/evaluate/claims.js';

interface Figure {
  paragraph: string;
  value: number;
  unit: string;
  text: string;
  note: string;
}

const ROOT = join(import.meta.dirname, '..');

function read(path: string, independent: boolean): Figure[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.slice(1).map((line) => {
    const [paragraph, value, unit, , text, note] = line.split('\t');
    let v = Number(value);
    // The second coder wrote money as printed, in units of 10,000 (万美元); the gold in dollars.
    if (independent && unit === 'usd' && text!.includes('万')) v *= 10_000;
    return { paragraph: paragraph!, value: v, unit: unit!, text: text ?? '', note: independent ? (note ?? '') : '' };
  });
}

const sameValue = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.005, 1e-3 * Math.abs(b));
const squeeze = (t: string) => t.replace(/\s+/g, '');

let agreedAll = 0;
let unionAll = 0;
for (const [note, goldPath] of goldFiles(join(ROOT, 'eval', 'gold'))) {
  const gold = read(goldPath, false);
  const other = read(join(ROOT, 'eval', 'gold-independent', `${note}.tsv`), true);
  const used = new Set<number>();
  const onlyGold: Figure[] = [];
  for (const g of gold) {
    const candidates = other.map((o, i) => [o, i] as const).filter(([o, i]) => !used.has(i) && o.paragraph === g.paragraph && sameValue(o.value, g.value));
    // Where a paragraph gives the same number twice, the one whose words overlap.
    const pick = candidates.find(([o]) => squeeze(o.text).includes(squeeze(g.text)) || squeeze(g.text).includes(squeeze(o.text))) ?? candidates[0];
    if (pick) used.add(pick[1]);
    else onlyGold.push(g);
  }
  const onlyOther = other.filter((_, i) => !used.has(i));
  const agreed = gold.length - onlyGold.length;
  const union = gold.length + onlyOther.length;
  agreedAll += agreed;
  unionAll += union;
  console.log(`\n## ${note}: gold ${gold.length}, independent ${other.length}, agreed ${agreed}, agreement ${(agreed / union).toFixed(3)} (agreed over all figures either coded)`);
  for (const f of onlyGold) console.log(`  gold only         ¶${f.paragraph}\t${f.value}\t${f.unit}\t${f.text}`);
  for (const f of onlyOther) console.log(`  independent only  ¶${f.paragraph}\t${f.value}\t${f.unit}\t${f.text}\t${f.note}`);
}
console.log(`\nall notes: agreed ${agreedAll} of ${unionAll} figures either coded, agreement ${(agreedAll / unionAll).toFixed(3)}`);
