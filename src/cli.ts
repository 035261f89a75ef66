import { Command, CommanderError, Option } from 'commander';
import type { Diagnostic, OutputFormat } from './diagnostics.js';
import { countDiagnostics, formatGithub, formatText, hasErrors, summaryLine } from './diagnostics.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { packageRoot } from './package-root.js';
import { displayPath, parseCountrySlug, parseYear, resolveInside } from './paths.js';

/** Where the CLI reads and writes; passed in so tests run `main` in-process. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is an interactive terminal (progress display). */
  isTTY?: boolean;
  /** gareport's own folder (forms/, templates/, data/); defaults to the installed package. */
  packageRoot?: string;
}

export const VERSION = '0.1.0';

function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[], format: OutputFormat, files: number): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ diagnostics, ...countDiagnostics(diagnostics) }, null, 2)}\n`);
    return;
  }
  if (format === 'github') {
    for (const d of diagnostics) io.stdout(`${formatGithub(d)}\n`);
    return;
  }
  for (const d of diagnostics) io.stdout(`${formatText(d)}\n\n`);
  io.stdout(`${summaryLine(countDiagnostics(diagnostics), files)}\n`);
}

const formatOption = () =>
  new Option('--format <format>', 'how to print problems').choices(['text', 'json', 'github']).default('text');

function parseFormats<T extends string>(input: string, known: readonly T[]): T[] {
  const wanted = input
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((f) => !known.includes(f as T));
  if (unknown.length || wanted.length === 0) {
    throw new UsageError(`unknown output format \`${unknown.join(', ') || input}\``, `choose from ${known.join(', ')}`);
  }
  return [...new Set(wanted as T[])];
}

function optionalYear(input: string | undefined): number | undefined {
  return input === undefined ? undefined : parseYear(input);
}

function optionalCountry(input: string | undefined): string | undefined {
  return input === undefined ? undefined : parseCountrySlug(input);
}

/** Runs gareport with the given arguments (without `node gareport`); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const ctx = { cwd: io.cwd, packageRoot: io.packageRoot ?? packageRoot };
  let exitCode = EXIT_OK;
  const program = new Command('gareport')
    .description('Validate and render Global Alliance progress reports')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run gareport --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('validate')
    .description('check answer files against the form (all reports under ./reports when no year is given)')
    .argument('[year]', 'reporting year, e.g. 2014')
    .argument('[country]', 'country folder, e.g. kosovo')
    .addOption(formatOption())
    .action(async (yearArg: string | undefined, countryArg: string | undefined, opts: { format: OutputFormat }) => {
      const { validate } = await import('./commands/validate.js');
      const result = await validate({ ...ctx, year: optionalYear(yearArg), country: optionalCountry(countryArg) });
      if (result.reports.length === 0)
        throw new UsageError(
          'there are no reports to validate under reports/',
          'run `gareport init <year> <country>` to start one',
        );
      printDiagnostics(io, result.diagnostics, opts.format, result.files);
      if (opts.format === 'text') {
        for (const r of result.reports) {
          const verdict = r.errors ? `${r.errors} error${r.errors === 1 ? '' : 's'}` : 'valid';
          io.stdout(
            `${r.year} ${r.country}: ${verdict}${r.warnings ? ` (${r.warnings} warning${r.warnings === 1 ? '' : 's'})` : ''}\n`,
          );
        }
      }
      exitCode = hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK;
    });

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of an answer file, for editors')
    .argument('[year]', 'reporting year (default: the latest form)')
    .option('--out <file>', 'write the schema to this file instead of standard output')
    .action(async (yearArg: string | undefined, opts: { out?: string }) => {
      const { answerSchemaJson } = await import('./commands/schema.js');
      const { availableFormYears, formDirectories } = await import('./form.js');
      const years = await availableFormYears(formDirectories(ctx.cwd, ctx.packageRoot));
      const year = optionalYear(yearArg) ?? years.at(-1);
      if (year === undefined) throw new UsageError('no form files found', 'add forms/<year>.yaml');
      const { json, diagnostics } = await answerSchemaJson(ctx, year);
      if (!json) {
        for (const d of diagnostics) io.stderr(`${formatText(d)}\n`);
        exitCode = EXIT_INVALID;
        return;
      }
      if (opts.out) {
        const { writeFileAtomic } = await import('./write.js');
        await writeFileAtomic(resolveInside(ctx.cwd, opts.out, 'output file'), json);
      } else io.stdout(json);
    });

  program
    .command('build')
    .description('render reports as Markdown, HTML and PDF (validation runs first)')
    .argument('[year]', 'reporting year, e.g. 2014 (default: every year under ./reports)')
    .argument('[country]', 'country folder, e.g. kosovo (default: every country of the year)')
    .option('--out <dir>', 'output folder', 'out')
    .option('--format <formats>', 'comma-separated output formats: md,html,pdf', 'md,html,pdf')
    .option('--templates <dir>', 'folder with templates that override the built-in ones')
    .addOption(new Option('--paper <size>', 'PDF paper size').choices(['a4', 'letter']).default('a4'))
    .option('--verbose', 'also print warnings')
    .action(
      async (
        yearArg: string | undefined,
        countryArg: string | undefined,
        opts: { out: string; format: string; templates?: string; paper: string; verbose?: boolean },
      ) => {
        const { build, FORMATS } = await import('./commands/build.js');
        const formats = parseFormats(opts.format, FORMATS);
        const result = await build({
          ...ctx,
          year: optionalYear(yearArg),
          country: optionalCountry(countryArg),
          out: resolveInside(ctx.cwd, opts.out, 'output folder'),
          formats,
          templates:
            opts.templates === undefined ? undefined : resolveInside(ctx.cwd, opts.templates, 'templates folder'),
          paper: opts.paper === 'letter' ? 'LETTER' : 'A4',
          sourceDateEpoch: io.env.SOURCE_DATE_EPOCH,
        });
        const shown = opts.verbose ? result.diagnostics : result.diagnostics.filter((d) => d.severity === 'error');
        for (const d of shown) io.stderr(`${formatText(d)}\n\n`);
        for (const b of result.built) {
          io.stdout(`built ${b.year} ${b.country}: ${b.files.map((f) => displayPath(ctx.cwd, f)).join(', ')}\n`);
        }
        for (const f of result.failed) {
          io.stderr(
            `not built ${f.year} ${f.country}: ${f.errors} error${f.errors === 1 ? '' : 's'} in the answers (see above)\n`,
          );
        }
        const warnings = countDiagnostics(result.diagnostics).warnings;
        if (warnings && !opts.verbose)
          io.stderr(`${warnings} warning${warnings === 1 ? '' : 's'}; run \`gareport validate\` to see them\n`);
        exitCode = result.failed.length ? EXIT_INVALID : EXIT_OK;
      },
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(`gareport: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
      return EXIT_USAGE;
    }
    const err = error as NodeJS.ErrnoException;
    if (err && (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'ENOSPC' || err.code === 'EROFS')) {
      io.stderr(`gareport: cannot write or read ${err.path ?? 'a file'}: ${err.code}\n`);
      return EXIT_USAGE;
    }
    io.stderr(
      `gareport: internal error: ${err?.message ?? String(error)}\nThis is a bug in gareport; please report it with the command you ran.\n`,
    );
    if (io.env.GAREPORT_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
    return EXIT_USAGE;
  }
}
