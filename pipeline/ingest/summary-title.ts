/**
 * The country of an executive summary, wherever the document names it (domain page §4): a title
 * "Executive summary: X" / "执行摘要：X" / "提要：X"; a full "Country Review Report of X"; the chapter heading
 * "II. Executive summary" / "二. 执行摘要" with the country alone on the next line; or the introduction's
 * heading "…framework of X in the context of…" / "导言：X在实施《联合国反腐败公约》方面的法律…". Only a name the
 * table of States knows is taken, except in a title, which names nothing else.
 */
import { readFileSync } from 'node:fs';
import { resolveState, stateNamedExactly } from '../extract/states.js';

interface TitlePatterns {
  title: RegExp;
  reviewReport: RegExp;
  chapter: RegExp;
  introduction: RegExp;
}

const PATTERNS: TitlePatterns[] = (() => {
  const raw = JSON.parse(readFileSync(new URL('./data/summary-titles.json', import.meta.url), 'utf8')) as Record<'en' | 'zh', Record<keyof TitlePatterns, string>>;
  return [raw.en, raw.zh].map((p) => ({
    title: new RegExp(p.title, 'im'),
    reviewReport: new RegExp(p.reviewReport, 'im'),
    chapter: new RegExp(p.chapter, 'gim'),
    introduction: new RegExp(p.introduction, 'im'),
  }));
})();

export interface SummaryTitle {
  /** The words that name the summary, as written ("Executive summary: Viet Nam", "II. Executive summary / Kenya"); null when only the introduction names the country. */
  title: string | null;
  /** The country as written. */
  country: string;
}

/** Wrapped lines joined: one space between words, none between Chinese characters. */
function unwrap(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef]) | (?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu, '')
    .trim();
}

export function detectSummaryTitle(text: string): SummaryTitle | null {
  for (const p of PATTERNS) {
    const m = p.title.exec(text);
    if (m) return { title: m[1]!, country: m[2]! };
  }
  for (const p of PATTERNS) {
    const m = p.reviewReport.exec(text);
    if (m && resolveState(m[2]!)) return { title: m[1]!, country: m[2]! };
  }
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.chapter)) {
      // The next line with text, without Markdown's marks ("## Kenya", "**Kenya**").
      const next = /^\s*\n(?:[ \t]*\n)*[ \t]*(?:#+[ \t]+)?(\*\*|__)?([^\n]+?)\1?[ \t]*$/m.exec(text.slice(m.index + m[0].length));
      if (next && stateNamedExactly(next[2]!)) return { title: `${m[0].trim()} / ${next[2]!}`, country: next[2]! };
    }
  }
  for (const p of PATTERNS) {
    const m = p.introduction.exec(text);
    const country = m ? unwrap(m[1]!).replace(/^the\s+/i, '') : null;
    if (country && resolveState(country)) return { title: null, country };
  }
  return null;
}
