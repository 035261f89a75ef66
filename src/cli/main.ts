/**
 * gareport's command line: finds the project, registers one module per command (each loads its
 * heavy parts only when run), parses argv and turns what a command threw into an exit code.
 */
import { Command } from 'commander';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { formatText } from '../diagnostics/diagnostics.js';
import { EXIT_OK } from '../diagnostics/errors.js';
import { packageRoot } from '../project/package-root.js';
import { VERSION } from '../project/version.js';
import { yearAndCountry } from './arguments.js';
import { painter } from './colour.js';
import { registerBuildCommand } from './commands/build-command.js';
import { registerCompletionCommand } from './commands/completion-command.js';
import { registerDiffCommand, registerFollowUpCommand, registerFormCommands } from './commands/cycle-commands.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerInitCommand } from './commands/init-command.js';
import { registerPreviewCommand } from './commands/preview-command.js';
import { registerSchemaCommand } from './commands/schema-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerValidateCommand } from './commands/validate-command.js';
import type { CommandDeps } from './deps.js';
import type { Io } from './io.js';
import { reportFailure } from './printer.js';
import { locateProject } from './project-settings.js';

export type { Io } from './io.js';
export { streamFailure } from './printer.js';

/** The commands, in the order `--help` lists them. */
const COMMANDS = [
  registerValidateCommand,
  registerSchemaCommand,
  registerInitCommand,
  registerImportCommand,
  registerBuildCommand,
  registerPreviewCommand,
  registerStatusCommand,
  registerFormCommands,
  registerFollowUpCommand,
  registerDiffCommand,
  registerCompletionCommand,
];

/** Runs gareport with the given arguments (without `node gareport`); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // Like git, gareport works from any folder of the project: paths are relative to its root.
  const project = await locateProject(io.cwd);
  const ctx = { cwd: project.root, packageRoot: io.packageRoot ?? packageRoot };
  const paint = painter(io.env, { stdout: io.isTTY, stderr: io.stderrIsTTY });
  let exitCode = EXIT_OK;
  const deps: CommandDeps = {
    ctx,
    project,
    cwd: io.cwd,
    env: io.env,
    stdout: io.stdout,
    stderr: io.stderr,
    err: (d: Diagnostic) => paint.stderr(formatText(d)),
    setExitCode: (code: number) => {
      exitCode = code;
    },
    io,
    paint,
    here: (command, yearArg, countryArg) =>
      yearArg === undefined && countryArg === undefined
        ? { year: project.year, country: project.country }
        : yearAndCountry(command, yearArg, countryArg),
  };
  const program = new Command('gareport')
    .description('Validate and render Global Alliance progress reports')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run gareport --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of COMMANDS) register(program, deps);

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
    return reportFailure(error, io, ctx.cwd, paint);
  }
}
