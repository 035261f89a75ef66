/**
 * The work of a build, as messages a worker thread can receive: load (read and validate) a
 * country's answers; render a country's report; render a year's consolidated report and index
 * page. Each report is loaded once; render tasks get it validated, and write files, nothing else.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { FormDefinition } from '../model/form.js';
import type { Context, Report } from '../model/report.js';
import { loadReport } from '../model/report.js';
import { writeIfChanged } from '../project/write-atomic.js';
import { consolidatedSpec } from '../render/consolidated.js';
import type { BuildSettings } from '../render/country-spec.js';
import { renderCountry, writeOutputs } from '../render/country-spec.js';
import type { IndexRow } from '../render/index-page.js';
import { renderIndexPage } from '../render/index-page.js';
import { CONSOLIDATED_NAME } from '../render/names.js';
import type { Renderer } from '../render/render-outputs.js';
import { renderDocumentFormats } from '../render/render-outputs.js';
import { announcedNotes } from '../render/year-before.js';

export type Task =
  | { kind: 'load'; year: number; country: string }
  | { kind: 'country'; report: Report }
  | {
      kind: 'year';
      form: FormDefinition;
      /** The valid reports, in the order they appear in the consolidated report. */
      reports: Report[];
      /** Reports left out of the consolidated report because their answers have errors. */
      failed: { name: string; slug: string }[];
      rows: IndexRow[];
      /** Only the index page, again (a country's files could not be written after all). */
      indexOnly?: { withConsolidated: boolean } | undefined;
    };

/** A loaded report: `report` only when the answers have no errors. */
export interface Loaded {
  report?: Report | undefined;
  /** The country's display name, also when its answers have errors. */
  name?: string | undefined;
  diagnostics: Diagnostic[];
}

/** What each kind of task resolves to: a load task, the report; a render task, the names of the files written in <out>/<year>/. */
export interface TaskResults {
  load: Loaded;
  country: string[];
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
  if (task.kind === 'load') {
    const { report, name, diagnostics } = await loadReport(ctx, task.year, task.country);
    return { report, name, diagnostics };
  }
  if (task.kind === 'country') {
    // The year before's announcements are shown in the HTML only (issue 12, part 2).
    const announced = settings.formats.includes('html') ? await announcedNotes(ctx, task.report) : [];
    return renderCountry(settings, await renderer(), task.report, announced);
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
