/** What `gareport build` prints about a build: its problems, the files built, a summary; and its exit code. */
import { join } from 'node:path';
import type { BuildResult } from '../commands/build.js';
import { countDiagnostics, diagnosticData, formatText, isError, plural } from '../diagnostics/diagnostics.js';
import { EXIT_INVALID, EXIT_IO, EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM, EXIT_USAGE } from '../diagnostics/errors.js';
import { displayPath } from '../project/paths.js';
import type { Painter } from './colour.js';
import type { Io } from './io.js';

export interface BuildPrintFlags {
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
  /** `--summary json`: standard output is one JSON account of the build, for CI. */
  summary?: 'text' | 'json' | undefined;
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
  if (opts.summary === 'json') {
    const exitCode = buildExitCode(io, result);
    io.stdout(`${JSON.stringify(buildSummary(cwd, outDir, result, exitCode), null, 2)}\n`);
    return exitCode;
  }
  if (!opts.quiet) printBuilt(io, cwd, outDir, result, opts);
  for (const f of result.failed) {
    const removed = f.removed?.length
      ? `; removed ${f.removed.map((name) => displayPath(cwd, join(outDir, String(f.year), name))).join(', ')}`
      : '';
    io.stderr(`not built ${f.year} ${f.country}: ${f.reason}${removed}\n`);
  }
  if (result.failed.some((f) => f.internal)) {
    io.stderr('This is a bug in gareport; please report it with the command you ran.\n');
  }
  if (result.stopped) io.stderr('gareport: stopped; the reports finished are kept, and the next build does the rest\n');
  return buildExitCode(io, result);
}

function buildExitCode(io: Io, result: BuildResult): number {
  if (result.stopped) return stoppedExitCode(io);
  // An internal failure is a bug: exit code 2 (README "Exit codes"), whatever else failed.
  if (result.failed.some((f) => f.internal)) return EXIT_USAGE;
  if (result.failed.some((f) => f.io)) return EXIT_IO;
  return result.failed.length ? EXIT_INVALID : EXIT_OK;
}

/** `--summary json`: what was built, up to date, failed (and the outputs removed), with every diagnostic. */
function buildSummary(cwd: string, outDir: string, result: BuildResult, exitCode: number) {
  const path = (year: number, name: string) => displayPath(cwd, join(outDir, String(year), name));
  return {
    ok: exitCode === EXIT_OK,
    exitCode,
    stopped: result.stopped,
    built: result.built.map((b) => ({
      year: b.year,
      country: b.country,
      name: b.name,
      files: b.files.map((f) => path(b.year, f)),
    })),
    upToDate: result.skipped.map(({ year, country }) => ({ year, country })),
    failed: result.failed.map((f) => ({
      year: f.year,
      country: f.country,
      reason: f.reason,
      removed: (f.removed ?? []).map((name) => path(f.year, name)),
    })),
    yearFiles: result.yearFiles.map((f) => displayPath(cwd, join(outDir, f))),
    // Outputs of a report rebuilt in a format not built this time (issue 21 item 3).
    removed: (result.removed ?? []).map((f) => displayPath(cwd, join(outDir, f))),
    diagnostics: result.diagnostics.map(diagnosticData),
    errors: countDiagnostics(result.diagnostics).errors,
    warnings: countDiagnostics(result.diagnostics).warnings + result.upToDateWarnings,
  };
}

/** The reports built (all of them when a few, or with --verbose), the year files, and a count. */
function printBuilt(io: Io, cwd: string, outDir: string, result: BuildResult, opts: BuildPrintFlags): void {
  const list = opts.verbose || result.built.length <= 3 ? result.built : [];
  for (const b of list)
    io.stdout(
      `built ${b.year} ${b.country}: ${b.files.map((f) => displayPath(cwd, join(outDir, String(b.year), f))).join(', ')}\n`,
    );
  for (const f of result.yearFiles) io.stdout(`built ${displayPath(cwd, join(outDir, f))}\n`);
  for (const f of result.removed ?? [])
    io.stdout(`removed ${displayPath(cwd, join(outDir, f))}: not among the formats built this time\n`);
  const parts = [`${plural(result.built.length, 'report')} built`];
  const notChanged = result.skipped.filter((s) => s.notChanged).length;
  if (result.skipped.length > notChanged) parts.push(`${result.skipped.length - notChanged} up to date`);
  if (notChanged) parts.push(`${notChanged} not built (unchanged since --changed-since, no up-to-date output)`);
  if (result.failed.length) parts.push(`${result.failed.length} failed`);
  io.stdout(`${parts.join(', ')}\n`);
  // The same count whatever was rebuilt: an up-to-date report's warnings come from the build record.
  const warnings = countDiagnostics(result.diagnostics).warnings + result.upToDateWarnings;
  if (warnings && !opts.verbose) io.stderr(`${plural(warnings, 'warning')}; run \`gareport validate\` to see them\n`);
}
