/**
 * The files a user named, directories searched recursively, in a stable order. Nothing is skipped without a
 * word: files of a type we do not read are listed (each is then reported with its reason), and a directory
 * that cannot be read, a broken symbolic link or a link back into a directory already searched is listed
 * with the problem, so that the run records it as a failed entry and goes on.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';

export interface InputFile {
  path: string;
  /** Why this entry cannot be read, found while listing. */
  problem?: string;
}

/**
 * Hidden files are not documents, nor are data sets in JSON lines: the labels beside labelled summaries and the
 * classifier's training needs (corpus/training). Named on the command line, such a file is still reported.
 */
const isDocumentName = (name: string) => !name.startsWith('.') && !name.endsWith('.jsonl');

const byPath = (a: InputFile, b: InputFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

const reasonOf = (error: unknown) => (error as Error).message;

export async function listInputFiles(paths: string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) {
      files.push({ path });
      continue;
    }
    const found: InputFile[] = [];
    await searchDirectory(path, new Set([await realpath(path)]), found);
    files.push(...found.sort(byPath));
  }
  return files;
}

/** `visited` holds the real paths of the directories searched, so that a symbolic link is followed once. */
async function searchDirectory(dir: string, visited: Set<string>, found: InputFile[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    found.push({ path: dir, problem: `cannot read directory: ${reasonOf(error)}` });
    return;
  }
  for (const entry of entries) {
    if (!isDocumentName(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() || entry.isSymbolicLink()) {
      await enterDirectoryOrLink(path, visited, found);
    } else {
      found.push({ path });
    }
  }
}

async function enterDirectoryOrLink(path: string, visited: Set<string>, found: InputFile[]): Promise<void> {
  let target: string;
  let isDirectory: boolean;
  try {
    target = await realpath(path);
    isDirectory = (await stat(target)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link' : `cannot open: ${reasonOf(error)}`;
    found.push({ path, problem });
    return;
  }
  if (!isDirectory) {
    found.push({ path });
  } else if (visited.has(target)) {
    found.push({ path, problem: `${target} was searched already (a symbolic link loop or a second way in): not searched again` });
  } else {
    visited.add(target);
    await searchDirectory(path, visited, found);
  }
}
