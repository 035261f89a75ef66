/**
 * The first step of building a year: which reports are out of date (by the fingerprint of their
 * inputs against the manifest of the last build), and whether the year's own files are.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { FormDefinition } from '../model/form.js';
import { formFileOf, translationFiles } from '../model/form-files.js';
import { mayNameLogo } from '../project/logo-named.js';
import { reportsRoot, templateDirectories } from '../project/paths.js';
import { VERSION } from '../project/version.js';
import { CONSOLIDATED_NAME } from '../render/names.js';
import type { BuildOptions, CountryJob } from './batch-options.js';
import { YEAR_ENTRY } from './batch-options.js';
import { fingerprint } from './fingerprint.js';
import type { Manifest } from './manifest.js';
import { isUpToDate, readManifest } from './manifest.js';

export interface YearPlan {
  year: number;
  form: FormDefinition;
  /** <out>/<year>/ */
  yearOut: string;
  /** What the last build of the year wrote. */
  manifest: Manifest;
  /** Every selected country of the year. */
  countries: string[];
  /** Out of date: rendered. */
  jobs: CountryJob[];
  /** Up to date, or not asked for (`only`): not rendered, no file touched. */
  skipped: CountryJob[];
  /** Each country's inputs, hashed; recorded for what is built. */
  fingerprints: Map<string, string>;
  /** The bytes of each country's YAML files (and its year before's), read to hash them: not read again. */
  bytes: Map<string, Map<string, Uint8Array>>;
  /** The consolidated report and index page are rendered: the whole year is built and something they show changed. */
  yearStale: boolean;
  /** The inputs of the year files, hashed ('' when the build is not of the whole year). */
  yearFingerprint: string;
  /** Country folders not read as countries: named in the index, not built. */
  leftOut: string[];
}

/**
 * A plan with nothing to build: the form is not read (its bytes are in the fingerprint that a
 * build which did read it recorded, so it is the form that build found fit).
 */
export type UpToDatePlan = Omit<YearPlan, 'form'> & { form?: undefined };

/** The plan of a year, or the form's diagnostics when the year's form is missing or has errors. */
export async function planYear(
  options: BuildOptions,
  year: number,
  countries: string[],
  wholeYear: boolean,
  leftOut: string[],
): Promise<{ plan?: YearPlan | UpToDatePlan; diagnostics: Diagnostic[] }> {
  const formPath = await formFileOf(options, year);
  if (!formPath) return (await import('../model/report.js')).loadForm(options, year);
  const yearOut = join(options.out, String(year));
  const manifest = readManifest(yearOut);
  const settings = {
    version: VERSION,
    formats: options.formats,
    paper: options.paper,
    date: options.sourceDateEpoch ?? null,
    fonts: options.fonts ?? [],
    // A rule made an error or turned off changes what is built and the warnings recorded.
    rules: options.rules ?? {},
    // --strict fails a PDF with characters no font draws: a report built without it is not up to
    // date with it (found in review: "1 up to date", exit 0).
    strict: Boolean(options.strict) && options.formats.includes('pdf'),
  };
  // The project's font files (folders of fonts, files) draw the PDF: their bytes, not only their names.
  const fontPaths = options.formats.includes('pdf') ? (options.fonts ?? []).filter((f) => isAbsolute(f)) : [];
  const fontFolders = await asyncFilter(fontPaths, async (f) => (await stat(f).catch(() => undefined))?.isDirectory());
  // What every report of the year depends on (templates, form, country list, settings), hashed once.
  const shared = fingerprint({
    folders: [...templateDirectories({ ...options }), ...fontFolders],
    files: [
      ...fontPaths.filter((f) => !fontFolders.includes(f)),
      formPath,
      // The form's translations: a report in another language shows their text (issue 11).
      ...(await translationFiles({ path: formPath, year }, join(options.cwd, 'forms'))),
      join(options.packageRoot, 'data', 'countries.yaml'),
    ],
    settings,
  });
  const fingerprints = new Map<string, string>();
  const bytes = new Map<string, Map<string, Uint8Array>>();
  const jobs: CountryJob[] = [];
  const skipped: CountryJob[] = [];
  for (const country of countries) {
    const folder = join(reportsRoot(options.cwd), String(year), country);
    // The year before's report too: the HTML shows what it announced (issue 12, part 2).
    const yearBefore = join(reportsRoot(options.cwd), String(year - 1), country);
    const kept = new Map<string, Uint8Array>();
    const folders = fingerprint({ folders: [folder, yearBefore], settings: shared }, kept);
    // Its logo too, which may be anywhere in the project (issue 20, item 11): named in the
    // country.yaml just read, which is not read again.
    const logo = await logoOf(options.cwd, kept.get(join(folder, 'country.yaml')));
    const fp = logo ? fingerprint({ files: [logo], settings: folders }) : folders;
    fingerprints.set(country, fp);
    bytes.set(country, kept);
    const expected = options.formats.map((f) => `${country}.${f}`);
    const wanted = options.only === undefined || options.only.has(`${year}/${country}`);
    const upToDate = isUpToDate(manifest.entries[country], fp, yearOut, expected);
    // Not asked for (--changed-since): left as it is, but never called up to date when it is not.
    if (!wanted) skipped.push(upToDate ? { year, country } : { year, country, notChanged: true });
    else if (!options.force && upToDate) skipped.push({ year, country });
    else jobs.push({ year, country });
  }

  // The consolidated report and index depend on every country of the year.
  // Countries left out (--changed-since) that were never built show as such in the index: which
  // ones they are is part of what the index depends on.
  const unbuilt = countries.filter((c) => !jobs.some((j) => j.country === c) && manifest.entries[c] === undefined);
  const yearFingerprint = wholeYear
    ? fingerprint({ settings: { settings, countries: [...fingerprints], unbuilt, leftOut } })
    : '';
  const yearNames = [...options.formats.map((f) => `${CONSOLIDATED_NAME}.${f}`), 'index.html'];
  const yearStale =
    wholeYear && (options.force || !isUpToDate(manifest.entries[YEAR_ENTRY], yearFingerprint, yearOut, yearNames));
  // Reports that are neither built nor in the year's files are not loaded: their bytes are not kept.
  if (!yearStale) for (const { country } of skipped) bytes.delete(country);
  const plan = {
    year,
    yearOut,
    manifest,
    countries,
    jobs,
    skipped,
    fingerprints,
    bytes,
    yearStale,
    yearFingerprint,
    leftOut,
  };
  // Nothing to build: no form, so no YAML parse and no schema (a no-op build, issue 19).
  if (!jobs.length && !yearStale) return { plan, diagnostics: [] };
  // The form's module (YAML, zod) is loaded only here, to read it.
  const { loadForm } = await import('../model/report.js');
  const { form, diagnostics } = await loadForm(options, year);
  return form ? { plan: { ...plan, form }, diagnostics } : { diagnostics };
}

async function asyncFilter<T>(items: readonly T[], test: (item: T) => Promise<boolean | undefined>): Promise<T[]> {
  const keep = await Promise.all(items.map(test));
  return items.filter((_item, i) => keep[i] === true);
}

/** The logo a country.yaml names; the YAML parser is loaded only for a file that could name one. */
async function logoOf(root: string, countryFile: Uint8Array | undefined): Promise<string | undefined> {
  if (!countryFile || !mayNameLogo(new TextDecoder().decode(countryFile))) return undefined;
  const { logoNamedIn } = await import('../project/git.js');
  return logoNamedIn(root, countryFile);
}
