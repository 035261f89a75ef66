import { renameSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readRegularFile } from '../load/regular-file.js';

/**
 * Creates a folder and its missing parents, one level at a time. Not `mkdir -p` (`recursive`):
 * Node's loops for ever where the file system answers ENOENT to a mkdir whose parent exists
 * (`/proc/nope`, issue 8 item 5); here each level is created once, and its error is thrown.
 */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      // ENOTDIR: a file further up, found as the walk goes on.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (info) {
      if (!info.isDirectory())
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {
          code: 'ENOTDIR',
          syscall: 'mkdir',
          path: current,
        });
      break;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      // Made meanwhile by another process: fine.
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** Temporary files of writeFileAtomic: `.<name>.<12 hex digits>.tmp`. */
const TEMPORARY = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** A temporary file beside `path` (see TEMPORARY). */
function temporaryPath(path: string): string {
  // crypto is loaded when a file is written, not by every command that might write one.
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes a file atomically: a temporary file in the same folder, then a rename,
 * so a reader (or a crash) never sees half a file and a failure leaves the old one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await ensureDir(dirname(path));
  const temp = temporaryPath(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw asErrorOf(error as NodeJS.ErrnoException, temp, path);
  }
}

/**
 * Writes files whole or not at all, as far as a file system allows (the files of one report): each
 * changed file goes to a temporary file first, and only once all are written are they renamed into
 * place, one right after the other, with nothing awaited between. A failure (a full disk) leaves
 * every file as it was; a worker stopped by Ctrl-C between the writes leaves only temporary files,
 * which the build removes. A file whose bytes are unchanged is left alone (its mtime too).
 * Returns which files were written.
 */
export async function writeFilesIfChanged(files: { path: string; data: string | Uint8Array }[]): Promise<boolean[]> {
  const staged: { temp: string; path: string }[] = [];
  const written: boolean[] = [];
  try {
    for (const { path, data } of files) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      // A folder in a file's place would fail its rename after the others had been renamed.
      if ((await stat(path).catch(() => undefined))?.isDirectory())
        throw Object.assign(new Error(`EISDIR: illegal operation on a directory, write '${path}'`), {
          code: 'EISDIR',
          syscall: 'write',
          path,
        });
      // Only a regular file no longer than the new bytes is compared (a pipe left in out/ never blocks).
      const current = await readRegularFile(path, bytes.length).catch(() => undefined);
      const changed = !current || Buffer.compare(current, bytes) !== 0;
      written.push(changed);
      if (!changed) continue;
      await ensureDir(dirname(path));
      const temp = temporaryPath(path);
      staged.push({ temp, path });
      await writeFile(temp, bytes).catch((error: NodeJS.ErrnoException) => {
        throw asErrorOf(error, temp, path);
      });
    }
    let renamed = 0;
    try {
      for (const { temp, path } of staged) {
        renameSync(temp, path);
        renamed++;
      }
    } catch (error) {
      staged.splice(0, renamed);
      throw asErrorOf(error as NodeJS.ErrnoException, staged[0]?.temp, staged[0]?.path ?? '');
    }
    staged.length = 0;
    return written;
  } finally {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true }).catch(() => undefined)));
  }
}

/** The file the user asked for, not the temporary one, is what could not be written. */
function asErrorOf(error: NodeJS.ErrnoException, temp: string | undefined, path: string): NodeJS.ErrnoException {
  if (error.path === undefined || error.path === temp) error.path = path;
  if (error.syscall === undefined || error.syscall === 'open') error.syscall = 'write';
  return error;
}

/** Like writeFileAtomic, but leaves the file (and its mtime) alone when the bytes are unchanged. */
export async function writeIfChanged(path: string, data: string | Uint8Array): Promise<boolean> {
  const [written] = await writeFilesIfChanged([{ path, data }]);
  return written === true;
}

/**
 * Removes the temporary files of writes that never finished (a worker stopped by Ctrl-C, a killed
 * process) from a folder; only safe while no other write into it is under way (see build/lock.ts).
 */
export async function removeTemporaryFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const temporary = names.filter((name) => TEMPORARY.test(name));
  await Promise.all(temporary.map((name) => rm(join(dir, name), { force: true }).catch(() => undefined)));
  return temporary;
}
