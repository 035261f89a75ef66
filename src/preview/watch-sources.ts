/**
 * Watches what a report is made of (the year's answers, the forms, the templates) and calls back
 * with the files changed, once the editor has finished saving. Links are not followed (a link in
 * the tree cannot make the watch climb out of it or loop), and the watcher's own errors are
 * passed on instead of ending the process.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { reportsRoot } from '../project/paths.js';

/** Editors' swap and backup files, and gareport's own temporary files, are not changes. */
const IGNORED = /(^|\/)(\.#|#)|~$|\.sw[px]$|\.tmp$|(^|\/)4913$/;

export interface SourceWatch {
  close: () => Promise<void>;
}

export async function watchSources(
  options: { cwd: string; year: number; templates?: string | undefined },
  onChange: (files: string[]) => void,
  onError: (error: Error) => void,
): Promise<SourceWatch> {
  const folders = [
    join(reportsRoot(options.cwd), String(options.year)),
    join(options.cwd, 'forms'),
    join(options.cwd, 'templates'),
  ];
  if (options.templates) folders.push(options.templates);
  const { watch } = await import('chokidar');
  const watcher = watch(
    [...new Set(folders)].filter((f) => existsSync(f)),
    { ignoreInitial: true, atomic: true, followSymlinks: false },
  );
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    if (IGNORED.test(file)) return;
    pending.add(relative(options.cwd, file));
    clearTimeout(timer);
    // Editors write a file in several steps; wait for them to settle.
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending = new Set();
      onChange(files);
    }, 60);
  });
  watcher.on('error', (error) => onError(error as Error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
