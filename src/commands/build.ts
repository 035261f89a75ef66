import { join } from 'node:path';
import type { BuildSettings, CountryJob, CountryOutcome } from '../build/country.js';
import { fingerprint } from '../build/fingerprint.js';
import type { IndexRow } from '../build/index-page.js';
import { entryFor, isUpToDate, readManifest, writeManifest } from '../build/manifest.js';
import { CONSOLIDATED_NAME } from '../build/names.js';
import type { Renderer } from '../build/render.js';
import type { Diagnostic } from '../diagnostics.js';
import { countDiagnostics, sortDiagnostics } from '../diagnostics.js';
import { reportsRoot, templateDirectories } from '../paths.js';
import type { Context, Report } from '../report.js';
import { loadForm, loadReport } from '../report.js';
import { completeness } from '../status.js';
import { VERSION } from '../version.js';
import { writeIfChanged } from '../write.js';
import { selectReports } from './validate.js';

export type { BuildFormat } from '../build/render.js';
export const FORMATS = ['md', 'html', 'pdf'] as const;

export interface BuildOptions extends Context, BuildSettings {
  year?: number | undefined;
  country?: string | undefined;
  /** Rebuild even what is up to date. */
  force?: boolean;
  /** Only these reports ("2014/kosovo"); undefined means all selected. */
  only?: ReadonlySet<string> | undefined;
  onProgress?: (event: { done: number; total: number; country: string; year: number }) => void;
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  built: CountryOutcome[];
  /** Up to date: not rendered, no file touched. */
  skipped: CountryJob[];
  failed: { year: number; country: string; reason: string }[];
  /** Year-level files written (consolidated report, index), as paths relative to the out folder. */
  yearFiles: string[];
}

const YEAR_ENTRY = '(all countries)';

/** Validates, renders and writes the selected reports; unchanged ones are skipped. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const selected = await selectReports(options, options.year, options.country);
  const result: BuildResult = { diagnostics: [], built: [], skipped: [], failed: [], yearFiles: [] };
  const years = [...new Set(selected.map((s) => s.year))];
  // The render stack (remark, rehype, Liquid, pdfkit) loads only when something is out of date.
  let renderer: Promise<Renderer> | undefined;
  const getRenderer = () => {
    renderer ??= import('../build/render.js').then(({ createRenderer }) => createRenderer(options));
    return renderer;
  };
  for (const year of years) {
    const countries = selected.filter((s) => s.year === year).map((s) => s.country);
    await buildYear(options, year, countries, options.country === undefined, getRenderer, result);
  }
  sortDiagnostics(result.diagnostics);
  return result;
}

async function buildYear(
  options: BuildOptions,
  year: number,
  countries: string[],
  wholeYear: boolean,
  getRenderer: () => Promise<Renderer>,
  result: BuildResult,
): Promise<void> {
  const { form, diagnostics: formDiagnostics } = await loadForm(options, year);
  if (!form) {
    result.diagnostics.push(...formDiagnostics);
    for (const country of countries) result.failed.push({ year, country, reason: 'the form has errors' });
    return;
  }
  const yearOut = join(options.out, String(year));
  const manifest = await readManifest(yearOut);
  const settings = {
    version: VERSION,
    formats: options.formats,
    paper: options.paper,
    date: options.sourceDateEpoch ?? null,
  };
  const shared = {
    folders: templateDirectories({ ...options }),
    files: [form.path, join(options.packageRoot, 'data', 'countries.yaml')],
  };
  const fingerprints = new Map<string, string>();
  const jobs: CountryJob[] = [];
  for (const country of countries) {
    const folder = join(reportsRoot(options.cwd), String(year), country);
    const fp = await fingerprint({ ...shared, folders: [folder, ...shared.folders], settings });
    fingerprints.set(country, fp);
    const expected = options.formats.map((f) => `${country}.${f}`);
    const wanted = options.only === undefined || options.only.has(`${year}/${country}`);
    if (!wanted || (!options.force && (await isUpToDate(manifest.entries[country], fp, yearOut, expected)))) {
      result.skipped.push({ year, country });
    } else jobs.push({ year, country });
  }

  // The consolidated report and index depend on every country of the year.
  const yearFp = wholeYear ? await fingerprint({ settings: { settings, countries: [...fingerprints] } }) : '';
  const yearNames = [...options.formats.map((f) => `${CONSOLIDATED_NAME}.${f}`), 'index.html'];
  const yearStale =
    wholeYear && (options.force || !(await isUpToDate(manifest.entries[YEAR_ENTRY], yearFp, yearOut, yearNames)));

  let done = 0;
  const { runCountryJobs } = jobs.length ? await import('../build/pool.js') : { runCountryJobs: async () => {} };
  const countryWork = runCountryJobs(options, options, jobs, getRenderer, (r) => {
    done++;
    options.onProgress?.({ done, total: jobs.length, country: r.job.country, year });
    if ('error' in r) {
      result.failed.push({ ...r.job, reason: `internal error: ${r.error}` });
      delete manifest.entries[r.job.country];
      return;
    }
    result.diagnostics.push(...r.outcome.diagnostics);
    if (r.outcome.files.length === 0) {
      const { errors } = countDiagnostics(r.outcome.diagnostics);
      result.failed.push({ ...r.job, reason: `${errors} error${errors === 1 ? '' : 's'} in the answers` });
      delete manifest.entries[r.job.country];
    } else result.built.push(r.outcome);
  });
  const yearWork = yearStale ? buildYearFiles(options, year, countries, getRenderer) : Promise.resolve([]);
  const [, yearFiles] = await Promise.all([countryWork, yearWork]);

  for (const outcome of result.built.filter((b) => b.year === year)) {
    const fp = fingerprints.get(outcome.country);
    if (fp) manifest.entries[outcome.country] = await entryFor(fp, yearOut, outcome.files);
  }
  if (yearStale) {
    manifest.entries[YEAR_ENTRY] = await entryFor(yearFp, yearOut, yearFiles);
    result.yearFiles.push(...yearFiles.map((f) => `${year}/${f}`));
  }
  if (jobs.length || yearStale) await writeManifest(yearOut, manifest);
}

/** The consolidated report and the index page of a year, from every country's current answers. */
async function buildYearFiles(
  options: BuildOptions,
  year: number,
  countries: readonly string[],
  getRenderer: () => Promise<Renderer>,
): Promise<string[]> {
  const { form } = await loadForm(options, year);
  if (!form) return [];
  const reports: Report[] = [];
  const rows: IndexRow[] = [];
  const failed: { name: string; slug: string }[] = [];
  for (const country of countries) {
    const loaded = await loadReport(options, year, country);
    const { errors } = countDiagnostics(loaded.diagnostics);
    if (loaded.report) {
      reports.push(loaded.report);
      rows.push({
        slug: country,
        name: loaded.report.country.name,
        completeness: completeness(form, loaded.report.answers),
        errors,
      });
    } else {
      failed.push({ slug: country, name: country });
      rows.push({ slug: country, name: country, errors });
    }
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const renderer = await getRenderer();
  const [{ consolidatedSpec }, { renderDocumentFormats }, { writeOutputs }, { renderIndexPage }] = await Promise.all([
    import('../build/consolidated.js'),
    import('../build/render.js'),
    import('../build/country.js'),
    import('../build/index-page.js'),
  ]);
  const yearOut = join(options.out, String(year));
  const files: string[] = [];
  if (reports.length) {
    const spec = consolidatedSpec(form, reports, failed, options.sourceDateEpoch);
    const outputs = await renderDocumentFormats(renderer, spec, options.formats, options.paper);
    files.push(...(await writeOutputs(yearOut, CONSOLIDATED_NAME, outputs)));
  }
  await writeIfChanged(
    join(yearOut, 'index.html'),
    await renderIndexPage(renderer, form, rows, options.formats, reports.length > 0),
  );
  files.push('index.html');
  return files;
}
