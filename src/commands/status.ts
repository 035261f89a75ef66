import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { countDiagnostics, plural } from '../diagnostics/diagnostics.js';
import type { Answer } from '../model/answers.js';
import type { ReportCompleteness } from '../model/completeness.js';
import { completeness } from '../model/completeness.js';
import { numberedGoals } from '../model/form.js';
import type { Context } from '../model/report.js';
import { loadForm, loadReport } from '../model/report.js';
import { listCountries, listYears, requireYear } from '../project/paths.js';
import { UserMistake } from '../project/remedy.js';

export interface StatusRow {
  country: string;
  name: string;
  /** Errors in the answers; such a report has no completeness figures. */
  errors: number;
  completeness?: ReportCompleteness;
}

export interface StatusResult {
  year: number;
  /** Set when the year's form has errors: then there are no rows. */
  diagnostics?: Diagnostic[];
  goals: { id: string; number: string; text: string }[];
  rows: StatusRow[];
}

/** Completeness of every country's report of a year. */
export async function status(options: Context & { year?: number | undefined }): Promise<StatusResult> {
  const years = await listYears(options.cwd);
  const year = options.year ?? years.at(-1);
  if (year === undefined) throw new UserMistake('there are no reports under reports/', { kind: 'start-a-report' });
  await requireYear(options.cwd, year);
  const { form, diagnostics } = await loadForm(options, year);
  // A broken form is an invalid input (exit 1), reported with its positions like `validate` does.
  if (!form) return { year, goals: [], rows: [], diagnostics };
  const rows: StatusRow[] = [];
  for (const country of await listCountries(options.cwd, year)) {
    const loaded = await loadReport(options, year, country);
    const row: StatusRow = {
      country,
      name: loaded.name ?? country,
      errors: countDiagnostics(loaded.diagnostics).errors,
    };
    if (loaded.report) row.completeness = completeness(form, loaded.report.answers);
    rows.push(row);
  }
  const goals = numberedGoals(form);
  return { year, goals, rows };
}

const SYMBOL: Record<Answer['state'], string> = { answered: '✔', 'nothing-to-report': '–', unanswered: '·' };

function fitWidth(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** A terminal table that fits 100 columns: one row per country, a cell of symbols per goal. */
export function formatStatusTable(result: StatusResult): string {
  const nameWidth = Math.min(20, Math.max(7, ...result.rows.map((r) => r.name.length)));
  const cell = Math.max(4, ...result.goals.map((g) => g.number.length)) + 1;
  const header = `${fitWidth('Country', nameWidth)}  ${result.goals.map((g) => g.number.padEnd(cell)).join('')} done  ans  n/r  open`;
  const lines = [`Completeness of the ${result.year} reports`, '', header, '-'.repeat(header.length)];
  for (const row of result.rows) {
    const c = row.completeness;
    if (!c) {
      const invalid = `${fitWidth(row.name, nameWidth)}  invalid: ${plural(row.errors, 'error')}`;
      const hint = ` (run gareport validate ${result.year} ${row.country})`;
      // A long folder name would push the line past 100 columns: then the hint names no report.
      lines.push(invalid.length + hint.length <= 100 ? invalid + hint : `${invalid} (run gareport validate)`);
      continue;
    }
    const cells = c.goals
      .map((g) =>
        g.questions
          .map((q) => SYMBOL[q])
          .join('')
          .padEnd(cell),
      )
      .join('');
    const numbers = [
      `${c.percent}%`.padStart(4),
      String(c.answered).padStart(4),
      String(c.nothingToReport).padStart(4),
      String(c.unanswered).padStart(5),
    ];
    lines.push(`${fitWidth(row.name, nameWidth)}  ${cells}${numbers.join(' ')}`);
  }
  lines.push('', `✔ answered   – nothing to report   · unanswered   (one symbol per question, A B C)`);
  lines.push(...result.goals.map((g) => `${g.number.padEnd(5)} ${fitWidth(g.text, 93)}`.trimEnd()));
  return `${lines.join('\n')}\n`;
}

/** One cell of the matrix: a report's completeness, its errors, or no report that year. */
export type MatrixCell =
  | { percent: number; answered: number; nothingToReport: number; unanswered: number }
  | { errors: number }
  | null;

export interface StatusMatrix {
  years: number[];
  rows: { country: string; name: string; years: Record<string, MatrixCell> }[];
  /** Forms with errors, by year: those years have no figures. */
  diagnostics?: Diagnostic[];
}

/** `gareport status` without a year: every country × every year, as a share of questions answered. */
export async function statusMatrix(options: Context): Promise<StatusMatrix> {
  const years = await listYears(options.cwd);
  if (years.length === 0) throw new UserMistake('there are no reports under reports/', { kind: 'start-a-report' });
  const rows = new Map<string, StatusMatrix['rows'][number]>();
  const diagnostics: Diagnostic[] = [];
  for (const year of years) {
    const result = await status({ ...options, year });
    if (result.diagnostics?.length) diagnostics.push(...result.diagnostics);
    for (const r of result.rows) {
      const row = rows.get(r.country) ?? { country: r.country, name: r.name, years: {} };
      // The latest name wins (a country may be renamed in its country.yaml).
      row.name = r.name;
      const c = r.completeness;
      row.years[String(year)] = c
        ? { percent: c.percent, answered: c.answered, nothingToReport: c.nothingToReport, unanswered: c.unanswered }
        : { errors: r.errors };
      rows.set(r.country, row);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
  for (const row of sorted) for (const y of years) row.years[String(y)] ??= null;
  return { years, rows: sorted, ...(diagnostics.length ? { diagnostics } : {}) };
}

/** The matrix as a terminal table: one row per country, one column per year. */
export function formatStatusMatrix(matrix: StatusMatrix): string {
  const nameWidth = Math.min(20, Math.max(7, ...matrix.rows.map((r) => r.name.length)));
  const cell = (c: MatrixCell) => (c === null ? '—' : 'errors' in c ? 'invalid' : `${c.percent}%`);
  const header = `${fitWidth('Country', nameWidth)}${matrix.years.map((y) => String(y).padStart(9)).join('')}`;
  const lines = ['Completeness of every report, by year', '', header, '-'.repeat(header.length)];
  for (const row of matrix.rows)
    lines.push(
      `${fitWidth(row.name, nameWidth)}${matrix.years.map((y) => cell(row.years[String(y)] ?? null).padStart(9)).join('')}`,
    );
  lines.push(
    '',
    'the share of questions answered or marked "nothing to report"; — no report that year; invalid: run gareport validate',
  );
  return `${lines.join('\n')}\n`;
}
