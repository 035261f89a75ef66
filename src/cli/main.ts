import { join } from 'node:path';
import { Command, CommanderError, type Option } from 'commander';
import type { BuildOptions, BuildResult } from '../commands/build.js';
import type { ValidateOptions } from '../commands/validate.js';
import type { Diagnostic, OutputFormat } from '../diagnostics/diagnostics.js';
import {
  countDiagnostics,
  formatGithub,
  formatText,
  hasErrors,
  plural,
  summaryLine,
} from '../diagnostics/diagnostics.js';
import {
  describeCause,
  describeFileSystemError,
  EXIT_INVALID,
  EXIT_IO,
  EXIT_OK,
  EXIT_SIGINT,
  EXIT_SIGTERM,
  EXIT_USAGE,
  isFileSystemError,
  UsageError,
} from '../diagnostics/errors.js';
import type { Settings } from '../project/config.js';
import { PAPER_SIZES, resolveProjectPath } from '../project/locate.js';
import { packageRoot } from '../project/package-root.js';
import { displayPath, parseCountrySlug, parseYear } from '../project/paths.js';
import { VERSION } from '../project/version.js';
import { checkYearFirst, yearAndCountry, yearOnly } from './arguments.js';
import type { Painter } from './colour.js';
import { painter } from './colour.js';
import { registerDiffCommand, registerFollowUpCommand, registerFormCommands } from './cycle-commands.js';
import { choiceOption, quietAndVerbose } from './options.js';
import { configDiagnostics, describeProject, locateProject, projectSettings } from './project-settings.js';

/** Where the CLI reads and writes; passed in so tests run `main` in-process. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is an interactive terminal (progress display, colour). */
  isTTY?: boolean;
  /** Whether stderr is an interactive terminal (colour of the diagnostics printed there). */
  stderrIsTTY?: boolean;
  /** Aborted to stop long-running commands (`build --watch`), e.g. on Ctrl-C. */
  signal?: AbortSignal;
  /** gareport's own folder (forms/, templates/, data/); defaults to the installed package. */
  packageRoot?: string;
}

function printDiagnostics(
  io: Io,
  diagnostics: readonly Diagnostic[],
  format: OutputFormat,
  files: number,
  paint: Painter,
): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ diagnostics, ...countDiagnostics(diagnostics) }, null, 2)}\n`);
    return;
  }
  if (format === 'github') {
    for (const d of diagnostics) io.stdout(`${formatGithub(d)}\n`);
    return;
  }
  for (const d of diagnostics) io.stdout(`${paint.stdout(formatText(d))}\n\n`);
  io.stdout(`${summaryLine(countDiagnostics(diagnostics), files)}\n`);
}

const formatOption = () =>
  choiceOption('--format <format>', 'how to print problems', ['text', 'json', 'github'], 'text');

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

interface ValidateFlags {
  format: OutputFormat;
  pdfFonts?: boolean;
  fonts?: string;
  strict?: boolean;
}

interface BuildFlags {
  out?: string;
  format?: string;
  templates?: string;
  paper?: string;
  fonts?: string;
  strict?: boolean;
  force?: boolean;
  changedSince?: string;
  watch?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

async function buildOptions(
  ctx: { cwd: string; packageRoot: string },
  io: Io,
  yearArg: string | undefined,
  countryArg: string | undefined,
  opts: BuildFlags,
  settings: Settings,
): Promise<BuildOptions> {
  const { FORMATS } = await import('../commands/build.js');
  const { year, country } = yearAndCountry('build', yearArg, countryArg);
  let only: Set<string> | undefined;
  if (opts.changedSince !== undefined) {
    const { changedReports } = await import('../project/git.js');
    only = await changedReports(ctx.cwd, opts.changedSince);
  }
  const { progressPrinter } = await import('./progress.js');
  const inPlace = Boolean(io.isTTY) && !io.env.CI && io.env.TERM !== 'dumb';
  const onProgress = progressPrinter(opts.quiet || opts.watch ? 'none' : inPlace ? 'terminal' : 'lines', io.stderr);
  return {
    ...ctx,
    year,
    country,
    out: settings.out.value,
    formats: parseFormats(settings.formats.value.join(','), FORMATS),
    templates: settings.templates.value,
    paper: settings.paper.value === 'letter' ? 'LETTER' : 'A4',
    fonts: settings.fonts.value,
    strict: settings.strict.value,
    sourceDateEpoch: io.env.SOURCE_DATE_EPOCH,
    force: Boolean(opts.force),
    only,
    onProgress,
    signal: io.signal,
    lockTimeoutMs: lockTimeout(io.env.GAREPORT_LOCK_TIMEOUT),
    onLockWait: () =>
      io.stderr(
        `waiting for another gareport build writing to ${displayPath(ctx.cwd, settings.out.value)} to finish…\n`,
      ),
  };
}

/** GAREPORT_LOCK_TIMEOUT: seconds to wait for another build writing to the same output folder. */
function lockTimeout(input: string | undefined): number | undefined {
  if (input === undefined || input === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(input))
    throw new UsageError(`GAREPORT_LOCK_TIMEOUT must be a number of seconds, not \`${input}\``);
  return Number(input) * 1000;
}

/** The exit code of a run stopped by a signal: 130 for Ctrl-C (SIGINT), 143 for SIGTERM. */
function stoppedExitCode(io: Io): number {
  return io.signal?.reason === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
}

/** Prints a build's diagnostics and summary; returns the exit code. */
function printBuild(
  io: Io,
  cwd: string,
  outDir: string,
  result: BuildResult,
  opts: BuildFlags,
  paint: Painter,
): number {
  // Font warnings are shown too: `validate` looks at the PDF's fonts only with --pdf-fonts (issue 10).
  const shown = opts.verbose
    ? result.diagnostics
    : result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'font-missing');
  for (const d of shown) io.stderr(`${paint.stderr(formatText(d))}\n\n`);
  if (!opts.quiet) {
    const list = opts.verbose || result.built.length <= 3 ? result.built : [];
    for (const b of list)
      io.stdout(
        `built ${b.year} ${b.country}: ${b.files.map((f) => displayPath(cwd, join(outDir, String(b.year), f))).join(', ')}\n`,
      );
    for (const f of result.yearFiles) io.stdout(`built ${displayPath(cwd, join(outDir, f))}\n`);
    const parts = [`${plural(result.built.length, 'report')} built`];
    if (result.skipped.length) parts.push(`${result.skipped.length} up to date`);
    if (result.failed.length) parts.push(`${result.failed.length} failed`);
    io.stdout(`${parts.join(', ')}\n`);
    const { warnings } = countDiagnostics(result.diagnostics);
    if (warnings && !opts.verbose) io.stderr(`${plural(warnings, 'warning')}; run \`gareport validate\` to see them\n`);
  }
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

async function printOrWrite(io: Io, cwd: string, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  const { writeFileAtomic } = await import('../project/write-atomic.js');
  await writeFileAtomic(resolveProjectPath(cwd, io.cwd, out, 'output file'), text);
}

/** Runs gareport with the given arguments (without `node gareport`); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // Like git, gareport works from any folder of the project: paths are relative to its root.
  const project = await locateProject(io.cwd);
  const ctx = { cwd: project.root, packageRoot: io.packageRoot ?? packageRoot };
  /** Inside reports/<year>/<country>/, `validate` and `build` without arguments mean that report. */
  const here = (command: string, yearArg: string | undefined, countryArg: string | undefined) =>
    yearArg === undefined && countryArg === undefined
      ? { year: project.year, country: project.country }
      : yearAndCountry(command, yearArg, countryArg);
  const paint = painter(io.env, { stdout: io.isTTY, stderr: io.stderrIsTTY });
  const err = (d: Diagnostic) => paint.stderr(formatText(d));
  let exitCode = EXIT_OK;
  const program = new Command('gareport')
    .description('Validate and render Global Alliance progress reports')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run gareport --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('validate')
    .description('check answer files against the form (all reports under ./reports when no year is given)')
    .argument('[year]', 'reporting year, e.g. 2014')
    .argument('[country]', 'country folder, e.g. kosovo')
    .addOption(formatOption())
    .option('--pdf-fonts', 'also check that the PDF has a font for every character of the answers')
    .option('--fonts <list>', 'with --pdf-fonts: font files or npm font packages to try (as for build)')
    .option('--strict', 'with --pdf-fonts: a character no font can draw is an error')
    .action(async (yearArg: string | undefined, countryArg: string | undefined, opts: ValidateFlags) => {
      const { validate } = await import('../commands/validate.js');
      let pdfFonts: ValidateOptions['pdfFonts'];
      if (opts.pdfFonts) {
        // Only the font settings: --format here is the diagnostics' format, not build's formats.
        const flags = { fonts: opts.fonts, strict: opts.strict };
        const { settings, diagnostics } = await projectSettings(project, io.cwd, flags, io.env);
        for (const d of diagnostics) io.stderr(`${err(d)}\n\n`);
        if (!settings) {
          exitCode = EXIT_INVALID;
          return;
        }
        pdfFonts = { fonts: settings.fonts.value, templates: settings.templates.value, strict: settings.strict.value };
      }
      const result = await validate({ ...ctx, ...here('validate', yearArg, countryArg), pdfFonts });
      const config = await configDiagnostics(project);
      if (config.length) {
        result.diagnostics.unshift(...config);
        result.files++;
      }
      if (result.reports.length === 0)
        throw new UsageError(
          'there are no reports to validate under reports/',
          'run `gareport init <year> <country>` to start one',
        );
      printDiagnostics(io, result.diagnostics, opts.format, result.files, paint);
      if (opts.format === 'text') {
        for (const r of result.reports) {
          const verdict = r.errors ? plural(r.errors, 'error') : 'valid';
          io.stdout(`${r.year} ${r.country}: ${verdict}${r.warnings ? ` (${plural(r.warnings, 'warning')})` : ''}\n`);
        }
      }
      exitCode = hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK;
    });

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of an answer file, for editors')
    .argument('[year]', 'reporting year (default: the latest form)')
    .option('--out <file>', 'write the schema to this file instead of standard output')
    .option('--config', 'the schema of gareport.config.yaml instead')
    .action(async (yearArg: string | undefined, opts: { out?: string; config?: boolean }) => {
      if (opts.config) {
        const { configJsonSchema } = await import('../project/config.js');
        await printOrWrite(io, ctx.cwd, configJsonSchema(), opts.out);
        return;
      }
      const { answerSchemaJson } = await import('../model/answer-schema.js');
      const { availableFormYears, formDirectories } = await import('../model/form.js');
      const years = await availableFormYears(formDirectories(ctx.cwd, ctx.packageRoot));
      const year = yearOnly('schema', yearArg) ?? years.at(-1);
      if (year === undefined) throw new UsageError('no form files found', 'add forms/<year>.yaml');
      if (!years.includes(year)) {
        throw new UsageError(
          `there is no reporting form for ${year}`,
          years.length ? `forms exist for ${years.join(', ')}` : 'add forms/<year>.yaml',
        );
      }
      const { json, diagnostics } = await answerSchemaJson(ctx, year);
      if (!json) {
        for (const d of diagnostics) io.stderr(`${err(d)}\n`);
        exitCode = EXIT_INVALID;
        return;
      }
      await printOrWrite(io, ctx.cwd, json, opts.out);
    });

  program
    .command('init')
    .description("start a report: answer files with every goal and question of the year's form, ready to fill in")
    .argument('<year>', 'reporting year, e.g. 2014')
    .argument('<country>', 'country folder, e.g. kosovo')
    .option('--name <name>', 'the name to print, for a country not in the list of participating countries')
    .option('--force', 'replace existing files with empty ones (their answers are lost)')
    .action(async (yearArg: string, countryArg: string, opts: { name?: string; force?: boolean }) => {
      const { init } = await import('../commands/init.js');
      checkYearFirst('init', yearArg, countryArg);
      const year = parseYear(yearArg);
      const country = parseCountrySlug(countryArg);
      const result = await init({ ...ctx, year, country, name: opts.name, force: opts.force });
      for (const d of result.diagnostics) io.stderr(`${err(d)}\n\n`);
      for (const f of result.files) {
        io.stdout(`${f.action} ${displayPath(ctx.cwd, f.path)}${f.detail ? ` (${f.detail})` : ''}\n`);
      }
      if (result.followUpsFrom) {
        const { year: earlier, goals } = result.followUpsFrom;
        io.stdout(
          `the follow-up actions of the ${earlier} report are shown as comments next to question A (${plural(goals, 'goal')})\n`,
        );
      }
      for (const note of result.notes) io.stdout(`note: ${note}\n`);
      if (hasErrors(result.diagnostics)) {
        exitCode = EXIT_INVALID;
        return;
      }
      io.stdout(`next: write the answers, then run \`gareport validate ${year} ${country}\`\n`);
    });

  program
    .command('import')
    .description('write the answer files of a report from a filled-in form (.txt, .md or .docx)')
    .argument('<file>', 'the filled-in form, laid out as the form: Policy Target No. 1, Operational Goal: …, A) …')
    .argument('<year>', 'reporting year, e.g. 2014')
    .argument('<country>', 'country folder, e.g. kosovo')
    .option('--name <name>', 'the name to print, for a country not in the list of participating countries')
    .option(
      '--force',
      'put the answers into existing answer files (answers the document lacks are kept; a copy of each file is kept)',
    )
    .option('--replace', 'replace existing answer files by the document: what it leaves unanswered is erased')
    .option('--dry-run', 'show the files that would be written, and write nothing')
    .action(
      async (
        fileArg: string,
        yearArg: string,
        countryArg: string,
        opts: { name?: string; force?: boolean; replace?: boolean; dryRun?: boolean },
      ) => {
        const { importFilledForm, writeImport, describeLosses } = await import('../commands/import.js');
        const { isAbsolute, resolve } = await import('node:path');
        checkYearFirst(`import ${fileArg}`, yearArg, countryArg);
        const year = parseYear(yearArg);
        const country = parseCountrySlug(countryArg);
        // The document may be anywhere (it is only read); what is written goes under ./reports.
        const file = resolve(io.cwd, fileArg);
        const shownFile = isAbsolute(fileArg) ? displayPath(ctx.cwd, file) : fileArg.replace(/\\/g, '/');
        const options = { ...ctx, file, shownFile, year, country, ...opts };
        const result = await importFilledForm(options);
        for (const d of result.diagnostics) io.stderr(`${err(d)}\n\n`);
        const shown = (path: string) => displayPath(ctx.cwd, path);
        if (result.outcome === 'dry-run' || (result.outcome === 'not-placed' && opts.dryRun)) {
          for (const f of result.files) {
            const verb = f.action === 'replace' ? 'replace' : 'create';
            io.stdout(`--- would ${verb} ${shown(f.path)}\n`);
            io.stdout(f.path.endsWith('.json') ? '(JSON Schema of the answer files, for editors)\n' : f.content);
          }
          for (const k of result.kept) io.stdout(`--- would keep ${shown(k)}\n`);
        }
        const losses = describeLosses(result.losses, shown);
        const { answered, nothingToReport, unanswered } = result.counts;
        const summary = `${answered} answered, ${nothingToReport} nothing to report, ${unanswered} unanswered`;
        const refuse = (why: string) => {
          io.stderr(`gareport: nothing was written: ${why}\n`);
          exitCode = EXIT_INVALID;
        };
        switch (result.outcome) {
          case 'form-invalid':
            return refuse(`the ${year} form has errors (see above)`);
          case 'unreadable':
            return refuse(`${shownFile} cannot be read (see above)`);
          case 'not-placed':
            return refuse(`parts of ${shownFile} could not be placed in the ${year} form (see above)`);
          case 'no-answers':
            return refuse(`${shownFile} has no answers`);
          case 'cannot-merge':
            return refuse('the answers cannot be put into the existing answer files (see above)');
          case 'exists': {
            const listed = result.existing.map((e) => {
              const held =
                e.answered === undefined ? '' : e.answered ? ` (${e.answered} answered)` : ' (no answers yet)';
              return `  ${shown(e.path)}${held}\n`;
            });
            io.stderr(
              `gareport: these answer files exist already and the import would change them:\n${listed.join('')}`,
            );
            if (losses) io.stderr(`the import would replace:\n${losses}`);
            return refuse(
              'existing answer files\n  hint: run again with --force to put the answers into them (answers the document lacks are kept, and a copy of each file is kept), or with --dry-run to see the import',
            );
          }
          case 'dry-run':
            if (losses) io.stdout(`the import would replace:\n${losses}`);
            io.stdout(`dry run: nothing written (${summary})\n`);
            if (result.existing.length && !opts.force && !opts.replace)
              io.stdout(`note: ${result.existing.length} answer files exist already; a real run needs --force\n`);
            break;
          case 'ready': {
            // Said before anything is replaced, so an interrupted run has told what it was about to do.
            if (losses) io.stderr(`gareport: the import replaces:\n${losses}`);
            const { backup } = await writeImport(result, options);
            for (const f of result.files)
              io.stdout(
                `${f.action === 'replace' ? 'replaced' : 'created'} ${shown(f.path)}${f.detail ? ` (${f.detail})` : ''}\n`,
              );
            for (const k of result.kept) io.stdout(`kept ${shown(k)}\n`);
            if (backup) io.stdout(`copies of the replaced files are in ${shown(backup)}\n`);
            io.stdout(`imported ${shownFile}: ${summary}\n`);
            break;
          }
        }
        for (const note of result.notes) io.stdout(`note: ${note}\n`);
        exitCode = hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK;
        if (result.outcome === 'ready' && exitCode === EXIT_OK)
          io.stdout(`next: gareport validate ${year} ${country}, then gareport build ${year} ${country}\n`);
      },
    );

  program
    .command('build')
    .description('render reports as Markdown, HTML and PDF (validation runs first)')
    .argument('[year]', 'reporting year, e.g. 2014 (default: every year under ./reports)')
    .argument('[country]', 'country folder, e.g. kosovo (default: every country of the year)')
    .option('--out <dir>', 'output folder (default: out)')
    .option('--format <formats>', 'comma-separated output formats: md,html,pdf,docx (default: md,html,pdf)')
    .option('--templates <dir>', 'folder with templates that override the built-in ones')
    .addOption(choiceOption('--paper <size>', 'PDF paper size (default: a4)', PAPER_SIZES))
    .option('--fonts <list>', 'comma-separated font files or npm font packages for characters the built-in fonts lack')
    .option('--strict', 'treat font warnings as errors')
    .option('--force', 'rebuild everything, even reports whose inputs did not change')
    .option('--changed-since <git-ref>', 'only build the reports whose files changed since this git commit or branch')
    .option('--watch', 'rebuild whenever an answer, form or template file is saved')
    .addOption(quietAndVerbose()[0] as Option)
    .addOption(quietAndVerbose()[1] as Option)
    .action(async (yearArg: string | undefined, countryArg: string | undefined, opts: BuildFlags) => {
      const { settings, diagnostics } = await projectSettings(project, io.cwd, opts, io.env);
      for (const d of diagnostics) io.stderr(`${err(d)}\n\n`);
      if (!settings) {
        exitCode = EXIT_INVALID;
        return;
      }
      if (opts.verbose) io.stderr(await describeProject(project, settings));
      const { year, country } = here('build', yearArg, countryArg);
      const options = await buildOptions(ctx, io, year?.toString(), country, opts, settings);
      if (opts.watch) {
        const { watchBuild } = await import('./watch-build.js');
        await watchBuild(
          options,
          (result) => printBuild(io, ctx.cwd, options.out, result, opts, paint),
          {
            onChange: (files) => io.stderr(`changed: ${files.join(', ')}; rebuilding\n`),
            onError: (error) =>
              io.stderr(
                `gareport: ${error.message}${error instanceof UsageError && error.hint ? `\n  hint: ${error.hint}` : ''}\n`,
              ),
          },
          io.signal,
        );
        return;
      }
      const { build } = await import('../commands/build.js');
      exitCode = printBuild(io, ctx.cwd, options.out, await build(options), opts, paint);
    });

  program
    .command('status')
    .description(
      'how complete each report is: countries × operational goals of a year; without a year, countries × years',
    )
    .argument('[year]', 'reporting year (default: every year, countries × years)')
    .addOption(choiceOption('--format <format>', 'output format', ['text', 'json'], 'text'))
    .action(async (yearArg: string | undefined, opts: { format: 'text' | 'json' }) => {
      const { status, formatStatusTable, statusMatrix, formatStatusMatrix } = await import('../commands/status.js');
      const year = yearOnly('status', yearArg);
      if (year === undefined) {
        // No year: every country × every year.
        const matrix = await statusMatrix(ctx);
        for (const d of matrix.diagnostics ?? []) io.stderr(`${err(d)}\n\n`);
        io.stdout(opts.format === 'json' ? `${JSON.stringify(matrix, null, 2)}\n` : formatStatusMatrix(matrix));
        const invalid = matrix.rows.some((r) => Object.values(r.years).some((c) => c !== null && 'errors' in c));
        exitCode = invalid || matrix.diagnostics ? EXIT_INVALID : EXIT_OK;
        return;
      }
      const result = await status({ ...ctx, year });
      if (result.diagnostics?.length) {
        for (const d of result.diagnostics) io.stderr(`${err(d)}\n\n`);
        exitCode = EXIT_INVALID;
        return;
      }
      io.stdout(opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatStatusTable(result));
      exitCode = result.rows.some((r) => r.errors > 0) ? EXIT_INVALID : EXIT_OK;
    });

  const cycle = {
    ctx,
    project,
    cwd: io.cwd,
    env: io.env,
    stdout: io.stdout,
    stderr: io.stderr,
    err,
    setExitCode: (code: number) => (exitCode = code),
  };
  registerFormCommands(program, cycle);
  registerFollowUpCommand(program, cycle);
  registerDiffCommand(program, cycle);

  program
    .command('completion')
    .description('print a shell completion script (commands, options, years and countries of the project)')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string) => {
      const { completionScript } = await import('./completion.js');
      io.stdout(completionScript(shell));
    });

  try {
    if (argv[0] === '__complete') {
      // What the completion scripts call: one candidate per line for the last word.
      const { completeWords } = await import('./completion.js');
      for (const word of await completeWords(program, ctx, argv.slice(1))) io.stdout(`${word}\n`);
      return EXIT_OK;
    }
    // -V was gareport's version flag before -v; both keep working.
    await program.parseAsync(argv[0] === '-V' && argv.length === 1 ? ['--version'] : [...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr(paint.stderr(`gareport: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`));
      return EXIT_USAGE;
    }
    if (error instanceof Error && 'exitCode' in error && error.exitCode === EXIT_IO) {
      const hint = (error as Error & { hint?: string }).hint;
      io.stderr(`gareport: ${error.message}\n${hint ? `  hint: ${hint}\n` : ''}`);
      return EXIT_IO;
    }
    if (isFileSystemError(error)) {
      io.stderr(`gareport: ${describeFileSystemError(error, (p) => displayPath(ctx.cwd, p))}\n`);
      return EXIT_IO;
    }
    const err = error as NodeJS.ErrnoException;
    io.stderr(
      `gareport: internal error: ${err?.message ?? String(error)}\nThis is a bug in gareport; please report it with the command you ran.\n`,
    );
    if (io.env.GAREPORT_DEBUG) io.stderr(`${err?.stack ?? ''}\n`);
    return EXIT_USAGE;
  }
}
