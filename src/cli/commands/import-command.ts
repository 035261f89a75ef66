/** `gareport import <file> <year> <country>`: answer files from a filled-in form. */
import type { Command } from 'commander';
import { displayPath, parseCountrySlug, parseYear } from '../../project/paths.js';
import { checkYearFirst } from '../arguments.js';
import type { CommandDeps } from '../deps.js';
import { printToStderr } from '../deps.js';

interface ImportFlags {
  name?: string;
  force?: boolean;
  replace?: boolean;
  dryRun?: boolean;
}

export function registerImportCommand(program: Command, deps: CommandDeps): void {
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
    .action((fileArg: string, yearArg: string, countryArg: string, opts: ImportFlags) =>
      runImport(deps, fileArg, yearArg, countryArg, opts),
    );
}

async function runImport(
  deps: CommandDeps,
  fileArg: string,
  yearArg: string,
  countryArg: string,
  opts: ImportFlags,
): Promise<void> {
  const { ctx } = deps;
  const { importFilledForm, writeImport } = await import('../../commands/import.js');
  const { formatImportResult, formatImportWarning } = await import('../import-report.js');
  const { isAbsolute, resolve } = await import('node:path');
  checkYearFirst(`import ${fileArg}`, yearArg, countryArg);
  const year = parseYear(yearArg);
  const country = parseCountrySlug(countryArg);
  // The document may be anywhere (it is only read); what is written goes under ./reports.
  const file = resolve(deps.cwd, fileArg);
  const shownFile = isAbsolute(fileArg) ? displayPath(ctx.cwd, file) : fileArg.replace(/\\/g, '/');
  const options = { ...ctx, file, shownFile, year, country, ...opts };
  const result = await importFilledForm(options);
  printToStderr(deps, result.diagnostics);
  const shown = (path: string) => displayPath(ctx.cwd, path);
  let backup: string | undefined;
  if (result.outcome === 'ready') {
    // Said before anything is replaced, so an interrupted run has told what it was about to do.
    const warning = formatImportWarning(result, shown);
    if (warning) deps.stderr(warning);
    ({ backup } = await writeImport(result, options));
  }
  const report = formatImportResult(result, { shown, shownFile, year, country, flags: opts, backup });
  if (report.stdout) deps.stdout(report.stdout);
  if (report.stderr) deps.stderr(report.stderr);
  deps.setExitCode(report.exitCode);
}
