/** An error as it crosses threads: structured cloning keeps only an Error's message and stack. */
import { UsageError } from '../diagnostics/errors.js';

/** An error as plain data: its message, whether it is a usage mistake (and its hint), a file system error's code and path. */
export interface ErrorData {
  error: string;
  usage?: boolean;
  hint?: string | undefined;
  /** A file system error's code and path (EACCES, …), so the main thread reports it as such. */
  code?: string | undefined;
  path?: string | undefined;
  syscall?: string | undefined;
}

export function errorData(error: unknown): ErrorData {
  const usage = error instanceof UsageError;
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return {
    error: (error as Error)?.message ?? String(error),
    usage,
    hint: usage ? error.hint : undefined,
    code: typeof code === 'string' ? code : undefined,
    path: typeof path === 'string' ? path : undefined,
    syscall: typeof syscall === 'string' ? syscall : undefined,
  };
}

export function errorFromData(data: ErrorData): Error {
  if (data.usage) return new UsageError(data.error, data.hint);
  const { code, path, syscall } = data;
  return Object.assign(new Error(data.error), { code, path, syscall });
}
