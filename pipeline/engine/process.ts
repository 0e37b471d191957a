/** One file through ingest and segment: the work a worker thread does for each file of a run. */
import type { SegmentedDocument } from '../model.js';
import { ingestFile } from '../ingest/index.js';
import { segment } from '../segment/index.js';
import { annotateTopics } from '../extract/topics.js';
import type { Limits } from './limits.js';

export async function processFile(path: string, limits?: Limits): Promise<SegmentedDocument> {
  return annotateTopics(segment(await ingestFile(path, limits)));
}
