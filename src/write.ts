import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file atomically: a temporary file in the same folder, then a rename,
 * so a reader (or a crash) never sees half a file and a failure leaves the old one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Like writeFileAtomic, but leaves the file (and its mtime) alone when the bytes are unchanged. */
export async function writeIfChanged(path: string, data: string | Uint8Array): Promise<boolean> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const current = await readFile(path).catch(() => undefined);
  if (current && Buffer.compare(current, bytes) === 0) return false;
  await writeFileAtomic(path, bytes);
  return true;
}
