/**
 * The file access of the Liquid engine: liquidjs's own, except that a template is read as a
 * regular file within a size limit (a pipe named `report.md.liquid` would otherwise wait for a
 * writer forever), and a template, include or layout is only ever one inside the template folders
 * after links are followed (liquidjs's realpath check, kept).
 */

import { realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, resolve, sep } from 'node:path';
import type { FS } from 'liquidjs';
import { UsageError } from '../diagnostics/errors.js';
import { describeBytes, readRegularFile, readRegularFileSync, UnreadableFileError } from '../load/regular-file.js';
import { isInside } from '../project/inside.js';

/** A template, include or layout file may hold up to 1 MiB. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

function refused(error: unknown): never {
  if (error instanceof UnreadableFileError)
    throw new UsageError(
      `the template ${error.path} is not read: ${error.message}`,
      `a template is a text file of at most ${describeBytes(MAX_TEMPLATE_BYTES)}; replace it with one`,
    );
  throw error;
}

export const templateFs: FS = {
  exists: (path) =>
    stat(path).then(
      () => true,
      () => false,
    ),
  existsSync: (path) => {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  },
  readFile: (path) => readRegularFile(path, MAX_TEMPLATE_BYTES).then((b) => b.toString('utf8'), refused),
  readFileSync: (path) => {
    try {
      return readRegularFileSync(path, MAX_TEMPLATE_BYTES).toString('utf8');
    } catch (error) {
      return refused(error);
    }
  },
  resolve: (dir, file, ext) => resolve(dir, extname(file) ? file : file + ext),
  contains: async (root, file) => {
    const [r, f] = await Promise.all([realpath(root).catch(() => undefined), realpath(file).catch(() => undefined)]);
    return r !== undefined && f !== undefined && r !== f && isInside(r, f);
  },
  containsSync: (root, file) => {
    try {
      const r = realpathSync(root);
      const f = realpathSync(file);
      return r !== f && isInside(r, f);
    } catch {
      return false;
    }
  },
  dirname,
  sep,
};
