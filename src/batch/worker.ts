/**
 * Worker thread entry of a batch build: runs the tasks it is sent (load a country's answers,
 * render a country's report or a year's consolidated report and index), one at a time, reusing its
 * template engines, pdfkit and fonts across them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UsageError } from '../diagnostics/errors.js';
import type { Context } from '../model/report.js';
import type { BuildSettings } from './country-job.js';
import { createRenderer } from './render-outputs.js';
import type { Task, TaskResult } from './tasks.js';
import { runTask } from './tasks.js';

export interface WorkerInit {
  ctx: Context;
  settings: BuildSettings;
}

export type WorkerReply =
  | { id: number; result: TaskResult }
  | {
      id: number;
      error: string;
      usage?: boolean;
      hint?: string | undefined;
      /** A file system error's code and path (EACCES, …), so the main thread reports it as such. */
      code?: string | undefined;
      path?: string | undefined;
      syscall?: string | undefined;
    };

const port = parentPort;
if (port) {
  const { ctx, settings } = workerData as WorkerInit;
  const renderer = createRenderer({ ...ctx, templates: settings.templates, fonts: settings.fonts });
  renderer.catch(() => undefined); // reported with each task that needs it
  let chain: Promise<void> = Promise.resolve();
  port.on('message', ({ id, task }: { id: number; task: Task }) => {
    chain = chain.then(async () => {
      try {
        port.postMessage({ id, result: await runTask(ctx, settings, () => renderer, task) } satisfies WorkerReply);
      } catch (error) {
        const usage = error instanceof UsageError;
        const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
        port.postMessage({
          id,
          error: (error as Error)?.message ?? String(error),
          usage,
          hint: usage ? error.hint : undefined,
          code: typeof code === 'string' ? code : undefined,
          path: typeof path === 'string' ? path : undefined,
          syscall: typeof syscall === 'string' ? syscall : undefined,
        } satisfies WorkerReply);
      }
    });
  });
}
