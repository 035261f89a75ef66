import type { Diagnostic, Severity } from '../diagnostics/diagnostics.js';
import { diagnostic } from '../diagnostics/diagnostics.js';
import type { TextLine } from './match.js';

/** The document's text with a BOM dropped and every line ending made `\n`; line numbers stay the same. */
export function documentLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
}

/**
 * The document's lines without page breaks (form feeds) and other invisible control characters,
 * which are not text and which YAML cannot hold; and the first line that had any.
 */
export function tokenizeLines(text: string): { lines: string[]; controlLine?: number } {
  const raw = documentLines(text);
  const lines = raw.map((l) => l.replace(/(?![\t\n])\p{Cc}/gu, ''));
  const index = raw.findIndex((l) => /(?![\t\n\f])\p{Cc}/u.test(l));
  return index === -1 ? { lines } : { lines, controlLine: index + 1 };
}

export type LineDiagnostic = (
  line: number,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
) => Diagnostic;

/** Makes diagnostics that point at a line of the document, with that line as the excerpt. */
export function lineDiagnostics(lines: readonly string[], file: string): LineDiagnostic {
  return (line, severity, code, message, hint) => {
    const excerpt = lines[line - 1] ?? '';
    const column = line > 0 ? excerpt.length - excerpt.trimStart().length + 1 : 0;
    return diagnostic({
      severity,
      file,
      line,
      column,
      code,
      message,
      excerpt: line > 0 ? excerpt : undefined,
      hint: hint || undefined,
    });
  };
}

export function lineRange(lines: readonly TextLine[]): string {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const first = nonBlank[0]?.line ?? 0;
  const last = nonBlank.at(-1)?.line ?? first;
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

export function preview(lines: readonly TextLine[]): string {
  const text = lines
    .map((l) => l.text.trim())
    .filter(Boolean)
    .join(' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isBlank(lines: readonly TextLine[]): boolean {
  return lines.every((l) => l.text.trim() === '');
}

/** The error for text that is not under any question, or undefined when the text is blank. */
export function unplacedText(
  at: LineDiagnostic,
  content: readonly TextLine[],
  why: string,
  hint?: string,
): Diagnostic | undefined {
  const first = content.find((l) => l.text.trim() !== '');
  if (!first) return undefined;
  return at(
    first.line,
    'error',
    'unplaced-text',
    `${lineRange(content)} ("${preview(content)}") cannot be placed: ${why}`,
    hint ?? 'move the text under the question it answers, or delete it if it is not part of an answer',
  );
}

/**
 * A diagnostic about a converted document (.docx) placed by the words of its paragraph instead of
 * a line number: a Word user cannot find "line 46" of the text gareport made from the file
 * (issue 21 item 12). Diagnostics of other files, or of the whole document, are returned as they are.
 */
export function quotingParagraph(d: Diagnostic, file: string, lines: readonly string[]): Diagnostic {
  if (d.file !== file || !d.line) return d;
  const quote = (line: number) => {
    const words = (lines[line - 1] ?? '')
      .replace(/\\(?=[\p{P}\p{S}])|[*_`]/gu, '')
      .split(/\s+/)
      .filter(Boolean);
    return words.length > 8 ? `${words.slice(0, 8).join(' ')} …` : words.join(' ');
  };
  // Line numbers inside the message ("lines 7–17 (…) cannot be placed", "first at line 12") go too.
  const message = d.message
    .replace(
      /^lines? \d+(?:–\d+)? \("([^"]*)"\)/,
      (_, text: string) => `the text ("${text.replace(/\*\*|[*`]/g, '')}")`,
    )
    .replace(/\bline (\d+)\b/g, (_, n: string) => `the paragraph "${quote(Number(n))}"`);
  const here = quote(d.line);
  return diagnostic({ ...fieldsOf(d), message: here ? `in the paragraph "${here}": ${message}` : message });
}

function fieldsOf(d: Diagnostic) {
  return {
    severity: d.fatal ? ('error' as const) : ('warning' as const),
    file: d.file,
    code: d.ruleId ?? 'import',
    message: d.message,
    hint: d.hint,
  };
}
