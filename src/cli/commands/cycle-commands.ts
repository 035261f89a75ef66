/** The commands of the reporting cycle (`form new`, …): their options and what they print. */
import type { Command } from 'commander';
import { hasErrors, isError } from '../../diagnostics/diagnostics.js';
import { EXIT_INVALID, EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM } from '../../diagnostics/errors.js';
import { parseYear } from '../../project/paths.js';
import type { BuildFormat } from '../../render/render-outputs.js';
import { optionalYear } from '../arguments.js';
import { checkDiffYears, checkYearBefore, refuseTwoFollowUpYears } from '../cycle-arguments.js';
import type { CommandDeps } from '../deps.js';
import { choiceOption } from '../options.js';
import { refuseDefaultOutputLinkedOut, refuseOutputAmongAnswers } from '../output-place.js';
import { projectSettings } from '../project-settings.js';

export type CycleDeps = CommandDeps;

/** Ctrl-C (or SIGTERM) during a follow-up or diff: what was not finished was not written. */
function stopped(deps: CycleDeps): void {
  deps.stderr('gareport: stopped; what was not finished was not written\n');
  deps.setExitCode(deps.io.signal?.reason === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT);
}

export function registerFormCommands(program: Command, deps: CycleDeps): void {
  const { ctx, stdout, stderr } = deps;
  const form = program.command('form').description('reporting forms: start the form of a new year');
  form
    .command('new')
    .description("write forms/<year>.yaml from an earlier year's form (same targets, goals and ids)")
    .argument('<year>', 'the year of the new form, e.g. 2015')
    .option('--from <year>', 'the form to copy (default: the latest earlier one)')
    .option('--force', 'replace forms/<year>.yaml if it exists')
    .action(async (yearArg: string, opts: { from?: string; force?: boolean }) => {
      const { newForm } = await import('../../cycle/form-new.js');
      const year = parseYear(yearArg);
      const result = await newForm({ ...ctx, year, from: optionalYear(opts.from), force: opts.force });
      for (const d of result.diagnostics) stderr(`${deps.err(d)}\n\n`);
      if (result.outcome === 'invalid') {
        stderr(`gareport: nothing was written: ${result.fromFile} has errors (see above)\n`);
        deps.setExitCode(EXIT_INVALID);
        return;
      }
      if (result.outcome === 'exists') {
        stderr(
          `gareport: nothing was written: ${result.file} exists already\n  hint: run again with --force to replace it (its changes are lost)\n`,
        );
        deps.setExitCode(EXIT_INVALID);
        return;
      }
      stdout(`${result.replaced ? 'replaced' : 'created'} ${result.file} from ${result.fromFile}\n`);
      for (const t of result.translations)
        stdout(
          t.outcome === 'kept'
            ? `kept ${t.file}: it exists already (--force replaces it by a copy of ${t.fromFile})\n`
            : `${t.outcome} ${t.file} from ${t.fromFile}\n`,
        );
      stdout(`changed:\n${result.changes.map((c) => `  ${c}\n`).join('')}`);
      stdout(`to review:\n${result.review.map((r) => `  - ${r}\n`).join('')}`);
      stdout(`next: gareport validate, then gareport init ${year} <country>\n`);
      deps.setExitCode(hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK);
    });
}

/** Options of commands that write documents, resolved like `build`'s (flag > environment > config > default). */
interface OutputFlags {
  out?: string;
  format?: string;
  paper?: string;
  templates?: string;
}

function addOutputOptions(command: Command): Command {
  return command
    .option('--out <dir>', 'output folder (default: out)')
    .option('--format <formats>', 'comma-separated output formats: md,html,pdf,docx (default: md,html,pdf)')
    .option('--templates <dir>', 'folder with templates that override the built-in ones')
    .addOption(choiceOption('--paper <size>', 'PDF paper size (default: a4)', ['a4', 'letter']));
}

async function outputSettings(deps: CycleDeps, flags: OutputFlags) {
  const { settings, diagnostics } = await projectSettings(deps.project, deps.cwd, flags, deps.env);
  for (const d of diagnostics) deps.stderr(`${deps.err(d)}\n\n`);
  if (!settings) return undefined;
  refuseOutputAmongAnswers(deps.ctx.cwd, settings.out.value);
  await refuseDefaultOutputLinkedOut(deps.ctx.cwd, settings.out);
  // Every format `build` writes, Word too (issue 21 item 4): the renderer dispatch is shared.
  const formats = settings.formats.value.filter((f): f is BuildFormat => ['md', 'html', 'pdf', 'docx'].includes(f));
  return {
    out: settings.out.value,
    formats,
    paper: settings.paper.value === 'letter' ? ('LETTER' as const) : ('A4' as const),
    templates: settings.templates.value,
    sourceDateEpoch: deps.env.SOURCE_DATE_EPOCH,
  };
}

export function registerFollowUpCommand(program: Command, deps: CycleDeps): void {
  const { ctx, stdout, stderr } = deps;
  addOutputOptions(
    program
      .command('followup')
      .description(
        'per goal, the actions a country announced under C last year beside what it reported under A this year; with only a year, every country on one page',
      )
      .argument('<country-or-year>', 'a country (e.g. kosovo), or a year for the overview of every country')
      .argument('[year]', 'the year whose A is compared with the C of the year before (default: the latest)'),
  ).action(async (first: string, second: string | undefined, flags: OutputFlags) => {
    const { followup, latestFollowUpYear } = await import('../../commands/followup.js');
    const { displayPath, parseCountrySlug } = await import('../../project/paths.js');
    const isYear = (s: string | undefined) => s !== undefined && /^\d{4}$/.test(s);
    // `followup kosovo 2015`, `followup 2015 kosovo` (the year first, as elsewhere), `followup 2015`.
    const countryArg = isYear(first) ? second : first;
    const yearArg = isYear(first) ? first : second;
    if (isYear(first) && isYear(second))
      await refuseTwoFollowUpYears(ctx.cwd, parseYear(first), parseYear(second ?? ''));
    const country = countryArg === undefined ? undefined : parseCountrySlug(countryArg);
    const year = optionalYear(yearArg) ?? (await latestFollowUpYear(ctx));
    if (year === undefined) {
      const { UsageError } = await import('../../diagnostics/errors.js');
      throw new UsageError('there are no reports under reports/', 'run `gareport init <year> <country>` to start one');
    }
    const settings = await outputSettings(deps, flags);
    if (!settings) {
      deps.setExitCode(EXIT_INVALID);
      return;
    }
    const result = await followup({ ...ctx, ...settings, year, country, signal: deps.io.signal });
    if (result.stopped) return stopped(deps);
    // Warnings (unanswered questions) are `validate`'s to list; the follow-up itself shows what is missing.
    for (const d of result.diagnostics.filter(isError)) stderr(`${deps.err(d)}\n\n`);
    if (hasErrors(result.diagnostics)) {
      stderr(`gareport: nothing was written: the answers have errors (see above)\n`);
      deps.setExitCode(EXIT_INVALID);
      return;
    }
    for (const f of result.files) stdout(`wrote ${displayPath(ctx.cwd, f)}\n`);
    for (const note of result.notes) stdout(`note: ${note}\n`);
    for (const m of result.missing) {
      const goals = m.goals.map((g) => `${g.number} ${g.goal}`).join(', ');
      stdout(`not reported: ${m.name}: announced in ${year - 1}, nothing under A in ${year}: ${goals}\n`);
    }
    if (result.missing.length === 0) stdout(`every follow-up announced in ${year - 1} was reported on in ${year}\n`);
    deps.setExitCode(EXIT_OK);
  });
}

interface DiffFlags extends OutputFlags {
  since?: string;
  stdout?: boolean;
  stepSummary?: boolean;
}

export function registerDiffCommand(program: Command, deps: CycleDeps): void {
  const { ctx, stdout, stderr } = deps;
  addOutputOptions(
    program
      .command('diff')
      .description(
        "what changed in a country's answers, word by word: between two years (diff kosovo 2014 2015), or since a git commit or branch (diff kosovo 2015 --since main)",
      )
      .argument(
        '[country]',
        'country folder, e.g. kosovo (with --since and no country: every report changed since then)',
      )
      .argument(
        '[years...]',
        'the earlier and the later year; with --since, the year of the answers (default: the latest)',
      )
      .option('--since <git-ref>', 'compare the answers with what they were at this git commit or branch')
      .option('--stdout', 'print the Markdown instead of writing files')
      .option(
        '--step-summary',
        'append the Markdown to $GITHUB_STEP_SUMMARY (GitHub Actions); standard output without it',
      ),
  ).action(async (countryArg: string | undefined, yearArgs: string[], flags: DiffFlags) => {
    const { diff, latestYear } = await import('../../commands/diff.js');
    const { displayPath, parseCountrySlug } = await import('../../project/paths.js');
    const { UsageError } = await import('../../diagnostics/errors.js');
    const words = [countryArg, ...yearArgs].filter((w): w is string => w !== undefined);
    const years = words.filter((w) => /^\d{4}$/.test(w)).map((w) => parseYear(w));
    const others = words.filter((w) => !/^\d{4}$/.test(w));
    if (others.length > 1 || years.length > 2)
      throw new UsageError('give one country and at most two years', 'e.g. `gareport diff kosovo 2014 2015`');
    const country = others[0] === undefined ? undefined : parseCountrySlug(others[0]);
    if (country === undefined && flags.since === undefined)
      throw new UsageError('name the country whose answers to compare', 'e.g. `gareport diff kosovo 2014 2015`');
    if (flags.since !== undefined && years.length > 1)
      throw new UsageError(
        'with --since, give one year',
        `e.g. \`gareport diff ${country ?? 'kosovo'} ${years[1]} --since main\``,
      );
    if (years.length === 2 && years[0] === years[1])
      throw new UsageError(
        `${years[0]} is given twice: a diff compares two years`,
        'name two different years for which the country has a report',
      );
    const year = years.at(-1) ?? (await latestYear(ctx));
    if (year === undefined) throw new UsageError('there are no reports under reports/');
    if (country !== undefined && flags.since === undefined)
      await (years.length < 2
        ? checkYearBefore(ctx.cwd, country, year)
        : checkDiffYears(ctx.cwd, country, years[0] as number, year));
    const settings = await outputSettings(deps, flags);
    if (!settings) {
      deps.setExitCode(EXIT_INVALID);
      return;
    }
    const markdownOnly = Boolean(flags.stdout || flags.stepSummary);
    const result = await diff({
      ...ctx,
      ...settings,
      country,
      year,
      earlierYear: years.length === 2 ? years[0] : undefined,
      since: flags.since,
      markdownOnly,
      signal: deps.io.signal,
    });
    if (result.stopped) return stopped(deps);
    for (const d of result.diagnostics.filter(isError)) stderr(`${deps.err(d)}\n\n`);
    if (hasErrors(result.diagnostics)) {
      stderr('gareport: the answers have errors (see above); their reports were not compared\n');
      deps.setExitCode(EXIT_INVALID);
      return;
    }
    const markdown = result.markdown.length
      ? result.markdown.join('\n---\n\n')
      : `No answers changed since ${flags.since ?? 'then'}.\n`;
    const summary = deps.env.GITHUB_STEP_SUMMARY;
    if (flags.stepSummary && summary) {
      const { appendFile } = await import('node:fs/promises');
      await appendFile(summary, markdown);
    } else if (markdownOnly) stdout(markdown);
    else for (const f of result.files) stdout(`wrote ${displayPath(ctx.cwd, f)}\n`);
    if (!flags.stdout && !(flags.stepSummary && !summary))
      for (const c of result.changed) stdout(`${c.country}: ${c.count} answers changed, ${c.before} → ${c.after}\n`);
    deps.setExitCode(EXIT_OK);
  });
}
