import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readRegularFileSync } from '../load/regular-file.js';

import { readBytesSync } from '../load/report-files.js';

/** The largest single input hashed: a font (64 MiB), larger than any form or logo. */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

/**
 * The regular files under `dir` and its subfolders, links not followed (a missing or unreadable
 * folder: none). Walked here, not by readdirSync's `recursive`, which on Node 24 follows links to
 * folders: a link to its own folder (`ln -s . self`) made the plan list it 40 levels deep, and one
 * back up the tree never ended (`build --watch` hung; tests/watch.test.ts on Node 24).
 */
function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const folders = [dir];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) folders.push(join(folder, entry.name));
      else if (entry.isFile()) files.push(join(folder, entry.name));
    }
  }
  return files;
}

/**
 * Hashes the names and bytes of every file in a folder and its subfolders (missing folder:
 * nothing); the bytes of its YAML files go into `kept`, by path, when it is given (not images:
 * a logo is read where it is drawn).
 */
function hashFolder(hash: ReturnType<typeof createHash>, dir: string, kept?: Map<string, Uint8Array>): void {
  const files = filesUnder(dir)
    .map((path) => relative(dir, path))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const file of files) {
    hash.update(`\0file ${file}\0`);
    const path = join(dir, file);
    // A file that cannot be read changes the digest; loading the report then says why it failed.
    let bytes: Uint8Array | string;
    try {
      bytes = readBytesSync(path);
    } catch (error) {
      bytes = `\0unreadable ${(error as NodeJS.ErrnoException).code}\0`;
    }
    hash.update(bytes);
    if (kept && typeof bytes !== 'string' && /\.ya?ml$/i.test(path)) kept.set(path, bytes);
  }
}

/**
 * A digest of everything a build output depends on: the given folders' files (answers,
 * templates), single files (the form) and settings (tool version, formats, paper, date).
 *
 * Read synchronously: a plan reads a few hundred small files one after the other, and each
 * asynchronous read is four round trips through libuv's thread pool (most of a no-op build's
 * time on a busy machine, issue 19).
 */
export function fingerprint(
  parts: { folders?: string[]; files?: string[]; settings: unknown },
  /** Where the bytes of the folders' files are kept, so the build does not read them again. */
  kept?: Map<string, Uint8Array>,
): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(parts.settings));
  for (const dir of parts.folders ?? []) {
    hash.update(`\0folder ${dir}\0`);
    hashFolder(hash, dir, kept);
  }
  for (const file of parts.files ?? []) {
    hash.update(`\0${file}\0`);
    // A regular file only (a pipe as a logo or font would never end: it is opened without
    // blocking and refused); what is refused is said when it is read.
    let bytes: Uint8Array;
    try {
      bytes = readRegularFileSync(file, MAX_HASHED_BYTES);
    } catch {
      bytes = Buffer.from('(missing)');
    }
    hash.update(bytes);
  }
  return hash.digest('hex');
}
