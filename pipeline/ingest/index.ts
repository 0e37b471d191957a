/** The ingest stage: a file in, a SourceDocument out (or an IngestError saying why not). */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceDocument } from '../model.js';
import { detectDate, detectKind, detectLanguage, detectSymbols } from './detect.js';
import { detectSummaryTitle } from './summary-title.js';
import { readDocumentFile } from './read.js';

export async function ingestFile(path: string): Promise<SourceDocument> {
  const { format, text, pageCount, bytes, layout } = await readDocumentFile(path);
  const kind = detectKind(text);
  const summary = kind === 'executive_summary' ? detectSummaryTitle(text) : null;
  return {
    id: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    path,
    format,
    text,
    pageCount,
    lang: detectLanguage(text),
    kind,
    title: summary?.title ?? null,
    symbols: detectSymbols(text),
    date: detectDate(text),
    country: summary?.country ?? null,
    ...(layout ? { layout } : {}),
  };
}

/**
 * The files a user named, directories searched recursively, in a stable order. Files of a type we do not
 * read are listed too, so that each is reported with its reason rather than silently skipped.
 */
export async function listInputFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      const found = entries
        // Hidden files and the labels that sit beside labelled summaries are not documents.
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.endsWith('.labels.jsonl'))
        .map((entry) => join(entry.parentPath, entry.name));
      files.push(...found.sort());
    } else {
      files.push(path);
    }
  }
  return files;
}
