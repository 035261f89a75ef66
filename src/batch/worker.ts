/**
 * Worker thread entry of a batch build, run by piscina (see pool.ts): runs the tasks it is given
 * (load a country's answers, render a country's report or a year's consolidated report and
 * index), reusing its template engines, pdfkit and fonts across them. The render stack starts
 * loading as soon as the worker starts, while the first answers are still being read.
 */
import { workerData } from 'piscina';
import { UsageError } from '../diagnostics/errors.js';
import type { Context } from '../model/report.js';
import type { BuildSettings } from './country-job.js';
import { createRenderer } from './render-outputs.js';
import type { TaskReply } from './task-reply.js';
import { toReply } from './task-reply.js';
import type { Task } from './tasks.js';
import { runTask } from './tasks.js';

export interface WorkerInit {
  ctx: Context;
  settings: BuildSettings;
}

export type WorkerReply =
  | { result: TaskReply }
  | {
      error: string;
      usage?: boolean;
      hint?: string | undefined;
      /** A file system error's code and path (EACCES, …), so the main thread reports it as such. */
      code?: string | undefined;
      path?: string | undefined;
      syscall?: string | undefined;
    };

const { ctx, settings } = workerData as WorkerInit;
const renderer = createRenderer({ ...ctx, templates: settings.templates, fonts: settings.fonts });
renderer.catch(() => undefined); // reported with each task that needs it
if (settings.formats.includes('pdf')) import('../render/pdf.js').catch(() => undefined);

/** One task; a failure comes back as a reply, so its code and path survive the thread boundary. */
export default async function runBuildTask(task: Task): Promise<WorkerReply> {
  try {
    return { result: toReply(await runTask(ctx, settings, () => renderer, task)) };
  } catch (error) {
    const usage = error instanceof UsageError;
    const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
    return {
      error: (error as Error)?.message ?? String(error),
      usage,
      hint: usage ? error.hint : undefined,
      code: typeof code === 'string' ? code : undefined,
      path: typeof path === 'string' ? path : undefined,
      syscall: typeof syscall === 'string' ? syscall : undefined,
    };
  }
}
