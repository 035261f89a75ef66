import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../diagnostics/errors.js';
import type { Context } from '../model/report.js';
import type { BuildSettings } from './country-job.js';
import { startPdfThread } from './pdf-thread.js';
import type { Renderer } from './render-outputs.js';
import type { Task, TaskResult } from './tasks.js';
import type { WorkerInit, WorkerReply } from './worker.js';

/** Runs build tasks (see tasks.ts). */
export interface TaskRunner {
  /** `first`: ahead of the queued tasks (the long consolidated report, so it does not end up last). */
  run(task: Task, first?: boolean): Promise<TaskResult>;
  /** Waits for running tasks (on this thread) and stops the workers. */
  close(): Promise<void>;
  /**
   * Stops now (Ctrl-C): the workers are terminated, whatever they were doing, and every task not
   * finished rejects with BuildStopped. A task running on this thread finishes first (close waits).
   */
  abort(): void;
}

/** The rejection of tasks cut short by TaskRunner.abort. */
export class BuildStopped extends Error {
  constructor() {
    super('the build was stopped');
    this.name = 'BuildStopped';
  }
}

/**
 * Worker threads, up to one per core (and per expected render task), started as tasks queue up,
 * that take tasks from a queue as they become free; the main thread only hands out work. Runs on
 * this thread instead when there is one render task, one core, or no bundled worker (running from
 * TypeScript sources, as the tests do in-process).
 */
export function createRunner(ctx: Context, settings: BuildSettings, expectedTasks: number): TaskRunner {
  const init = workerInit(ctx, settings);
  const workerFile = join(init.ctx.packageRoot, 'dist', 'build-worker.js');
  const fromSources = import.meta.url.endsWith('.ts');
  const threads = Math.min(availableParallelism(), expectedTasks);
  const local = () => localRunner(init.ctx, init.settings);
  if (threads <= 1 || fromSources || !existsSync(workerFile)) return local();
  return workerRunner(workerFile, init, threads, local);
}

/** Every field of BuildSettings: a field added there and not here fails to compile (see workerInit). */
const SETTINGS_FIELDS = ['out', 'formats', 'paper', 'templates', 'fonts', 'sourceDateEpoch'] as const;
const allSettingsCopied: Exclude<keyof BuildSettings, (typeof SETTINGS_FIELDS)[number]> extends never ? true : never =
  true;

/**
 * What a worker is started with: the fields of the context and settings, copied one by one.
 * Callers pass their whole options object (with callbacks, an AbortSignal…), which a worker
 * cannot receive: only plain data crosses into a thread (issue 8, item 1).
 */
export function workerInit(ctx: Context, settings: BuildSettings): WorkerInit {
  void allSettingsCopied;
  const copied: Record<string, unknown> = {};
  for (const field of SETTINGS_FIELDS) copied[field] = structuredClone(settings[field]);
  return { ctx: { cwd: ctx.cwd, packageRoot: ctx.packageRoot }, settings: copied as unknown as BuildSettings };
}

/** Tasks one after the other on this thread, with the render stack loaded on first use. */
function localRunner(ctx: Context, settings: BuildSettings): TaskRunner {
  // The PDF gets the second core: its thread starts now and loads pdfkit while answers are read.
  const pdfThread = settings.formats.includes('pdf') ? startPdfThread(ctx.packageRoot) : undefined;
  let renderer: Promise<Renderer> | undefined;
  const getRenderer = () => {
    renderer ??= import('./render-outputs.js').then(async ({ createRenderer }) => ({
      ...(await createRenderer({ ...ctx, templates: settings.templates, fonts: settings.fonts })),
      renderPdf: pdfThread?.render,
    }));
    return renderer;
  };
  let chain: Promise<unknown> = Promise.resolve();
  let aborted = false;
  return {
    run(task) {
      const result = chain.then(async () => {
        if (aborted) throw new BuildStopped();
        if (task.kind === 'load') {
          // Without the render stack: a build whose reports all have errors never loads it.
          const { loadReport } = await import('../model/report.js');
          const { report, name, diagnostics } = await loadReport(ctx, task.year, task.country);
          return { report, name, diagnostics };
        }
        const { runTask } = await import('./tasks.js');
        return runTask(ctx, settings, getRenderer, task);
      });
      chain = result.catch(() => undefined);
      return result;
    },
    close: async () => {
      await chain;
      await pdfThread?.stop();
    },
    abort: () => {
      aborted = true;
    },
  };
}

interface Pending {
  id: number;
  task: Task;
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending | undefined;
}

/**
 * Heap limits of a worker. V8 otherwise lets each worker's heap grow far beyond what it keeps
 * alive (rendering makes much short-lived garbage): two workers would pass 400 MB. A smaller young
 * generation saves memory but costs CPU in collections (24 MB: about 25 MB less at the peak of a
 * 54-country build, 1–2 s more CPU). A task that still runs out of memory in a worker (a very
 * large consolidated report) is run again on the main thread, which has no such limit.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 192 };

function replyError(reply: Extract<WorkerReply, { error: string }>): Error {
  if (reply.usage) return new UsageError(reply.error, reply.hint);
  return Object.assign(new Error(reply.error), { code: reply.code, path: reply.path, syscall: reply.syscall });
}

function workerRunner(workerFile: string, init: WorkerInit, threads: number, local: () => TaskRunner): TaskRunner {
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let fallback: TaskRunner | undefined;
  let nextId = 0;
  let aborted = false;
  /** Workers terminated by abort(); close() waits for them, so none is still writing a file. */
  const terminating: Promise<number>[] = [];

  const pump = () => {
    if (slots.length === 0) {
      // Every worker was lost (crashed): the rest runs here, so no task is silently dropped.
      fallback ??= local();
      for (const p of queue.splice(0)) fallback.run(p.task).then(p.resolve, p.reject);
      return;
    }
    for (const slot of slots) {
      if (slot.current) continue;
      const next = queue.shift();
      if (!next) return;
      slot.current = next;
      try {
        slot.worker.postMessage({ id: next.id, task: next.task });
      } catch (error) {
        slot.current = undefined;
        next.reject(error as Error);
      }
    }
  };

  const spawn = () => {
    const slot: Slot = { worker: new Worker(workerFile, { workerData: init, resourceLimits: WORKER_LIMITS }) };
    slot.worker.on('message', (reply: WorkerReply) => {
      const pending = slot.current;
      if (!pending || reply.id !== pending.id) return;
      slot.current = undefined;
      if ('result' in reply) pending.resolve(reply.result);
      else pending.reject(replyError(reply));
      pump();
    });
    // A worker that crashed fails the task it had (or, out of memory, hands it to this thread);
    // the other workers, or this thread when none is left, take the queue.
    const lost = (error: Error & { code?: string }) => {
      const index = slots.indexOf(slot);
      if (index < 0) return;
      slots.splice(index, 1);
      const pending = slot.current;
      slot.current = undefined;
      void slot.worker.terminate();
      if (pending && error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fallback ??= local();
        fallback.run(pending.task).then(pending.resolve, pending.reject);
      } else pending?.reject(error);
      pump();
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`a build worker stopped unexpectedly (exit code ${code})`)));
    slots.push(slot);
  };

  let spawned = 0;
  return {
    run(task, first) {
      return new Promise<TaskResult>((resolve, reject) => {
        if (aborted) return reject(new BuildStopped());
        const pending = { id: nextId++, task, resolve, reject };
        if (first) queue.unshift(pending);
        else queue.push(pending);
        // A new worker only when every one is busy: an incremental build whose tasks come one
        // after the other (a country, then the year files) does not pay for a second.
        if (spawned < threads && slots.every((slot) => slot.current)) {
          spawned++;
          spawn();
        }
        pump();
      });
    },
    async close() {
      const stopping = slots.splice(0);
      await Promise.all(
        stopping.map((slot) => {
          slot.worker.removeAllListeners('exit');
          return slot.worker.terminate();
        }),
      );
      await Promise.all(terminating);
      await fallback?.close();
    },
    abort() {
      aborted = true;
      const stopping = slots.splice(0);
      for (const slot of stopping) {
        // Terminated on purpose: not a crash whose task should be run again elsewhere.
        slot.worker.removeAllListeners('exit');
        slot.worker.removeAllListeners('error');
        slot.worker.on('error', () => undefined);
        terminating.push(slot.worker.terminate());
        slot.current?.reject(new BuildStopped());
        slot.current = undefined;
      }
      for (const pending of queue.splice(0)) pending.reject(new BuildStopped());
      fallback?.abort();
    },
  };
}
