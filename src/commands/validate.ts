import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { countDiagnostics, isError, sortDiagnostics } from '../diagnostics/diagnostics.js';
import type { RuleSettings } from '../diagnostics/rules.js';
import { applyRules } from '../diagnostics/rules.js';
import { reportFiles, withReportFiles } from '../load/report-files.js';
import type { Context } from '../model/report.js';
import { loadReport } from '../model/report.js';
import { leftOutFolders, selectReports } from '../model/select-reports.js';
import { templateDirectories } from '../project/paths.js';

export interface ValidateOptions extends Context {
  year?: number;
  country?: string;
  /** Also check that the PDF has a font for every character (`validate --pdf-fonts`, issue 10). */
  pdfFonts?: { fonts?: readonly string[]; templates?: string | undefined; strict?: boolean };
  /** The templates folder of `--templates` or the configuration, whose theme.yaml is checked too. */
  templates?: string | undefined;
  /** Rule settings of gareport.config.yaml: warnings turned off or made errors (issue 21 item 15). */
  rules?: RuleSettings | undefined;
  /** The project's fonts (config, GAREPORT_FONTS): checked to be fonts, as `build` will read them. */
  fonts?: readonly string[] | undefined;
}

export interface ReportStatus {
  year: number;
  country: string;
  errors: number;
  warnings: number;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  reports: ReportStatus[];
  files: number;
}

/**
 * Every font the project names is read as `build` would read it. The font check (and the PDF's font
 * code it loads) is loaded only when the project names fonts.
 */
async function projectFontProblems(options: {
  cwd: string;
  packageRoot: string;
  templates?: string | undefined;
  fonts?: readonly string[] | undefined;
}): Promise<Diagnostic[]> {
  const { fontsFileDiagnostics, projectFonts } = await import('../render/font-config.js');
  // A broken fonts.yaml is listed with the other problems (exit 1), not a stop of the whole run.
  const listed = await fontsFileDiagnostics(templateDirectories(options), options.cwd);
  if (listed.some(isError)) return listed;
  const fonts = await projectFonts(options.fonts ?? [], templateDirectories(options), options.cwd);
  if (!fonts.length) return listed;
  const { fontFileDiagnostics } = await import('../render/font-check.js');
  return [...listed, ...(await fontFileDiagnostics(fonts, options.cwd))];
}

/** Validates every selected report and collects all problems; never stops at the first. */
export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const selected = await selectReports(options, options.year, options.country);
  const diagnostics = (await leftOutFolders(options, options.year, options.country)).map((l) => l.diagnostic);
  const reports: ReportStatus[] = [];
  let files = 0;
  const seen = new Set<string>();
  // The whole project: every form of the project is checked, even one no report uses yet.
  if (options.year === undefined) {
    const { checkProjectForms } = await import('../cycle/forms.js');
    // `files` counts answer files, as it always has; a form file's problems are reported all the same.
    for (const d of (await checkProjectForms(options)).diagnostics) {
      seen.add(`${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`);
      diagnostics.push(d);
    }
  }
  // The theme the HTML and PDF would be built with (issue 11): checked like the answers.
  const { loadTheme } = await import('../render/theme/load.js');
  const theme = await loadTheme(options);
  diagnostics.push(...theme.diagnostics);
  for (const d of await projectFontProblems({ ...options, ...options.pdfFonts })) {
    seen.add(`${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`);
    diagnostics.push(d);
  }
  for (const { year, country } of selected) {
    // The texts read are kept (report-files.ts): the font check reads no file again.
    const read = reportFiles();
    const result = await withReportFiles(read, () => loadReport(options, year, country));
    if (options.pdfFonts && result.report) {
      const { reportFontDiagnostics } = await import('../render/font-check.js');
      const fonts = await reportFontDiagnostics(result.report.files, { ...options, ...options.pdfFonts }, read.texts);
      result.diagnostics.push(...fonts);
    }
    // A broken form or font file is reported once, not once per country (each country counts it).
    const fresh = result.diagnostics.filter((d) => {
      const key = `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    diagnostics.push(...fresh);
    files += result.files;
    reports.push({ year, country, ...countDiagnostics(applyRules(result.diagnostics, options.rules)) });
  }
  return { diagnostics: sortDiagnostics(applyRules(diagnostics, options.rules)), reports, files };
}
