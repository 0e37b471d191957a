/** The ingest stage: a file in, a SourceDocument out (or an IngestError saying why not). */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceDocument } from '../model.js';
import { detectDate, detectKind, detectLanguage, detectSummaryTitle, detectSymbols } from './detect.js';
import { formatOf, readDocumentFile } from './read.js';

export async function ingestFile(path: string): Promise<SourceDocument> {
  const { format, text, pageCount, bytes } = await readDocumentFile(path);
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
  };
}

/**
 * The files a user named: files as given (so that an unsupported one is reported, not skipped),
 * directories searched recursively for the formats we read, in a stable order.
 */
export async function listInputFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      const found = entries
        .filter((entry) => entry.isFile() && formatOf(entry.name) !== null && !entry.name.startsWith('.'))
        .map((entry) => join(entry.parentPath, entry.name))
        .filter((file) => !/\.labels\.jsonl$/.test(file));
      files.push(...found.sort());
    } else {
      files.push(path);
    }
  }
  return files;
}
