/** Options whose values are names (`--format`, `--paper`): read in any case, checked against a list. */
import { InvalidArgumentError, Option } from 'commander';

/** `--format JSON` and `--format json` are the same, as `--paper A4` and `--paper a4` are. */
export function choiceOption(
  flags: string,
  description: string,
  choices: readonly string[],
  fallback?: string,
): Option {
  // choices() first, for help and completion; the parser that follows replaces its exact-case check.
  const option = new Option(flags, description).choices(choices).argParser((value: string) => {
    const lower = value.trim().toLowerCase();
    if (!choices.includes(lower)) throw new InvalidArgumentError(`\`${value}\` is not one of ${choices.join(', ')}.`);
    return lower;
  });
  return fallback === undefined ? option : option.default(fallback);
}

/** `--quiet` and `--verbose` contradict each other: asking for both is a usage error. */
export function quietAndVerbose(): Option[] {
  return [
    new Option('--quiet', 'print only errors').conflicts('verbose'),
    new Option('--verbose', 'also print warnings, every report built and where each setting came from').conflicts(
      'quiet',
    ),
  ];
}
