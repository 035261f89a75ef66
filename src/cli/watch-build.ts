import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { checkTemplatesFolder } from '../batch/output-folder.js';
import { keepWorkers } from '../batch/pool.js';
import type { BuildOptions, BuildResult } from '../commands/build.js';
import { build } from '../commands/build.js';
import { describeFileSystemError, isFileSystemError } from '../diagnostics/errors.js';
import { reportsRoot } from '../project/paths.js';
import { UserMistake } from '../project/remedy.js';

export interface WatchHooks {
  onChange: (files: string[]) => void;
  /** A failure that is not about the answers (e.g. a template missing); watching goes on. */
  onError: (error: Error) => void;
  /** After the first build: the folders watched (absolute). */
  onWatching?: (folders: string[]) => void;
}

/** Editors' swap and backup files, and gareport's own temporary files, are not changes. */
const IGNORED = /(^|\/)(\.#|#)|~$|\.sw[px]$|\.tmp$|(^|\/)4913$/;

/** The `changed:` line names at most this many files, then how many more. */
const MAX_NAMED_CHANGES = 20;

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

  // One message per kind of watcher error (ELOOP, EACCES…), not one per path: watching goes on.
  const reported = new Set<string>();
  const reportOnce = (error: Error) => {
    const kind = (error as NodeJS.ErrnoException).code ?? error.message;
    if (reported.has(kind)) return;
    reported.add(kind);
    const what = isFileSystemError(error)
      ? describeFileSystemError(error, (p) => relative(options.cwd, p))
      : error.message;
    hooks.onError(new Error(`while watching: ${what}; watching goes on (further such problems are not shown)`));
  };

  const year = options.year === undefined ? '' : String(options.year);
  const answers = options.country
    ? join(reportsRoot(options.cwd), year, options.country)
    : join(reportsRoot(options.cwd), year);
  const folders = [answers, join(options.cwd, 'forms'), join(options.cwd, 'templates')];
  if (options.templates) folders.push(options.templates);

  let pending = new Set<string>();
  let more = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (file: string) => {
    if (pending.size < MAX_NAMED_CHANGES || pending.has(file)) pending.add(file);
    else more++;
    clearTimeout(timer);
    // Editors write a file in several steps; wait for them to settle.
    timer = setTimeout(() => {
      const files = [...pending].sort();
      if (more) files.push(`and ${more} more`);
      pending = new Set();
      more = 0;
      running = running.then(async () => {
        hooks.onChange(files);
        await run();
      });
    }, 120);
  };

  // chokidar, not fs.watch's recursive mode: on Linux that loses a file once it is replaced by a
  // rename (an editor's safe write, `sed -i`, `mv`), and every later save of it went unseen.
  // Links are not followed (issue 20, item 6): `ln -s . self` or a link back up the tree made the
  // watched tree endless (gigabytes, a 26 MB "changed:" line), and a link loop an ELOOP per path. A
  // link itself is still watched: making, changing or removing it is a change.
  const { watch } = await import('chokidar');
  const watched = [...new Set(folders)].filter((f) => existsSync(f));
  const watcher = watch(watched, { ignoreInitial: true, atomic: true, followSymlinks: false });
  watcher.on('all', (_event, file) => {
    const underOut = relative(options.out, file);
    if (IGNORED.test(file) || !(underOut.startsWith('..') || isAbsolute(underOut))) return;
    schedule(relative(options.cwd, file));
  });
  watcher.on('error', (error) => reportOnce(error as Error));
  // Watching before the first build: a file saved while it runs is built next.
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  await run();
  hooks.onWatching?.(watched);

  await new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  await watcher.close();
  await running;
}
