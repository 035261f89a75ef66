/** How the CLI prints: diagnostics in the chosen format, failed writes to the terminal, and errors it did not expect. */
import { CommanderError } from 'commander';
import type { Diagnostic, OutputFormat } from '../diagnostics/diagnostics.js';
import { countDiagnostics, formatGithub, formatJson, formatText, summaryLine } from '../diagnostics/diagnostics.js';
import {
  describeCause,
  describeFileSystemError,
  EXIT_IO,
  EXIT_OK,
  EXIT_USAGE,
  isFileSystemError,
  UsageError,
} from '../diagnostics/errors.js';
import { resolveProjectPath } from '../project/locate.js';
import { displayPath } from '../project/paths.js';
import type { Painter } from './colour.js';
import type { Io } from './io.js';
import { describeMistake } from './remedies.js';

/** Diagnostics on standard output, as `--format` says: text with a summary, JSON, or GitHub annotations. */
export function printDiagnostics(
  io: Io,
  diagnostics: readonly Diagnostic[],
  format: OutputFormat,
  files: number,
  paint: Painter,
): void {
  if (format === 'json') {
    io.stdout(formatJson(diagnostics));
    return;
  }
  if (format === 'github') {
    for (const d of diagnostics) io.stdout(`${formatGithub(d)}\n`);
    return;
  }
  for (const d of diagnostics) io.stdout(`${paint.stdout(formatText(d))}\n\n`);
  io.stdout(`${summaryLine(countDiagnostics(diagnostics), files)}\n`);
}

/**
 * What to say when standard output or error fails (`> /dev/full`, a closed pipe); returns the exit
 * code. A reader that went away (EPIPE, e.g. `| head`) is not an error.
 */
export function streamFailure(
  error: NodeJS.ErrnoException,
  stream: 'standard output' | 'standard error',
  stderr: (text: string) => void,
): number | undefined {
  if (error.code === 'EPIPE') return undefined;
  try {
    stderr(`gareport: cannot write to ${stream}: ${describeCause(error)}\n`);
  } catch {
    // Standard error itself is broken: the exit code is all that is left.
  }
  return EXIT_IO;
}

/** `text` on standard output, or into the file `out` (a path as the user typed it). */
export async function printOrWrite(io: Io, cwd: string, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  const { writeFileAtomic } = await import('../project/write-atomic.js');
  await writeFileAtomic(resolveProjectPath(cwd, io.cwd, out, 'output file'), text);
}

/**
 * The one catch site: what a command threw, as a short message and an exit code. A usage mistake
 * exits 2 with its hint, a file that cannot be read or written 3; anything else is a bug, said so.
 */
export function reportFailure(error: unknown, io: Io, cwd: string, paint: Painter): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; everything else commander rejects is a usage error.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    const { message, hint } = describeMistake(error);
    io.stderr(paint.stderr(`gareport: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`));
    return EXIT_USAGE;
  }
  if (error instanceof Error && 'exitCode' in error && error.exitCode === EXIT_IO) {
    const { message, hint } = describeMistake(error);
    io.stderr(`gareport: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`);
    return EXIT_IO;
  }
  if (isFileSystemError(error)) {
    io.stderr(`gareport: ${describeFileSystemError(error, (p) => displayPath(cwd, p))}\n`);
    return EXIT_IO;
  }
  const err = error as NodeJS.ErrnoException;
  io.stderr(
    `gareport: internal error: ${err?.message ?? String(error)}\nThis is a bug in gareport; please report it with the command you ran.\n`,
  );
  if (io.env.GAREPORT_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
  return EXIT_USAGE;
}
