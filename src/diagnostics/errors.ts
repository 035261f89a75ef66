/** A mistake in how the command was called (exit code 2), with an optional hint. */
export class UsageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** A file or folder could not be read or written (permissions, read-only or full disk, …). */
export const EXIT_IO = 3;
/** Stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + the signal number, as shells report it. */
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

/** What the system said, in words, for the file-system error codes users meet. */
const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the file system',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'it exists already',
  ELOOP: 'too many levels of symbolic links (a symbolic link that points back to itself)',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error (a failing disk or network share?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'the file or folder is busy',
  EPIPE: 'the reader went away',
  EAGAIN: 'the resource is temporarily unavailable',
  ETXTBSY: 'the file is busy',
  EINVAL: 'the file system does not allow it',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
};

/** A file-system error (an errno code such as ENOSPC), as Node reports it. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code in CAUSES;
}

/** `no space left on the device (ENOSPC)`. */
export function describeCause(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'unknown';
  return `${CAUSES[code] ?? error.message} (${code})`;
}

const VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rmdir: 'remove the folder',
  rename: 'write',
  unlink: 'remove',
  scandir: 'read the folder',
  opendir: 'read the folder',
  stat: 'read',
  lstat: 'read',
  realpath: 'resolve',
  copyfile: 'copy',
};

/** `cannot write out/2014/kosovo.pdf: no space left on the device (ENOSPC)`; `shown` turns a path into what the user sees. */
export function describeFileSystemError(
  error: NodeJS.ErrnoException,
  shown: (path: string) => string = (p) => p,
): string {
  const verb = VERBS[error.syscall ?? ''] ?? 'read or write';
  const path = error.path ? ` ${shown(error.path)}` : '';
  return `cannot ${verb}${path}: ${describeCause(error)}`;
}
