/** What `gareport build` prints about a build: its problems, the files built, a summary; and its exit code. */
import { join } from 'node:path';
import type { BuildResult } from '../commands/build.js';
import { countDiagnostics, formatText, isError, plural } from '../diagnostics/diagnostics.js';
import { EXIT_INVALID, EXIT_IO, EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM } from '../diagnostics/errors.js';
import { displayPath } from '../project/paths.js';
import type { Painter } from './colour.js';
import type { Io } from './io.js';

export interface BuildPrintFlags {
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
}

/** The exit code of a run stopped by a signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM. */
export function stoppedExitCode(io: Io): number {
  return io.signal?.reason === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
}

/** Prints a build's diagnostics and summary; returns the exit code. */
export function printBuild(
  io: Io,
  cwd: string,
  outDir: string,
  result: BuildResult,
  opts: BuildPrintFlags,
  paint: Painter,
): number {
  // Font warnings are shown too: `validate` looks at the PDF's fonts only with --pdf-fonts (issue 10).
  const shown = opts.verbose
    ? result.diagnostics
    : result.diagnostics.filter((d) => isError(d) || d.ruleId === 'font-missing');
  for (const d of shown) io.stderr(`${paint.stderr(formatText(d))}\n\n`);
  if (!opts.quiet) printBuilt(io, cwd, outDir, result, opts);
  for (const f of result.failed) {
    const removed = f.removed?.length
      ? `; removed ${f.removed.map((name) => displayPath(cwd, join(outDir, String(f.year), name))).join(', ')}`
      : '';
    io.stderr(`not built ${f.year} ${f.country}: ${f.reason}${removed}\n`);
  }
  if (result.stopped) {
    io.stderr('gareport: stopped; the reports finished are kept, and the next build does the rest\n');
    return stoppedExitCode(io);
  }
  if (result.failed.some((f) => f.io)) return EXIT_IO;
  return result.failed.length ? EXIT_INVALID : EXIT_OK;
}

/** The reports built (all of them when a few, or with --verbose), the year files, and a count. */
function printBuilt(io: Io, cwd: string, outDir: string, result: BuildResult, opts: BuildPrintFlags): void {
  const list = opts.verbose || result.built.length <= 3 ? result.built : [];
  for (const b of list)
    io.stdout(
      `built ${b.year} ${b.country}: ${b.files.map((f) => displayPath(cwd, join(outDir, String(b.year), f))).join(', ')}\n`,
    );
  for (const f of result.yearFiles) io.stdout(`built ${displayPath(cwd, join(outDir, f))}\n`);
  const parts = [`${plural(result.built.length, 'report')} built`];
  const notChanged = result.skipped.filter((s) => s.notChanged).length;
  if (result.skipped.length > notChanged) parts.push(`${result.skipped.length - notChanged} up to date`);
  if (notChanged) parts.push(`${notChanged} not built (unchanged since --changed-since, no up-to-date output)`);
  if (result.failed.length) parts.push(`${result.failed.length} failed`);
  io.stdout(`${parts.join(', ')}\n`);
  const { warnings } = countDiagnostics(result.diagnostics);
  if (warnings && !opts.verbose) io.stderr(`${plural(warnings, 'warning')}; run \`gareport validate\` to see them\n`);
}
