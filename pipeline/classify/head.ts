/**
 * The head of a request, found the way a coder reads it: the framing set aside ("X requested assistance
 * to …", "需要…"), conditions and negated alternatives set aside ("Once the law is adopted, …",
 * "no new legislation is sought; rather …", "一旦…"), the word that says what is asked for (the head), its
 * object, and the modifiers (beneficiaries, topics, purposes). Each language has its rules in
 * `data/head.{en,zh}.json` and its reader in `head.{en,zh}.ts`; both give the same reading.
 */
import type { Lang } from '../model.js';
import { readHeadEn } from './head.en.js';
import { readHeadZh } from './head.zh.js';
import type { HeadReading } from './roles.js';

export type { HeadReading, Role } from './roles.js';

export function readHead(text: string, lang: Lang): HeadReading {
  return lang === 'en' ? readHeadEn(text) : readHeadZh(text);
}
