/**
 * The second step of building a year: one task per country takes its report through the whole
 * route (load → check → compose → render → write, render/report-pipeline.ts); a report that is up
 * to date but needed by the year's files is loaded and checked only. The year's consolidated report
 * and index page come after, from the reports the tasks sent back. Tasks run on worker threads, a
 * single task on this thread (see pool.ts); nothing here writes the manifest.
 */
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { countDiagnostics, isError, plural } from '../diagnostics/diagnostics.js';
import { describeFileSystemError, isFileSystemError, UsageError } from '../diagnostics/errors.js';
import { countryCollator } from '../model/country-order.js';
import type { Report } from '../model/report.js';
import { displayPath } from '../project/paths.js';
import { removeTemporaryFiles } from '../project/write-atomic.js';
import type { IndexRow } from '../render/index-page.js';
import { CONSOLIDATED_NAME } from '../render/names.js';
import type { Theme } from '../render/theme/schema.js';
import type { BuildFailure, BuildOptions, CountryOutcome } from './batch-options.js';
import { YEAR_ENTRY } from './batch-options.js';
import type { YearPlan } from './plan.js';
import type { TaskRunner } from './pool.js';
import { BuildStopped } from './pool.js';
import { errorFromData } from './task-error.js';
import type { CountryResult, Task } from './tasks.js';

/** The rule ids of render/font-check.ts, not imported: the font check's code stays out of the main thread. */
const FONT_MISSING = 'font-missing';
const BAD_FONT = 'bad-font';

type YearTask = Extract<Task, { kind: 'year' }>;

/** What the tasks of a year came to. */
export interface YearOutcome {
  built: CountryOutcome[];
  failed: BuildFailure[];
  diagnostics: Diagnostic[];
  /** The year files written (consolidated report, index page), as names in <out>/<year>/. */
  yearFiles: string[];
  /** Warnings per country built, for the record: an up-to-date report's count in the next build's summary. */
  warnings: Record<string, number>;
}

/** Runs the load and render tasks of a year's plan. Throws what stops the whole build (a usage mistake, a bug). */
export async function executeYear(options: BuildOptions, plan: YearPlan, theme?: Theme): Promise<YearOutcome> {
  const { createRunner } = await import('./pool.js');
  const runner = createRunner(options, options, plan.jobs.length + (plan.yearStale ? 1 : 0), theme);
  const abort = () => runner.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  // Stopped while the runner was loaded: the listener above is never called.
  if (options.signal?.aborted) abort();
  const execution = new YearExecution(options, plan, runner);
  try {
    await execution.run();
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await runner.close();
    // Writes cut short (Ctrl-C, a full disk) leave no temporary files behind.
    await removeTemporaryFiles(plan.yearOut);
  }
  if (execution.stop) throw execution.stop;
  return execution.outcome;
}

/** The state of a year's tasks while they run: what is loaded, valid, built or failed. */
class YearExecution {
  readonly outcome: YearOutcome = { built: [], failed: [], diagnostics: [], yearFiles: [], warnings: {} };
  /** What ends the whole build once the tasks are done. */
  stop: Error | undefined;
  private readonly isJob: Set<string>;
  private readonly valid = new Map<string, Report>();
  private readonly names = new Map<string, string>();
  /** Countries whose answers have errors (the others not valid could not be built: fonts, files). */
  private readonly withErrors = new Set<string>();
  /** Font files already reported as unreadable this build. */
  private readonly fontsNamed = new Set<string>();
  private readonly rows: IndexRow[] = [];
  private readonly work: Promise<void>[] = [];
  private done = 0;

  constructor(
    private readonly options: BuildOptions,
    private readonly plan: YearPlan,
    private readonly runner: TaskRunner,
  ) {
    this.isJob = new Set(plan.jobs.map((j) => j.country));
  }

  async run(): Promise<void> {
    const { plan, isJob } = this;
    // Out-of-date reports first; the year files need every report, loaded and checked.
    const order = plan.yearStale ? [...isJob, ...plan.countries.filter((c) => !isJob.has(c))] : [...isJob];
    await Promise.all(
      order.map((country) => {
        const bytes = plan.bytes.get(country) ?? new Map<string, Uint8Array>();
        const task: Task = {
          kind: 'country',
          year: plan.year,
          country,
          bytes,
          render: isJob.has(country),
          keepReport: plan.yearStale,
        };
        return this.runner.run(task).then(
          (result) => this.countryDone(result, country),
          (error: Error) => this.loadFailed(country, error),
        );
      }),
    );
    if (plan.yearStale && !this.stop) this.renderYear();
    await Promise.all(this.work);
    await this.renderIndexAgain();
  }

  /** Why a task failed, for the summary; undefined when the build was stopped (not a failure). */
  private failure(country: string, error: Error): BuildFailure | undefined {
    if (error instanceof BuildStopped) return undefined;
    if (error instanceof UsageError) this.stop ??= error;
    const { year } = this.plan;
    if (isFileSystemError(error)) {
      const reason = describeFileSystemError(error, (path) => displayPath(this.options.cwd, path));
      return { year, country, reason, io: true };
    }
    return { year, country, reason: `internal error: ${error.message}`, internal: true };
  }

  private renderFailed(country: string, error: Error): void {
    const failed = this.failure(country, error);
    if (failed) this.outcome.failed.push(failed);
  }

  private progress(country: string): void {
    if (this.options.signal?.aborted) return;
    this.done++;
    this.options.onProgress?.({ done: this.done, total: this.plan.jobs.length, country, year: this.plan.year });
  }

  /** A country's task done: its report loaded (and, if it was out of date, built), or its errors. */
  private countryDone(result: CountryResult, country: string): void {
    const { plan, outcome } = this;
    const { report, name, completeness } = result;
    this.names.set(country, name ?? country);
    // What the answers say (the project's rules applied in the task); the PDF's fonts come apart.
    const isFont = (d: Diagnostic) => d.ruleId === FONT_MISSING || d.ruleId === BAD_FONT;
    const diagnostics = result.diagnostics.filter((d) => !isFont(d));
    const fonts = result.diagnostics.filter(isFont);
    const { errors, warnings } = countDiagnostics(diagnostics);
    // Failed by its fonts (the task made nothing of it): left out of the year's files like a report with errors.
    const fontFailure = result.valid ? this.fontFailure(fonts) : undefined;
    if (!result.valid) this.withErrors.add(country);
    if (report && !fontFailure) this.valid.set(country, report);
    if (plan.yearStale) {
      this.rows.push({
        slug: country,
        name: name ?? country,
        completeness: result.valid ? completeness : undefined,
        errors,
        // Left out by --changed-since and never built before: the index must not link to nothing.
        built: !fontFailure && (this.isJob.has(country) || plan.manifest.entries[country] !== undefined),
        problem: fontFailure,
      });
    }
    if (!this.isJob.has(country)) return;
    outcome.diagnostics.push(...diagnostics);
    outcome.warnings[country] = warnings;
    if (!result.valid) {
      outcome.failed.push({ year: plan.year, country, reason: `${plural(errors, 'error')} in the answers` });
    } else {
      this.fontsChecked(fonts, country);
      if (fontFailure) outcome.failed.push({ year: plan.year, country, reason: fontFailure });
      else if (result.renderError) this.renderFailed(country, errorFromData(result.renderError));
      else {
        const done = { ...(completeness ? { completeness } : {}), diagnostics, files: result.files };
        outcome.built.push({ year: plan.year, country, name: name ?? country, ...done });
      }
    }
    this.progress(country);
  }

  /** Characters no font can draw in the PDF, damaged fonts: counted and reported, a font file once a build (issue 10). */
  private fontsChecked(found: Diagnostic[], country: string): void {
    this.outcome.warnings[country] = (this.outcome.warnings[country] ?? 0) + countDiagnostics(found).warnings;
    const once = (file: string) => !this.fontsNamed.has(file) && Boolean(this.fontsNamed.add(file));
    this.outcome.diagnostics.push(...found.filter((d) => d.ruleId !== BAD_FONT || once(d.file)));
  }

  /**
   * Why the PDF's fonts fail a report, as its task found them (render/report-pipeline.ts, check
   * step): a font it needs cannot be read, or an error about a character no font can draw (`--strict`).
   */
  private fontFailure(found: Diagnostic[]): string | undefined {
    const broken = [...new Set(found.filter((d) => d.ruleId === BAD_FONT && isError(d)).map((d) => d.file))];
    if (broken.length) return `a font it needs cannot be read: ${broken.join(', ')}`;
    if (!found.some(isError)) return undefined;
    return `characters no font can draw in the PDF${this.options.strict ? ' (--strict)' : ''}`;
  }

  /**
   * A load task that threw. Not a mistake in the answers (those are diagnostics): an unreadable
   * file, a symbolic link loop… fails this country alone (issue 8, item 5); anything else stops the build.
   */
  private loadFailed(country: string, error: Error): void {
    if (!isFileSystemError(error)) {
      if (!(error instanceof BuildStopped)) this.stop ??= error;
      return;
    }
    const failed = this.failure(country, error);
    this.names.set(country, country);
    if (this.plan.yearStale)
      this.rows.push({ slug: country, name: country, errors: 0, built: false, problem: failed?.reason });
    if (!this.isJob.has(country) || !failed) return;
    this.outcome.failed.push(failed);
    this.progress(country);
  }

  /** The consolidated report (of the valid reports) and the index page (of every report). */
  private renderYear(): void {
    const { form, countries, leftOut } = this.plan;
    const collator = countryCollator(form.language);
    this.rows.sort((a, b) => collator.compare(a.name, b.name));
    const task: YearTask = {
      kind: 'year',
      form,
      reports: countries.flatMap((c) => this.valid.get(c) ?? []),
      failed: [
        ...countries
          .filter((c) => !this.valid.has(c))
          .map((c) => ({
            slug: c,
            name: this.names.get(c) ?? c,
            reason: this.withErrors.has(c) ? ('answers' as const) : ('not-built' as const),
          })),
        ...leftOut.map((name) => ({ slug: name, name, reason: 'not-built' as const })),
      ],
      rows: this.rows,
    };
    this.work.push(
      this.runner.run(task, true).then(
        (files) => {
          this.outcome.yearFiles = files;
        },
        (error: Error) => this.renderFailed(YEAR_ENTRY, error),
      ),
    );
  }

  /** A country whose files could not be written is in the index with links: the index again, saying it was not built. */
  private async renderIndexAgain(): Promise<void> {
    const { outcome, rows } = this;
    const renderFailed = new Map(outcome.failed.map((f) => [f.country, f.reason]));
    const wrongRows = rows.filter(
      (row) => row.built !== false && this.valid.has(row.slug) && renderFailed.has(row.slug),
    );
    if (!outcome.yearFiles.length || !wrongRows.length || this.options.signal?.aborted) return;
    for (const row of wrongRows) Object.assign(row, { built: false, problem: renderFailed.get(row.slug) });
    const withConsolidated = outcome.yearFiles.some((f) => f.startsWith(`${CONSOLIDATED_NAME}.`));
    const task: YearTask = {
      kind: 'year',
      form: this.plan.form,
      reports: [],
      failed: [],
      rows,
      indexOnly: { withConsolidated },
    };
    await this.runner.run(task).catch((error: Error) => this.renderFailed(YEAR_ENTRY, error));
  }
}
