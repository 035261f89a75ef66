/** `gareport completion <shell>`: a shell completion script. */
import type { Command } from 'commander';
import type { CommandDeps } from '../deps.js';

export function registerCompletionCommand(program: Command, deps: CommandDeps): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, options, years and countries of the project)')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string) => {
      const { completionScript } = await import('../completion.js');
      deps.stdout(completionScript(shell));
    });
}
