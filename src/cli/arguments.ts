/** Positional arguments shared by several commands: the year and the country, with friendly mistakes. */
import { UsageError } from '../diagnostics/errors.js';
import { parseCountrySlug, parseYear } from '../project/paths.js';

const YEAR = /^\d{4}$/;

/**
 * `gareport build kosovo 2014` is a common slip: say that the year comes first, with the command
 * as it should be, rather than "`kosovo` is not a reporting year".
 */
export function checkYearFirst(command: string, yearArg: string | undefined, countryArg: string | undefined): void {
  if (yearArg === undefined || countryArg === undefined) return;
  if (!YEAR.test(yearArg) && YEAR.test(countryArg))
    throw new UsageError(`the year comes first: \`gareport ${command} ${countryArg} ${yearArg}\``);
}

export function optionalYear(input: string | undefined): number | undefined {
  return input === undefined ? undefined : parseYear(input);
}

export function optionalCountry(input: string | undefined): string | undefined {
  return input === undefined ? undefined : parseCountrySlug(input);
}

/** A year and country given as `<year> <country>` (or `[year] [country]`), checked for order. */
export function yearAndCountry(
  command: string,
  yearArg: string | undefined,
  countryArg: string | undefined,
): { year: number | undefined; country: string | undefined } {
  checkYearFirst(command, yearArg, countryArg);
  return { year: optionalYear(yearArg), country: optionalCountry(countryArg) };
}

/**
 * `gareport status kosovo`: a country where the year belongs, to a command that takes a year only.
 * The hint is a command that works: the command with `exampleYear()`, a year it can run for.
 */
export async function yearOnly(
  command: string,
  yearArg: string | undefined,
  exampleYear: () => Promise<number | undefined>,
): Promise<number | undefined> {
  if (yearArg !== undefined && !YEAR.test(yearArg) && /^[a-z]/i.test(yearArg)) {
    const year = await exampleYear();
    throw new UsageError(
      `\`${yearArg}\` is not a reporting year`,
      `\`gareport ${command}\` takes a year, not a country${year === undefined ? '' : `: \`gareport ${command} ${year}\``}`,
    );
  }
  return optionalYear(yearArg);
}
