/** `gareport init <year> <country>`: answer files with every question of the form, ready to fill in. */
import type { Command } from 'commander';
import { hasErrors, plural } from '../../diagnostics/diagnostics.js';
import { EXIT_INVALID } from '../../diagnostics/errors.js';
import { displayPath, parseCountrySlug, parseYear } from '../../project/paths.js';
import { checkYearFirst } from '../arguments.js';
import type { CommandDeps } from '../deps.js';
import { printToStderr } from '../deps.js';

interface InitFlags {
  name?: string;
  force?: boolean;
}

export function registerInitCommand(program: Command, deps: CommandDeps): void {
  program
    .command('init')
    .description("start a report: answer files with every goal and question of the year's form, ready to fill in")
    .argument('<year>', 'reporting year, e.g. 2014')
    .argument('<country>', 'country folder, e.g. kosovo')
    .option('--name <name>', 'the name to print, for a country not in the list of participating countries')
    .option('--force', 'replace existing files with empty ones (their answers are lost)')
    .action((yearArg: string, countryArg: string, opts: InitFlags) => runInit(deps, yearArg, countryArg, opts));
}

async function runInit(deps: CommandDeps, yearArg: string, countryArg: string, opts: InitFlags): Promise<void> {
  const { ctx, stdout } = deps;
  const { init } = await import('../../commands/init.js');
  checkYearFirst('init', yearArg, countryArg);
  const year = parseYear(yearArg);
  const country = parseCountrySlug(countryArg);
  const result = await init({ ...ctx, year, country, name: opts.name, force: opts.force });
  printToStderr(deps, result.diagnostics);
  for (const f of result.files) {
    stdout(`${f.action} ${displayPath(ctx.cwd, f.path)}${f.detail ? ` (${f.detail})` : ''}\n`);
  }
  if (result.followUpsFrom) {
    const { year: earlier, goals } = result.followUpsFrom;
    stdout(
      `the follow-up actions of the ${earlier} report are shown as comments next to question A (${plural(goals, 'goal')})\n`,
    );
  }
  for (const note of result.notes) stdout(`note: ${note}\n`);
  if (hasErrors(result.diagnostics)) {
    deps.setExitCode(EXIT_INVALID);
    return;
  }
  stdout(`next: write the answers, then run \`gareport validate ${year} ${country}\`\n`);
}
