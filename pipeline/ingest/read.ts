/**
 * Reading files into normalised text. Every failure becomes an IngestError whose reason a user can act on.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import { IngestError, type FileFormat, type LineLayout } from '../model.js';
import { docxHtmlToText } from './docx-html.js';
import { readPdfWithLayout } from './pdf.js';

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
  const head = bytes.subarray(0, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) return 'binary';
  return 'text';
}

const CONTENT_NAME = { pdf: 'a PDF', zip: 'a ZIP/Office file', ole: 'a legacy Office (OLE) file', binary: 'binary data', text: 'text' };

export async function readDocumentFile(path: string): Promise<ReadResult> {
  const format = formatOf(path);
  if (!format) throw new IngestError(path, `unsupported file type "${extname(path) || '(none)'}" (expected .pdf, .docx, .txt or .md)`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new IngestError(path, `cannot read file: ${(error as Error).message}`);
  }
  if (bytes.length === 0) throw new IngestError(path, 'empty file');
  const content = sniff(bytes);
  const expected = format === 'pdf' ? 'pdf' : format === 'docx' ? 'zip' : 'text';
  if (content !== expected) {
    throw new IngestError(path, `named ${extname(path)} but its content is ${CONTENT_NAME[content]}`);
  }
  const read: { text: string; pageCount: number | null; layout?: LineLayout[] } =
    format === 'pdf' ? await readPdfWithLayout(path, bytes) : format === 'docx' ? await readDocx(path, bytes) : readText(path, bytes);
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
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), pageCount: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), pageCount: null };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), pageCount: null };
  } catch {
    // Not UTF-8: Chinese text files saved on Windows are GB18030 (a superset of GBK and GB2312).
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), pageCount: null };
  } catch {
    throw new IngestError(path, 'text is neither UTF-8, UTF-16 with a BOM, nor GB18030');
  }
}

async function readDocx(path: string, bytes: Buffer): Promise<{ text: string; pageCount: null }> {
  try {
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    return { text: docxHtmlToText(value), pageCount: null };
  } catch (error) {
    throw new IngestError(path, `corrupt DOCX: ${(error as Error).message}`);
  }
}
