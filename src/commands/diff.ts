/** `gareport diff <country> <yearA> <yearB>` and `gareport diff [country] <year> --since <ref>`. */
import { join } from 'node:path';
import type { DocumentRunner } from '../batch/documents.js';
import { documentRunner } from '../batch/documents.js';
import { localizeForm } from '../compose/localize.js';
import { diffAnswers } from '../cycle/answer-diff.js';
import type { DiffDocument } from '../cycle/diff-document.js';
import { diffSpec } from '../cycle/diff-document.js';
import { answersAtRef } from '../cycle/git-answers.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { stoppable, WorkStopped } from '../load/yield-point.js';
import type { Context } from '../model/report.js';
import { loadReport } from '../model/report.js';
import { listCountries, listYears, requireCountry } from '../project/paths.js';
import type { BuildFormat, Paper } from '../render/render-outputs.js';

export interface DiffOptions extends Context {
  /** Without a country (only with `since`): every report changed since the ref. */
  country?: string | undefined;
  year: number;
  /** The earlier year; or `since`, a git ref of the same year's answers. */
  earlierYear?: number | undefined;
  since?: string | undefined;
  out: string;
  formats: readonly BuildFormat[];
  paper: Paper;
  templates?: string | undefined;
  sourceDateEpoch?: string | undefined;
  /** Render the Markdown only and return it; write no file. */
  markdownOnly?: boolean;
  /** Aborted to stop (Ctrl-C): a document not finished is not written. */
  signal?: AbortSignal | undefined;
}

export interface DiffResult {
  diagnostics: Diagnostic[];
  files: string[];
  /** The Markdown of every document, in order (for standard output and CI summaries). */
  markdown: string[];
  /** Changed answers per document. */
  changed: { country: string; before: string; after: string; count: number }[];
  /** Stopped by the signal: the documents not finished were not written. */
  stopped: boolean;
}

async function documentFor(
  options: DiffOptions,
  country: string,
): Promise<{ doc?: DiffDocument; diagnostics: Diagnostic[] }> {
  await requireCountry(options.cwd, options.year, country);
  const now = await loadReport(options, options.year, country);
  if (!now.report) return { diagnostics: now.diagnostics };
  const { form } = now.report;
  // The questions' wording in the report's language, as its report shows them (issue 11, part 4).
  const shown = localizeForm(form, now.report.translation, now.report.country.language);
  const base = { country: { ...now.report.country }, year: options.year };
  if (options.since !== undefined) {
    const before = await answersAtRef(options.cwd, options.since, options.year, country, form);
    return {
      doc: {
        ...base,
        before: `${options.year} at ${options.since}`,
        after: `${options.year} now`,
        diffs: diffAnswers(shown, before, now.report.answers),
        changedOnly: true,
        since: options.since,
      },
      diagnostics: now.diagnostics,
    };
  }
  const earlierYear = options.earlierYear ?? options.year - 1;
  await requireCountry(options.cwd, earlierYear, country);
  const before = await loadReport(options, earlierYear, country);
  const diagnostics = [...before.diagnostics, ...now.diagnostics];
  if (!before.report || hasErrors(diagnostics)) return { diagnostics };
  return {
    doc: {
      ...base,
      before: String(earlierYear),
      after: String(options.year),
      diffs: diffAnswers(shown, before.report.answers, now.report.answers),
      changedOnly: false,
    },
    diagnostics,
  };
}

/** The reports of the year whose answer files changed since the ref (all of them after a form change). */
async function changedCountries(options: DiffOptions & { since: string }): Promise<string[]> {
  const { changedReports } = await import('../project/git.js');
  const changed = await changedReports(options.cwd, options.since);
  const countries = await listCountries(options.cwd, options.year);
  return changed === undefined ? countries : countries.filter((c) => changed.has(`${options.year}/${c}`));
}

export async function diff(options: DiffOptions): Promise<DiffResult> {
  const countries =
    options.country !== undefined
      ? [options.country]
      : options.since !== undefined
        ? await changedCountries({ ...options, since: options.since })
        : [];
  const runner = documentRunner(options, options, countries.length, options.signal);
  try {
    return await diffWith(runner, options, countries);
  } finally {
    await runner.close();
  }
}

async function diffWith(runner: DocumentRunner, options: DiffOptions, countries: string[]): Promise<DiffResult> {
  const result: DiffResult = { diagnostics: [], files: [], markdown: [], changed: [], stopped: false };
  for (const country of countries) {
    const { doc, diagnostics } = await documentFor(options, country);
    result.diagnostics.push(...diagnostics);
    if (!doc) continue;
    // The word diffs run here, on the main thread: Ctrl-C is seen between two answers.
    const signal = options.signal ?? new AbortController().signal;
    const spec = await stoppable(signal, () => diffSpec(doc, options.sourceDateEpoch)).catch((error: unknown) => {
      if (error instanceof WorkStopped) return undefined;
      throw error;
    });
    if (!spec) return { ...result, stopped: true };
    const formats = options.markdownOnly ? (['md'] as const) : options.formats;
    const folder = join(options.out, String(options.year), 'diff');
    const name =
      options.since !== undefined
        ? `${country}-since-${options.since.replace(/[^\w.-]+/g, '-')}`
        : `${country}-${doc.before}`;
    const done = await runner.render(spec, { formats, folder: options.markdownOnly ? undefined : folder, name });
    if (!done) return { ...result, stopped: true };
    if (done.markdown !== undefined) result.markdown.push(done.markdown);
    result.changed.push({
      country: doc.country.name,
      before: doc.before,
      after: doc.after,
      count: doc.diffs.filter((d) => d.changed).length,
    });
    result.files.push(...done.files.map((f) => join(folder, f)));
  }
  return result;
}

/** The latest year with reports (what `diff <country> --since` means without a year). */
export async function latestYear(ctx: Context): Promise<number | undefined> {
  return (await listYears(ctx.cwd)).at(-1);
}
