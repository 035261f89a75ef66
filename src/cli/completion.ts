/**
 * Shell completion: `gareport completion bash|zsh|fish` prints a script that asks
 * `gareport __complete <words>` for candidates, so commands, options, years and countries come
 * from the program and the project as they are at the moment of pressing Tab.
 */
import type { Argument, Command, Option } from 'commander';
import { UsageError } from '../diagnostics/errors.js';
import { listCountries, listYears } from '../project/paths.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionContext {
  /** The project root (reports/ and forms/ live there). */
  cwd: string;
  packageRoot: string;
}

const SCRIPTS: Record<Shell, string> = {
  bash: `# gareport completion for bash: add to ~/.bashrc
#   source <(gareport completion bash)
_gareport() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(gareport __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "$cur"))
}
complete -o default -F _gareport gareport
`,
  zsh: `#compdef gareport
# gareport completion for zsh: add to ~/.zshrc
#   source <(gareport completion zsh)
_gareport() {
  local -a candidates
  candidates=("\${(@f)$(gareport __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${candidates[1]}" ]]; then compadd -a candidates; else _files; fi
}
compdef _gareport gareport
`,
  fish: `# gareport completion for fish: save as ~/.config/fish/completions/gareport.fish
#   gareport completion fish > ~/.config/fish/completions/gareport.fish
function __gareport_complete
  set -l words (commandline -opc) (commandline -ct)
  gareport __complete $words[2..-1] 2>/dev/null
end
complete -c gareport -a '(__gareport_complete)'
`,
};

export function completionScript(shell: string): string {
  const wanted = shell.toLowerCase();
  if (!(SHELLS as readonly string[]).includes(wanted))
    throw new UsageError(`no completion for the shell \`${shell}\``, `choose from ${SHELLS.join(', ')}`);
  return SCRIPTS[wanted as Shell];
}

function visibleOptions(command: Command): Option[] {
  // `hidden` is public in commander's Option but not in its type declarations.
  return command.options.filter((o) => !(o as Option & { hidden?: boolean }).hidden);
}

function optionNamed(command: Command, word: string): Option | undefined {
  return command.options.find((o) => o.long === word || o.short === word);
}

/** Positional words already given after the command, option values left out. */
function positionals(command: Command, words: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.startsWith('-')) {
      const option = optionNamed(command, word);
      if (option && (option.required || option.optional) && !word.includes('=')) i++;
      continue;
    }
    found.push(word);
  }
  return found;
}

/** The years that have a form (the project's or gareport's own). */
async function formYears(ctx: CompletionContext): Promise<number[]> {
  const { availableFormYears, formDirectories } = await import('../model/form.js');
  return availableFormYears(formDirectories(ctx.cwd, ctx.packageRoot));
}

const sortedYears = (years: Iterable<number>) => [...new Set(years)].sort((a, b) => a - b).map(String);

/**
 * The year of a new form (`form new <year>`): the year after the latest form, and any year with
 * reports but no form yet; a year that has a form is not offered.
 */
async function newFormYears(ctx: CompletionContext): Promise<string[]> {
  const forms = await formYears(ctx);
  const latest = Math.max(...forms);
  const candidates = [...(await listYears(ctx.cwd)), ...(Number.isFinite(latest) ? [latest + 1] : [])];
  return sortedYears(candidates.filter((year) => !forms.includes(year)));
}

/** The words naming a command: `form new` for the subcommand. */
const commandPath = (command: Command): string =>
  command.parent?.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();

async function argumentValues(
  ctx: CompletionContext,
  command: Command,
  argument: Argument | undefined,
  given: readonly string[],
): Promise<string[]> {
  const name = argument?.name() ?? '';
  if (commandPath(command) === 'form new' && name === 'year') return newFormYears(ctx);
  if (/^year/i.test(name)) return sortedYears([...(await listYears(ctx.cwd)), ...(await formYears(ctx))]);
  if (name === 'country') {
    const year = given.find((w) => /^\d{4}$/.test(w));
    const years = year ? [Number(year)] : await listYears(ctx.cwd);
    const countries = new Set<string>();
    for (const y of years) for (const c of await listCountries(ctx.cwd, y)) countries.add(c);
    return [...countries].sort();
  }
  if (name === 'shell') return [...SHELLS];
  return argument?.argChoices ?? [];
}

/** An option's values: its choices, or the years of a form for a year (`form new --from`). */
async function optionValues(ctx: CompletionContext, option: Option): Promise<string[]> {
  if (option.argChoices) return option.argChoices;
  return /<year>/.test(option.flags) ? sortedYears(await formYears(ctx)) : [];
}

const visibleCommands = (command: Command) =>
  command.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);

/** The candidates for the last of `words` (the words after `gareport`, the one being typed last). */
export async function completeWords(
  program: Command,
  ctx: CompletionContext,
  words: readonly string[],
): Promise<string[]> {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  let candidates: string[];
  // The command and subcommand named (`form new`), and the words after them.
  let command: Command | undefined;
  let rest = before;
  for (let parent = program; rest.length > 0; ) {
    const sub = visibleCommands(parent).find((c) => c.name() === rest[0]);
    if (!sub) break;
    command = parent = sub;
    rest = rest.slice(1);
  }
  if (before.length === 0) {
    candidates = current.startsWith('-') ? ['--help', '--version'] : visibleCommands(program).map((c) => c.name());
  } else if (!command) {
    candidates = [];
  } else if (visibleCommands(command).length > 0) {
    // A command of subcommands (`form`): those, until one is named.
    candidates = current.startsWith('-')
      ? ['--help']
      : rest.length === 0
        ? visibleCommands(command).map((c) => c.name())
        : [];
  } else {
    const previous = optionNamed(command, rest.at(-1) ?? '');
    if (previous && (previous.required || previous.optional)) {
      candidates = await optionValues(ctx, previous);
    } else if (current.startsWith('-')) {
      const used = new Set(rest);
      candidates = [...visibleOptions(command).flatMap((o) => (o.long && !used.has(o.long) ? [o.long] : [])), '--help'];
    } else {
      const given = positionals(command, rest);
      const argument = command.registeredArguments[given.length];
      candidates = await argumentValues(ctx, command, argument, given);
    }
  }
  return candidates.filter((c) => c.startsWith(current));
}
