/**
 * The limits that keep one file from taking down a run, with their defaults in one place (data/limits.json).
 * A file over a limit fails with a reason naming the limit and the option that raises it.
 */
import { readFileSync } from 'node:fs';

export interface Limits {
  /** Worker threads that read and segment files. */
  jobs: number;
  maxFileMb: number;
  /** Largest part of a DOCX (document.xml, styles.xml, …) once decompressed. */
  maxPartMb: number;
  /** Decompressed over compressed size, for DOCX parts over 1 MiB (smaller ones may compress well legitimately). */
  maxRatio: number;
  maxChars: number;
  maxPages: number;
  /** Per file, reading and segmenting. */
  maxSeconds: number;
  /** Old-generation heap of each worker thread. */
  maxHeapMb: number;
}

export interface LimitSetting {
  default: number;
  /** The command-line option that sets it, as commander reads it ("--max-file-mb <n>"). */
  option: string;
  help: string;
}

export const LIMIT_SETTINGS = JSON.parse(readFileSync(new URL('./data/limits.json', import.meta.url), 'utf8')) as Record<keyof Limits, LimitSetting>;

export const DEFAULT_LIMITS: Limits = Object.fromEntries(Object.entries(LIMIT_SETTINGS).map(([key, setting]) => [key, setting.default])) as unknown as Limits;

/** "--max-file-mb", for a reason that tells the user what raises a limit. */
export const optionName = (limit: keyof Limits): string => LIMIT_SETTINGS[limit].option.split(' ')[0]!;

export const MIB = 1024 * 1024;
