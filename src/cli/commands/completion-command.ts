/** `gareport completion <shell>`: a shell completion script. */
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CommandDeps } from '../deps.js';

export function registerCompletionCommand(program: Command, deps: CommandDeps): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, options, years and countries of the project)')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string) => {
      const { completionScript } = await import('../completion.js');
      // The script runs this binary (found again by `npx gareport` or not on PATH at all).
      const bin = join(deps.ctx.packageRoot, 'bin', 'gareport.js');
      deps.stdout(completionScript(shell, { node: process.execPath, bin }));
    });
}
