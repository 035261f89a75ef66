/** `gareport build [year] [country]`: flags and settings to build options; the build, or a watch. */
import type { Command, Option } from 'commander';
import type { BuildOptions, BuildResult } from '../../commands/build.js';
import { EXIT_INVALID, UsageError } from '../../diagnostics/errors.js';
import type { Settings } from '../../project/config.js';
import { chosenPaper, PAPER_SIZES } from '../../project/locate.js';
import { displayPath } from '../../project/paths.js';
import { printBuild, stoppedExitCode } from '../build-report.js';
import type { CommandDeps } from '../deps.js';
import { printToStderr } from '../deps.js';
import { choiceOption, quietAndVerbose } from '../options.js';
import { refuseDefaultOutputLinkedOut, refuseOutputAmongAnswers } from '../output-place.js';
import type { ProgressPrinter } from '../progress.js';
import { describeProject, projectSettings } from '../project-settings.js';
import { describeMistake } from '../remedies.js';

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
  summary?: 'text' | 'json';
}

export function registerBuildCommand(program: Command, deps: CommandDeps): void {
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
    .addOption(
      choiceOption('--summary <format>', 'how to report the build: text, or json on standard output (for CI)', [
        'text',
        'json',
      ]),
    )
    .addOption(quietAndVerbose()[0] as Option)
    .addOption(quietAndVerbose()[1] as Option)
    .action((yearArg: string | undefined, countryArg: string | undefined, opts: BuildFlags) =>
      runBuild(deps, yearArg, countryArg, opts),
    );
}

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

/** GAREPORT_LOCK_TIMEOUT: seconds to wait for another build writing to the same output folder. */
function lockTimeout(input: string | undefined): number | undefined {
  if (input === undefined || input === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(input))
    throw new UsageError(`GAREPORT_LOCK_TIMEOUT must be a number of seconds, not \`${input}\``);
  return Number(input) * 1000;
}

async function buildOptions(
  deps: CommandDeps,
  year: number | undefined,
  country: string | undefined,
  opts: BuildFlags,
  settings: Settings,
  onProgress: ProgressPrinter | undefined,
): Promise<BuildOptions> {
  const { ctx, io } = deps;
  const { FORMATS } = await import('../../commands/build.js');
  let only: Set<string> | undefined;
  if (opts.changedSince !== undefined) {
    const { changedReports } = await import('../../project/git.js');
    only = await changedReports(ctx.cwd, opts.changedSince, {
      templates: settings.templates.value,
      fonts: settings.fonts.value,
    });
  }
  return {
    ...ctx,
    year,
    country,
    out: settings.out.value,
    formats: parseFormats(settings.formats.value.join(','), FORMATS),
    templates: settings.templates.value,
    // Left to the theme (theme.yaml `paper:`) when neither a flag nor the configuration chooses.
    paper: chosenPaper(settings.paper),
    fonts: settings.fonts.value,
    strict: settings.strict.value,
    rules: settings.rules,
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

async function runBuild(
  deps: CommandDeps,
  yearArg: string | undefined,
  countryArg: string | undefined,
  opts: BuildFlags,
): Promise<void> {
  const { ctx, io, paint } = deps;
  const { settings, diagnostics } = await projectSettings(deps.project, deps.cwd, opts, deps.env);
  printToStderr(deps, diagnostics);
  if (!settings) {
    deps.setExitCode(EXIT_INVALID);
    return;
  }
  if (opts.verbose) deps.stderr(await describeProject(deps.project, settings));
  refuseOutputAmongAnswers(ctx.cwd, settings.out.value);
  await refuseDefaultOutputLinkedOut(ctx.cwd, settings.out);
  const { year, country } = deps.here('build', yearArg, countryArg);
  const { progressPrinter } = await import('../progress.js');
  const inPlace = Boolean(io.isTTY) && !io.env.CI && io.env.TERM !== 'dumb';
  const progress = progressPrinter(opts.quiet || opts.watch ? 'none' : inPlace ? 'terminal' : 'lines', io.stderr);
  let options = await buildOptions(deps, year, country, opts, settings, progress);
  const print = (result: Parameters<typeof printBuild>[3]) => printBuild(io, ctx.cwd, options.out, result, opts, paint);
  if (opts.watch) {
    // A saved configuration: its settings from the next rebuild on (flags and environment still win).
    const reload = async () => {
      const again = await projectSettings(deps.project, deps.cwd, opts, deps.env);
      printToStderr(deps, again.diagnostics);
      if (!again.settings) {
        deps.stderr('gareport: the configuration has mistakes: building with the settings it had before\n');
        return undefined;
      }
      options = await buildOptions(deps, year, country, opts, again.settings, progress);
      return options;
    };
    await watch(deps, options, print, reload);
    return;
  }
  const { build } = await import('../../commands/build.js');
  try {
    const result = await build(options);
    progress?.end();
    deps.setExitCode(print(result));
  } finally {
    // A stopped or failed build leaves the progress line open: what follows starts a line of its own.
    progress?.end();
  }
}

/**
 * `build --watch`: builds, says what it watches, then rebuilds on every change, printing each
 * rebuild's time; Ctrl-C ends it with build's exit code (130), as it would a build.
 */
async function watch(
  deps: CommandDeps,
  options: BuildOptions,
  print: (result: BuildResult) => number,
  reload: () => Promise<BuildOptions | undefined>,
): Promise<void> {
  const { watchBuild } = await import('../watch-build.js');
  let started: number | undefined;
  const printTimed = (result: BuildResult) => {
    print(result);
    if (started !== undefined) deps.stderr(`rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  };
  await watchBuild(
    options,
    printTimed,
    {
      onChange: (files) => {
        started = performance.now();
        deps.stderr(`changed: ${files.join(', ')}; rebuilding\n`);
      },
      onError: (error) => {
        const { message, hint } = error instanceof UsageError ? describeMistake(error) : { message: error.message };
        deps.stderr(`gareport: ${message}${hint ? `\n  hint: ${hint}` : ''}\n`);
      },
      onWatching: (folders, files) => {
        const shown = [
          ...folders.map((f) => `${displayPath(deps.ctx.cwd, f)}/`),
          ...files.map((f) => displayPath(deps.ctx.cwd, f)),
        ].join(', ');
        deps.stderr(`watching ${shown} for changes (Ctrl-C to stop)\n`);
      },
      reload,
      configFile: deps.project.configFile,
    },
    deps.io.signal,
  );
  if (deps.io.signal?.aborted) deps.setExitCode(stoppedExitCode(deps.io));
}
