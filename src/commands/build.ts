import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { sortDiagnostics } from '../diagnostics.js';
import { reportData, reportDocument } from '../document.js';
import { UsageError } from '../errors.js';
import { renderHtmlParts } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import type { Context, Report } from '../report.js';
import { loadReport } from '../report.js';
import type { TemplateEngine } from '../template.js';
import { createEngine, templateDirectories } from '../template.js';
import { writeFileAtomic } from '../write.js';
import { selectReports } from './validate.js';

export const FORMATS = ['md', 'html', 'pdf'] as const;
export type BuildFormat = (typeof FORMATS)[number];
export type Paper = 'A4' | 'LETTER';

export interface BuildOptions extends Context {
  year?: number | undefined;
  country?: string | undefined;
  /** Absolute output folder; files go to <out>/<year>/<country>.<ext>. */
  out: string;
  formats: readonly BuildFormat[];
  templates?: string | undefined;
  paper: Paper;
  /** Value of SOURCE_DATE_EPOCH, if set. */
  sourceDateEpoch?: string | undefined;
}

export interface BuiltReport {
  year: number;
  country: string;
  files: string[];
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  built: BuiltReport[];
  failed: { year: number; country: string; errors: number }[];
}

/** The report's date: SOURCE_DATE_EPOCH, else the date in country.yaml, else the last day of the year. */
export function reportDate(report: Report, sourceDateEpoch: string | undefined): Date {
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(sourceDateEpoch)) {
      throw new UsageError(`SOURCE_DATE_EPOCH must be a number of seconds, not \`${sourceDateEpoch}\``);
    }
    return new Date(Number(sourceDateEpoch) * 1000);
  }
  return new Date(`${report.country.date ?? `${report.year}-12-31`}T00:00:00Z`);
}

/** Template engines and shared assets for one build run (reused across countries). */
export interface Renderer {
  markdown: TemplateEngine;
  html: TemplateEngine;
  css: string;
}

async function readTemplateFile(dirs: readonly string[], name: string): Promise<string> {
  for (const dir of dirs) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
  }
  throw new UsageError(`template \`${name}\` was not found`, `looked in ${dirs.join(', ')}`);
}

export async function createRenderer(
  options: Pick<BuildOptions, 'cwd' | 'packageRoot' | 'templates'>,
): Promise<Renderer> {
  const dirs = templateDirectories(options);
  return {
    markdown: createEngine(dirs, { escapeHtml: false }),
    html: createEngine(dirs, { escapeHtml: true }),
    css: await readTemplateFile(dirs, 'report.css'),
  };
}

/** Renders one report in memory, every requested format; nothing is written here. */
export async function renderReport(
  report: Report,
  renderer: Renderer,
  options: Pick<BuildOptions, 'formats' | 'paper' | 'sourceDateEpoch'>,
): Promise<Map<BuildFormat, string | Uint8Array>> {
  const data = reportData(report);
  const { tree } = await reportDocument(renderer.markdown, 'report.md.liquid', data);
  const outputs = new Map<BuildFormat, string | Uint8Array>();
  if (options.formats.includes('md')) outputs.set('md', renderMarkdown(tree));
  if (options.formats.includes('html')) {
    const parts = renderHtmlParts(
      tree,
      report.form.targets.flatMap((t) => t.goals),
    );
    outputs.set('html', await renderer.html.renderFile('report.html.liquid', { ...data, ...parts, css: renderer.css }));
  }
  if (options.formats.includes('pdf')) {
    // pdfkit and the fonts load only when a PDF is asked for.
    const { renderPdf } = await import('../render/pdf.js');
    outputs.set(
      'pdf',
      await renderPdf(tree, {
        title: `${report.country.name} – ${report.form.title}`,
        subject: `Progress report of ${report.country.name} to the ${report.form.title}`,
        author: report.country.name,
        keywords: `Global Alliance, ${report.year}, ${report.country.name}`,
        lang: report.country.language,
        runningHeader: `${report.country.name} – ${report.year} progress report`,
        paper: options.paper,
        creationDate: reportDate(report, options.sourceDateEpoch),
      }),
    );
  }
  return outputs;
}

export function outputPath(out: string, year: number, country: string, format: BuildFormat): string {
  return join(out, String(year), `${country}.${format}`);
}

/** Validates, renders and writes the selected reports. A report with errors is not built. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const selected = await selectReports(options, options.year, options.country);
  const renderer = await createRenderer(options);
  const result: BuildResult = { diagnostics: [], built: [], failed: [] };
  for (const { year, country } of selected) {
    const loaded = await loadReport(options, year, country);
    result.diagnostics.push(...loaded.diagnostics);
    if (!loaded.report) {
      result.failed.push({ year, country, errors: loaded.diagnostics.filter((d) => d.severity === 'error').length });
      continue;
    }
    const outputs = await renderReport(loaded.report, renderer, options);
    // Everything rendered before anything is written: a failure above leaves old outputs intact.
    const files: string[] = [];
    for (const [format, content] of outputs) {
      const path = outputPath(options.out, year, country, format);
      await writeFileAtomic(path, content);
      files.push(path);
    }
    result.built.push({ year, country, files });
  }
  sortDiagnostics(result.diagnostics);
  return result;
}
