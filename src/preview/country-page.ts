/**
 * One country's preview: its answers read from disk and rendered as the HTML report in memory
 * (nothing written to out/), with every diagnostic and how complete it is. A report with errors
 * keeps the last good rendering, with the errors shown on it.
 */

import { join } from 'node:path';
import type { Diagnostic, DiagnosticData } from '../diagnostics/diagnostics.js';
import { diagnosticData, diagnostic as makeDiagnostic } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import type { RuleSettings } from '../diagnostics/rules.js';
import type { ReportFiles } from '../load/report-files.js';
import { readBytes, reportFiles } from '../load/report-files.js';
import { trace } from '../load/trace.js';
import type { ReportCompleteness } from '../model/completeness.js';
import { completeness } from '../model/completeness.js';
import type { Context, Report } from '../model/report.js';
import { targetFileName } from '../model/report.js';
import { displayPath, reportsRoot } from '../project/paths.js';
import { countrySpec } from '../render/country-spec.js';
import { questionAnchor } from '../render/html.js';
import type { BuildFormat, Paper, Renderer } from '../render/render-outputs.js';
import { renderDocumentFormats } from '../render/render-outputs.js';
import type { ReportCarrier } from '../render/report-pipeline.js';
import { runReport } from '../render/report-pipeline.js';
import { announcedNotes } from '../render/year-before.js';
import type { AnswerPlace } from './answer-places.js';
import { anchorAt, answerPlaces, documentPlaces } from './answer-places.js';
import { partialReport } from './partial-report.js';

export interface PreviewSettings extends Context {
  templates?: string | undefined;
  fonts?: readonly string[] | undefined;
  paper?: Paper | undefined;
  sourceDateEpoch?: string | undefined;
  /** Rule settings of gareport.config.yaml: warnings turned off or made errors, as in a build. */
  rules?: RuleSettings | undefined;
}

/** A diagnostic as the page shows it, with the question (or goal) it belongs to, if any. */
export interface PlacedDiagnostic extends DiagnosticData {
  anchor?: string | undefined;
}

export interface CountryPage {
  slug: string;
  name: string;
  /** The HTML report; the last good one when the answers now have errors; undefined if never good. */
  html?: string | undefined;
  /** True when files with errors are shown as they were before (or unanswered). */
  stale: boolean;
  /** The report shown (files with errors as they last were without), for the next rendering. */
  report?: Report | undefined;
  diagnostics: PlacedDiagnostic[];
  completeness?: ReportCompleteness | undefined;
  /** The questions not answered yet: their anchor (`notice-and-takedown-b`) and the file to write in. */
  unanswered: { anchor: string; file: string }[];
}

/**
 * The anchors of each answer file's lines: from the document the load parsed, else (a file that
 * does not parse) from its text as the load read it, parsed here leniently (counted: see trace.ts).
 */
async function placeAll(
  cwd: string,
  diagnostics: readonly Diagnostic[],
  files: ReportFiles,
): Promise<PlacedDiagnostic[]> {
  const places = new Map<string, AnswerPlace[]>();
  const placesOf = async (path: string): Promise<AnswerPlace[]> => {
    const parsed = files.documents.get(path);
    if (parsed) return documentPlaces(parsed.source, parsed.doc);
    const text = files.texts.get(path) ?? (await readBytes(path).then(decodeUtf8, () => ''));
    trace('yaml', path);
    try {
      return answerPlaces(text);
    } catch {
      return [];
    }
  };
  const placed: PlacedDiagnostic[] = [];
  for (const d of diagnostics) {
    const data: PlacedDiagnostic = diagnosticData(d);
    if (/target-\d+\.yaml$/.test(data.file) && data.line > 0) {
      const path = join(cwd, data.file);
      let filePlaces = places.get(path);
      if (!filePlaces) {
        filePlaces = await placesOf(path);
        places.set(path, filePlaces);
      }
      data.anchor = anchorAt(filePlaces, data.line);
    }
    placed.push(data);
  }
  return placed;
}

const decodeUtf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A failure that is not about the answers (a template, the theme) as a diagnostic at the top. */
function failureDiagnostic(error: unknown): Diagnostic {
  const usage = error instanceof UsageError;
  return makeDiagnostic({
    file: 'templates',
    severity: 'error',
    code: 'preview-render',
    message: (error as Error)?.message ?? String(error),
    hint: usage ? error.hint : undefined,
  });
}

/** What a preview renders with: its settings, and the session's renderer (templates, theme, fonts). */
export interface PreviewRoute {
  settings: PreviewSettings;
  renderer: () => Promise<Renderer>;
}

/**
 * A country's report on the one route (report-pipeline.ts): load → check → compose → render, in
 * `formats`, with nothing written. Rejects when the load throws; a failure after it (a template,
 * the theme) is returned as `failure`, with what the steps before it found.
 */
export async function runPreviewReport(
  { settings, renderer }: PreviewRoute,
  year: number,
  slug: string,
  formats: readonly BuildFormat[],
): Promise<{ carrier: ReportCarrier; failure?: unknown }> {
  const carrier: ReportCarrier = {
    year,
    slug,
    files: reportFiles(),
    diagnostics: [],
    fontProblems: 0,
    written: [],
    step: 'load',
  };
  const build = {
    out: '',
    formats,
    paper: settings.paper,
    templates: settings.templates,
    fonts: settings.fonts,
    sourceDateEpoch: settings.sourceDateEpoch,
    rules: settings.rules,
  };
  try {
    await runReport({ ctx: settings, settings: build, renderer, render: true, write: false }, carrier);
    return { carrier };
  } catch (error) {
    if (carrier.step === 'load') throw error;
    return { carrier, failure: error };
  }
}

/** The HTML of a report the route did not load (one shown with its files' last good answers). */
async function renderShown({ settings, renderer }: PreviewRoute, report: Report): Promise<string> {
  const announced = await announcedNotes(settings, report);
  const spec = countrySpec(report, settings.sourceDateEpoch, announced);
  return (await renderDocumentFormats(await renderer(), spec, ['html'], settings.paper)).get('html') as string;
}

/** The questions a report leaves unanswered, in the form's order, with the file they are answered in. */
function unansweredQuestions(cwd: string, report: Report): CountryPage['unanswered'] {
  const dir = join(reportsRoot(cwd), String(report.year), report.country.slug);
  const open = (target: number, goal: string, question: string) =>
    (report.answers.get(target)?.get(goal)?.get(question)?.state ?? 'unanswered') === 'unanswered';
  return report.form.targets.flatMap((target) =>
    target.goals.flatMap((goal) =>
      goal.questions
        .filter((q) => open(target.number, goal.id, q.id))
        .map((q) => ({
          anchor: questionAnchor(goal.id, q.id),
          file: displayPath(cwd, join(dir, targetFileName(target.number))),
        })),
    ),
  );
}

/** Loads and renders a country's report; `last` is its previous page, whose files stand in for files with errors now. */
export async function renderCountryPage(
  route: PreviewRoute,
  year: number,
  slug: string,
  last?: CountryPage,
): Promise<CountryPage> {
  const { settings } = route;
  const { carrier, failure } = await runPreviewReport(route, year, slug, ['html']);
  const diagnostics: Diagnostic[] = carrier.diagnostics;
  let html = carrier.outputs?.get('html') as string | undefined;
  if (failure !== undefined) diagnostics.push(failureDiagnostic(failure));
  const report = carrier.report ?? (await partialReport(settings, year, slug, last?.report, carrier.files.texts));
  if (report && !carrier.report) {
    try {
      html = await renderShown(route, report);
    } catch (error) {
      diagnostics.push(failureDiagnostic(error));
    }
  }
  const shown = html === undefined ? last?.report : report;
  return {
    slug,
    name: carrier.name ?? last?.name ?? slug,
    html: html ?? last?.html,
    stale: !carrier.report,
    report: shown,
    diagnostics: await placeAll(settings.cwd, diagnostics, carrier.files),
    // The check step counted the report it loaded; a report shown from last good answers is counted here.
    completeness: shown === carrier.report ? carrier.completeness : shown && completeness(shown.form, shown.answers),
    unanswered: shown ? unansweredQuestions(settings.cwd, shown) : [],
  };
}
