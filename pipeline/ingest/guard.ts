/**
 * The checks around the readers that keep one file from exhausting memory or time: only regular files, no
 * file over its size limit, no DOCX part that inflates past its limits (checked while inflating, before any
 * XML is parsed), no text or PDF over its length. Each failure is an IngestError naming the limit's option.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { IngestError } from '../model.js';
import { MIB, optionName, type Limits } from '../engine/limits.js';

const megabytes = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The bytes of a regular file within the size limit. Opened without blocking, so that a FIFO with no writer
 * is refused instead of waiting for one; the kind and size are read from the open file, not its name.
 */
export async function readRegularFile(path: string, limits: Limits): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new IngestError(path, `cannot read file: ${(error as Error).message}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new IngestError(path, `${kindOf(info)}: only regular files are read`);
    if (info.size > limits.maxFileMb * MIB) {
      throw new IngestError(path, `file is ${megabytes(info.size)}, over the limit of ${limits.maxFileMb} MiB (${optionName('maxFileMb')})`);
    }
    return await handle.readFile();
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(path, `cannot read file: ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** The entries of a ZIP's central directory, or null when it has none we can read (the DOCX reader then says why). */
function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_ENTRY) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localHeader: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * Inflates every part of a DOCX with a cap on its output, so that a part which would grow past
 * --max-part-mb stops at the cap. The sizes the archive declares are not trusted: a bomb can lie about them.
 */
export function checkDocxParts(path: string, bytes: Buffer, limits: Limits): void {
  const entries = zipEntries(bytes);
  if (!entries) return;
  const maxPart = limits.maxPartMb * MIB;
  for (const entry of entries) {
    const local = entry.localHeader;
    if (entry.method !== 8 || local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) continue;
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const compressed = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    let size: number;
    try {
      size = inflateRawSync(compressed, { maxOutputLength: maxPart }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new IngestError(path, `DOCX part ${entry.name} inflates to more than ${limits.maxPartMb} MiB (${optionName('maxPartMb')})`);
      }
      continue; // a damaged part: the DOCX reader reports it
    }
    const ratio = size / Math.max(1, compressed.length);
    if (size > MIB && ratio > limits.maxRatio) {
      throw new IngestError(path, `DOCX part ${entry.name} inflates ${Math.round(ratio)} times (${megabytes(size)}), over the limit of ${limits.maxRatio} (${optionName('maxRatio')})`);
    }
  }
}

/** A document's text within --max-chars and its pages within --max-pages. */
export function checkTextSize(path: string, text: string, pageCount: number | null, limits: Limits): void {
  if (text.length > limits.maxChars) {
    throw new IngestError(path, `text is ${text.length} characters, over the limit of ${limits.maxChars} (${optionName('maxChars')})`);
  }
  if (pageCount !== null && pageCount > limits.maxPages) {
    throw new IngestError(path, `PDF has ${pageCount} pages, over the limit of ${limits.maxPages} (${optionName('maxPages')})`);
  }
}
