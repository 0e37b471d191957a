/**
 * The head of a Chinese request (rules in `data/head.zh.json`). Chinese puts modifiers first and the head
 * last: "[该国希望][为执法人员][举办][关于资产追回的][培训]". Clause by clause, conditions ("一旦…",
 * "在新法生效后") and negated alternatives ("不需要新的立法，而是…") are set aside and the first clause left is
 * the request. Within it, nodejieba's words and part-of-speech tags (`nodejieba.tag`) are read in order:
 * subject and framing verb (该国希望, 请求协助), prepositional phrases (为…, 就…, 关于…的, 对…, 与…), light
 * verbs (开展, 提供, 建立) that give way to their object, and the object, whose words after its last 的
 * are the head. Where the head is generic (咨询, 援助), the topic phrase (就…, 关于…) is the head instead.
 * nodejieba loads its dictionary on first use (some seconds), so only when a Chinese need is read.
 */
import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import { mark, toReading, withoutParentheses, type HeadReading, type Role } from './roles.js';

interface HeadRulesZh {
  clauseSeparators: string;
  conditionClause: string;
  backgroundClause: string;
  requestClause: string;
  negatedClause: string;
  contrastMarker: string;
  adverbialClause: string;
  purposeMarker: string;
  framingVerbs: string[];
  framingWords: string[];
  pivotFramings: string[];
  causatives: string[];
  nounTags: string[];
  aspectFraming: string;
  prepositions: string[];
  closeAtDe: string[];
  topicPrepositions: string[];
  partnerPrepositions: string[];
  ppClosers: string[];
  closingVerbs: string[];
  lightVerbs: string[];
  genericHeads: string[];
  verbTags: string[];
}

const FILE = JSON.parse(readFileSync(new URL('./data/head.zh.json', import.meta.url), 'utf8')) as HeadRulesZh;
const RULES = {
  clauses: new RegExp(`[^${FILE.clauseSeparators.slice(1, -1)}]+`, 'gu'),
  condition: new RegExp(FILE.conditionClause, 'u'),
  background: new RegExp(FILE.backgroundClause, 'u'),
  request: new RegExp(FILE.requestClause, 'u'),
  negated: new RegExp(FILE.negatedClause, 'u'),
  contrast: new RegExp(FILE.contrastMarker, 'u'),
  adverbial: new RegExp(FILE.adverbialClause, 'u'),
  purpose: new RegExp(FILE.purposeMarker, 'u'),
  aspect: new RegExp(FILE.aspectFraming, 'u'),
  framingVerbs: new Set(FILE.framingVerbs),
  framingWords: new Set(FILE.framingWords),
  pivotFramings: new Set(FILE.pivotFramings),
  causatives: new Set(FILE.causatives),
  nounTags: new Set(FILE.nounTags),
  prepositions: new Set(FILE.prepositions),
  closeAtDe: new Set(FILE.closeAtDe),
  topicPrepositions: new Set(FILE.topicPrepositions),
  partnerPrepositions: new Set(FILE.partnerPrepositions),
  ppClosers: new Set(FILE.ppClosers),
  closingVerbs: new Set(FILE.closingVerbs),
  lightVerbs: new Set(FILE.lightVerbs),
  genericHeads: new Set(FILE.genericHeads),
  verbTags: new Set(FILE.verbTags),
};

interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** nodejieba's words with their offsets in the text. */
function tagged(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const { word, tag } of nodejieba.tag(text)) {
    const start = text.indexOf(word, at);
    if (start < 0) continue;
    tokens.push({ word, tag, start, end: start + word.length });
    at = start + word.length;
  }
  return tokens;
}

const markTokens = (roles: Role[], tokens: Token[], role: Role) => {
  for (const t of tokens) mark(roles, t.start, t.end, role);
};

/**
 * Reads one clause; false when it holds nothing but framing ("请求提供援助，以…"), so that the request is
 * the next clause.
 */
function readClause(roles: Role[], all: Token[]): boolean {
  let tokens = all.filter((t) => t.word.trim() !== '');
  // Subject and framing verb: "该国希望", "资产管理机构工作人员需要".
  // A subject has no verb or preposition of its own: "根据外国请求…" is no subject framing.
  const verbAt = tokens.slice(0, 8).findIndex((t) => RULES.framingVerbs.has(t.word));
  const isSubject = (t: Token) => !RULES.closingVerbs.has(t.word) && !RULES.lightVerbs.has(t.word) && !RULES.prepositions.has(t.word);
  if (verbAt >= 0 && tokens.slice(0, verbAt).every(isSubject)) {
    markTokens(roles, tokens.slice(0, verbAt), 'subject');
    tokens = tokens.slice(verbAt);
  }
  let pivot = false;
  while (tokens.length > 0 && (RULES.framingVerbs.has(tokens[0]!.word) || RULES.framingWords.has(tokens[0]!.word))) {
    pivot = RULES.pivotFramings.has(tokens[0]!.word);
    markTokens(roles, [tokens[0]!], 'framing');
    tokens = tokens.slice(1);
  }
  if (tokens.length === 0) return false;
  // "帮助资产管理人员掌握…": the nouns between the helping verb and the next verb are the ones helped.
  const helpedEnd = tokens.findIndex((t) => !RULES.nounTags.has(t.tag));
  if (pivot && helpedEnd > 0 && RULES.verbTags.has(tokens[helpedEnd]!.tag) && helpedEnd + 1 < tokens.length) {
    markTokens(roles, tokens.slice(0, helpedEnd), 'modifier');
    tokens = tokens.slice(helpedEnd);
  }
  // "在制定战略方面提供援助": the topic of the aspect is the request.
  const from = tokens[0]!.start;
  const rest = tokens.map((t) => t.word).join('');
  const aspect = RULES.aspect.exec(rest);
  if (aspect?.groups?.topic) {
    const topicStart = from + rest.indexOf(aspect.groups.topic, rest.indexOf('在'));
    const topicEnd = topicStart + aspect.groups.topic.length;
    markTokens(roles, tokens.filter((t) => t.start < topicStart || (t.start >= topicEnd && t.start < from + aspect[0].length)), 'framing');
    tokens = tokens.filter((t) => t.start >= topicStart && t.end <= topicEnd);
  }

  // Prepositional phrases and light verbs before the content.
  const topics: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (RULES.prepositions.has(t.word) && i + 1 < tokens.length) {
      // 关于…的 closes at its 的; the others at the verb they attach to: a light one (提供, 开展) if any
      // follows, else the first verb or preposition.
      const closes = (set: Set<string>) => tokens.findIndex((u, k) => k > i + 1 && set.has(u.word.slice(0, 2)));
      const strong = closes(RULES.ppClosers);
      const closeAt = RULES.closeAtDe.has(t.word)
        ? tokens.findIndex((u, k) => k > i && u.word === '的') + 1
        : strong > 0
          ? strong
          : tokens.findIndex((u, k) => k > i + 1 && (RULES.closingVerbs.has(u.word.slice(0, 2)) || (RULES.prepositions.has(u.word) && !RULES.closeAtDe.has(u.word))));
      if (closeAt > i + 1) {
        const phrase = tokens.slice(i, closeAt);
        // The partner of an exchange (与外国同行…) is one of its arguments, not a side remark.
        markTokens(roles, phrase, RULES.partnerPrepositions.has(t.word) ? 'object' : 'modifier');
        if (RULES.topicPrepositions.has(t.word)) topics.push(phrase.slice(1));
        i = closeAt;
        continue;
      }
    }
    if (RULES.lightVerbs.has(t.word) && i + 1 < tokens.length) {
      markTokens(roles, [t], 'verb');
      i += 1;
      continue;
    }
    break;
  }
  const content = tokens.slice(i);
  if (content.length === 0) return topics.length > 0;
  // A content verb ("修订", "培训", "交流") is itself the head; its object follows.
  let object = content;
  if (RULES.verbTags.has(content[0]!.tag) && RULES.closingVerbs.has(content[0]!.word) && !RULES.lightVerbs.has(content[0]!.word) && content.length > 1) {
    markTokens(roles, [content[0]!], 'head');
    object = content.slice(1);
  }
  const headWords = nominalHead(roles, object);
  const generic = headWords.length > 0 && headWords.every((t) => RULES.genericHeads.has(t.word) || RULES.lightVerbs.has(t.word));
  if (generic && topics.length > 0) {
    markTokens(roles, headWords, 'verb');
    for (const topic of topics) nominalHead(roles, causee(topic));
  }
  return true;
}

/**
 * "就使教育部门计划与反腐败目标相一致提供咨询": in a causative topic, the nouns made to change (教育部门计划) are
 * what the advice is about, not the verb that ends the clause.
 */
function causee(topic: Token[]): Token[] {
  if (!RULES.causatives.has(topic[0]?.word ?? '')) return topic;
  const end = topic.findIndex((t, k) => k > 0 && !RULES.nounTags.has(t.tag));
  return end > 1 ? topic.slice(1, end) : topic;
}

/**
 * Marks a noun phrase: what stands before its last 的 is its object, and of the words after it the last heads
 * the compound (数据分析处, 资产追回联络点网络), the others are its object. Returns the words after the 的.
 */
function nominalHead(roles: Role[], phrase: Token[]): Token[] {
  const lastDe = phrase.map((t) => t.word).lastIndexOf('的');
  const words = phrase.slice(lastDe + 1).filter((t) => /[\p{Script=Han}A-Za-z]/u.test(t.word));
  markTokens(roles, phrase.slice(0, lastDe + 1), 'object');
  markTokens(roles, words.slice(0, -1), 'object');
  markTokens(roles, words.slice(-1), 'head');
  return words;
}

export function readHeadZh(text: string): HeadReading {
  const plain = withoutParentheses(text);
  const roles: Role[] = Array.from({ length: plain.length }, () => 'modifier');
  const tokens = tagged(plain);
  const clauses = [...plain.matchAll(RULES.clauses)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0].trim() })).filter((c) => c.text !== '');
  let found = false;
  let afterFraming = false;
  // "目前…了解有限，因此需要…": background clauses before the one that asks are not the request.
  const asking = clauses.findIndex((c) => RULES.request.test(c.text));
  for (const [k, clause] of clauses.entries()) {
    if (found) break;
    if (k < asking && RULES.background.test(clause.text)) continue;
    if (k < asking && !clauses.slice(0, asking).some((c) => [...RULES.framingVerbs].some((v) => c.text.includes(v)))) continue;
    const inClause = tokens.filter((t) => t.start >= clause.start && t.end <= clause.end);
    if (RULES.condition.test(clause.text) || RULES.negated.test(clause.text)) {
      mark(roles, clause.start, clause.end, 'aside');
      continue;
    }
    if (RULES.adverbial.test(clause.text) && k + 1 < clauses.length) continue;
    // "金融情报机构：战略分析培训": the label before the colon says where, not what.
    if (/^[：:]/u.test(plain.slice(clause.end)) && k + 1 < clauses.length) continue;
    // "…，而是…", "请求提供援助，以便…": the marker frames the request that follows it.
    const marker = RULES.contrast.exec(clause.text) ?? (afterFraming ? RULES.purpose.exec(clause.text) : null);
    const markerEnd = marker ? plain.indexOf(marker[0], clause.start) + marker[0].length : clause.start;
    if (marker) mark(roles, clause.start, markerEnd, 'framing');
    found = readClause(roles, inClause.filter((t) => t.start >= markerEnd));
    afterFraming = !found;
  }
  return toReading(roles, tokens.filter((t) => /[\p{Script=Han}A-Za-z]/u.test(t.word)).map(({ word, start, end }) => ({ word, start, end })));
}
