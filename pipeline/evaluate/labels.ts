/**
 * Labelled corpora: next to each `X.labels.jsonl` (one need a line: its text, chapter, article, category), the
 * files named `X.<format>` anywhere in the same corpus directory are the document those labels describe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
}

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
      return { doc, labels: readLabels(labelsPath), files: documents };
    });
}

/** "D02.zh" → zh; a name without a language tag is told by its text. */
export function labelLang(label: Label): Lang {
  const tag = /\.(en|zh)$/.exec(label.doc);
  return tag ? (tag[1] as Lang) : detectLanguage(label.text);
}
