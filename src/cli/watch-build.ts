import { isAbsolute, relative } from 'node:path';
import { checkTemplatesFolder } from '../batch/output-folder.js';
import { keepWorkers } from '../batch/pool.js';
import type { BuildOptions, BuildResult } from '../commands/build.js';
import { build } from '../commands/build.js';
import { reportsRoot } from '../project/paths.js';
import { UserMistake } from '../project/remedy.js';
import { watchSources } from '../project/watch-sources.js';

export interface WatchHooks {
  onChange: (files: string[]) => void;
  /** A failure that is not about the answers (e.g. a template missing); watching goes on. */
  onError: (error: Error) => void;
  /** After the first build: the folders watched (absolute). */
  onWatching?: (folders: string[]) => void;
}

/**
 * Builds, then rebuilds whenever an answer, form or template file changes, until `signal`
 * aborts. Errors in the answers are reported through `report` and never end the watch.
 */
export async function watchBuild(
  options: BuildOptions,
  report: (result: BuildResult) => void,
  hooks: WatchHooks,
  signal?: AbortSignal,
): Promise<void> {
  const insideOut = relative(options.out, reportsRoot(options.cwd));
  if (!(insideOut.startsWith('..') || isAbsolute(insideOut))) {
    // Every change to the answers would look like one of our own outputs and be ignored.
    throw new UserMistake('the output folder contains reports/, so changes to the answers could not be told apart', {
      kind: 'other-output-folder',
      example: 'out',
    });
  }
  // A templates folder typo ends the watch at once (exit 2) instead of failing every rebuild.
  await checkTemplatesFolder(options.cwd, options.templates);
  const letGo = keepWorkers();
  try {
    await watchFolders(options, report, hooks, signal);
  } finally {
    await letGo();
  }
}

async function watchFolders(
  options: BuildOptions,
  report: (result: BuildResult) => void,
  hooks: WatchHooks,
  signal?: AbortSignal,
): Promise<void> {
  const run = async () => {
    try {
      report(await build(options));
    } catch (error) {
      hooks.onError(error as Error);
    }
  };

  let running: Promise<void> = Promise.resolve();
  // Watching before the first build: a file saved while it runs is built next.
  const watch = await watchSources(
    {
      ...options,
      settleMs: 120,
      ignore: (file) => {
        const underOut = relative(options.out, file);
        return !(underOut.startsWith('..') || isAbsolute(underOut));
      },
    },
    (files) => {
      running = running.then(async () => {
        hooks.onChange(files);
        await run();
      });
    },
    hooks.onError,
  );
  await run();
  hooks.onWatching?.(watch.watched);

  await new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await watch.close();
  await running;
}
