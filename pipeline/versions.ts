/**
 * One country counts once (domain page §4): when a country's summary was ingested in several languages or
 * formats, the needs of one version are counted (the preferred language, then PDF, DOCX, text, then path), and
 * where the versions disagree on what the country needs, the difference is reported.
 */
import type { Lang, Need } from './model.js';
import { byCodePoint } from './order.js';

export interface Version {
  docId: string;
  path: string;
  lang: Lang;
  format: string;
  /** The State's code, or the name as written when the table does not know it. */
  country: string | null;
  needs: Need[];
}

export interface Disagreement {
  country: string;
  counted: string;
  other: string;
  /** "II/9/capacity_building: 2 vs 1" for each (chapter, article, category) whose count differs. */
  differences: string[];
}

const FORMAT_ORDER = ['pdf', 'docx', 'text'];

function tally(needs: Need[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of needs) {
    const key = `${n.chapter}/${n.article ?? 'general'}/${n.category}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function chooseVersions(versions: Version[], prefer: Lang): { counted: Set<string>; disagreements: Disagreement[] } {
  const byCountry = new Map<string, Version[]>();
  for (const v of versions) {
    const key = v.country ?? `doc:${v.docId}`;
    byCountry.set(key, [...(byCountry.get(key) ?? []), v]);
  }
  const counted = new Set<string>();
  const disagreements: Disagreement[] = [];
  for (const [country, group] of [...byCountry].sort(([a], [b]) => byCodePoint(a, b))) {
    const ranked = [...group].sort(
      (a, b) => Number(b.lang === prefer) - Number(a.lang === prefer) || FORMAT_ORDER.indexOf(a.format) - FORMAT_ORDER.indexOf(b.format) || byCodePoint(a.path, b.path),
    );
    const chosen = ranked[0]!;
    counted.add(chosen.docId);
    const mine = tally(chosen.needs);
    for (const other of ranked.slice(1)) {
      const theirs = tally(other.needs);
      const keys = [...new Set([...mine.keys(), ...theirs.keys()])].sort();
      const differences = keys.filter((k) => (mine.get(k) ?? 0) !== (theirs.get(k) ?? 0)).map((k) => `${k}: ${mine.get(k) ?? 0} vs ${theirs.get(k) ?? 0}`);
      if (differences.length > 0) disagreements.push({ country, counted: chosen.path, other: other.path, differences });
    }
  }
  return { counted, disagreements };
}
