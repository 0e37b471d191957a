/**
 * Labelled corpora: next to each `X.labels.jsonl` (one need a line: its text, chapter, article, category), the
 * files named `X.<format>` anywhere in the same corpus directory are the document those labels describe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Category, Lang } from '../model.js';
import { formatOf } from '../ingest/read.js';
import { detectLanguage } from '../ingest/detect.js';

export interface Label {
  id: string;
  doc: string;
  country: string;
  chapter: string;
  /** A number, or "II-general" / "V-general" for a general need. */
  article: number | string;
  category: Category;
  text: string;
}

export interface LabelledDocument {
  /** The labels file's stem, e.g. "D01.en". */
  doc: string;
  labels: Label[];
  /** The files of this document, in every format the corpus holds. */
  files: string[];
  /**
   * The one file that stands for the document when each document counts once: the one a user meets (a
   * file away from the labels, as in a corpus of sources beside published files), then PDF, DOCX, text.
   */
  published: string | null;
}

const PUBLISHED_ORDER = ['pdf', 'docx', 'text'];

const LABELS = '.labels.jsonl';

function readLabels(path: string): Label[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Label);
}

export function loadLabelledCorpus(dir: string): LabelledDocument[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return files
    .filter((f) => f.endsWith(LABELS))
    .map((labelsPath) => {
      const doc = basename(labelsPath).slice(0, -LABELS.length);
      const documents = files.filter((f) => !f.endsWith(LABELS) && formatOf(f) !== null && basename(f).startsWith(`${doc}.`) && !basename(f).slice(doc.length + 1).includes('.'));
      const away = documents.filter((f) => dirname(f) !== dirname(labelsPath));
      const rank = (f: string) => PUBLISHED_ORDER.indexOf(formatOf(f)!);
      const published = [...(away.length > 0 ? away : documents)].sort((a, b) => rank(a) - rank(b))[0] ?? null;
      return { doc, labels: readLabels(labelsPath), files: documents, published };
    });
}

/** "D02.zh" → zh; a name without a language tag is told by its text. */
export function labelLang(label: Label): Lang {
  const tag = /\.(en|zh)$/.exec(label.doc);
  return tag ? (tag[1] as Lang) : detectLanguage(label.text);
}
