/**
 * The head of an English request (rules in `data/head.en.json`). English states the request first and
 * modifies it after: "[framing] [head phrase] [of object] [for beneficiary] [on topic] …". So, in order:
 * negations and conditions are set aside; framings are taken off the front ("The country requested
 * assistance to", "Support for the FIU in") and the back ("… is needed"); the first phrase up to a boundary
 * word is the head, past its light words ("the development of", "become a more active participant in"),
 * which pass the head on to their complement; an "of" phrase after the head is its object; the rest modifies.
 */
import { readFileSync } from 'node:fs';
import { mark, toReading, withoutParentheses, type HeadReading, type Role } from './roles.js';

interface HeadRulesEn {
  conditions: string[];
  trailingConditions: string[];
  negations: string[];
  framings: string[];
  subjectFramings: string[];
  framingNouns: string;
  trailingFramings: string[];
  midFramings: string[];
  beneficiary: string;
  actionNominal: string;
  boundaries: string;
  passOn: string;
  objectBoundaries: string;
  topicLabel: string;
  passive: string;
  light: string[];
}

const FILE = JSON.parse(readFileSync(new URL('./data/head.en.json', import.meta.url), 'utf8')) as HeadRulesEn;
const sticky = (source: string) => new RegExp(source, 'iuy');
const RULES = {
  conditions: FILE.conditions.map(sticky),
  trailingConditions: FILE.trailingConditions.map((s) => new RegExp(s, 'iu')),
  leadingNegations: FILE.negations.filter((s) => s.startsWith('^')).map((s) => sticky(s.slice(1))),
  innerNegations: FILE.negations.filter((s) => !s.startsWith('^')).map((s) => new RegExp(s, 'giu')),
  framings: FILE.framings.map(sticky),
  subjectFramings: FILE.subjectFramings.map(sticky),
  framingNouns: sticky(FILE.framingNouns),
  trailingFramings: FILE.trailingFramings.map((s) => new RegExp(s, 'iu')),
  midFramings: FILE.midFramings.map((s) => new RegExp(s, 'giu')),
  beneficiary: sticky(FILE.beneficiary),
  actionNominal: new RegExp(FILE.actionNominal, 'iu'),
  boundaries: new RegExp(FILE.boundaries, 'giu'),
  passOn: new RegExp(FILE.passOn, 'iu'),
  objectBoundaries: new RegExp(FILE.objectBoundaries, 'iu'),
  topicLabel: sticky(FILE.topicLabel),
  passive: sticky(FILE.passive),
  light: new Set(FILE.light.map((w) => w.toLowerCase())),
};

const WORD = /[A-Za-z][A-Za-z'-]*/g;

/** The first match of any of the patterns at `at` (sticky), or null. */
function matchAt(patterns: RegExp[], text: string, at: number): RegExpExecArray | null {
  for (const pattern of patterns) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (m && m[0].length > 0) return m;
  }
  return null;
}

const skipSpace = (text: string, at: number, end: number) => {
  while (at < end && /\s/u.test(text[at]!)) at += 1;
  return at;
};

/** Marks a part of the request, leaving what framing or negation already claimed. */
function markBesideFraming(roles: Role[], start: number, end: number, role: Role): void {
  for (let i = start; i < end; i += 1) if (roles[i] !== 'framing' && roles[i] !== 'aside') roles[i] = role;
}

export function readHeadEn(text: string): HeadReading {
  const plain = withoutParentheses(text);
  const roles: Role[] = Array.from({ length: plain.length }, () => 'modifier');
  const words = [...plain.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
  let end = plain.length;

  // What is not asked for: "rather than …", "not for … but", a leading condition or negated clause.
  for (const pattern of RULES.innerNegations) for (const m of plain.matchAll(pattern)) mark(roles, m.index, m.index + m[0].length, 'aside');
  let at = skipSpace(plain, 0, end);
  for (let m = matchAt([...RULES.leadingNegations, ...RULES.conditions], plain, at); m; m = matchAt([...RULES.leadingNegations, ...RULES.conditions], plain, at)) {
    mark(roles, at, m.index + m[0].length, 'aside');
    at = skipSpace(plain, m.index + m[0].length, end);
  }
  // The request is the first clause left; a trailing condition ("… once the law is adopted") is set aside.
  const clauseEnd = /;|\.\s+(?=[A-Z])/u.exec(plain.slice(at));
  if (clauseEnd) end = at + clauseEnd.index;
  for (const pattern of RULES.trailingConditions) {
    const m = pattern.exec(plain.slice(at, end));
    if (m) {
      mark(roles, at + m.index, end, 'aside');
      end = at + m.index;
    }
  }
  for (const pattern of RULES.trailingFramings) {
    const m = pattern.exec(plain.slice(at, end));
    if (m && m.index > 0) {
      mark(roles, at + m.index, end, 'framing');
      end = at + m.index;
    }
  }

  // "FIU: training on strategic analysis": the label before the colon says where, not what.
  RULES.topicLabel.lastIndex = at;
  const label = RULES.topicLabel.exec(plain);
  if (label && label.index + label[0].length < end) at = skipSpace(plain, label.index + label[0].length, end);

  // Framings off the front: "There is a need for", "Support for", "The country requested assistance to".
  for (let round = 0; round < 4; round += 1) {
    const framing = matchAt(RULES.framings, plain, at);
    const subject = framing ? null : matchAt(RULES.subjectFramings, plain, at);
    if (!framing && !subject) break;
    let next = (framing ?? subject)!.index + (framing ?? subject)![0].length;
    if (subject) {
      const subjectText = subject.groups?.subject ?? '';
      mark(roles, at + subjectText.length, next, 'framing');
      // "A new strategy will need to be developed": in the passive, the subject is what is asked for.
      RULES.passive.lastIndex = next;
      const passive = subjectText.trim() !== '' ? RULES.passive.exec(plain) : null;
      if (passive) {
        mark(roles, at, at + subjectText.length, 'head');
        mark(roles, next, next + passive[0].length, 'verb');
        return toReading(roles, words);
      }
      mark(roles, at, at + subjectText.length, 'subject');
      RULES.framingNouns.lastIndex = next;
      const noun = RULES.framingNouns.exec(plain);
      if (noun) {
        mark(roles, next, next + noun[0].length, 'framing');
        next += noun[0].length;
      }
    } else {
      mark(roles, at, next, 'framing');
    }
    at = skipSpace(plain, Math.min(next, end), end);
    // "Support for the FIU in signing …": the body helped is a beneficiary, the -ing phrase the request.
    RULES.beneficiary.lastIndex = at;
    const helped = RULES.beneficiary.exec(plain);
    if (helped && helped.index + helped[0].length <= end) {
      const who = helped.groups!.beneficiary!.trim().split(/\s+/u).at(-1) ?? '';
      if (!RULES.actionNominal.test(who)) {
        mark(roles, at, at + helped.groups!.beneficiary!.length, 'modifier');
        mark(roles, at + helped.groups!.beneficiary!.length, helped.index + helped[0].length, 'framing');
        at = helped.index + helped[0].length;
      }
    }
  }

  // "Policy advice is requested on …": the framing stands inside the request.
  const region = plain.slice(at, end);
  for (const pattern of RULES.midFramings) for (const m of region.matchAll(pattern)) mark(roles, at + m.index, at + m.index + m[0].length, 'framing');
  const framed = (w: { start: number }) => roles[w.start] === 'framing';

  // Phrases up to each boundary word; the head is the first that has more than light words.
  const phrases: { start: number; end: number; boundary: string }[] = [];
  let from = 0;
  let boundary = '';
  for (const m of region.matchAll(RULES.boundaries)) {
    phrases.push({ start: at + from, end: at + m.index, boundary });
    from = m.index + m[0].length;
    boundary = m[0].toLowerCase();
  }
  phrases.push({ start: at + from, end, boundary });
  let headFound = false;
  for (let i = 0; i < phrases.length && !headFound; i += 1) {
    const phrase = phrases[i]!;
    if (i > 0 && !RULES.passOn.test(phrase.boundary)) break;
    const inPhrase = words.filter((w) => w.start >= phrase.start && w.end <= phrase.end && !framed(w));
    const firstContent = inPhrase.findIndex((w) => !RULES.light.has(w.word.toLowerCase()));
    if (firstContent < 0) {
      if (inPhrase.length > 0) markBesideFraming(roles, phrase.start, phrase.end, 'verb');
      continue;
    }
    // The last word that is not light heads the phrase ("research and statistics unit", "guidance and
    // training"); the words before it are its object.
    const lastContent = inPhrase.findLastIndex((w) => !RULES.light.has(w.word.toLowerCase()));
    markBesideFraming(roles, phrase.start, inPhrase[firstContent]!.start, 'verb');
    markBesideFraming(roles, inPhrase[firstContent]!.start, inPhrase[lastContent]!.start, 'object');
    markBesideFraming(roles, inPhrase[lastContent]!.start, phrase.end, 'head');
    headFound = true;
    const object = phrases[i + 1];
    if (object && RULES.objectBoundaries.test(object.boundary)) markBesideFraming(roles, object.start, object.end, 'object');
  }
  return toReading(roles, words);
}
