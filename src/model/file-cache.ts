/**
 * Values read from files (a form, its translation), kept while the file stays the same: its size,
 * modification time and inode. A process that builds more than once (`build --watch`, a kept build
 * worker, tests calling the CLI in-process) so never renders with a form edited since.
 */
import { stat } from 'node:fs/promises';

export class FileCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: Promise<T> }>();

  /** The value of `path` (under `key`, for what else it depends on), loaded again if the file changed. */
  async get(path: string, key: string, load: () => Promise<T>): Promise<T> {
    const stamp = await fileStamp(path);
    const id = `${key}\0${path}`;
    const entry = this.entries.get(id);
    if (entry?.stamp === stamp) return entry.value;
    const value = load();
    this.entries.set(id, { stamp, value });
    return value;
  }
}

async function fileStamp(path: string): Promise<string> {
  try {
    const { size, mtimeMs, ino } = await stat(path);
    return `${size}:${mtimeMs}:${ino}`;
  } catch {
    return 'unreadable'; // the loader reports why
  }
}
