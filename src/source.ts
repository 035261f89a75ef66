import { readFile, stat } from 'node:fs/promises';
import type { Document, YAMLError, Node as YamlNode } from 'yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Diagnostic, Severity } from './diagnostics.js';

/** Answer and form files are small; anything over this is a mistake, not a report. */
export const MAX_FILE_BYTES = 1024 * 1024;

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

/** 1-based line and column of a character offset. */
export function positionAt(source: SourceText, offset: number): Located {
  const starts = source.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

export function lineText(source: SourceText, line: number): string {
  const start = source.lineStarts[line - 1];
  if (start === undefined) return '';
  const end = source.text.indexOf('\n', start);
  return source.text.slice(start, end === -1 ? undefined : end);
}

export function diagnosticAt(
  source: SourceText,
  offset: number,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  const { line, column } = positionAt(source, offset);
  const d: Diagnostic = { severity, file: source.file, line, column, code, message, excerpt: lineText(source, line) };
  if (hint) d.hint = hint;
  return d;
}

export function fileDiagnostic(
  file: string,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { severity, file, line: 0, column: 0, code, message };
  if (hint) d.hint = hint;
  return d;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Reads a text file and reports what would trip up a YAML parser or an editor
 * on another machine: size, binary content, encoding, BOM, CRLF. The returned
 * text is normalised (BOM dropped, CRLF → LF) so validation can go on and
 * report everything else in the same run; positions stay on the same lines.
 */
export async function readSourceText(
  path: string,
  file: string,
): Promise<{ source?: SourceText; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const info = await stat(path);
  if (!info.isFile())
    return { diagnostics: [fileDiagnostic(file, 'error', 'not-a-file', 'this is not a regular file')] };
  if (info.size > MAX_FILE_BYTES) {
    const mib = (info.size / 1024 / 1024).toFixed(1);
    return {
      diagnostics: [
        fileDiagnostic(
          file,
          'error',
          'file-too-large',
          `this file is ${mib} MiB; answer files are limited to 1 MiB`,
          'an answer file holds text for a few questions; check that the right file was saved here',
        ),
      ],
    };
  }
  const bytes = await readFile(path);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const lineNo = bytes.subarray(0, nul).filter((b) => b === 10).length + 1;
    return {
      diagnostics: [
        {
          severity: 'error',
          file,
          line: lineNo,
          column: 1,
          code: 'binary-file',
          message: 'this is not a text file (it contains NUL bytes)',
          hint: 'answer files are plain text in YAML; was a document or an image saved under this name?',
        },
      ],
    };
  }
  const bad = firstInvalidUtf8(bytes);
  let text: string;
  if (bad !== -1) {
    const before = bytes.subarray(0, bad);
    const lineNo = before.filter((b) => b === 10).length + 1;
    const lineStart = before.lastIndexOf(10) + 1;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
    diagnostics.push({
      severity: 'error',
      file,
      line: lineNo,
      column,
      code: 'invalid-utf8',
      message: `this file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')})`,
      hint: 'save the file with the UTF-8 encoding in your editor',
    });
    // Go on with replacement characters so the structure can still be checked.
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } else {
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      code: 'byte-order-mark',
      message: 'this file starts with a byte-order mark (BOM)',
      hint: 'save the file as "UTF-8" rather than "UTF-8 with BOM"',
    });
    text = text.slice(1);
  }
  const crlf = text.indexOf('\r\n');
  if (crlf !== -1) {
    const lineNo = (text.slice(0, crlf).match(/\n/g)?.length ?? 0) + 1;
    diagnostics.push({
      severity: 'error',
      file,
      line: lineNo,
      column: crlf - (text.lastIndexOf('\n', crlf) + 1) + 1,
      code: 'crlf-line-endings',
      message: 'this file has Windows (CRLF) line endings',
      hint: 'save the file with Unix (LF) line endings; most editors have this in the status bar',
    });
    text = text.replace(/\r\n/g, '\n');
  }
  if (text.trim() === '') {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      code: 'empty-file',
      message: 'this file is empty',
      hint: 'run `gareport init` to create answer files with every question in place',
    });
    return { diagnostics };
  }
  return { source: { file, text, lineStarts: lineStartsOf(text) }, diagnostics };
}

const yamlMessages: Record<string, string> = {
  TAB_AS_INDENT: 'tabs cannot be used to indent YAML; use spaces',
  DUPLICATE_KEY: 'this key appears twice; each goal and question may appear only once',
  MULTIPLE_DOCS: 'this file holds more than one YAML document (a `---` line); keep one per file',
  BAD_INDENT: 'this line is not indented consistently with the lines around it',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  BLOCK_AS_IMPLICIT_KEY: 'a key is missing its colon, or the line above it is not indented correctly',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; is a colon missing on the line above?',
  UNEXPECTED_TOKEN: 'unexpected text here',
  BAD_SCALAR_START: 'text that starts with this character must be put in quotes or in a `|` block',
};

function yamlErrorDiagnostic(source: SourceText, error: YAMLError, severity: Severity): Diagnostic {
  const friendly = yamlMessages[error.code];
  const detail = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
  const message = friendly ?? `the YAML cannot be read: ${detail}`;
  const hint =
    error.code === 'BAD_SCALAR_START' || error.code === 'UNEXPECTED_TOKEN' || friendly === undefined
      ? 'long answers are easiest written as a block: `A: |` followed by lines indented by two more spaces'
      : undefined;
  return diagnosticAt(
    source,
    error.pos[0],
    severity,
    `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`,
    message,
    hint,
  );
}

/** Parses YAML, keeping nodes with source ranges; aliases are refused (no alias bombs). */
export function parseYaml(source: SourceText): { doc?: Document.Parsed; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) diagnostics.push(yamlErrorDiagnostic(source, e, 'error'));
  for (const w of doc.warnings) diagnostics.push(yamlErrorDiagnostic(source, w, 'warning'));
  visit(doc, {
    Alias(_key, node) {
      diagnostics.push(
        diagnosticAt(
          source,
          node.range?.[0] ?? 0,
          'error',
          'yaml-alias',
          `aliases (\`*${node.source}\`) are not allowed in these files`,
          'write the text out in full where it belongs',
        ),
      );
    },
  });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { doc, diagnostics };
}

/** A YAML node and, where it is a map value, the key that holds it. */
export interface NodeAt {
  node: YamlNode | null;
  key: YamlNode | null;
}

/** Follows a path of map keys / sequence indexes; stops at the deepest node that exists. */
export function nodeAtPath(doc: Document.Parsed, path: readonly PropertyKey[]): NodeAt & { depth: number } {
  let current: NodeAt = { node: doc.contents, key: null };
  let depth = 0;
  for (const segment of path) {
    const { node } = current;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      current = { node: (pair.value as YamlNode | null) ?? null, key: pair.key as YamlNode };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      current = { node: item as YamlNode, key: null };
    } else break;
    depth++;
  }
  return { ...current, depth };
}

export function offsetOf(at: NodeAt): number {
  return at.key?.range?.[0] ?? at.node?.range?.[0] ?? 0;
}
