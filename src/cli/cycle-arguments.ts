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
 * `diff kosovo 2014` compares with 2013, `diff kosovo 2013 2014` the two years named: when the
 * country has no report for one of them, say so and name two years it can be compared between
 * (never the same year twice), rather than "no reports for 2013… did you mean 2014?".
 */
export async function checkDiffYears(cwd: string, country: string, from: number, to: number): Promise<void> {
  const years = await yearsOf(cwd, country);
  const missing = [from, to].find((y) => !years.includes(y));
  if (missing === undefined || years.length === 0) return;
  const around = years.includes(to) ? to : years.includes(from) ? from : missing;
  const nearest = [...years].sort((a, b) => Math.abs(a - around) - Math.abs(b - around));
  const pair = nearest.length >= 2 ? [nearest[0], nearest[1]].sort((a, b) => (a ?? 0) - (b ?? 0)) : undefined;
  const only = years[0];
  throw new UsageError(
    from === to - 1 && missing === from
      ? `there is no ${from} report for \`${country}\` to compare ${to} with`
      : `there is no ${missing} report for \`${country}\``,
    pair
      ? `compare two years it has a report for: \`gareport diff ${country} ${pair[0]} ${pair[1]}\``
      : `${country} has a report for ${only} only; \`gareport diff ${country} ${only} --since <git-commit>\` shows what changed since a commit`,
  );
}

/** `diff kosovo 2014`: the year before and 2014. */
export function checkYearBefore(cwd: string, country: string, year: number): Promise<void> {
  return checkDiffYears(cwd, country, year - 1, year);
}
