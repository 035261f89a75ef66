/**
 * One country's preview: its answers read from disk and rendered as the HTML report in memory
 * (nothing written to out/), with every diagnostic and how complete it is. A report with errors
 * keeps the last good rendering, with the errors shown on it.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, DiagnosticData } from '../diagnostics/diagnostics.js';
import { diagnosticData, diagnostic as makeDiagnostic } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import type { RuleSettings } from '../diagnostics/rules.js';
import { applyRules } from '../diagnostics/rules.js';
import type { ReportCompleteness } from '../model/completeness.js';
import { completeness } from '../model/completeness.js';
import type { Context, Report } from '../model/report.js';
import { loadReport, targetFileName } from '../model/report.js';
import { displayPath, reportsRoot } from '../project/paths.js';
import { countrySpec } from '../render/country-spec.js';
import { questionAnchor } from '../render/html.js';
import type { BuildFormat, Paper } from '../render/render-outputs.js';
import { createRenderer, renderDocumentFormats } from '../render/render-outputs.js';
import { announcedNotes } from '../render/year-before.js';
import { anchorAt, answerPlaces } from './answer-places.js';
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

/** The anchors of each answer file's lines, read once per page. */
async function placeAll(cwd: string, diagnostics: readonly Diagnostic[]): Promise<PlacedDiagnostic[]> {
  const places = new Map<string, ReturnType<typeof answerPlaces>>();
  const placed: PlacedDiagnostic[] = [];
  for (const d of diagnostics) {
    const data: PlacedDiagnostic = diagnosticData(d);
    if (/target-\d+\.yaml$/.test(data.file) && data.line > 0) {
      let filePlaces = places.get(data.file);
      if (!filePlaces) {
        const text = await readFile(join(cwd, data.file), 'utf8').catch(() => '');
        filePlaces = (() => {
          try {
            return answerPlaces(text);
          } catch {
            return [];
          }
        })();
        places.set(data.file, filePlaces);
      }
      data.anchor = anchorAt(filePlaces, data.line);
    }
    placed.push(data);
  }
  return placed;
}

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

/** Renders `formats` of a valid report in memory (the preview's HTML, or a download). */
export async function renderReport(
  settings: PreviewSettings,
  report: Report,
  formats: readonly BuildFormat[],
): Promise<Map<BuildFormat, string | Uint8Array>> {
  const renderer = await createRenderer(settings);
  const announced = formats.includes('html') ? await announcedNotes(settings, report) : [];
  return renderDocumentFormats(
    renderer,
    countrySpec(report, settings.sourceDateEpoch, announced),
    formats,
    settings.paper,
  );
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
  settings: PreviewSettings,
  year: number,
  slug: string,
  last?: CountryPage,
): Promise<CountryPage> {
  const loaded = await loadReport(settings, year, slug);
  const diagnostics: Diagnostic[] = applyRules(loaded.diagnostics, settings.rules);
  const report = loaded.report ?? (await partialReport(settings, year, slug, last?.report));
  let html: string | undefined;
  if (report) {
    try {
      html = (await renderReport(settings, report, ['html'])).get('html') as string;
    } catch (error) {
      diagnostics.push(failureDiagnostic(error));
    }
  }
  const shown = html === undefined ? last?.report : report;
  return {
    slug,
    name: loaded.name ?? last?.name ?? slug,
    html: html ?? last?.html,
    stale: !loaded.report,
    report: shown,
    diagnostics: await placeAll(settings.cwd, diagnostics),
    completeness: shown ? completeness(shown.form, shown.answers) : undefined,
    unanswered: shown ? unansweredQuestions(settings.cwd, shown) : [],
  };
}
