import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { TaskQueue } from 'piscina';
import { stoppable } from '../load/yield-point.js';
import type { Context } from '../model/report.js';
import type { BuildSettings } from '../render/country-spec.js';
import type { Renderer } from '../render/render-outputs.js';
import type { Theme } from '../render/theme/schema.js';
import { errorFromData } from './task-error.js';
import { fromReply } from './task-reply.js';
import type { ResultOf, Task } from './tasks.js';
import type { TaskMessage, WorkerInit, WorkerReply } from './worker.js';

export type { ResultOf } from './tasks.js';

/** Runs build tasks (see tasks.ts). */
export interface TaskRunner {
  /** `first`: ahead of the queued tasks (the long consolidated report, so it does not end up last). */
  run<T extends Task>(task: T, first?: boolean): Promise<ResultOf<T>>;
  /** Waits for running tasks and stops the workers. */
  close(): Promise<void>;
  /**
   * Stops now (Ctrl-C): the workers are terminated, whatever they were doing, and every task not
   * finished rejects with BuildStopped.
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
 * Heap limits of a worker. V8 otherwise lets each worker's heap grow far beyond what it keeps
 * alive (rendering makes much short-lived garbage): two workers would pass 400 MB. A smaller young
 * generation saves memory but costs CPU in collections (24 MB: about 25 MB less at the peak of a
 * 54-country build, 1–2 s more CPU). A task that still runs out of memory in a worker (a very
 * large consolidated report) is run again on the main thread, which has no such limit.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 192 };

/**
 * Worker threads from piscina, up to one per core (and per expected task); the main thread only
 * hands out work. One worker starts at once and loads the render stack (pdfkit, fonts, templates)
 * while the first answers are read. A single task (the build of one report, one follow-up) runs on
 * this thread instead: a worker would start and load the modules this thread has loaded already,
 * while this thread waited for it (issue 19). Its work passes yield points (load/yield-point.ts)
 * where Ctrl-C is seen. The tasks run on this thread too where there is no bundled worker
 * (`npm run bundle` not run).
 */
export function createRunner(
  ctx: Context,
  settings: BuildSettings,
  expectedTasks: number,
  /** The theme, loaded and checked by the command already. */
  theme?: Theme,
): TaskRunner {
  const init = { ...workerInit(ctx, settings), theme };
  const workerFile = join(init.ctx.packageRoot, 'dist', 'build-worker.js');
  const local = () => localRunner(init.ctx, init.settings, theme);
  if (expectedTasks <= 1 || !existsSync(workerFile)) return local();
  const pool = keptWorkers()
    ? sharedPool(workerFile)
    : startPool(workerFile, Math.max(1, Math.min(availableParallelism(), expectedTasks)), ONE_BUILD_IDLE_MS);
  return poolRunner(pool, init, local);
}

/** How many callers of keepWorkers() are still holding the threads. */
let holders = 0;
let shared: { file: string; pool: Promise<Pool> } | undefined;
const keptWorkers = () => holders > 0;

/**
 * Keeps the worker threads between the builds of this process (`build --watch`, a test run), so a
 * rebuild skips starting threads and loading the render stack: about 0.5 s of CPU a build. Each
 * build still reads its templates and theme afresh. The returned function lets go; when every
 * holder has, the threads end (once the tasks they run are done).
 */
export function keepWorkers(): () => Promise<void> {
  holders++;
  let held = true;
  return async () => {
    if (!held) return;
    held = false;
    if (--holders > 0) return;
    const pool = shared?.pool;
    shared = undefined;
    await pool?.then(
      ({ piscina }) => piscina.destroy(),
      () => undefined, // it never started
    );
  };
}

function sharedPool(workerFile: string): Promise<Pool> {
  if (shared?.file === workerFile) return shared.pool;
  const pool = startPool(workerFile, availableParallelism(), KEPT_IDLE_MS);
  shared = { file: workerFile, pool };
  // A pool that could not start is not kept: the next build tries again.
  pool.catch(() => {
    if (shared?.pool === pool) shared = undefined;
  });
  return pool;
}

/** Every field of BuildSettings: a field added there and not here fails to compile (see workerInit). */
const SETTINGS_FIELDS = [
  'out',
  'formats',
  'paper',
  'templates',
  'fonts',
  'sourceDateEpoch',
  'strict',
  'rules',
] as const;
const allSettingsCopied: Exclude<keyof BuildSettings, (typeof SETTINGS_FIELDS)[number]> extends never ? true : never =
  true;

let builds = 0;

/**
 * What a worker is given with each task of a build: the fields of the context and settings, copied one by one.
 * Callers pass their whole options object (with callbacks, an AbortSignal…), which a worker
 * cannot receive: only plain data crosses into a thread (issue 8, item 1).
 */
export function workerInit(ctx: Context, settings: BuildSettings): WorkerInit {
  void allSettingsCopied;
  const copied: Record<string, unknown> = {};
  for (const field of SETTINGS_FIELDS) copied[field] = structuredClone(settings[field]);
  return {
    build: ++builds,
    ctx: { cwd: ctx.cwd, packageRoot: ctx.packageRoot },
    settings: copied as unknown as BuildSettings,
  };
}

/**
 * Tasks one after the other on this thread, with the render stack loaded on first use. abort()
 * stops the running task at its next yield point; a task stopped, whatever it came to, rejects
 * with BuildStopped (its files are written last, after the last yield point).
 */
function localRunner(ctx: Context, settings: BuildSettings, theme?: Theme): TaskRunner {
  let renderer: Promise<Renderer> | undefined;
  const getRenderer = () => {
    renderer ??= import('../render/render-outputs.js').then(({ createRenderer }) =>
      createRenderer({ ...ctx, templates: settings.templates, fonts: settings.fonts, theme }),
    );
    return renderer;
  };
  let chain: Promise<unknown> = Promise.resolve();
  const stop = new AbortController();
  const stopped = () => {
    if (stop.signal.aborted) throw new BuildStopped();
  };
  return {
    run<T extends Task>(task: T) {
      const result = chain.then(async () => {
        stopped();
        const { runTask } = await import('./tasks.js');
        const done = await stoppable(stop.signal, () => runTask(ctx, settings, getRenderer, task)).catch(
          (error: unknown) => {
            stopped();
            throw error;
          },
        );
        stopped();
        return done as ResultOf<T>;
      });
      chain = result.catch(() => undefined);
      return result;
    },
    close: async () => {
      await chain;
    },
    abort: () => {
      stop.abort();
    },
  };
}

/** Piscina's queue, but a task marked `first` goes to the front. */
function frontableQueue(first: symbol): TaskQueue {
  type Queued = Parameters<TaskQueue['push']>[0];
  const tasks: Queued[] = [];
  const isFirst = (task: Queued) =>
    Boolean((task as unknown as Record<symbol, { [k: symbol]: unknown } | null>)[first]);
  return {
    get size() {
      return tasks.length;
    },
    shift: () => tasks.shift() ?? null,
    push: (task) => {
      if (isFirst(task)) tasks.unshift(task);
      else tasks.push(task);
    },
    remove: (task) => {
      const index = tasks.indexOf(task);
      if (index >= 0) tasks.splice(index, 1);
    },
  };
}

interface Pool {
  piscina: import('piscina').Piscina;
  /** Piscina's key for a task's queue options (see frontableQueue). */
  queueOptions: symbol;
}

/**
 * How long a worker beyond the first may sit idle before it ends. A build queues all its countries'
 * tasks at once, so a worker is idle only when none is left for it: at the end, while one worker
 * renders the consolidated report, the other would hold its heap until close() for nothing (issue
 * 19: 290-300 MiB at the peak of a 54-country build, against 230-240 when it ends). Kept workers
 * (`build --watch`, the test run) wait for the next build instead.
 */
const ONE_BUILD_IDLE_MS = 0;
const KEPT_IDLE_MS = 60_000;

// Loaded only here: `validate` and the rest never pay for it.
async function startPool(workerFile: string, threads: number, idleTimeout: number): Promise<Pool> {
  const { Piscina } = await import('piscina');
  const piscina = new Piscina({
    filename: workerFile,
    minThreads: 1,
    maxThreads: threads,
    resourceLimits: WORKER_LIMITS,
    taskQueue: frontableQueue(Piscina.queueOptionsSymbol),
    idleTimeout,
  });
  return { piscina, queueOptions: Piscina.queueOptionsSymbol };
}

function poolRunner(started: Promise<Pool>, init: WorkerInit, local: () => TaskRunner): TaskRunner {
  const kept = keptWorkers();
  const stop = new AbortController();
  // Every queued task listens to this one signal (a build of 54 countries queues 54 or more):
  // no limit, or Node warns of a leak on the terminal past ten.
  setMaxListeners(0, stop.signal);
  const running = new Set<Promise<unknown>>();
  let fallback: TaskRunner | undefined;
  const orLocally = <T extends Task>(task: T, error: Error & { code?: string }): Promise<ResultOf<T>> => {
    if (stop.signal.aborted) throw new BuildStopped();
    if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
    fallback ??= local();
    return fallback.run(task);
  };
  const runOnPool = async <T extends Task>(task: T, first?: boolean): Promise<ResultOf<T>> => {
    if (stop.signal.aborted) throw new BuildStopped();
    const { piscina, queueOptions } = await started;
    const message: TaskMessage = { init, task };
    const queued = first ? Object.assign(message, { [queueOptions]: { first: true } }) : message;
    let reply: WorkerReply;
    try {
      reply = await piscina.run(queued, { signal: stop.signal });
    } catch (error) {
      return orLocally(task, error as Error);
    }
    if ('error' in reply) throw errorFromData(reply);
    return fromReply(reply.result) as ResultOf<T>;
  };
  return {
    run<T extends Task>(task: T, first?: boolean) {
      const result = runOnPool(task, first);
      const settled = result.catch(() => undefined);
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return result;
    },
    async close() {
      if (kept) await Promise.all(running);
      else await (await started).piscina.destroy();
      await fallback?.close();
    },
    abort() {
      stop.abort();
      fallback?.abort();
    },
  };
}
