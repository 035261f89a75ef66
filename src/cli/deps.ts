/** What every command module gets from `main`: the project, the streams, and a way to set the exit code. */
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { Painter } from './colour.js';
import type { Io } from './io.js';
import type { Project } from './project-settings.js';

export interface CommandDeps {
  /** The project root (paths are relative to it) and gareport's own folder. */
  ctx: { cwd: string; packageRoot: string };
  project: Project;
  /** The folder gareport was started in, and its environment (for settings). */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Formats a diagnostic for standard error (coloured on a terminal). */
  err: (d: Diagnostic) => string;
  setExitCode: (code: number) => void;
  io: Io;
  paint: Painter;
  /** Inside reports/<year>/<country>/, `validate` and `build` without arguments mean that report. */
  here: (
    command: string,
    yearArg: string | undefined,
    countryArg: string | undefined,
  ) => { year: number | undefined; country: string | undefined };
}

/** Prints diagnostics to standard error, each followed by a blank line. */
export function printToStderr(deps: CommandDeps, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) deps.stderr(`${deps.err(d)}\n\n`);
}
