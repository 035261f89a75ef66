/**
 * The route of one country's report, written down once (issue 19), as unified-engine's
 * lib/file-pipeline/index.js: load → check → compose → render → write. One carrier goes through
 * the steps; each reads what the steps before it left and adds to it, nothing is read or parsed
 * twice, and a fatal diagnostic (answers with errors; a font the PDF needs that is damaged, or with
 * `--strict` a character no font draws) makes the later steps skip: nothing of the report is written.
 */
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors, isError } from '../diagnostics/diagnostics.js';
import { applyRules } from '../diagnostics/rules.js';
import type { ReportFiles } from '../load/report-files.js';
import { withReportFiles } from '../load/report-files.js';
import { yieldPoint } from '../load/yield-point.js';
import type { ReportCompleteness } from '../model/completeness.js';
import { completeness } from '../model/completeness.js';
import type { Context, Report } from '../model/report.js';
import { loadReport } from '../model/report.js';
import type { BuildSettings } from './country-spec.js';
import { countrySpec, writeOutputs } from './country-spec.js';
import type { BuildFormat, Composed, DocumentSpec, Renderer } from './render-outputs.js';
import { composeSpec, renderComposed } from './render-outputs.js';

/** One report on its way: what each step found or made. */
export interface ReportCarrier {
  year: number;
  slug: string;
  /** The report's files: bytes read once (by the build's plan, else by the load step) and their texts. */
  files: ReportFiles;
  /** Every problem found, in every step. */
  diagnostics: Diagnostic[];
  /** The country's display name, also when its answers have errors. */
  name?: string | undefined;
  /** The report (form, country, answers with their Markdown trees): only when its answers have no errors. */
  report?: Report | undefined;
  completeness?: ReportCompleteness | undefined;
  /** Characters no font can draw in the PDF (their diagnostics are among `diagnostics`). */
  fontProblems: number;
  /** A fatal diagnostic was found (answers with errors, fonts that fail the PDF): the later steps skip. */
  fatal?: boolean;
  spec?: DocumentSpec;
  composed?: Composed;
  outputs?: Map<BuildFormat, string | Uint8Array>;
  /** The names of the files written in <out>/<year>/. */
  written: string[];
  /** The step the report is in, or was in when something threw. */
  step: StepName;
}

/** What every report of a build is run with. */
export interface PipelineContext {
  ctx: Context;
  settings: BuildSettings;
  /** The build's renderer (templates, theme, fonts), started once per build and thread. */
  renderer: () => Promise<Renderer>;
  /** false: only load and check (a report the year's consolidated report needs, but up to date itself). */
  render: boolean;
  /** false: the outputs stay in memory (`carrier.outputs`), nothing is written (the preview). */
  write?: boolean | undefined;
}

type Step = (context: PipelineContext, carrier: ReportCarrier) => Promise<void>;

/** Reads, parses and validates the country file and answer files, each answer's Markdown parsed as the rules need it. */
const load: Step = async ({ ctx, settings }, carrier) => {
  const loaded = await loadReport(ctx, carrier.year, carrier.slug);
  // The project's rule settings: a warning turned off is not reported, one made an error fails the report.
  const diagnostics = applyRules(loaded.diagnostics, settings.rules);
  carrier.diagnostics.push(...diagnostics);
  carrier.name = loaded.name;
  carrier.report = hasErrors(diagnostics) ? undefined : loaded.report;
  carrier.fatal = !carrier.report;
};

/** Every answer gets its tree, once; the PDF's fonts are checked against the texts read. */
const check: Step = async ({ ctx, settings, render }, carrier) => {
  const report = carrier.report as Report;
  const { parseAnswers } = await import('../compose/answer-tree.js');
  await parseAnswers(report.answers.values());
  carrier.completeness = completeness(report.form, report.answers);
  if (!render || !settings.formats.includes('pdf')) return;
  const { reportFontDiagnostics } = await import('./font-check.js');
  const options = { ...ctx, templates: settings.templates, fonts: settings.fonts, strict: settings.strict };
  const found = applyRules(await reportFontDiagnostics(report.files, options, carrier.files.texts), settings.rules);
  carrier.diagnostics.push(...found);
  carrier.fontProblems = found.length;
  // A font it needs is damaged, or (--strict) a character no font draws: the PDF is not made, nor the rest.
  if (found.some(isError)) carrier.fatal = true;
};

/** The report as one tree: the template's frame, each answer's own tree in its place. */
const compose: Step = async ({ ctx, settings, renderer }, carrier) => {
  const report = carrier.report as Report;
  // The year before's announcements are shown in the HTML only (issue 12, part 2).
  const { announcedNotes } = await import('./year-before.js');
  const announced = settings.formats.includes('html') ? await announcedNotes(ctx, report) : [];
  carrier.spec = countrySpec(report, settings.sourceDateEpoch, announced);
  carrier.composed = await composeSpec(await renderer(), carrier.spec, settings.formats);
};

/** Every format asked for, in memory. */
const render: Step = async ({ settings, renderer }, carrier) => {
  const spec = carrier.spec as DocumentSpec;
  const composed = carrier.composed as Composed;
  carrier.outputs = await renderComposed(await renderer(), spec, composed, settings.formats, settings.paper);
};

/** Each output written atomically; a file whose bytes are unchanged is left alone. */
const write: Step = async ({ settings }, carrier) => {
  const outputs = carrier.outputs as Map<BuildFormat, string | Uint8Array>;
  carrier.written = await writeOutputs(join(settings.out, String(carrier.year)), carrier.slug, outputs);
};

const STEPS = { load, check, compose, render, write } as const;
export type StepName = keyof typeof STEPS;

/** Runs a report through the steps; without `render`, through load and check only; with `write: false`, up to render. */
export function runReport(context: PipelineContext, carrier: ReportCarrier): Promise<ReportCarrier> {
  return withReportFiles(carrier.files, async () => {
    for (const [name, step] of Object.entries(STEPS) as [StepName, Step][]) {
      // A fatal diagnostic (answers with errors, fonts that fail the PDF): nothing is made of the report.
      if (carrier.fatal) break;
      if (!context.render && (name === 'compose' || name === 'render' || name === 'write')) break;
      if (context.write === false && name === 'write') break;
      carrier.step = name;
      // Ctrl-C is seen between the steps of a report built on the main thread (see yield-point.ts).
      await yieldPoint();
      await step(context, carrier);
    }
    return carrier;
  });
}
