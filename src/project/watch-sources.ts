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
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeFileSystemError, isFileSystemError } from '../diagnostics/errors.js';
import { readRegularFile } from '../load/regular-file.js';
import { logoNamedIn } from './git.js';
import { isInside } from './inside.js';
import { reportsRoot } from './paths.js';

/**
 * Editors' swap, backup and temporary files, and gareport's own, are not changes: `.#x` and `#x#`
 * (Emacs), `x~`, `.x.swp`, `x.tmp`, a dot-file with `tmp` in its name (`.tmp123`,
 * `.target-1.yaml.tmp4f2a`: write-then-rename saves), and vim's `4913` probe.
 */
const IGNORED = /(^|\/)(\.#|#)|~$|\.sw[px]$|\.tmp$|(^|\/)\.[^/]*tmp[^/]*$|(^|\/)4913$/i;

/** Whether a path names an editor's or gareport's temporary file (see IGNORED). */
export const isTemporaryFile = (file: string): boolean => IGNORED.test(file);

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
  /** The project's configuration file (gareport.config.yaml, or package.json holding it), if any. */
  configFile?: string | undefined;
}

/** What changed besides the names: whether the configuration file is among them. */
export interface ChangeInfo {
  config: boolean;
}

export interface SourceWatch {
  /** The folders watched (absolute). */
  watched: string[];
  /** The files watched besides (absolute): the configuration file, then the logos outside those folders. */
  files: string[];
  /** Watches a folder besides (a templates folder the configuration names now); an existing one only. */
  addFolder: (folder: string) => void;
  /** The logos the watched country.yaml files name now (absolute, sorted). */
  logos: () => string[];
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

/** The country.yaml files under the answers folders watched (reports/, a year's, or a country's). */
async function countryFiles(options: SourceWatchOptions): Promise<string[]> {
  const root = reportsRoot(options.cwd);
  const subfolders = async (dir: string) =>
    (await readdir(dir, { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name));
  let countries = [join(root, String(options.year ?? ''), options.country ?? '')];
  if (options.year === undefined) countries = (await Promise.all((await subfolders(root)).map(subfolders))).flat();
  else if (options.country === undefined) countries = await subfolders(countries[0] as string);
  return countries.map((c) => join(c, 'country.yaml'));
}

/** The logo each watched country.yaml names (absolute, existing or not), kept one file at a time. */
class CountryLogos {
  private readonly named = new Map<string, string | undefined>();

  constructor(private readonly cwd: string) {}

  /** Reads `file`, a country.yaml (saved, made or removed): the others are not read again. */
  async read(file: string): Promise<void> {
    this.named.set(file, logoNamedIn(this.cwd, await readRegularFile(file, 1024 * 1024).catch(() => undefined)));
  }

  /** Every logo named, once each, sorted. */
  all(): string[] {
    return [...new Set([...this.named.values()].filter((l): l is string => l !== undefined))].sort();
  }
}

/**
 * Starts watching; resolves once the watcher is ready. `onChange` gets the changed files (relative
 * to the project; past 20, "and N more") and whether the configuration file is one; `onError` one
 * message per kind of watcher error (ELOOP, EACCES…): watching goes on. Besides the folders, the
 * configuration file and the logos the reports name are watched; a country.yaml saved may name
 * another logo, which is watched from then on.
 */
export async function watchSources(
  options: SourceWatchOptions,
  onChange: (files: string[], info: ChangeInfo) => void,
  onError: (error: Error) => void,
): Promise<SourceWatch> {
  const reportOnce = onceEach(options.cwd, onError);
  let pending = new Set<string>();
  let more = 0;
  let config = false;
  let timer: NodeJS.Timeout | undefined;
  const countryLogos = new CountryLogos(options.cwd);
  await Promise.all((await countryFiles(options)).map((file) => countryLogos.read(file)));
  let logos = countryLogos.all();
  // The country.yaml files saved are read again, alone, once the editor has finished saving (read
  // as the event came, a file could be caught empty between its truncation and its writing, and
  // the logo it names never watched: a full test run saw it). The logos they name are watched
  // before the change is handed on: the rebuild reads the new logo, and a save of it after the
  // rebuild is seen (not lost while chokidar starts watching it).
  let refreshed: Promise<void> = Promise.resolve();
  let closed = false;
  let countriesSaved = new Set<string>();
  const refreshLogos = async (saved: string[]) => {
    for (const file of saved) await countryLogos.read(file);
    const now = countryLogos.all();
    const gone = logos.filter((l) => !now.includes(l));
    const added = now.filter((l) => !logos.includes(l) && !inFolders(l));
    logos = now;
    const unwatched = gone.filter((l) => !inFolders(l) && l !== options.configFile);
    if (unwatched.length) watcher.unwatch(unwatched);
    if (added.length) {
      watcher.add(added);
      await watching(
        watcher,
        added.filter((f) => existsSync(f)),
      );
    }
  };
  const schedule = (file: string, absolute: string) => {
    if (absolute === options.configFile) config = true;
    if (pending.size < MAX_NAMED_CHANGES || pending.has(file)) pending.add(file);
    else more++;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      if (more) files.push(`and ${more} more`);
      const info = { config };
      pending = new Set();
      more = 0;
      config = false;
      const saved = [...countriesSaved];
      countriesSaved = new Set();
      if (saved.length) refreshed = refreshed.then(() => refreshLogos(saved)).catch(reportOnce);
      void refreshed.then(() => closed || onChange(files, info));
    }, options.settleMs);
  };
  const { watch } = await import('chokidar');
  const folders = sourceFolders(options);
  const inFolders = (file: string) => folders.some((d) => isInside(d, file));
  const files = [...(options.configFile ? [options.configFile] : []), ...logos].filter((f) => !inFolders(f));
  const watcher = watch([...folders, ...files], { ignoreInitial: true, atomic: true, followSymlinks: false });
  watcher.on('all', (_event, file) => {
    if (IGNORED.test(file) || options.ignore?.(file)) return;
    if (basename(file) === 'country.yaml') countriesSaved.add(file);
    schedule(relative(options.cwd, file), file);
  });
  watcher.on('error', (error) => reportOnce(error as Error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    watched: folders,
    files,
    logos: () => countryLogos.all(),
    addFolder: (folder) => {
      if (inFolders(folder) || !existsSync(folder)) return;
      folders.push(folder);
      watcher.add(folder);
    },
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

/**
 * Resolves once chokidar watches each of `files` (it lists a file as watched when its fs.watch is
 * set up), or after two seconds: a file that cannot be watched is not waited for forever.
 */
async function watching(watcher: import('chokidar').FSWatcher, files: string[]): Promise<void> {
  const watched = (file: string) => watcher.getWatched()[dirname(file)]?.includes(basename(file)) ?? false;
  for (let waited = 0; waited < 2000 && !files.every(watched); waited += 10) await sleep(10);
}

/** One message per kind of watcher error (ELOOP, EACCES…), saying that watching goes on. */
function onceEach(cwd: string, onError: (error: Error) => void): (error: Error) => void {
  const reported = new Set<string>();
  return (error: Error) => {
    const kind = (error as NodeJS.ErrnoException).code ?? error.message;
    if (reported.has(kind)) return;
    reported.add(kind);
    const what = isFileSystemError(error) ? describeFileSystemError(error, (p) => relative(cwd, p)) : error.message;
    onError(new Error(`while watching: ${what}; watching goes on (further such problems are not shown)`));
  };
}
