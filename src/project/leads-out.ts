/**
 * Whether a path leads out of the project (or a file out of its folder) through `../`, an absolute
 * path or a symbolic link. Apart from config-paths.ts, which checks the configuration's paths with
 * their YAML positions, so that the output folder's and templates folder's checks load no YAML.
 */
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { isInside } from './inside.js';

/** The real path of `path`, or of its nearest folder that exists (an output folder may not yet). */
async function realpathOfNearest(path: string): Promise<string> {
  let current = path;
  const rest: string[] = [];
  for (;;) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined) return join(real, ...rest.reverse());
    const parent = dirname(current);
    if (parent === current) return path;
    rest.push(current.slice(parent.length).replace(/^[\\/]/, ''));
    current = parent;
  }
}

/** Why `input` (relative to `root`) leads out of the project, or undefined when it stays in. */
export async function leadsOut(root: string, input: string): Promise<string | undefined> {
  if (isAbsolute(input)) return 'it is an absolute path';
  const full = join(root, input);
  if (!isInside(root, full)) return 'it climbs out of the project with `../`';
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => root), realpathOfNearest(full)]);
  if (!isInside(realRoot, real)) return 'it leads outside the project through a symbolic link';
  return undefined;
}

/**
 * Whether `path` (a file of a templates folder: theme.yaml, fonts.yaml, report.css) leads out of
 * `dir` through a link, after every link is followed. A missing file does not.
 */
export async function linksOutOf(dir: string, path: string): Promise<boolean> {
  const [realDir, real] = await Promise.all([realpath(dir).catch(() => dir), realpath(path).catch(() => undefined)]);
  return real !== undefined && !isInside(realDir, real);
}
