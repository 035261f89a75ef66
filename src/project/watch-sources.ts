/**
 * Watches what reports are made of (answers, forms, templates) for `build --watch` and `preview`,
 * and calls back with the files changed once the editor has finished saving.
 *
 * chokidar, not fs.watch's recursive mode: on Linux that loses a file once it is replaced by a
 * rename (an editor's safe write, `sed -i`, `mv`), and every later save of it went unseen. Links
 * are not followed (issue 20, item 6): `ln -s . self` or a link back up the tree made the watched
 * tree endless (gigabytes, a 26 MB "changed:" line), and a link loop an ELOOP per path. A link
 * itself is still watched: making, changing or removing it is a change.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeFileSystemError, isFileSystemError } from '../diagnostics/errors.js';
import { reportsRoot } from './paths.js';

/** Editors' swap and backup files, and gareport's own temporary files, are not changes. */
const IGNORED = /(^|\/)(\.#|#)|~$|\.sw[px]$|\.tmp$|(^|\/)4913$/;

/** A change names at most this many files, then how many more. */
const MAX_NAMED_CHANGES = 20;

export interface SourceWatchOptions {
  cwd: string;
  year?: number | undefined;
  country?: string | undefined;
  /** A templates folder besides the project's own (`--templates`). */
  templates?: string | undefined;
  /** How long to wait after a change for the editor to finish saving. */
  settleMs: number;
  /** Files that are no change (a build's own outputs). */
  ignore?: (file: string) => boolean;
}

export interface SourceWatch {
  /** The folders watched (absolute). */
  watched: string[];
  close: () => Promise<void>;
}

/** The answers of the year (or country), the project's forms and templates, and `--templates`. */
function sourceFolders(options: SourceWatchOptions): string[] {
  const year = options.year === undefined ? '' : String(options.year);
  const answers = join(reportsRoot(options.cwd), year, options.country ?? '');
  const folders = [answers, join(options.cwd, 'forms'), join(options.cwd, 'templates')];
  if (options.templates) folders.push(options.templates);
  return [...new Set(folders)].filter((f) => existsSync(f));
}

/**
 * Starts watching; resolves once the watcher is ready. `onChange` gets the changed files (relative
 * to the project; past 20, "and N more"); `onError` one message per kind of watcher error (ELOOP,
 * EACCES…): watching goes on.
 */
export async function watchSources(
  options: SourceWatchOptions,
  onChange: (files: string[]) => void,
  onError: (error: Error) => void,
): Promise<SourceWatch> {
  const reported = new Set<string>();
  const reportOnce = (error: Error) => {
    const kind = (error as NodeJS.ErrnoException).code ?? error.message;
    if (reported.has(kind)) return;
    reported.add(kind);
    const what = isFileSystemError(error)
      ? describeFileSystemError(error, (p) => relative(options.cwd, p))
      : error.message;
    onError(new Error(`while watching: ${what}; watching goes on (further such problems are not shown)`));
  };
  let pending = new Set<string>();
  let more = 0;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (file: string) => {
    if (pending.size < MAX_NAMED_CHANGES || pending.has(file)) pending.add(file);
    else more++;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      if (more) files.push(`and ${more} more`);
      pending = new Set();
      more = 0;
      onChange(files);
    }, options.settleMs);
  };
  const { watch } = await import('chokidar');
  const watched = sourceFolders(options);
  const watcher = watch(watched, { ignoreInitial: true, atomic: true, followSymlinks: false });
  watcher.on('all', (_event, file) => {
    if (IGNORED.test(file) || options.ignore?.(file)) return;
    schedule(relative(options.cwd, file));
  });
  watcher.on('error', (error) => reportOnce(error as Error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    watched,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
