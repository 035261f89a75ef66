/**
 * Worker thread entry of a build of more than one task (a single task runs on the main thread),
 * run by piscina (see pool.ts): runs the tasks it is given (load a country's answers, render a
 * country's report or a year's consolidated report and index), reusing its template engines,
 * pdfkit and fonts across them. The render stack starts loading as soon as the worker starts,
 * while the first answers are still being read.
 */
import type { Context } from '../model/report.js';
import type { BuildSettings } from '../render/country-spec.js';
import type { Renderer } from '../render/render-outputs.js';
import { createRenderer } from '../render/render-outputs.js';
import type { Theme } from '../render/theme/schema.js';
import type { ErrorData } from './task-error.js';
import { errorData } from './task-error.js';
import type { TaskReply } from './task-reply.js';
import { toReply } from './task-reply.js';
import type { Task } from './tasks.js';
import { runTask } from './tasks.js';

/** What a task is run with: its build's context and settings (see workerInit). */
export interface WorkerInit {
  /** Which build of the process the task belongs to: each build gets its own renderer. */
  build: number;
  ctx: Context;
  settings: BuildSettings;
  /** The theme the command loaded and checked, so no worker reads it again. */
  theme?: Theme | undefined;
}

/** What piscina hands this worker: a task and the build it belongs to. */
export interface TaskMessage {
  init: WorkerInit;
  task: Task;
}

export type WorkerReply = { result: TaskReply } | ErrorData;

/** The renderers of the latest builds: a worker may be kept for the next build (see pool.ts keepWorkers). */
const renderers = new Map<number, Promise<Renderer>>();
const KEEP_RENDERERS = 4;

/**
 * The build's renderer, started with its first task (a load task, so the render stack loads while
 * the answers are read). Each build reads its templates afresh; its theme comes with the task.
 */
function rendererOf({ build, ctx, settings, theme }: WorkerInit): Promise<Renderer> {
  let renderer = renderers.get(build);
  if (renderer) return renderer;
  renderer = createRenderer({ ...ctx, templates: settings.templates, fonts: settings.fonts, theme });
  renderer.catch(() => undefined); // reported with each task that needs it
  if (settings.formats.includes('pdf')) import('../render/pdf.js').catch(() => undefined);
  renderers.set(build, renderer);
  for (const old of renderers.keys()) if (renderers.size > KEEP_RENDERERS) renderers.delete(old);
  return renderer;
}

/** One task; a failure comes back as a reply, so its code and path survive the thread boundary. */
export default async function runBuildTask({ init, task }: TaskMessage): Promise<WorkerReply> {
  const renderer = rendererOf(init);
  try {
    return { result: toReply(await runTask(init.ctx, init.settings, () => renderer, task)) };
  } catch (error) {
    return errorData(error);
  }
}
