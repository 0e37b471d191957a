/**
 * Reading files into normalised text. Every failure becomes an IngestError whose reason a user can act on.
 */
import { extname } from 'node:path';
import { IngestError, type FileFormat, type LineLayout } from '../model.js';
import { decodeText, DecodeError } from './decode.js';
import { DEFAULT_LIMITS, type Limits } from '../engine/limits.js';
import { checkDocxParts, checkTextSize, readRegularFile } from './guard.js';

export interface ReadResult {
  format: FileFormat;
  text: string;
  pageCount: number | null;
  bytes: Buffer;
  /** Layout facts of the text's lines, where the format has them (see `LineLayout`). */
  layout?: LineLayout[];
}

/** Separates the pages of a PDF in the normalised text; the segmenter counts pages by it. */
export const PAGE_BREAK = '\f';

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.txt': 'text',
  '.md': 'text',
  '.markdown': 'text',
};

export function formatOf(path: string): FileFormat | null {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/** What the first bytes say the content is, whatever the file is called. */
function sniff(bytes: Buffer): 'pdf' | 'zip' | 'ole' | 'binary' | 'text' {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'ole';
  // A NUL byte anywhere is binary data (in UTF-16, whose marks say so, it is half of many characters).
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0)) return 'binary';
  return 'text';
}

const CONTENT_NAME = { pdf: 'a PDF', zip: 'a ZIP/Office file', ole: 'a legacy Office (OLE) file', binary: 'binary data', text: 'text' };

export async function readDocumentFile(path: string, limits: Limits = DEFAULT_LIMITS): Promise<ReadResult> {
  const format = formatOf(path);
  if (!format) throw new IngestError(path, `unsupported file type "${extname(path) || '(none)'}" (expected .pdf, .docx, .txt or .md)`);
  const bytes = await readRegularFile(path, limits);
  if (bytes.length === 0) throw new IngestError(path, 'empty file');
  const content = sniff(bytes);
  const expected = format === 'pdf' ? 'pdf' : format === 'docx' ? 'zip' : 'text';
  if (content !== expected) {
    throw new IngestError(path, `named ${extname(path)} but its content is ${CONTENT_NAME[content]}`);
  }
  if (format === 'docx') checkDocxParts(path, bytes, limits);
  const read: Pick<ReadResult, 'text' | 'pageCount' | 'layout'> = format === 'pdf' ? await readPdf(path, bytes) : format === 'docx' ? await readDocx(path, bytes) : readText(path, bytes);
  checkTextSize(path, read.text, read.pageCount, limits);
  const text = normalise(read.text);
  if (text.replaceAll(PAGE_BREAK, '').trim() === '') {
    throw new IngestError(path, format === 'pdf' ? 'PDF has no text layer (scanned image?)' : 'no text in file');
  }
  return { format, text, pageCount: read.pageCount, bytes, ...(read.layout ? { layout: read.layout } : {}) };
}

/** LF line ends, no BOM, no control characters but tab, LF and the page break. */
export function normalise(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '');
}

function readText(path: string, bytes: Buffer): { text: string; pageCount: null } {
  try {
    return { text: decodeText(bytes).text, pageCount: null };
  } catch (error) {
    if (error instanceof DecodeError) throw new IngestError(path, error.message);
    throw error;
  }
}

// pdf.js and the DOCX reader are loaded by the first file that needs them: commands that read no PDF or DOCX start without them.
async function readPdf(path: string, bytes: Buffer): Promise<{ text: string; pageCount: number; layout: LineLayout[] }> {
  const { readPdfWithLayout } = await import('./pdf.js');
  return readPdfWithLayout(path, bytes);
}

async function readDocx(path: string, bytes: Buffer): Promise<{ text: string; pageCount: null; layout: LineLayout[] }> {
  const { docxToText } = await import('./docx.js');
  try {
    return { ...(await docxToText(bytes)), pageCount: null };
  } catch (error) {
    throw new IngestError(path, `corrupt DOCX: ${(error as Error).message}`);
  }
}
