import { escapeControls } from '../diagnostics/characters.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostics.js';
import { diagnostic } from '../diagnostics/diagnostics.js';

/** A text file read for validation, with what is needed to point at its lines. */
export interface SourceText {
  file: string;
  text: string;
  lineStarts: number[];
}

export interface Located {
  line: number;
  column: number;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A source of text that is not read from disk (an import's planned file, a follow-up document). */
export function sourceOf(file: string, text: string): SourceText {
  return { file, text, lineStarts: lineStartsOf(text) };
}

/**
 * 1-based line and column of a character offset (an offset past the end is at the end), from the
 * source's one line index (`lineStarts`).
 */
export function positionAt(source: SourceText, offset: number): Located {
  const at = Math.max(0, Math.min(offset, source.text.length));
  const starts = source.lineStarts;
  // The last line that starts at or before `at`.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: at - (starts[low] ?? 0) + 1 };
}

export function lineText(source: SourceText, line: number): string {
  const start = source.lineStarts[line - 1];
  if (start === undefined) return '';
  const end = source.text.indexOf('\n', start);
  return source.text.slice(start, end === -1 ? undefined : end);
}

/** Source lines shown with a diagnostic are cut here (a 1 MiB line is not copied into each). */
const MAX_EXCERPT = 1000;

export function diagnosticAt(
  source: SourceText,
  offset: number,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  const { line, column } = positionAt(source, offset);
  // Messages and excerpts quote the file: never a raw control character, in any output format.
  return diagnostic({
    severity,
    file: source.file,
    line,
    column,
    offset,
    code,
    message: escapeControls(message),
    hint: hint ? escapeControls(hint) : undefined,
    excerpt: escapeControls(lineText(source, line).slice(0, MAX_EXCERPT)),
  });
}

export function fileDiagnostic(
  file: string,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  return diagnostic({
    severity,
    file,
    code,
    message: escapeControls(message),
    hint: hint ? escapeControls(hint) : undefined,
  });
}
