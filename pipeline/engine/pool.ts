/**
 * A pool of worker threads that read and segment files. Each worker has its own heap limit, and each file a
 * time limit: a file that exhausts either fails alone, and its worker is replaced by a fresh one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IngestError, type SegmentedDocument } from '../model.js';
import { optionName, type Limits } from './limits.js';
import type { ParseRequest } from './worker.js';

interface Task {
  path: string;
  resolve: (doc: SegmentedDocument) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded the readers. */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

/** The worker's module beside this one, with the same extension: worker.ts under tsx, worker.js once compiled. */
const WORKER = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** tsx's ESM API as its package exports it, for a worker that must load TypeScript sources. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

function startWorker(limits: Limits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.maxHeapMb };
  if (extname(WORKER.pathname) !== '.ts') return new Worker(WORKER, { resourceLimits });
  // A worker does not inherit the loader hooks of its parent: it registers tsx itself, then loads worker.ts.
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/** Stops a worker whose answers no longer matter; an error it still raises on its way out is of no consequence. */
async function retire(worker: Worker): Promise<void> {
  worker.removeAllListeners();
  worker.on('error', () => {});
  await worker.terminate();
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  /** Set when a worker cannot even start: every file would fail the same way, so the run stops. */
  private broken: Error | null = null;

  constructor(private readonly limits: Limits) {
    for (let i = 0; i < Math.max(1, limits.jobs); i++) {
      const slot: Slot = { worker: startWorker(limits), ready: false };
      this.listen(slot);
      this.slots.push(slot);
    }
  }

  parse(path: string): Promise<SegmentedDocument> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ path, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    for (const slot of slots) clearTimeout(slot.timer);
    await Promise.all(slots.map((slot) => retire(slot.worker)));
  }

  private listen(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (answer: { ready: true } | { doc: SegmentedDocument } | { reason: string }) => {
      if ('ready' in answer) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const task = this.finish(slot);
      if ('doc' in answer) task?.resolve(answer.doc);
      else task?.reject(new IngestError(task.path, answer.reason));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (worker heap limit ${this.limits.maxHeapMb} MiB, ${optionName('maxHeapMb')})`
          : `its worker failed: ${error.message}`;
      this.replace(slot, reason);
    });
    worker.on('exit', (code) => this.replace(slot, `its worker stopped (exit code ${code})`));
  }

  private finish(slot: Slot): Task | undefined {
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    return task;
  }

  /** The worker of a slot is gone or stuck: its file fails, a fresh worker takes its place. */
  private replace(slot: Slot, reason: string): void {
    if (!this.slots.includes(slot)) return;
    void retire(slot.worker);
    const task = this.finish(slot);
    if (!task) {
      this.fail(new Error(`a worker thread could not start: ${reason}`));
      return;
    }
    task.reject(new IngestError(task.path, reason));
    slot.worker = startWorker(this.limits);
    slot.ready = false;
    this.listen(slot);
    this.dispatch();
  }

  private fail(error: Error): void {
    this.broken = error;
    for (const task of this.queue.splice(0)) task.reject(error);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task || !slot.ready) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.timer = setTimeout(
        () => this.replace(slot, `took longer than ${this.limits.maxSeconds} s to read (${optionName('maxSeconds')})`),
        this.limits.maxSeconds * 1000,
      );
      slot.worker.postMessage({ path: task.path, limits: this.limits } satisfies ParseRequest);
    }
  }
}
