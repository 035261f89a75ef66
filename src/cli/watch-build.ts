import { checkTemplatesFolder } from '../batch/output-folder.js';
import { keepWorkers } from '../batch/pool.js';
import type { BuildOptions, BuildResult } from '../commands/build.js';
import { build } from '../commands/build.js';
import { isInside } from '../project/inside.js';
import { reportsRoot } from '../project/paths.js';
import { UserMistake } from '../project/remedy.js';
import { watchSources } from '../project/watch-sources.js';

export interface WatchHooks {
  onChange: (files: string[]) => void;
  /** A failure that is not about the answers (e.g. a template missing); watching goes on. */
  onError: (error: Error) => void;
  /** After the first build: the folders watched, and the files besides (config, logos; absolute). */
  onWatching?: (folders: string[], files: string[]) => void;
  /**
   * The configuration file changed: the options to build with from now on, or undefined to keep
   * the current ones (a configuration with mistakes, which the callback reports).
   */
  reload?: () => Promise<BuildOptions | undefined>;
  /** The project's configuration file, watched for `reload`. */
  configFile?: string | undefined;
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
  refuseOutputWithAnswers(options);
  // A templates folder typo ends the watch at once (exit 2) instead of failing every rebuild.
  await checkTemplatesFolder(options.cwd, options.templates);
  const letGo = keepWorkers();
  try {
    await watchFolders(options, report, hooks, signal);
  } finally {
    await letGo();
  }
}

/** Every change to the answers would look like one of our own outputs and be ignored. */
function refuseOutputWithAnswers(options: BuildOptions): void {
  if (isInside(options.out, reportsRoot(options.cwd))) {
    throw new UserMistake('the output folder contains reports/, so changes to the answers could not be told apart', {
      kind: 'other-output-folder',
      example: 'out',
    });
  }
}

async function watchFolders(
  first: BuildOptions,
  report: (result: BuildResult) => void,
  hooks: WatchHooks,
  signal?: AbortSignal,
): Promise<void> {
  let options = first;
  const run = async () => {
    try {
      report(await build(options));
    } catch (error) {
      hooks.onError(error as Error);
    }
  };
  /** The new settings, checked as at the start; a mistake keeps the old ones (reported). */
  const reload = async () => {
    try {
      const next = await hooks.reload?.();
      if (!next) return;
      refuseOutputWithAnswers(next);
      await checkTemplatesFolder(next.cwd, next.templates);
      if (next.templates) watch.addFolder(next.templates);
      options = next;
    } catch (error) {
      hooks.onError(error as Error);
    }
  };

  let running: Promise<void> = Promise.resolve();
  // Changes that come while a build runs are built together once it ends.
  let waiting: { files: Set<string>; config: boolean } | undefined;
  const rebuild = () => {
    const next = waiting;
    waiting = undefined;
    if (!next) return Promise.resolve();
    hooks.onChange([...next.files].sort());
    return (next.config ? reload() : Promise.resolve()).then(run);
  };
  // Watching before the first build: a file saved while it runs is built next.
  const watch = await watchSources(
    {
      ...options,
      settleMs: 120,
      configFile: hooks.configFile,
      ignore: (file) => isInside(options.out, file),
    },
    (files, info) => {
      if (!waiting) {
        waiting = { files: new Set(), config: false };
        running = running.then(rebuild);
      }
      for (const f of files) waiting.files.add(f);
      waiting.config ||= info.config;
    },
    hooks.onError,
  );
  await run();
  hooks.onWatching?.(watch.watched, watch.files);

  await new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await watch.close();
  await running;
}
