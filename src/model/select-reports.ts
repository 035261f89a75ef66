import { escapeControls } from '../diagnostics/characters.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { yearFolderFix } from '../project/country-folders.js';
import {
  listCountries,
  listYears,
  requireCountry,
  requireYear,
  scanYear,
  yearFolderDiagnostics,
} from '../project/paths.js';
import type { Context } from './report.js';

/** The reports a year/country selection names; unknown ones are usage errors with a suggestion. */
export async function selectReports(
  ctx: Context,
  year?: number,
  country?: string,
): Promise<{ year: number; country: string }[]> {
  if (year !== undefined && country !== undefined) {
    await requireCountry(ctx.cwd, year, country);
    return [{ year, country }];
  }
  if (year !== undefined) await requireYear(ctx.cwd, year);
  const years = year !== undefined ? [year] : await listYears(ctx.cwd);
  const selected: { year: number; country: string }[] = [];
  for (const y of years) for (const c of await listCountries(ctx.cwd, y)) selected.push({ year: y, country: c });
  return selected;
}

/** A folder or link of reports/<year>/ that is not read as a country, and why. */
export interface LeftOutFolder {
  year: number;
  name: string;
  diagnostic: Diagnostic;
  /** A folder of reports/ itself (`2O15`), not a country of `year` (the year it was meant to be, or 0). */
  yearFolder?: boolean;
}

/**
 * Folders of the selected years that are not read as countries (`New-Zealand`, a link out of the
 * project): reported by `validate` and `build` alike, and named in the consolidated report.
 */
export async function leftOutFolders(ctx: Context, year?: number, country?: string): Promise<LeftOutFolder[]> {
  if (country !== undefined) return [];
  const years = year !== undefined ? [year] : await listYears(ctx.cwd);
  const out: LeftOutFolder[] = [];
  if (year === undefined)
    for (const diagnostic of await yearFolderDiagnostics(ctx.cwd)) {
      const name = diagnostic.file.slice(diagnostic.file.lastIndexOf('/') + 1);
      out.push({ year: Number(yearFolderFix(name) ?? 0), name: escapeControls(name), diagnostic, yearFolder: true });
    }
  for (const y of years) {
    for (const diagnostic of (await scanYear(ctx.cwd, y)).diagnostics)
      out.push({
        year: y,
        name: escapeControls(diagnostic.file.slice(diagnostic.file.lastIndexOf('/') + 1)),
        diagnostic,
      });
  }
  return out;
}
