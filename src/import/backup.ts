import { constants } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** Where copies of replaced answer files go, under the project folder. */
export const BACKUP_ROOT = join('.gareport', 'backup');

/** `20261201T071500Z`: sorts by time, and is a valid file name everywhere. */
function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * A new folder for this run's copies, `.gareport/backup/<time>-<year>-<country>[-n]`. It is
 * created exclusively, so two runs (even in the same second) never share one or overwrite a copy.
 */
async function newBackupFolder(cwd: string, label: string, now: Date): Promise<string> {
  const root = join(cwd, BACKUP_ROOT);
  await mkdir(root, { recursive: true });
  // Copies of a country's old answers are no part of the repository (issue 21 item 18): git ignores
  // everything in `.gareport/`, this file included. An existing file is left as the user made it.
  await writeFile(join(cwd, '.gareport', '.gitignore'), '*\n', { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  for (let n = 1; ; n++) {
    const dir = join(root, `${stamp(now)}-${label}${n === 1 ? '' : `-${n}`}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Copies each file, byte for byte, into a new backup folder before it is replaced; a copy never
 * replaces another file (COPYFILE_EXCL). Returns the folder.
 */
export async function backUpFiles(cwd: string, paths: readonly string[], label: string, now: Date): Promise<string> {
  const dir = await newBackupFolder(cwd, label, now);
  for (const path of paths) await copyFile(path, join(dir, basename(path)), constants.COPYFILE_EXCL);
  return dir;
}
