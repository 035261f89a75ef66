/**
 * Shell completion: `gareport completion bash|zsh|fish` prints a script that asks
 * `gareport __complete <words>` for candidates, so commands, options, years and countries come
 * from the program and the project as they are at the moment of pressing Tab.
 */
import type { Argument, Command, Option } from 'commander';
import { FORMATS } from '../batch/batch-options.js';
import { UsageError } from '../diagnostics/errors.js';
import { listCountries, listYears } from '../project/paths.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionContext {
  /** The project root (reports/ and forms/ live there). */
  cwd: string;
  packageRoot: string;
}

/** How a script runs gareport: this very binary when it is still there, else `gareport` on PATH, else through npx. */
export interface Runner {
  /** The node that runs gareport now, and gareport's bin/gareport.js. */
  node: string;
  bin: string;
}

/** A word for sh, bash, zsh and fish alike: in single quotes. */
const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bashScript({ node, bin }: Runner): string {
  return `# gareport completion for bash: add to ~/.bashrc
#   source <(gareport completion bash)      (or: source <(npx gareport completion bash))
# Completes \`gareport …\` and \`npx gareport …\`.
_gareport_run() {
  if [[ -f ${quoted(bin)} ]]; then
    if [[ -x ${quoted(node)} ]]; then ${quoted(node)} ${quoted(bin)} "$@"; else node ${quoted(bin)} "$@"; fi
  elif command -v gareport >/dev/null 2>&1; then gareport "$@"
  else npx --no-install gareport "$@"; fi
}
_gareport_words() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(_gareport_run __complete "$@" 2>/dev/null)" -- "$cur"))
}
_gareport() {
  _gareport_words "\${COMP_WORDS[@]:1:COMP_CWORD}"
}
_gareport_npx() {
  # \`npx gareport …\`: the words after gareport; any other npx command is left to the default.
  if [[ "\${COMP_WORDS[1]}" == gareport && $COMP_CWORD -ge 2 ]]; then
    _gareport_words "\${COMP_WORDS[@]:2:COMP_CWORD-1}"
  else
    COMPREPLY=()
  fi
}
complete -o default -F _gareport_npx npx
complete -o default -F _gareport gareport
`;
}

function zshScript({ node, bin }: Runner): string {
  return `#compdef gareport npx
# gareport completion for zsh: add to ~/.zshrc
#   source <(gareport completion zsh)      (or: source <(npx gareport completion zsh))
_gareport_run() {
  if [[ -f ${quoted(bin)} ]]; then
    if [[ -x ${quoted(node)} ]]; then ${quoted(node)} ${quoted(bin)} "$@"; else node ${quoted(bin)} "$@"; fi
  elif (( $+commands[gareport] )); then gareport "$@"
  else npx --no-install gareport "$@"; fi
}
_gareport() {
  local -a candidates
  local first=2
  if [[ "\${words[1]}" == npx ]]; then
    [[ "\${words[2]}" == gareport && $CURRENT -ge 3 ]] || { _files; return; }
    first=3
  fi
  candidates=("\${(@f)$(_gareport_run __complete "\${(@)words[$first,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${candidates[1]}" ]]; then compadd -a candidates; else _files; fi
}
compdef _gareport gareport npx
`;
}

function fishScript({ node, bin }: Runner): string {
  return `# gareport completion for fish: save as ~/.config/fish/completions/gareport.fish
#   gareport completion fish > ~/.config/fish/completions/gareport.fish
function __gareport_run
  if test -f ${quoted(bin)}
    if test -x ${quoted(node)}; ${quoted(node)} ${quoted(bin)} $argv; else; node ${quoted(bin)} $argv; end
  else if command -q gareport
    gareport $argv
  else
    npx --no-install gareport $argv
  end
end
function __gareport_complete
  set -l words (commandline -opc) (commandline -ct)
  if test "$words[1]" = npx
    set words $words[2..-1]
  end
  __gareport_run __complete $words[2..-1] 2>/dev/null
end
complete -c gareport -a '(__gareport_complete)'
complete -c npx -n '__fish_seen_subcommand_from gareport' -a '(__gareport_complete)'
`;
}

const SCRIPTS: Record<Shell, (runner: Runner) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

export function completionScript(shell: string, runner: Runner): string {
  const wanted = shell.toLowerCase();
  if (!(SHELLS as readonly string[]).includes(wanted))
    throw new UsageError(`no completion for the shell \`${shell}\``, `choose from ${SHELLS.join(', ')}`);
  return SCRIPTS[wanted as Shell](runner);
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
  const year = given.find((w) => /^\d{4}$/.test(w));
  if (commandPath(command) === 'init' && name === 'country') return newCountries(ctx, year);
  // `followup kosovo 2015`, `followup 2015 kosovo`, `followup 2015`: either comes first.
  if (name === 'country-or-year') return [...(await yearValues(ctx)), ...(await countriesOf(ctx, undefined))];
  if (commandPath(command) === 'followup' && year !== undefined) return countriesOf(ctx, year);
  if (/^year/i.test(name)) return yearValues(ctx);
  if (name === 'country') return countriesOf(ctx, year);
  if (name === 'shell') return [...SHELLS];
  return argument?.argChoices ?? [];
}

/** The years of reports and of forms. */
async function yearValues(ctx: CompletionContext): Promise<string[]> {
  return sortedYears([...(await listYears(ctx.cwd)), ...(await formYears(ctx))]);
}

/** The countries with a report in `year` (in any year without one). */
async function countriesOf(ctx: CompletionContext, year: string | undefined): Promise<string[]> {
  const years = year ? [Number(year)] : await listYears(ctx.cwd);
  const countries = new Set<string>();
  for (const y of years) for (const c of await listCountries(ctx.cwd, y)) countries.add(c);
  return [...countries].sort();
}

/**
 * The country of a new report (`init 2015 <TAB>`): those with a report in another year, and the
 * participating countries (data/countries.yaml); not those that have a report in `year` already.
 */
async function newCountries(ctx: CompletionContext, year: string | undefined): Promise<string[]> {
  const { loadKnownCountries } = await import('../model/country.js');
  const taken = new Set(year ? await countriesOf(ctx, year) : []);
  const reported = await countriesOf(ctx, undefined);
  const known = [...(await loadKnownCountries(ctx.packageRoot)).keys()];
  return [...new Set([...reported, ...known.sort()])].filter((c) => !taken.has(c));
}

/** `--format md,h<TAB>`: the formats not yet in the comma-separated list, after it. */
function formatListValues(current: string): string[] {
  const comma = current.lastIndexOf(',');
  const before = current.slice(0, comma + 1);
  const used = new Set(before.split(',').filter(Boolean));
  return FORMATS.filter((f) => !used.has(f)).map((f) => before + f);
}

/** An option's values: its choices, formats as a list, or the years of a form for a year (`form new --from`). */
async function optionValues(ctx: CompletionContext, option: Option, current: string): Promise<string[]> {
  if (option.argChoices) return option.argChoices;
  if (/<formats>/.test(option.flags)) return formatListValues(current);
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
      candidates = await optionValues(ctx, previous, current);
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
