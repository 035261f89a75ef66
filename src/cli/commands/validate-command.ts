/** `gareport validate [year] [country]`: checks answer files; prints problems as `--format` says. */
import type { Command } from 'commander';
import type { Diagnostic, OutputFormat } from '../../diagnostics/diagnostics.js';
import { hasErrors, isError, plural } from '../../diagnostics/diagnostics.js';
import { EXIT_INVALID, EXIT_OK, UsageError } from '../../diagnostics/errors.js';
import type { CommandDeps } from '../deps.js';
import { printToStderr } from '../deps.js';
import { choiceOption } from '../options.js';
import { printDiagnostics } from '../printer.js';
import { projectSettings } from '../project-settings.js';

interface ValidateFlags {
  format: OutputFormat;
  pdfFonts?: boolean;
  fonts?: string;
  strict?: boolean;
  quiet?: boolean;
}

const formatOption = () =>
  choiceOption('--format <format>', 'how to print problems', ['text', 'json', 'github'], 'text');

export function registerValidateCommand(program: Command, deps: CommandDeps): void {
  program
    .command('validate')
    .description('check answer files against the form (all reports under ./reports when no year is given)')
    .argument('[year]', 'reporting year, e.g. 2014')
    .argument('[country]', 'country folder, e.g. kosovo')
    .addOption(formatOption())
    .option('--pdf-fonts', 'also check that the PDF has a font for every character of the answers')
    .option('--fonts <list>', 'with --pdf-fonts: font files or npm font packages to try (as for build)')
    .option('--strict', 'with --pdf-fonts: a character no font can draw is an error')
    .option('--quiet', 'print errors only: no warnings, and nothing when there are no errors')
    .action((yearArg: string | undefined, countryArg: string | undefined, opts: ValidateFlags) =>
      runValidate(deps, yearArg, countryArg, opts),
    );
}

async function runValidate(
  deps: CommandDeps,
  yearArg: string | undefined,
  countryArg: string | undefined,
  opts: ValidateFlags,
): Promise<void> {
  const { validate } = await import('../../commands/validate.js');
  // The configuration, read once: its font settings (--fonts and --strict with --pdf-fonts; the
  // --format here is the diagnostics' format, not build's), its templates, its rules and its mistakes.
  const flags = opts.pdfFonts ? { fonts: opts.fonts, strict: opts.strict } : {};
  const { settings, diagnostics: config } = await projectSettings(deps.project, deps.cwd, flags, deps.env);
  if (opts.pdfFonts && !settings) {
    printToStderr(deps, config);
    deps.setExitCode(EXIT_INVALID);
    return;
  }
  const pdfFonts =
    opts.pdfFonts && settings
      ? { fonts: settings.fonts.value, templates: settings.templates.value, strict: settings.strict.value }
      : undefined;
  const here = deps.here('validate', yearArg, countryArg);
  const result = await validate({
    ...deps.ctx,
    ...here,
    pdfFonts,
    templates: settings?.templates.value,
    fonts: settings?.fonts.value,
    rules: settings?.rules,
  });
  if (config.length) {
    result.diagnostics.unshift(...config);
    result.files++;
  }
  // Folders left out (`reports/2O15`) are the reason there is nothing to validate: they are shown.
  if (result.reports.length === 0 && !hasErrors(result.diagnostics))
    throw new UsageError(
      'there are no reports to validate under reports/',
      'run `gareport init <year> <country>` to start one',
    );
  if (opts.quiet) {
    printQuietly(deps, result.diagnostics.filter(isError), opts.format, result.files);
    return;
  }
  printDiagnostics(deps.io, result.diagnostics, opts.format, result.files, deps.paint);
  if (opts.format === 'text') {
    for (const r of result.reports) {
      const verdict = r.errors ? plural(r.errors, 'error') : 'valid';
      deps.stdout(`${r.year} ${r.country}: ${verdict}${r.warnings ? ` (${plural(r.warnings, 'warning')})` : ''}\n`);
    }
  }
  deps.setExitCode(hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK);
}

/** `--quiet`: the errors alone, and in text nothing at all when there are none. */
function printQuietly(deps: CommandDeps, errors: Diagnostic[], format: OutputFormat, files: number): void {
  if (errors.length || format !== 'text') printDiagnostics(deps.io, errors, format, files, deps.paint);
  deps.setExitCode(errors.length ? EXIT_INVALID : EXIT_OK);
}
