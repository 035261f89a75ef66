import { escapeControls } from './characters.js';

/** A problem found in the user's input, positioned in a source file. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path as shown to the user (relative to the working directory where possible). */
  file: string;
  /** 1-based line and column; 0 when the problem concerns the whole file or nothing on disk. */
  line: number;
  column: number;
  /** Stable machine-readable code, e.g. `unknown-goal`. */
  code: string;
  message: string;
  hint?: string;
  /** The source line the problem is on, for a code frame. */
  excerpt?: string;
}

/** The fields of a diagnostic as call sites give them; no line and column when it concerns the whole file. */
export type DiagnosticFields = Omit<Diagnostic, 'line' | 'column'> & { line?: number; column?: number };

/** A diagnostic from its fields (the one constructor, so that its representation can change in one place). */
export function diagnostic(fields: DiagnosticFields): Diagnostic {
  const { severity, file, line = 0, column = 0, code, message, hint, excerpt } = fields;
  const d: Diagnostic = { severity, file, line, column, code, message };
  if (hint !== undefined) d.hint = hint;
  if (excerpt !== undefined) d.excerpt = excerpt;
  return d;
}

export interface Counts {
  errors: number;
  warnings: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

export type OutputFormat = 'text' | 'json' | 'github';

function location(d: Diagnostic): string {
  const file = escapeControls(d.file);
  return d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
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

/** Human format: `path:line:col  severity  message`, a code frame and a hint. */
export function formatText(d: Diagnostic): string {
  // Nothing from a file is printed raw: a control character in a key would rewrite the terminal.
  const lines = [`${location(d)}  ${d.severity}  ${escapeControls(d.message)}`];
  if (d.excerpt !== undefined && d.line > 0) {
    const gutter = String(d.line);
    const excerpt = escapeControls(d.excerpt);
    const shown = excerpt.length > 160 ? `${excerpt.slice(0, 157)}...` : excerpt;
    lines.push(`  ${gutter} | ${shown}`);
    const caretAt = Math.min(Math.max(escapedColumn(excerpt, d.column), 0), shown.length);
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
  if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
  props.push(`title=${escapeGithubProperty(`gareport ${d.code}`)}`);
  const text = d.hint ? `${d.message} (${d.hint})` : d.message;
  return `::${d.severity} ${props.join(',')}::${escapeGithubData(text)}`;
}

/** "1 error", "2 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(counts: Counts, files: number): string {
  return `${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')} in ${plural(files, 'file')}`;
}
