import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding gareport's own package.json, forms/ and templates/: the nearest folder above
 * this module with a package.json. This module is src/project/package-root.ts in the sources and a
 * chunk in dist/ once bundled, so the depth differs and is found rather than assumed.
 */
export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return dirname(start);
    dir = parent;
  }
  return dir;
}
