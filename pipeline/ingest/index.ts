/** The ingest stage: a file in, a SourceDocument out (or an IngestError saying why not). */
import { createHash } from 'node:crypto';
import type { SourceDocument } from '../model.js';
import type { Limits } from '../engine/limits.js';
import { detectDate, detectKind, detectLanguage, detectSymbols } from './detect.js';
import { detectSummaryTitle } from './summary-title.js';
import { readDocumentFile } from './read.js';

/** A document's id: the hash of its file's bytes, so the same file always gets the same id. */
export const documentId = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

export async function ingestFile(path: string, limits?: Limits): Promise<SourceDocument> {
  const { format, text, pageCount, bytes, layout } = await readDocumentFile(path, limits);
  const kind = detectKind(text);
  const summary = kind === 'executive_summary' ? detectSummaryTitle(text) : null;
  return {
    id: documentId(bytes),
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
