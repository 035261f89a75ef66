import { join } from 'node:path';
import type { BuildSettings, CountryJob, CountryOutcome } from '../batch/country-job.js';
import { fingerprint } from '../batch/fingerprint.js';
import type { IndexRow } from '../batch/index-page.js';
import { entryFor, isUpToDate, readManifest, writeManifest } from '../batch/manifest.js';
import { CONSOLIDATED_NAME } from '../batch/names.js';
import { checkTemplatesFolder, lockOutputFolder, prepareOutputFolder, removeOutputs } from '../batch/output-folder.js';
import { BuildStopped } from '../batch/pool.js';
import type { Loaded, Task } from '../batch/tasks.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { countDiagnostics, plural, sortDiagnostics } from '../diagnostics/diagnostics.js';
import { describeFileSystemError, isFileSystemError, UsageError } from '../diagnostics/errors.js';
import { completeness } from '../model/completeness.js';
import { countryCollator } from '../model/country-order.js';
import type { Context, Report } from '../model/report.js';
import { loadForm } from '../model/report.js';
import { leftOutFolders, selectReports } from '../model/select-reports.js';
import { displayPath, reportsRoot, templateDirectories } from '../project/paths.js';
import { VERSION } from '../project/version.js';
import { removeTemporaryFiles } from '../project/write-atomic.js';

export type { BuildFormat } from '../batch/render-outputs.js';
/** Every format `--format` accepts; `docx` is opt-in, not among the defaults. */
export const FORMATS = ['md', 'html', 'pdf', 'docx'] as const;

export interface BuildOptions extends Context, BuildSettings {
  year?: number | undefined;
  country?: string | undefined;
  /** Rebuild even what is up to date. */
  force?: boolean;
  /** Font files or npm font packages tried for characters the built-in fonts lack (issue 10). */
  fonts?: readonly string[];
  /** Font warnings are errors (issue 10). */
  strict?: boolean;
  /** Only these reports ("2014/kosovo"); undefined means all selected. */
  only?: ReadonlySet<string> | undefined;
  onProgress?: (event: { done: number; total: number; country: string; year: number }) => void;
  /** Aborted to stop the build (Ctrl-C): finished outputs are kept and recorded, the rest is not written. */
  signal?: AbortSignal | undefined;
  /** How long to wait for another build writing to the same output folder (default one minute). */
  lockTimeoutMs?: number | undefined;
  /** Called when another build holds the output folder and this one starts waiting. */
  onLockWait?: (() => void) | undefined;
}

export interface BuildFailure {
  year: number;
  country: string;
  reason: string;
  /** A file could not be read or written (not a mistake in the answers). */
  io?: boolean;
  /** Outputs of an earlier build removed because this report failed (names in <out>/<year>/). */
  removed?: string[];
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  built: CountryOutcome[];
  /** Up to date: not rendered, no file touched. */
  skipped: CountryJob[];
  failed: BuildFailure[];
  /** Stopped by `signal`: the reports not in `built`, `skipped` or `failed` were not built. */
  stopped: boolean;
  /** Year-level files written (consolidated report, index), as paths relative to the out folder. */
  yearFiles: string[];
}

const YEAR_ENTRY = '(all countries)';

/** Validates, renders and writes the selected reports; unchanged ones are skipped. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  await checkTemplatesFolder(options.cwd, options.templates);
  const selected = await selectReports(options, options.year, options.country);
  const result: BuildResult = { diagnostics: [], built: [], skipped: [], failed: [], stopped: false, yearFiles: [] };
  // Folders not read as countries (`New-Zealand`, a link out of the project) fail, named, not silently.
  const leftOut = await leftOutFolders(options, options.year, options.country);
  for (const { year, name, diagnostic } of leftOut) {
    result.diagnostics.push(diagnostic);
    result.failed.push({ year, country: name, reason: diagnostic.message });
  }
  await prepareOutputFolder(options.cwd, options.out);
  const release = await lockOutputFolder(options.cwd, options.out, {
    timeoutMs: options.lockTimeoutMs ?? 60_000,
    signal: options.signal,
    onWait: options.onLockWait,
  });
  if (!release) return { ...result, stopped: true };
  try {
    const years = [...new Set(selected.map((s) => s.year))];
    for (const year of years) {
      if (options.signal?.aborted) break;
      const countries = selected.filter((s) => s.year === year).map((s) => s.country);
      const left = leftOut.filter((l) => l.year === year).map((l) => l.name);
      await buildYear(options, year, countries, options.country === undefined, result, left);
    }
  } finally {
    await release();
  }
  result.stopped = Boolean(options.signal?.aborted);
  sortDiagnostics(result.diagnostics);
  return result;
}

async function buildYear(
  options: BuildOptions,
  year: number,
  countries: string[],
  wholeYear: boolean,
  result: BuildResult,
  leftOut: string[] = [],
): Promise<void> {
  const { form, diagnostics: formDiagnostics } = await loadForm(options, year);
  if (!form) {
    result.diagnostics.push(...formDiagnostics);
    for (const country of countries) result.failed.push({ year, country, reason: 'the form has errors' });
    return;
  }
  const yearOut = join(options.out, String(year));
  // Left by a build that was killed; no other build writes here while we hold the lock.
  await removeTemporaryFiles(yearOut);
  const manifest = await readManifest(yearOut);
  const settings = {
    version: VERSION,
    formats: options.formats,
    paper: options.paper,
    date: options.sourceDateEpoch ?? null,
    fonts: options.fonts ?? [],
  };
  // What every report of the year depends on (templates, form, country list, settings), hashed once.
  const shared = await fingerprint({
    folders: templateDirectories({ ...options }),
    files: [form.path, join(options.packageRoot, 'data', 'countries.yaml')],
    settings,
  });
  const fingerprints = new Map<string, string>();
  const jobs: CountryJob[] = [];
  for (const country of countries) {
    const folder = join(reportsRoot(options.cwd), String(year), country);
    // The year before's report too: the HTML shows what it announced (issue 12, part 2).
    const yearBefore = join(reportsRoot(options.cwd), String(year - 1), country);
    const fp = await fingerprint({ folders: [folder, yearBefore], settings: shared });
    fingerprints.set(country, fp);
    const expected = options.formats.map((f) => `${country}.${f}`);
    const wanted = options.only === undefined || options.only.has(`${year}/${country}`);
    if (!wanted || (!options.force && (await isUpToDate(manifest.entries[country], fp, yearOut, expected)))) {
      result.skipped.push({ year, country });
    } else jobs.push({ year, country });
  }

  // The consolidated report and index depend on every country of the year.
  // Countries left out (--changed-since) that were never built show as such in the index: which
  // ones they are is part of what the index depends on.
  const unbuilt = countries.filter((c) => !jobs.some((j) => j.country === c) && manifest.entries[c] === undefined);
  const yearFp = wholeYear
    ? await fingerprint({ settings: { settings, countries: [...fingerprints], unbuilt, leftOut } })
    : '';
  const yearNames = [...options.formats.map((f) => `${CONSOLIDATED_NAME}.${f}`), 'index.html'];
  const yearStale =
    wholeYear && (options.force || !(await isUpToDate(manifest.entries[YEAR_ENTRY], yearFp, yearOut, yearNames)));
  // Nothing out of date: nothing is loaded (no render stack, no worker) and no file is written.
  if (!jobs.length && !yearStale) return;
  if (options.signal?.aborted) return;

  // Each report is read and validated once, by a load task (on the workers too, so the main thread
  // stays small); the rendering gets it validated. Out-of-date reports are loaded first so they can
  // render at once; the year files need every report.
  const { createRunner } = await import('../batch/pool.js');
  const runner = createRunner(options, options, jobs.length + (yearStale ? 1 : 0));
  const abort = () => runner.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const render = (task: Task, first?: boolean) => runner.run(task, first) as Promise<string[]>;
  const isJob = new Set(jobs.map((j) => j.country));
  const order = yearStale ? [...isJob, ...countries.filter((c) => !isJob.has(c))] : [...isJob];
  const valid = new Map<string, Report>();
  const rows: IndexRow[] = [];
  const work: Promise<void>[] = [];
  let stop: Error | undefined;
  const shown = (path: string) => displayPath(options.cwd, path);
  /** Why a task failed, for the summary; undefined when the build was stopped (not a failure). */
  const failure = (country: string, error: Error): BuildFailure | undefined => {
    if (error instanceof BuildStopped) return undefined;
    if (error instanceof UsageError) stop ??= error;
    if (isFileSystemError(error)) return { year, country, reason: describeFileSystemError(error, shown), io: true };
    return { year, country, reason: `internal error: ${error.message}` };
  };
  const failedTask = (country: string, error: Error) => {
    delete manifest.entries[country];
    const failed = failure(country, error);
    if (failed) result.failed.push(failed);
  };
  let done = 0;
  const progress = (country: string) => {
    if (options.signal?.aborted) return;
    done++;
    options.onProgress?.({ done, total: jobs.length, country, year });
  };
  const names = new Map<string, string>();
  const loaded = ({ report, name, diagnostics }: Loaded, country: string) => {
    names.set(country, name ?? country);
    const { errors } = countDiagnostics(diagnostics);
    if (report) valid.set(country, report);
    if (yearStale) {
      rows.push({
        slug: country,
        name: name ?? country,
        completeness: report ? completeness(form, report.answers) : undefined,
        errors,
        // Left out by --changed-since and never built before: the index must not link to nothing.
        built: isJob.has(country) || manifest.entries[country] !== undefined,
      });
    }
    if (!isJob.has(country)) return;
    result.diagnostics.push(...diagnostics);
    if (!report) {
      result.failed.push({ year, country, reason: `${plural(errors, 'error')} in the answers` });
      delete manifest.entries[country];
      progress(country);
      return;
    }
    if (options.formats.includes('pdf')) work.push(checkFonts(options, report.files, year, country, result));
    work.push(
      render({ kind: 'country', report })
        .then(
          (files) => {
            result.built.push({
              year,
              country,
              name: report.country.name,
              diagnostics,
              files,
              completeness: completeness(form, report.answers),
            });
          },
          (error: Error) => failedTask(country, error),
        )
        .finally(() => progress(country)),
    );
  };
  let yearFiles: string[] = [];
  try {
    await Promise.all(
      order.map((country) =>
        (runner.run({ kind: 'load', year, country }) as Promise<Loaded>).then(
          (l) => loaded(l, country),
          (error: Error) => {
            // Not a mistake in the answers (those are diagnostics): an unreadable file, a symbolic
            // link loop… fails this country alone (issue 8, item 5).
            if (!isFileSystemError(error)) {
              if (!(error instanceof BuildStopped)) stop ??= error;
              return;
            }
            const failed = failure(country, error);
            names.set(country, country);
            if (yearStale)
              rows.push({ slug: country, name: country, errors: 0, built: false, problem: failed?.reason });
            if (!isJob.has(country) || !failed) return;
            result.failed.push(failed);
            delete manifest.entries[country];
            progress(country);
          },
        ),
      ),
    );
    if (yearStale && !stop) {
      const collator = countryCollator(form.language);
      rows.sort((a, b) => collator.compare(a.name, b.name));
      const task: Task = {
        kind: 'year',
        form,
        reports: countries.flatMap((c) => valid.get(c) ?? []),
        failed: [
          ...countries.filter((c) => !valid.has(c)).map((c) => ({ slug: c, name: names.get(c) ?? c })),
          ...leftOut.map((name) => ({ slug: name, name })),
        ],
        rows,
      };
      work.push(
        render(task, true).then(
          (files) => {
            yearFiles = files;
          },
          (error: Error) => failedTask(YEAR_ENTRY, error),
        ),
      );
    }
    await Promise.all(work);
    // A country whose files could not be written is in the index with links: say it was not built.
    const renderFailed = new Map(result.failed.filter((f) => f.year === year).map((f) => [f.country, f.reason]));
    const wrongRows = rows.filter((row) => row.built !== false && valid.has(row.slug) && renderFailed.has(row.slug));
    if (yearFiles.length && wrongRows.length && !options.signal?.aborted) {
      for (const row of wrongRows) Object.assign(row, { built: false, problem: renderFailed.get(row.slug) });
      const withConsolidated = yearFiles.some((f) => f.startsWith(`${CONSOLIDATED_NAME}.`));
      const task: Task = { kind: 'year', form, reports: [], failed: [], rows, indexOnly: { withConsolidated } };
      await render(task).catch((error: Error) => failedTask(YEAR_ENTRY, error));
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await runner.close();
    // Writes cut short (Ctrl-C, a full disk) leave no temporary files behind.
    await removeTemporaryFiles(yearOut);
  }
  if (stop) throw stop;
  // Stopped: what was not finished is not recorded, so the next build does it.
  const finished = new Set(result.built.filter((b) => b.year === year).map((b) => b.country));
  for (const job of jobs) if (!finished.has(job.country)) delete manifest.entries[job.country];
  if (yearStale && !yearFiles.length) delete manifest.entries[YEAR_ENTRY];
  // The outputs of a report that failed this time are not this build's: they go (issue 8, item 6).
  for (const failed of result.failed) {
    if (failed.year !== year || failed.country === YEAR_ENTRY) continue;
    const removed = await removeOutputs(yearOut, failed.country, FORMATS);
    if (removed.length) failed.removed = removed;
  }
  // Workers finish in any order; the summary lists reports in a stable one.
  const inOrder = (a: CountryJob, b: CountryJob) => a.year - b.year || (a.country < b.country ? -1 : 1);
  result.built.sort(inOrder);
  result.failed.sort(inOrder);

  for (const outcome of result.built.filter((b) => b.year === year)) {
    const fp = fingerprints.get(outcome.country);
    if (fp) manifest.entries[outcome.country] = await entryFor(fp, yearOut, outcome.files);
  }
  if (yearFiles.length) {
    manifest.entries[YEAR_ENTRY] = await entryFor(yearFp, yearOut, yearFiles);
    result.yearFiles.push(...yearFiles.map((f) => `${year}/${f}`));
  }
  await writeManifest(yearOut, manifest);
}

/** Characters no font can draw in the PDF: warnings, or errors that fail the report with --strict (issue 10). */
async function checkFonts(
  options: BuildOptions,
  files: readonly string[],
  year: number,
  country: string,
  result: BuildResult,
): Promise<void> {
  const { reportFontDiagnostics } = await import('../batch/font-check.js');
  const found = await reportFontDiagnostics(files, options);
  result.diagnostics.push(...found);
  if (options.strict && found.length > 0) {
    result.failed.push({ year, country, reason: 'characters no font can draw in the PDF (--strict)' });
  }
}
