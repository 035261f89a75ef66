/** The commands of the reporting cycle (`form new`, …): their options and what they print. */
import type { Command } from 'commander';
import type { Diagnostic } from '../diagnostics.js';
import { hasErrors } from '../diagnostics.js';
import { EXIT_INVALID, EXIT_OK } from '../errors.js';
import { parseYear } from '../paths.js';
import { optionalYear } from './arguments.js';

export interface CycleDeps {
  ctx: { cwd: string; packageRoot: string };
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Formats a diagnostic for standard error (coloured on a terminal). */
  err: (d: Diagnostic) => string;
  setExitCode: (code: number) => void;
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
      const { newForm } = await import('../cycle/form-new.js');
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
      stdout(`changed:\n${result.changes.map((c) => `  ${c}\n`).join('')}`);
      stdout(`to review:\n${result.review.map((r) => `  - ${r}\n`).join('')}`);
      stdout(`next: gareport validate, then gareport init ${year} <country>\n`);
      deps.setExitCode(hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK);
    });
}
