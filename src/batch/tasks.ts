/**
 * The work of a build, as messages a worker thread can receive: a country's report through the
 * whole route (render/report-pipeline.ts), or a year's consolidated report and index page, from
 * the reports the countries' tasks sent back. One task per country: one crossing there and back.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { reportFiles } from '../load/report-files.js';
import type { ReportCompleteness } from '../model/completeness.js';
import type { FormDefinition } from '../model/form.js';
import type { Context, Report } from '../model/report.js';
import { writeIfChanged } from '../project/write-atomic.js';
import type { LeftOut } from '../render/consolidated.js';
import { consolidatedSpec } from '../render/consolidated.js';
import type { BuildSettings } from '../render/country-spec.js';
import { writeOutputs } from '../render/country-spec.js';
import type { IndexRow } from '../render/index-page.js';
import { renderIndexPage } from '../render/index-page.js';
import { CONSOLIDATED_NAME } from '../render/names.js';
import type { BuildFormat, DocumentSpec, Renderer } from '../render/render-outputs.js';
import { renderDocumentFormats } from '../render/render-outputs.js';
import type { ReportCarrier } from '../render/report-pipeline.js';
import { runReport } from '../render/report-pipeline.js';
import type { ErrorData } from './task-error.js';
import { errorData } from './task-error.js';

export type Task =
  | {
      kind: 'country';
      year: number;
      country: string;
      /** The bytes of the report's YAML files, read by the plan to hash them: not read again. */
      bytes: Map<string, Uint8Array>;
      /** false: load and check only (the consolidated report needs it, but its own files are up to date). */
      render: boolean;
      /** Send the report back (with its answers' trees), for the year's consolidated report. */
      keepReport: boolean;
    }
  | {
      /** A document of the reporting cycle (a follow-up, a diff): rendered, and written unless `folder` is undefined. */
      kind: 'document';
      spec: DocumentSpec;
      formats: readonly BuildFormat[];
      folder?: string | undefined;
      name: string;
    }
  | {
      kind: 'year';
      form: FormDefinition;
      /** The valid reports, in the order they appear in the consolidated report. */
      reports: Report[];
      /** Reports left out of the consolidated report: their answers have errors, or they could not be built. */
      failed: LeftOut[];
      rows: IndexRow[];
      /** Only the index page, again (a country's files could not be written after all). */
      indexOnly?: { withConsolidated: boolean } | undefined;
    };

/** What a country's task came to: plain data, back across the thread. */
export interface CountryResult {
  /** The country's display name, also when its answers have errors. */
  name?: string | undefined;
  diagnostics: Diagnostic[];
  /** The answers have no errors. */
  valid: boolean;
  completeness?: ReportCompleteness | undefined;
  /** Characters no font can draw in the PDF. */
  fontProblems: number;
  /** The names of the files written in <out>/<year>/. */
  files: string[];
  /** The report, when the task was asked to keep it. */
  report?: Report | undefined;
  /** Why the report, loaded, could not be made or written (the country fails, not the build). */
  renderError?: ErrorData | undefined;
}

/** A document task's result: the names of the files written in its folder, and its Markdown if it was asked for. */
export interface DocumentResult {
  files: string[];
  markdown?: string | undefined;
}

/** What each kind of task resolves to: a country's result; the names of the year files written. */
export interface TaskResults {
  country: CountryResult;
  document: DocumentResult;
  year: string[];
}

/** What a task of a given kind resolves to. */
export type ResultOf<T extends Task> = TaskResults[T['kind']];

export type TaskResult = TaskResults[Task['kind']];

/** Runs a task. */
export async function runTask(
  ctx: Context,
  settings: BuildSettings,
  renderer: () => Promise<Renderer>,
  task: Task,
): Promise<TaskResult> {
  if (task.kind === 'country') {
    const carrier: ReportCarrier = {
      year: task.year,
      slug: task.country,
      files: reportFiles(task.bytes),
      diagnostics: [],
      fontProblems: 0,
      written: [],
      step: 'load',
    };
    // A load that throws (an unreadable file…) fails differently from a render that does: see execute.ts.
    const renderError = await runReport({ ctx, settings, renderer, render: task.render }, carrier).then(
      () => undefined,
      (error: unknown) => {
        if (carrier.step === 'load') throw error;
        return errorData(error);
      },
    );
    const { name, diagnostics, report, fontProblems, written } = carrier;
    return {
      name,
      diagnostics,
      valid: Boolean(report),
      completeness: carrier.completeness,
      fontProblems,
      files: written,
      report: task.keepReport ? report : undefined,
      renderError,
    };
  }
  if (task.kind === 'document') {
    const outputs = await renderDocumentFormats(await renderer(), task.spec, task.formats, settings.paper);
    const markdown = outputs.get('md');
    const files = task.folder === undefined ? [] : await writeOutputs(task.folder, task.name, outputs);
    return { files, markdown: typeof markdown === 'string' ? markdown : undefined };
  }
  const { form, reports, failed, rows } = task;
  const yearOut = join(settings.out, String(form.year));
  const files: string[] = [];
  if (reports.length && !task.indexOnly) {
    const spec = consolidatedSpec(form, reports, failed, settings.sourceDateEpoch);
    const outputs = await renderDocumentFormats(await renderer(), spec, settings.formats, settings.paper);
    files.push(...(await writeOutputs(yearOut, CONSOLIDATED_NAME, outputs)));
  }
  await writeIfChanged(
    join(yearOut, 'index.html'),
    await renderIndexPage(
      await renderer(),
      form,
      rows,
      settings.formats,
      task.indexOnly?.withConsolidated ?? reports.length > 0,
    ),
  );
  files.push('index.html');
  return files;
}
