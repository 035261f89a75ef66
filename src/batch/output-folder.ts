/**
 * The output folder around a build: made (with clear errors), locked against a second build,
 * cleared of temporary files left by a stopped one, and of the outputs of a report that failed.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeCause, EXIT_IO, isFileSystemError, UsageError } from '../diagnostics/errors.js';
import { displayPath } from '../project/paths.js';
import type { Remedy } from '../project/remedy.js';
import { UserMistake } from '../project/remedy.js';
import { checkProjectTemplates } from '../project/templates-link.js';
import { ensureDir } from '../project/write-atomic.js';
import type { LockWaiting } from './lock.js';
import { LOCK_NAME, lockOutput, STALE_MS } from './lock.js';

/** A file or folder gareport could not read or write: exit 3, with a message naming it and why. */
export class IoError extends Error {
  readonly exitCode = EXIT_IO;
  /** What the user can do about it, worded by the CLI. */
  readonly remedy: Remedy | undefined;
  constructor(message: string, remedy?: Remedy) {
    super(message);
    this.name = 'IoError';
    this.remedy = remedy;
  }
}

/** The templates folder setting (`--templates`) must name a folder (issue 8, item 12): a typo must not fall back to the built-in templates. */
export async function checkTemplatesFolder(cwd: string, templates: string | undefined): Promise<void> {
  await checkProjectTemplates(cwd);
  if (templates === undefined) return;
  const info = await stat(templates).catch((error: NodeJS.ErrnoException) => error);
  const shown = displayPath(cwd, templates);
  if (info instanceof Error) {
    if (info.code === 'ENOENT' || info.code === 'ENOTDIR')
      throw new UserMistake(`the templates folder \`${shown}\` does not exist`, { kind: 'check-templates-folder' });
    throw new IoError(`cannot read the templates folder ${shown}: ${describeCause(info)}`);
  }
  if (!info.isDirectory())
    throw new UserMistake(`\`${shown}\` is a file, not a templates folder`, { kind: 'templates-is-a-folder' });
}

/** Makes the output folder: a file in its place is a usage error; a file system that refuses, an I/O error. */
export async function prepareOutputFolder(cwd: string, out: string): Promise<void> {
  const shown = displayPath(cwd, out);
  try {
    await ensureDir(out);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    if (error.code === 'ENOTDIR' || error.code === 'EEXIST') {
      const file = error.path && error.path !== out ? displayPath(cwd, error.path) : shown;
      throw new UserMistake(
        file === shown
          ? `the output folder \`${shown}\` is a file`
          : `the output folder \`${shown}\` cannot be made: \`${file}\` is a file`,
        { kind: 'other-output-folder' },
      );
    }
    // The parent exists (ensureDir checked): ENOENT from mkdir is a file system that refuses (/proc).
    const cause =
      error.code === 'ENOENT' && error.syscall === 'mkdir'
        ? 'the file system does not allow a folder there (ENOENT)'
        : describeCause(error);
    throw new IoError(`cannot create the output folder ${shown}: ${cause}`, { kind: 'other-output-folder' });
  }
}

/**
 * Locks the output folder for this build. Undefined when `signal` aborted while waiting; a usage
 * error when another build held it for longer than the timeout.
 */
export async function lockOutputFolder(
  cwd: string,
  out: string,
  waiting: LockWaiting,
): Promise<(() => Promise<void>) | undefined> {
  let outcome: Awaited<ReturnType<typeof lockOutput>>;
  try {
    outcome = await lockOutput(out, waiting);
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    throw new IoError(`cannot lock the output folder ${displayPath(cwd, out)}: ${describeCause(error)}`);
  }
  if (outcome.locked) return outcome.release;
  if (outcome.reason === 'aborted') return undefined;
  const lockPath = displayPath(cwd, join(out, LOCK_NAME));
  throw new UsageError(
    `another gareport build is writing to ${displayPath(cwd, out)}; gave up after ${Math.round(waiting.timeoutMs / 1000)} s`,
    `wait for it to finish, or give it longer with GAREPORT_LOCK_TIMEOUT=<seconds>; a lock left by a build that was killed (${lockPath}) is taken over after ${STALE_MS / 1000} s`,
  );
}

/**
 * Removes the outputs of a report that failed this time (issue 8, item 6): left in place they would
 * look like this build's. Returns the names removed.
 */
export async function removeOutputs(yearOut: string, baseName: string, formats: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const format of formats) {
    const name = `${baseName}.${format}`;
    const exists = await stat(join(yearOut, name)).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    // A file that cannot be removed (a read-only disk) stays; the failure is reported either way.
    if (
      await rm(join(yearOut, name)).then(
        () => true,
        () => false,
      )
    )
      removed.push(name);
  }
  return removed;
}
