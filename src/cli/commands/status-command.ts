/** `gareport status [year]`: how complete each report is. */
import type { Command } from 'commander';
import { EXIT_INVALID, EXIT_OK } from '../../diagnostics/errors.js';
import { yearOnly } from '../arguments.js';
import type { CommandDeps } from '../deps.js';
import { printToStderr } from '../deps.js';
import { choiceOption } from '../options.js';

interface StatusFlags {
  format: 'text' | 'json';
}

export function registerStatusCommand(program: Command, deps: CommandDeps): void {
  program
    .command('status')
    .description(
      'how complete each report is: countries × operational goals of a year; without a year, countries × years',
    )
    .argument('[year]', 'reporting year (default: every year, countries × years)')
    .addOption(choiceOption('--format <format>', 'output format', ['text', 'json'], 'text'))
    .action((yearArg: string | undefined, opts: StatusFlags) => runStatus(deps, yearArg, opts));
}

async function runStatus(deps: CommandDeps, yearArg: string | undefined, opts: StatusFlags): Promise<void> {
  const { ctx, stdout } = deps;
  const { status, formatStatusTable, statusMatrix, formatStatusMatrix } = await import('../../commands/status.js');
  const year = await yearOnly('status', yearArg, async () => {
    const { listYears } = await import('../../project/paths.js');
    return (await listYears(ctx.cwd)).at(-1);
  });
  if (year === undefined) {
    // No year: every country × every year.
    const matrix = await statusMatrix(ctx);
    printToStderr(deps, matrix.diagnostics ?? []);
    stdout(opts.format === 'json' ? `${JSON.stringify(matrix, null, 2)}\n` : formatStatusMatrix(matrix));
    const invalid = matrix.rows.some((r) => Object.values(r.years).some((c) => c !== null && 'errors' in c));
    deps.setExitCode(invalid || matrix.diagnostics ? EXIT_INVALID : EXIT_OK);
    return;
  }
  const result = await status({ ...ctx, year });
  if (result.diagnostics?.length) {
    printToStderr(deps, result.diagnostics);
    deps.setExitCode(EXIT_INVALID);
    return;
  }
  stdout(opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatStatusTable(result));
  deps.setExitCode(result.rows.some((r) => r.errors > 0) ? EXIT_INVALID : EXIT_OK);
}
