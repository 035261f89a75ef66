/**
 * The years `followup` and `diff` are given, checked before any work: a mistake gets a hint that
 * is a command that works in this project (issue 21 item 8).
 */
import { UsageError } from '../diagnostics/errors.js';
import { listCountries, listYears } from '../project/paths.js';

/** `followup 2014 2015`: two years, where followup takes one (and compares it with the year before). */
export async function refuseTwoFollowUpYears(cwd: string, first: number, second: number): Promise<never> {
  const later = Math.max(first, second);
  const years = await listYears(cwd);
  const overview = years.includes(later)
    ? `\`gareport followup ${later}\` for every country`
    : `there are no reports for ${later} yet`;
  throw new UsageError(
    `give one year: followup compares the answers of a year with those of the year before`,
    `${overview}, or \`gareport followup <country> ${later}\` for one`,
  );
}

/** The years in which `country` has a report. */
async function yearsOf(cwd: string, country: string): Promise<number[]> {
  const found: number[] = [];
  for (const year of await listYears(cwd)) if ((await listCountries(cwd, year)).includes(country)) found.push(year);
  return found;
}

/**
 * `diff kosovo 2014` compares with 2013: when the country has no report for the year before,
 * say so and name the years it can be compared with, rather than "no reports for 2013".
 */
export async function checkYearBefore(cwd: string, country: string, year: number): Promise<void> {
  const years = await yearsOf(cwd, country);
  if (years.includes(year - 1) || !years.includes(year)) return;
  const others = years.filter((y) => y !== year);
  const nearest = others.sort((a, b) => Math.abs(a - year) - Math.abs(b - year))[0];
  const pair = nearest === undefined ? undefined : [nearest, year].sort((a, b) => a - b);
  throw new UsageError(
    `there is no ${year - 1} report for \`${country}\` to compare ${year} with`,
    pair
      ? `compare two years it has a report for: \`gareport diff ${country} ${pair[0]} ${pair[1]}\``
      : `${country} has a report for ${year} only; \`gareport diff ${country} ${year} --since <git-commit>\` shows what changed since a commit`,
  );
}
