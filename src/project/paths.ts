import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import { didYouMean } from '../diagnostics/suggest.js';
import {
  brokenLink,
  outsideProject,
  resolvesInside,
  scanCountries,
  scanYears,
  slugFor,
  yearFolderFix,
} from './country-folders.js';
import { isInside } from './inside.js';
import { UserMistake } from './remedy.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseYear(input: string): number {
  if (!/^\d{4}$/.test(input))
    throw new UsageError(`\`${input}\` is not a reporting year`, 'give the year as four digits, e.g. `2014`');
  return Number(input);
}

/** Country arguments name a folder under reports/<year>/; nothing else (no `../`, no slashes). */
export function parseCountrySlug(input: string): string {
  if (input.includes('/') || input.includes('\\') || input.includes('..')) {
    throw new UsageError(
      `\`${input}\` is not a country name`,
      'name the country by its folder under reports/<year>/, e.g. `kosovo`',
    );
  }
  if (!SLUG.test(input)) {
    const lower = input
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    throw new UsageError(
      `\`${input}\` is not a valid country name`,
      SLUG.test(lower)
        ? `country names are lower-case ASCII with hyphens: did you mean \`${lower}\`?`
        : 'country names are lower-case ASCII letters, digits and hyphens, e.g. `new-zealand`',
    );
  }
  return input;
}

export function isSlug(input: string): boolean {
  return SLUG.test(input);
}

/** Shown paths are relative to the working directory, with forward slashes. */
export function displayPath(cwd: string, path: string): string {
  return (isInside(cwd, path) ? relative(cwd, path) : path).split(sep).join('/');
}

export async function listDirectories(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function reportsRoot(cwd: string): string {
  return join(cwd, 'reports');
}

export async function listYears(cwd: string): Promise<number[]> {
  return (await listDirectories(reportsRoot(cwd))).filter((n) => /^\d{4}$/.test(n)).map(Number);
}

/** Folders of reports/ not read as years (`2O15`, `2014 `): named, with the name to use. */
export async function yearFolderDiagnostics(cwd: string): Promise<Diagnostic[]> {
  return (await scanYears(cwd, reportsRoot(cwd), 'reports')).diagnostics;
}

/** The countries of a year: folders with a country name, and links to such folders inside the project. */
export async function listCountries(cwd: string, year: number): Promise<string[]> {
  return (await scanYear(cwd, year)).countries;
}

/** The countries of a year, and a diagnostic for each folder or link in reports/<year>/ left out. */
export function scanYear(cwd: string, year: number): Promise<{ countries: string[]; diagnostics: Diagnostic[] }> {
  const dir = join(reportsRoot(cwd), String(year));
  return scanCountries(cwd, dir, displayPath(cwd, dir));
}

export async function requireYear(cwd: string, year: number): Promise<void> {
  const years = await listYears(cwd);
  if (!years.includes(year)) {
    const message = `there are no reports for ${year} in reports/`;
    const typo = (await listDirectories(reportsRoot(cwd))).find((name) => yearFolderFix(name) === String(year));
    const hint =
      (typo !== undefined ? `the folder \`reports/${typo}\` is not read: rename it to \`${year}\`` : undefined) ??
      didYouMean(String(year), years.map(String)) ??
      (years.length ? `reports exist for ${years.join(', ')}` : undefined);
    throw hint === undefined ? new UserMistake(message, { kind: 'run-in-project' }) : new UsageError(message, hint);
  }
}

export async function requireCountry(cwd: string, year: number, country: string): Promise<void> {
  await requireYear(cwd, year);
  const { countries, diagnostics } = await scanYear(cwd, year);
  if (!countries.includes(country)) {
    // A folder that is there but cannot be read is named, rather than sending the user to `init`.
    const shown = `${displayPath(cwd, join(reportsRoot(cwd), String(year)))}/`;
    const problem = diagnostics.find((d) => {
      const name = d.file.slice(shown.length);
      return name === country || slugFor(name) === country;
    });
    if (problem) throw new UsageError(`${problem.file}: ${problem.message}`, problem.hint);
    const message = `there is no report for \`${country}\` in reports/${year}/`;
    const hint = didYouMean(country, countries);
    throw hint === undefined
      ? new UserMistake(message, { kind: 'start-report', year, country })
      : new UsageError(message, hint);
  }
}

/**
 * Before writing into reports/<year>/<country>/ (init, import): the folder, if it exists, must be
 * one gareport reads (not a link out of the project, not a link that leads nowhere).
 */
export async function requireWritableReportFolder(cwd: string, year: number, country: string): Promise<void> {
  const dir = join(reportsRoot(cwd), String(year), country);
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isSymbolicLink()) return;
  const where = await resolvesInside(cwd, dir);
  if (where === 'inside') return;
  const problem =
    where === 'broken' ? brokenLink(displayPath(cwd, dir)) : outsideProject(displayPath(cwd, dir), 'folder');
  throw new UsageError(`${problem.file}: ${problem.message}`, problem.hint);
}

/** Templates are looked up in `--templates DIR`, then the project's templates/, then gareport's own. */
export function templateDirectories(options: {
  cwd: string;
  packageRoot: string;
  templates?: string | undefined;
}): string[] {
  const dirs = [join(options.cwd, 'templates'), join(options.packageRoot, 'templates')];
  if (options.templates) dirs.unshift(options.templates);
  return [...new Set(dirs)];
}
