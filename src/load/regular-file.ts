/**
 * Reading a file a project supplies (a template, theme.yaml, fonts.yaml, a font, the config)
 * without trusting what is at the path: it is opened without blocking (a FIFO would otherwise wait
 * for a writer forever), checked to be a regular file on the open descriptor (no race with a
 * rename), and its size checked against a cap before a byte is read (`/dev/zero` never ends).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a file was not read; `message` is worded for the user, without the path. */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'not-a-file' | 'too-large',
    message: string,
    /** The file's size in bytes, as found. */
    readonly size = 0,
  ) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function check(path: string, info: { isFile(): boolean; size: number }, maxBytes: number): void {
  if (!info.isFile())
    throw new UnreadableFileError(path, 'not-a-file', 'this is not a regular file (a folder, device or pipe)');
  if (info.size > maxBytes)
    throw new UnreadableFileError(
      path,
      'too-large',
      `this file is too large (${info.size.toLocaleString('en-US')} bytes); the limit is ${describeBytes(maxBytes)}`,
      info.size,
    );
}

/** `64 MiB`, `1 MiB`, `256 KiB`. */
export function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/**
 * The bytes of a regular file of at most `maxBytes`; an `UnreadableFileError` for anything else.
 * Other failures (ENOENT, EACCES) are thrown as Node gives them.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, FLAGS);
  try {
    const info = await handle.stat();
    check(path, info, maxBytes);
    // Read no more than the cap, even if the file grows while it is read.
    const buffer = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** The first `count` bytes of a regular file of at most `maxBytes` (a format's magic number). */
export async function readRegularFileHead(path: string, count: number, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, FLAGS);
  try {
    check(path, await handle.stat(), maxBytes);
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `readRegularFile` for the callers that must stay synchronous (Liquid's sync API, font fallback). */
export function readRegularFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, FLAGS);
  try {
    const info = fstatSync(fd);
    check(path, info, maxBytes);
    const buffer = Buffer.alloc(info.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
