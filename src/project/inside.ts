/**
 * Whether a path lies inside a folder, by their names: the one test of it, used everywhere (found
 * in review: it was written out about ten times, some with `startsWith('..')`, which put a file
 * named `..x` outside).
 */
import * as nodePath from 'node:path';

/** The parts of node:path the test needs: `path.posix` or `path.win32` (the platform's by default). */
export type PathFlavour = Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Whether `path` is `dir` itself or lies under it. Names only: links are not followed (resolve them
 * first, as `resolvesInside` and `leadsOut` do). `dir/..x` is inside; `dir/..`, `dir/../x` and, on
 * Windows, another drive are not.
 */
export function isInside(dir: string, path: string, flavour: PathFlavour = nodePath): boolean {
  const rel = flavour.relative(dir, path);
  return rel !== '..' && !rel.startsWith(`..${flavour.sep}`) && !flavour.isAbsolute(rel);
}
