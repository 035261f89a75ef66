import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { escapeControls } from './characters.js';

/**
 * A problem found in the user's input: a vfile message (the type unified, remark and remark-lint
 * report with), so a remark plugin's messages are printed like gareport's own. `fatal` is the
 * severity (true: error, false: warning, unset: info), `ruleId` the stable code (`unknown-goal`),
 * `source` is `gareport`, `place` the position (none when the problem concerns the whole file).
 */
export interface Diagnostic extends VFileMessage {
  /** Path as shown to the user (relative to the working directory where possible). */
  file: string;
  /** What to do about it, shown under the message ("did you mean `notice-and-takedown`?"). */
  hint?: string | undefined;
  /** The source line the problem is on, for a code frame. */
  excerpt?: string | undefined;
}

export type Severity = 'error' | 'warning';

/** The `source` of every diagnostic gareport makes. */
export const DIAGNOSTIC_SOURCE = 'gareport';

/** The fields of a diagnostic as call sites give them; no line (or line 0) when it concerns the whole file. */
export interface DiagnosticFields {
  severity: Severity;
  /** Path as shown to the user (relative to the working directory where possible). */
  file: string;
  /** 1-based line and column. */
  line?: number | undefined;
  column?: number | undefined;
  /** 0-based character offset in the file, where known. */
  offset?: number | undefined;
  /** Where the problem ends, where known. */
  end?: Point | undefined;
  /** Stable machine-readable code, e.g. `unknown-goal` (the message's `ruleId`). */
  code: string;
  message: string;
  hint?: string | undefined;
  excerpt?: string | undefined;
  /** What the file has, and what would be right, where the check knows (vfile's `actual`/`expected`). */
  actual?: string | undefined;
  expected?: string[] | undefined;
}

function placeOf(fields: DiagnosticFields): Point | Position | undefined {
  const { line = 0, column = 0, offset, end } = fields;
  if (line <= 0) return undefined;
  const start: Point = offset === undefined ? { line, column } : { line, column, offset };
  return end ? { start, end } : start;
}

/** A diagnostic from its fields: the one constructor call sites use. */
export function diagnostic(fields: DiagnosticFields): Diagnostic {
  const message = new VFileMessage(fields.message, {
    place: placeOf(fields),
    ruleId: fields.code,
    source: DIAGNOSTIC_SOURCE,
  });
  const d: Diagnostic = Object.assign(message, { file: fields.file });
  d.fatal = fields.severity === 'error';
  if (fields.hint !== undefined) d.hint = fields.hint;
  if (fields.excerpt !== undefined) d.excerpt = fields.excerpt;
  if (fields.actual !== undefined) d.actual = fields.actual;
  if (fields.expected !== undefined) d.expected = fields.expected;
  return d;
}

/** `error`, `warning`, or `info` for a message that is neither (a remark plugin's `file.info()`). */
export function severityOf(d: VFileMessage): Severity | 'info' {
  return d.fatal === true ? 'error' : d.fatal === false ? 'warning' : 'info';
}

export function isError(d: VFileMessage): boolean {
  return d.fatal === true;
}

/** A copy of a diagnostic with more said in its hint. */
export function withHint(d: Diagnostic, hint: string | undefined): Diagnostic {
  const copy = diagnosticFromData({ ...diagnosticData(d), ...(hint === undefined ? {} : { hint }) });
  copy.place = d.place;
  return copy;
}

/**
 * The messages of a vfile (a remark plugin's, say) as diagnostics, unchanged but for the file
 * they are about, which a message made outside gareport may not name.
 */
export function messagesOf(file: VFile, shownPath: string): Diagnostic[] {
  return file.messages.map((message) => Object.assign(message, { file: message.file || shownPath }));
}

/**
 * A diagnostic as plain data: what `--format json` prints (one object per diagnostic, line and
 * column 0 when it concerns the whole file), and what crosses a worker thread (an Error subclass
 * loses its fields in structured cloning).
 */
export interface DiagnosticData {
  severity: Severity | 'info';
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  hint?: string;
  excerpt?: string;
  actual?: string;
  expected?: string[];
}

export function diagnosticData(d: Diagnostic): DiagnosticData {
  const data: DiagnosticData = {
    severity: severityOf(d),
    file: d.file,
    line: d.line ?? 0,
    column: d.column ?? 0,
    code: d.ruleId ?? d.source ?? 'unknown',
    message: d.reason,
  };
  if (d.hint !== undefined) data.hint = d.hint;
  if (d.excerpt !== undefined) data.excerpt = d.excerpt;
  if (d.actual != null) data.actual = d.actual;
  if (d.expected != null) data.expected = d.expected;
  return data;
}

/** The diagnostic plain data describes (back from a worker thread). */
export function diagnosticFromData(data: DiagnosticData): Diagnostic {
  const d = diagnostic({ ...data, severity: data.severity === 'info' ? 'warning' : data.severity });
  if (data.severity === 'info') d.fatal = undefined;
  return d;
}

export interface Counts {
  errors: number;
  warnings: number;
}

/** Errors, and the rest (warnings, and any info a remark plugin gives) as warnings. */
export function countDiagnostics(diagnostics: readonly VFileMessage[]): Counts {
  let errors = 0;
  for (const d of diagnostics) if (isError(d)) errors++;
  return { errors, warnings: diagnostics.length - errors };
}

export function hasErrors(diagnostics: readonly VFileMessage[]): boolean {
  return diagnostics.some(isError);
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

export type OutputFormat = 'text' | 'json' | 'github';

/** `file:line:col`, or the file alone when the problem concerns the whole file. */
export function location(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  const file = escapeControls(d.file);
  return d.line ? `${file}:${d.line}:${d.column ?? 1}` : file;
}

/** Index in an escaped excerpt of the character at `column` of the raw line: each `\u{…}` is one. */
function escapedColumn(escaped: string, column: number): number {
  const token = /\\u\{[0-9A-F]+\}/y;
  let i = 0;
  for (let raw = 1; raw < column && i < escaped.length; raw++) {
    token.lastIndex = i;
    i = token.test(escaped) ? token.lastIndex : i + 1;
  }
  return i;
}

/** `--format json`: the diagnostics as plain data, with their counts. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify({ diagnostics: diagnostics.map(diagnosticData), ...countDiagnostics(diagnostics) }, null, 2)}\n`;
}

/** Human format: `path:line:col  severity  message`, a code frame and a hint. */
export function formatText(d: Diagnostic): string {
  // Nothing from a file is printed raw: a control character in a key would rewrite the terminal.
  const lines = [`${location(d)}  ${severityOf(d)}  ${escapeControls(d.reason)}`];
  if (d.excerpt !== undefined && d.line) {
    const gutter = String(d.line);
    const excerpt = escapeControls(d.excerpt);
    const shown = excerpt.length > 160 ? `${excerpt.slice(0, 157)}...` : excerpt;
    lines.push(`  ${gutter} | ${shown}`);
    const caretAt = Math.min(Math.max(escapedColumn(excerpt, d.column ?? 1), 0), shown.length);
    lines.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(caretAt)}^`);
  }
  if (d.hint) lines.push(`  hint: ${escapeControls(d.hint)}`);
  return lines.join('\n');
}

function escapeGithubData(s: string): string {
  return escapeControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow command, shown as an annotation on the line. */
export function formatGithub(d: Diagnostic): string {
  const props = [`file=${escapeGithubProperty(d.file)}`];
  if (d.line) props.push(`line=${d.line}`, `col=${d.column ?? 1}`);
  props.push(`title=${escapeGithubProperty(`${d.source ?? DIAGNOSTIC_SOURCE} ${d.ruleId ?? ''}`.trim())}`);
  const text = d.hint ? `${d.reason} (${d.hint})` : d.reason;
  // GitHub has error, warning and notice annotations.
  const severity = severityOf(d);
  return `::${severity === 'info' ? 'notice' : severity} ${props.join(',')}::${escapeGithubData(text)}`;
}

/** "1 error", "2 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(counts: Counts, files: number): string {
  const counted = `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}`;
  // No file read (a year without a form): "in 0 files" would say the problems are nowhere.
  return files ? `${counted} in ${plural(files, 'file')}` : counted;
}
