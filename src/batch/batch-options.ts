/** What a batch build is asked to do, and what it reports back. */
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { ReportCompleteness } from '../model/completeness.js';
import type { Context } from '../model/report.js';
import type { BuildSettings } from '../render/country-spec.js';

/** Every output format a build can write; `docx` is opt-in, not among the defaults. */
export const FORMATS = ['md', 'html', 'pdf', 'docx'] as const;

export interface BuildOptions extends Context, BuildSettings {
  year?: number | undefined;
  country?: string | undefined;
  /** Rebuild even what is up to date. */
  force?: boolean;
  /** Font files or npm font packages tried for characters the built-in fonts lack (issue 10). */
  fonts?: readonly string[];
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
  /** Failed in a way gareport did not foresee (a bug): exit code 2, as the README says. */
  internal?: boolean;
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
  /** Warnings of the reports up to date, as recorded when they were built (not in `diagnostics`). */
  upToDateWarnings: number;
  /**
   * Outputs of an earlier build in a format not built this time, removed so that none looks current
   * when it is not (issue 21 item 3); paths relative to the out folder.
   */
  removed?: string[];
}

/** The manifest entry of a year's consolidated report and index page. */
export const YEAR_ENTRY = '(all countries)';

export interface CountryJob {
  year: number;
  country: string;
  /** Left out by `--changed-since` though not up to date (never built, or built from other inputs). */
  notChanged?: boolean;
}

export interface CountryOutcome extends CountryJob {
  name: string;
  diagnostics: Diagnostic[];
  /** Output file names written (in <out>/<year>/); empty when the report has errors. */
  files: string[];
  completeness?: ReportCompleteness;
}
