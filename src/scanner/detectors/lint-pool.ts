import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { LintOutcome, ScannerSettings } from './eslint-rules.js';
import type { RuleSetting } from '../types.js';

/** One file to lint, as the main thread sends it to a worker. */
export interface LintJob {
  id: number;
  /** The name the rules see (`ruleFileName` of the file). */
  name: string;
  text: string;
  rules: Record<string, RuleSetting>;
  options: { settings?: ScannerSettings; fix?: boolean; reportUnused?: boolean };
}

/** What a worker is started with. */
export interface LintWorkerData {
  rules: Record<string, RuleSetting>;
  steadyYoungGeneration: boolean;
}

/** A worker's answer: the outcome, or what linting threw. */
export type LintReply = { id: number; outcome: LintOutcome; error?: undefined } | { id: number; outcome?: undefined; error: { name: string; message: string } };

// The worker is a compiled module next to this one; run from TypeScript sources (the unit tests)
// it does not exist, and the scanner lints in its own thread.
const WORKER = fileURLToPath(new URL('./lint-worker.js', import.meta.url));

/**
 * Worker threads for the scanner's lint pass: ESLint loads and files are linted while the main
 * thread still lists, reads and prefilters the rest.
 */
export interface LintPool {
  /** Queues a file; the first call starts a worker. Rejects when the file's worker died. */
  lint(job: Omit<LintJob, 'id'>): Promise<LintReply>;
  /**
   * The main thread has read every file: from now on the pool may use all `size` workers (while
   * it reads, the pool leaves one core to it), memory budget allowing.
   */
  doneReading(): void;
  /**
   * Starts the first worker now, before any file is queued, so that it loads ESLint and warms up
   * while the main thread lists and reads (no-op once one runs).
   */
  prestart(): void;
  /** Workers running now. */
  threads(): number;
  /** Stops every worker; jobs not answered yet reject. */
  close(): void;
}

/** How many lint workers a scan uses by default: one per core, at most four, none on one core. */
export function defaultJobs(): number {
  const cores = availableParallelism();
  return cores < 2 ? 1 : Math.min(cores, 4);
}

// Each worker pays ESLint's start-up and the first, slow (not yet optimised) runs of the rules:
// another worker starts only when this much text waits for one.
const GROW_BACKLOG = 256 * 1024;

// Once the main thread has read everything, one more worker must win back its own start-up (about
// a second of CPU before its first file, and its first files run cold, at a third of the warm
// speed): it starts only for a backlog the first worker needs seconds for (warm, about 1.4 MB of
// ccxt's Gemini modules a second here). At 1 MB, ccxt copied 4x (1.3 MB of Gemini modules, about
// 1 MB waiting when reading ends) often got the second worker and took 1.6-2.2 s instead of
// 1.3-1.4 s (8 alternating pairs); copied 16x, 4 MB and 1 MB are alike (5 alternating pairs).
const GROW_BACKLOG_AFTER_READING = 4 * 1024 * 1024;
// ...and only if the process stays within the scan's memory budget with it: one more worker
// isolate (ESLint, the rules, a file's tree) added 55 MB to the peak on ccxt copied 16x.
const MEMORY_BUDGET_MB = 200;
const WORKER_FOOTPRINT_MB = 60;

/**
 * Workers the pool runs while the main thread still reads and prefilters: one core stays with the
 * main thread. On two cores, a second worker beside the reading main thread made ccxt copied 4x
 * slower (4.0–4.4 s against 3.0–3.1 s, and 1.5 more CPU-seconds: three threads on two cores).
 */
function workersWhileReading(size: number): number {
  return Math.max(1, Math.min(size, availableParallelism() - 1));
}
// Jobs a worker holds at once: the next one is already in its queue when it finishes, even while
// the main thread is busy reading and cannot hand it a new one.
const IN_FLIGHT = 2;
// A worker's heap: the old generation holds one file's syntax tree and analysis at a time (ccxt's
// 100 KB exchange modules need under 40 MB; a file that needs more than this is linted again in the
// main thread); a small young generation keeps each worker's memory flat (on ccxt copied 4x, the
// default young generation made the scan's peak RSS 300 MB instead of 190 MB; with a single
// worker, 8 MB cost 0.8 more CPU-seconds of scavenges on ccxt copied 4x than 16 MB).
const WORKER_HEAP_MB = 128;
const WORKER_YOUNG_MB = 16;

// Workers that died (out of memory, or a broken install that cannot load one) are replaced this
// many times; after that the pool rejects what is left and the main thread lints it.
const MAX_RESTARTS = 3;

/** How a pool sizes itself; every field has a default. */
export interface PoolLimits {
  heapMb?: number;
  whileReading?: number;
  memoryBudgetMb?: number;
  backlogBytes?: number;
  /**
   * Each worker sets V8's young-generation growth factor back to 1 when it starts: V8 raises it to
   * 2 whenever it sets up an isolate's heap, and the flag is the whole process's (the CLI's bin).
   */
  steadyYoungGeneration?: boolean;
}

/**
 * A pool of up to `size` lint workers (each warms up with `rules`, the rules the scan runs; its
 * heap is capped at `limits.heapMb`; until {@link LintPool.doneReading}, at most
 * `limits.whileReading` of them, by default one per core but one), or `undefined` when `size` is 1 or the worker module is not
 * there (the caller lints in its own thread).
 */
export function createLintPool(
  size: number,
  rules: Record<string, RuleSetting>,
  limits: PoolLimits = {},
): LintPool | undefined {
  if (size < 2 || !existsSync(WORKER)) return undefined;
  interface Waiting { job: LintJob; resolve: (reply: LintReply) => void; reject: (error: Error) => void }
  interface Slot { worker: Worker; inFlight: Waiting[] }
  const slots: Slot[] = [];
  // Jobs wait here and go to whichever worker has room first: file sizes vary a hundredfold, so
  // handing them out in turn would leave one worker with all the large ones.
  const queue: Waiting[] = [];
  let queuedBytes = 0;
  let nextId = 0;
  let closed = false;
  let restarts = 0;
  let limit = Math.min(size, limits.whileReading ?? workersWhileReading(size));

  const pump = (): void => {
    for (const slot of slots) {
      while (slot.inFlight.length < IN_FLIGHT && queue.length > 0) {
        const next = queue.shift()!;
        queuedBytes -= next.job.text.length;
        slot.inFlight.push(next);
        slot.worker.postMessage(next.job);
      }
      // an idle worker must not keep the process alive; a busy one must
      if (slot.inFlight.length === 0) slot.worker.unref();
      else slot.worker.ref();
    }
  };

  const start = (): void => {
    // A worker's heap is capped so that memory stays flat however large the tree; a file too big
    // for it fails in that worker alone and is linted again in the main thread (see scan.ts).
    // node:worker_threads loads with the first worker, not at start-up
    const worker = new (process.getBuiltinModule('node:worker_threads').Worker)(WORKER, { workerData: { rules, steadyYoungGeneration: limits.steadyYoungGeneration === true } satisfies LintWorkerData, resourceLimits: { maxOldGenerationSizeMb: limits.heapMb ?? WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    const slot: Slot = { worker, inFlight: [] };
    let gone = false;
    const fail = (error: Error): void => {
      if (gone) return;
      gone = true;
      // after close() the slot is no longer listed
      const at = slots.indexOf(slot);
      if (at !== -1) slots.splice(at, 1);
      for (const waiting of slot.inFlight.splice(0)) waiting.reject(error);
      // the jobs still queued go to the other workers, or a fresh one
      if (!closed && queue.length > 0 && slots.length === 0) {
        if (restarts++ < MAX_RESTARTS) start();
        else rejectQueued(new Error('lint workers keep failing'));
      }
      pump();
    };
    worker.on('message', (reply: LintReply) => {
      const at = slot.inFlight.findIndex((w) => w.job.id === reply.id);
      if (at === -1) return;
      const [done] = slot.inFlight.splice(at, 1);
      done!.resolve(reply);
      pump();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`lint worker exited (code ${code})`)));
    slots.push(slot);
    pump();
  };

  const rejectQueued = (error: Error): void => {
    for (const waiting of queue.splice(0)) waiting.reject(error);
    queuedBytes = 0;
  };

  return {
    lint(job) {
      if (closed) return Promise.reject(new Error('lint pool closed'));
      return new Promise<LintReply>((resolve, reject) => {
        queue.push({ job: { ...job, id: nextId++ }, resolve, reject });
        queuedBytes += job.text.length;
        if (slots.length === 0 && restarts > MAX_RESTARTS) rejectQueued(new Error('lint workers keep failing'));
        else if (slots.length === 0 || (slots.length < limit && queuedBytes >= (limits.backlogBytes ?? GROW_BACKLOG))) start();
        else pump();
      });
    },
    doneReading() {
      limit = size;
      const room = process.memoryUsage.rss() / 2 ** 20 + WORKER_FOOTPRINT_MB <= (limits.memoryBudgetMb ?? MEMORY_BUDGET_MB);
      if (!closed && room && slots.length > 0 && slots.length < limit && queuedBytes >= (limits.backlogBytes ?? GROW_BACKLOG_AFTER_READING)) start();
    },
    prestart() {
      if (!closed && slots.length === 0 && restarts <= MAX_RESTARTS) start();
    },
    threads: () => slots.length,
    close() {
      closed = true;
      rejectQueued(new Error('lint pool closed'));
      // Not awaited: a terminating worker's promise does not keep the event loop alive, so
      // waiting for it can leave the process with nothing to do and an unsettled await.
      for (const slot of slots.splice(0)) void slot.worker.terminate();
    },
  };
}
