/** What the words of a need are to its request: the types and helpers both languages' head readers share. */
export type Role = 'head' | 'object' | 'verb' | 'subject' | 'modifier' | 'framing' | 'aside';

export interface RoleSpan {
  start: number;
  end: number;
  role: Role;
}

export interface HeadReading {
  /** Spans of the text in order, covering it; each says what its words are to the request. */
  spans: RoleSpan[];
  /** The words of the text (English words, nodejieba words), each with its span's role. */
  words: { word: string; start: number; end: number; role: Role }[];
}

/** Drop citations and other parentheses, keeping offsets: "(art. 9, para. 1)" says nothing of the kind of help asked. */
export function withoutParentheses(text: string): string {
  let previous = '';
  let current = text;
  while (current !== previous) {
    previous = current;
    current = current.replace(/[(（][^()（）]*[)）]/gu, (m) => ' '.repeat(m.length));
  }
  return current;
}

/** Marks [start, end) with a role in a per-character role array. */
export function mark(roles: Role[], start: number, end: number, role: Role): void {
  for (let i = Math.max(0, start); i < Math.min(roles.length, end); i += 1) roles[i] = role;
}

/** Per-character roles back to spans, and the words with the role of their first character. */
export function toReading(roles: Role[], words: { word: string; start: number; end: number }[]): HeadReading {
  const spans: RoleSpan[] = [];
  roles.forEach((role, i) => {
    const last = spans[spans.length - 1];
    if (last && last.role === role) last.end = i + 1;
    else spans.push({ start: i, end: i + 1, role });
  });
  return { spans, words: words.map((w) => ({ ...w, role: roles[w.start] ?? 'modifier' })) };
}
