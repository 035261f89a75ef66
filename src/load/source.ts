import { readFile, stat } from 'node:fs/promises';
import type { Alias, Document, YAMLError, Node as YamlNode } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, parseDocument, visit } from 'yaml';
import type * as z from 'zod';
import { escapeControls } from '../diagnostics/characters.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostics.js';
import { forbiddenCharacterDiagnostics } from './scalars.js';
import { checkYamlLimits, MAX_YAML_DEPTH } from './yaml-limits.js';

type ZodIssue = z.core.$ZodIssue;

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
  const d: Diagnostic = {
    severity,
    file: source.file,
    line,
    column,
    code,
    message: escapeControls(message),
    excerpt: escapeControls(lineText(source, line).slice(0, MAX_EXCERPT)),
  };
  if (hint) d.hint = escapeControls(hint);
  return d;
}

export function fileDiagnostic(
  file: string,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { severity, file, line: 0, column: 0, code, message: escapeControls(message) };
  if (hint) d.hint = escapeControls(hint);
  return d;
}

/**
 * Offset of the first byte that is not well-formed UTF-8, or -1. The second byte's range depends on
 * the first (Unicode Table 3-7): this refuses overlong forms, encoded surrogates (`ED A0 80`) and code
 * points past U+10FFFF (`F4 90 80 80`), which a lenient decoder would turn into U+FFFD silently.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Line and column (1-based, in characters) of a byte offset of UTF-8 text. */
function bytePosition(bytes: Uint8Array, offset: number): Located {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(10) + 1;
  return {
    line: before.filter((b) => b === 10).length + 1,
    column: new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1,
  };
}

const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

/**
 * Reads a text file and reports what would trip up a YAML parser: size, binary content, encoding,
 * old Mac line endings. What Windows editors write is accepted as it is: a UTF-8 byte-order mark is
 * dropped and CRLF read as LF (the YAML spec allows both), so positions stay on the same lines.
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
    // Not read at all: the size alone says it is not a report. Shown at 1:1 so editors and CI can link to it.
    return {
      diagnostics: [
        {
          severity: 'error',
          file,
          line: 1,
          column: 1,
          code: 'file-too-large',
          message: `this file is too large (${info.size.toLocaleString('en-US')} bytes); the limit is 1 MiB (${MAX_FILE_BYTES.toLocaleString('en-US')} bytes)`,
          hint: 'an answer file holds text for a few questions; check that the right file was saved here',
        },
      ],
    };
  }
  const bytes = await readFile(path);
  if (UTF16_BOMS.some(([a, b]) => bytes[0] === a && bytes[1] === b)) {
    return {
      diagnostics: [
        {
          severity: 'error',
          file,
          line: 1,
          column: 1,
          code: 'utf16-file',
          message: 'this file is UTF-16; save it as UTF-8',
          hint: 'in Notepad: File > Save as, Encoding "UTF-8"',
        },
      ],
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      diagnostics: [
        {
          severity: 'error',
          file,
          ...bytePosition(bytes, nul),
          code: 'binary-file',
          message: 'this is not a text file (it contains NUL bytes)',
          hint: 'answer files are plain text in YAML; was a document or an image saved under this name?',
        },
      ],
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    diagnostics.push({
      severity: 'error',
      file,
      ...bytePosition(bytes, bad),
      code: 'invalid-utf8',
      message: `this file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')})`,
      hint: 'save the file with the UTF-8 encoding in your editor',
    });
  }
  // Invalid bytes become U+FFFD so the structure can still be checked; the BOM is dropped.
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\r\n/g, '\n');
  const cr = text.indexOf('\r');
  if (cr !== -1) {
    const at = cr - (text.lastIndexOf('\n', cr) + 1) + 1;
    const lineNo = (text.slice(0, cr).match(/\n/g)?.length ?? 0) + 1;
    const crOnly = !text.includes('\n');
    diagnostics.push({
      severity: 'error',
      file,
      line: lineNo,
      column: at,
      code: 'cr-line-endings',
      message: crOnly
        ? 'this file has old Mac line endings (CR alone), which YAML does not read as line breaks'
        : 'this line ends with a carriage return (CR) alone, which YAML does not read as a line break',
      hint: 'save the file with Windows (CRLF) or Unix (LF) line endings; most editors have this in the status bar',
    });
    // Read as lines, so the rest of the file is checked in the same run.
    text = text.replace(/\r/g, '\n');
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

/** A YAML problem explained for someone who has never heard of YAML: where it really is, and what to do. */
interface Explained {
  offset: number;
  code: string;
  message: string;
  hint?: string;
}

/** Characters YAML reads as its own syntax at the start of a value. */
const SPECIAL_START = new Set(['*', '&', '!', '|', '>', '@', '`', '%', '[', ']', '{', '}', ',', '-', '?']);

/** A block scalar header alone on its line (`A: |`, `A: >-`, `A: |2 # comment`) is not a mistake. */
const BLOCK_HEADER = /^[|>](?:[1-9][-+]?|[-+][1-9]?)?[ \t]*(?:#.*)?$/;

function lineAt(source: SourceText, offset: number): number {
  return positionAt(source, Math.max(0, Math.min(offset, source.text.length))).line;
}

function lineStartOffset(source: SourceText, line: number): number {
  return source.lineStarts[line - 1] ?? source.text.length;
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function firstNonSpace(source: SourceText, line: number): number {
  return lineStartOffset(source, line) + indentOf(lineText(source, line));
}

/** Offset of a tab in the indentation of a line, or -1. */
function tabInIndent(source: SourceText, line: number): number {
  const text = lineText(source, line);
  const tab = text.slice(0, indentOf(text)).indexOf('\t');
  return tab === -1 ? -1 : lineStartOffset(source, line) + tab;
}

/** The key of a `key: value` line (for hints such as `A: |`), and where its value starts. */
function valueOnLine(source: SourceText, line: number): { key: string; offset: number; char: string } | undefined {
  const text = lineText(source, line);
  const m = /^([ \t]*(?:-[ \t]+)*)(?:([^\s#:'"][^:]*?)[ \t]*:[ \t]+)?(?=\S)/.exec(text);
  if (!m) return undefined;
  const offset = lineStartOffset(source, line) + m[0].length;
  return { key: m[2] ?? '', offset, char: text[m[0].length] ?? '' };
}

function blockHint(key: string): string {
  const k = key && key.length <= 30 ? key : 'A';
  return `write \`${k}: |\` and put the text on the next line, indented two spaces more than \`${k}\``;
}

/** "Text starting with `*`", `&`, `!`, `>`…: the commonest YAML mistake in prose answers. */
function specialStart(source: SourceText, line: number): Explained | undefined {
  const value = valueOnLine(source, line);
  if (!value || !SPECIAL_START.has(value.char)) return undefined;
  const rest = lineText(source, line).slice(value.offset - lineStartOffset(source, line));
  if ((value.char === '-' || value.char === '?') && !/^[-?](?:[ \t]|$)/.test(rest)) return undefined;
  if ((value.char === '|' || value.char === '>') && BLOCK_HEADER.test(rest)) return undefined;
  return {
    offset: value.offset,
    code: 'yaml-special-character',
    message: `text that starts with \`${value.char}\` must be written as a block or put in quotes`,
    hint: `at the start of a value YAML reads \`${value.char}\` as part of its own syntax; ${blockHint(value.key)}`,
  };
}

/** Characters that cannot start a line of an answer file unless they are YAML syntax. */
const STRAY_AT_LINE_START = new Set([...SPECIAL_START, ':']);

/** A line that starts with `*`, `!`, `}`…: a stray character, or a key written with one. */
function strayAtLineStart(source: SourceText, line: number): Explained | undefined {
  const text = lineText(source, line);
  const indent = indentOf(text);
  const char = text[indent] ?? '';
  if (!STRAY_AT_LINE_START.has(char)) return undefined;
  if (char === '-' && /^-(?:[ \t]|$)/.test(text.slice(indent))) return undefined;
  return {
    offset: lineStartOffset(source, line) + indent,
    code: 'yaml-special-character',
    message: `this line starts with \`${char}\`, which YAML reads as part of its own syntax`,
    hint: `delete the \`${char}\`; if it belongs to an answer, write the answer as a block (\`A: |\`, the text on the next lines, indented two more spaces), where it is ordinary text`,
  };
}

type CstToken = {
  type: string;
  offset: number;
  source?: string;
  start?: { source?: string };
  end?: { source?: string }[];
};

/** Every CST token with a position, in document order (for finding where an unclosed quote or bracket opened). */
function cstTokens(text: string): CstToken[] {
  const out: CstToken[] = [];
  const stack: unknown[] = [...new Parser().parse(text)].reverse();
  while (stack.length) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      continue;
    }
    if (!item || typeof item !== 'object') continue;
    const t = item as Record<string, unknown>;
    if (typeof t.type === 'string' && typeof t.offset === 'number') out.push(t as unknown as CstToken);
    const children = [t.start, t.key, t.sep, t.value, t.items, t.props].filter((c) => c && typeof c === 'object');
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

function explainYamlError(source: SourceText, error: YAMLError, tokens: () => CstToken[]): Explained {
  const at = Math.min(error.pos[0], source.text.length);
  const line = lineAt(source, at);
  const detail = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
  const fallbackCode = `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`;

  const quote = /^Missing closing (["'])quote/.exec(detail);
  if (error.code === 'MISSING_CHAR' && quote) {
    const q = quote[1] ?? '"';
    const opened = tokens()
      .filter(
        (t) =>
          (t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') &&
          t.offset <= at &&
          t.offset + (t.source?.length ?? 0) >= at,
      )
      .at(-1);
    const offset = opened?.offset ?? at;
    return {
      offset,
      code: 'yaml-unclosed-quote',
      message: `this text starts with a quote (\`${q}\`) that is never closed`,
      hint: `add the closing \`${q}\` at the end of the text, or ${blockHint(valueOnLine(source, lineAt(source, offset))?.key ?? '')} (no quotes needed)`,
    };
  }
  const bracket =
    /^Flow (?:sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/.exec(detail);
  const unclosed = (open: string | undefined) =>
    tokens()
      .filter(
        (t) =>
          t.type === 'flow-collection' &&
          (open === undefined || t.start?.source === open) &&
          t.offset <= at &&
          !t.end?.some((e) => e.source === (t.start?.source === '[' ? ']' : '}')),
      )
      .at(-1);
  // "Block collections are not allowed within flow collections": a `[` or `{` earlier on was never closed.
  const blockInFlow = error.code === 'BLOCK_IN_FLOW' ? unclosed(undefined) : undefined;
  if (bracket || blockInFlow) {
    const open = blockInFlow?.start?.source ?? (bracket?.[1] === '}' ? '{' : '[');
    const close = open === '[' ? ']' : '}';
    const opened = blockInFlow ?? unclosed(open);
    const offset = opened?.offset ?? at;
    return {
      offset,
      code: 'yaml-unclosed-bracket',
      message: `this \`${open}\` is never closed with \`${close}\``,
      hint: `an answer is text: ${blockHint(valueOnLine(source, lineAt(source, offset))?.key ?? '')}`,
    };
  }

  const tab = tabInIndent(source, line);
  if (error.code === 'TAB_AS_INDENT' || tab !== -1) {
    return {
      offset: tab === -1 ? at : tab,
      code: 'yaml-tab-as-indent',
      message: 'this line is indented with a tab; YAML needs spaces',
      hint: 'replace the tab at the start of the line with spaces',
    };
  }
  if (/Maximum call stack/i.test(detail)) {
    return { offset: at, code: 'yaml-too-deep', message: 'this file is nested too deeply to be read' };
  }

  switch (error.code) {
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START':
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'BAD_PROP_ORDER':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'BLOCK_IN_FLOW':
    case 'BAD_DIRECTIVE':
    case 'MISSING_CHAR': {
      const special = specialStart(source, line) ?? strayAtLineStart(source, line);
      if (special) return special;
      break;
    }
  }

  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = lineText(source, line)
        .slice(at - lineStartOffset(source, line))
        .split(':')[0]
        ?.trim();
      return {
        offset: at,
        code: 'yaml-duplicate-key',
        message: `\`${key || 'this key'}\` appears twice at the same level; each goal and each question may appear only once`,
        hint: 'merge the two into one, or delete one of them',
      };
    }
    case 'MULTIPLE_DOCS':
      return {
        offset: firstNonSpace(source, line),
        code: 'yaml-multiple-docs',
        message: 'a `---` line at the left margin ends the YAML document; nothing may follow it',
        hint: 'inside an answer written as a block (`A: |`), indent `---` like the rest of the answer, or delete it',
      };
    case 'MULTILINE_IMPLICIT_KEY': {
      const last = lineAt(source, error.pos[1]);
      const over =
        last > line && indentOf(lineText(source, last)) > indentOf(lineText(source, line)) ? last : undefined;
      if (over !== undefined) {
        return {
          offset: firstNonSpace(source, over),
          code: 'yaml-bad-indent',
          message: 'this line is indented further than the line above it, so YAML reads both as one line',
          hint: 'line it up with the keys above it (the same number of spaces in front)',
        };
      }
      return {
        offset: firstNonSpace(source, line),
        code: 'yaml-missing-colon',
        message: 'this line is not a `key: value` line: there is no colon after its first word',
        hint: 'if this line continues the answer above, indent it two spaces more than the question letter; otherwise add the missing `:`',
      };
    }
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const text = lineText(source, line);
      const col = at - lineStartOffset(source, line);
      const colon = text.slice(col).search(/:(?:[ \t]|$)/);
      return {
        offset: colon === -1 ? at : at + colon,
        code: 'yaml-colon-in-text',
        message: 'this text contains a colon followed by a space (`: `), which YAML reads as the start of a new key',
        hint: blockHint(valueOnLine(source, line)?.key ?? ''),
      };
    }
    case 'BAD_INDENT':
      return {
        offset: firstNonSpace(source, line),
        code: 'yaml-bad-indent',
        message: 'this line is not lined up with the lines around it',
        hint: 'keys at the same level need the same number of spaces in front of them',
      };
    case 'MISSING_CHAR':
      if (/^Comments must be separated from other tokens/.test(detail)) {
        const hash = source.text.indexOf('#', at);
        return {
          offset: hash !== -1 && lineAt(source, hash) === line ? hash : at,
          code: 'yaml-comment-without-space',
          message: 'a `#` that starts a comment needs a space before it',
          hint: `if the \`#\` belongs to the text, ${blockHint(valueOnLine(source, line)?.key ?? '')}`,
        };
      }
      if (/^Implicit map keys need to be followed by map values/.test(detail)) {
        const key = source.text.slice(error.pos[0], error.pos[1]).split('\n')[0]?.trim();
        return {
          offset: at,
          code: 'yaml-missing-colon',
          message: `a colon (\`:\`) is missing after \`${key || 'this key'}\``,
          hint: 'each line starts with a key and a colon, e.g. `A: text`',
        };
      }
      break;
    case 'BAD_DQ_ESCAPE':
      return {
        offset: at,
        code: 'yaml-bad-escape',
        message: 'inside double quotes a backslash (`\\`) must be written twice (`\\\\`)',
        hint: `or ${blockHint(valueOnLine(source, line)?.key ?? '')}; in a block a backslash is ordinary text`,
      };
    case 'UNEXPECTED_TOKEN': {
      const value = valueOnLine(source, line);
      if (value && (value.char === '"' || value.char === "'") && at > value.offset) {
        return {
          offset: value.offset,
          code: 'yaml-text-after-quote',
          message: `this text starts with a quote (\`${value.char}\`), so it must end at the matching closing quote; more text follows it`,
          hint: blockHint(value.key),
        };
      }
      break;
    }
  }
  return {
    offset: at,
    code: fallbackCode,
    message: `the YAML cannot be read: ${detail}`,
    hint: 'long answers are easiest written as a block: `A: |` followed by lines indented by two more spaces',
  };
}

/** Deeper than any form, answer or country file; refused before anything recurses over the tree. */
const MAX_DEPTH = MAX_YAML_DEPTH;

function tooDeep(doc: Document.Parsed): YamlNode | undefined {
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_DEPTH) return node;
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Parses YAML, keeping nodes with source ranges. Aliases and anchors are refused
 * (no alias bombs, and no text silently lost to `&name` or `*name`). One mistake
 * often confuses the parser for the next line or two: only the first error of
 * such a run is reported, at the place a person would fix.
 */
export function parseYaml(source: SourceText): { doc?: Document.Parsed; diagnostics: Diagnostic[] } {
  const limit = checkYamlLimits(source.text);
  if (limit) {
    return { diagnostics: [diagnosticAt(source, limit.offset, 'error', limit.code, limit.message, limit.hint)] };
  }
  const lineCounter = new LineCounter();
  // logLevel 'error': the library would otherwise print its own warnings on the process's stderr.
  const doc = parseDocument(source.text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    logLevel: 'error',
  });
  let tokens: CstToken[] | undefined;
  const cst = () => {
    tokens ??= cstTokens(source.text);
    return tokens;
  };
  const found: { explained: Explained; severity: Severity }[] = [];

  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  // "Nested mappings…" and "Implicit keys need to be on a single line" at one place are one mistake; the latter says which.
  const multiline = new Set(errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]));
  let lastLine = Number.NEGATIVE_INFINITY;
  for (const e of errors) {
    if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(e.pos[0])) continue;
    const line = lineAt(source, e.pos[0]);
    const cascade = e.code !== 'DUPLICATE_KEY' && line <= lastLine + 1;
    if (e.code !== 'DUPLICATE_KEY') lastLine = line;
    if (cascade) continue;
    found.push({ explained: explainYamlError(source, e, cst), severity: 'error' });
  }
  for (const w of doc.warnings) {
    const explained = explainYamlError(source, w, cst);
    // An unknown tag (`!text`) would silently drop text: that is an error, not a warning.
    found.push({ explained, severity: explained.code === 'yaml-special-character' ? 'error' : 'warning' });
  }

  const deep = tooDeep(doc);
  if (deep) {
    // The parser may have given up on the same nesting: one message is enough.
    found.splice(0, found.length, ...found.filter((f) => f.explained.code !== 'yaml-too-deep'));
    found.push({
      explained: {
        offset: deep.range?.[0] ?? 0,
        code: 'yaml-too-deep',
        message: `this file is nested more than ${MAX_DEPTH} levels deep`,
        hint: 'answer files have goals, then questions, then text',
      },
      severity: 'error',
    });
  } else {
    const aliases: Alias[] = [];
    const anchors: { name: string; offset: number }[] = [];
    visit(doc, {
      Pair(_key, pair) {
        if (isMap(pair.key) || isSeq(pair.key)) {
          found.push({
            explained: {
              offset: pair.key.range?.[0] ?? 0,
              code: 'yaml-complex-key',
              message: 'a key must be a single word, such as `A` or the id of a goal, not a list or a set of keys',
              hint: 'check the brackets and any `?` at the start of this line',
            },
            severity: 'error',
          });
        }
      },
      Node(_key, node) {
        if (isAlias(node)) aliases.push(node);
        else if (node.anchor) {
          const start = node.range?.[0] ?? 0;
          const at = source.text.lastIndexOf(`&${node.anchor}`, start);
          anchors.push({ name: node.anchor, offset: at === -1 ? start : at });
        }
      },
    });
    const used = new Set<string>();
    const resolved: Alias[] = [];
    for (const alias of aliases) {
      if (alias.resolve(doc)) {
        resolved.push(alias);
        used.add(alias.source);
      } else {
        // `*important* text`: Markdown emphasis that YAML took for a reference.
        const line = lineAt(source, alias.range?.[0] ?? 0);
        const special = specialStart(source, line);
        found.push({
          explained: special ?? {
            offset: alias.range?.[0] ?? 0,
            code: 'yaml-special-character',
            message: 'text that starts with `*` must be written as a block or put in quotes',
            hint: blockHint(''),
          },
          severity: 'error',
        });
      }
    }
    const first = resolved[0];
    if (first) {
      found.push({
        explained: {
          offset: first.range?.[0] ?? 0,
          code: 'yaml-alias',
          message: `aliases (\`*${first.source}\`) are not allowed in these files${resolved.length > 1 ? ` (this file has ${resolved.length})` : ''}`,
          hint: 'write the text out in full where it belongs',
        },
        severity: 'error',
      });
    }
    for (const anchor of anchors) {
      if (used.has(anchor.name)) continue;
      const line = lineAt(source, anchor.offset);
      found.push({
        explained: specialStart(source, line) ?? {
          offset: anchor.offset,
          code: 'yaml-special-character',
          message: 'text that starts with `&` must be written as a block or put in quotes',
          hint: blockHint(''),
        },
        severity: 'error',
      });
    }
    if (doc.contents === null && doc.errors.length === 0) {
      found.push({
        explained: {
          offset: 0,
          code: 'empty-file',
          message: 'this file has no content, only comments',
          hint: 'run `gareport init` to create answer files with every question in place',
        },
        severity: 'error',
      });
    }
  }

  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { explained, severity } of found.sort((a, b) => a.explained.offset - b.explained.offset)) {
    const key = `${explained.offset}:${explained.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(
      diagnosticAt(source, explained.offset, severity, explained.code, explained.message, explained.hint),
    );
  }
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

/** The value's position when there is one (what to change), else its key's. */
export function valueOffsetOf(at: NodeAt): number {
  return at.node?.range?.[0] ?? offsetOf(at);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (lines starting with `- `)',
  object: 'a set of `key: value` lines',
  record: 'a set of `key: value` lines',
};

function describeKey(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (typeof last === 'number') {
    const parent = path.at(-2);
    return `item ${last + 1}${typeof parent === 'string' ? ` of \`${parent}\`` : ''}`;
  }
  return last === undefined ? 'the file' : `\`${String(last)}\``;
}

/**
 * A schema problem in a form or country file, in words rather than in the schema
 * library's terms, at the node concerned: the key for an unknown or missing key,
 * the value for a wrong value.
 */
export function schemaIssueDiagnostics(
  source: SourceText,
  doc: Document.Parsed,
  issue: ZodIssue,
  code: string,
  hint?: string,
): Diagnostic[] {
  const path = issue.path;
  const at = nodeAtPath(doc, path);
  const name = describeKey(path);
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const wrong = (message: string) => [diagnosticAt(source, valueOffsetOf(at), 'error', code, message, hint)];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        diagnosticAt(source, offsetOf(nodeAtPath(doc, [...path, key])), 'error', code, `unknown key \`${key}\``, hint),
      );
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (at.depth < path.length) {
        const where = at.depth === path.length - 1 && path.length > 1 ? ` in ${describeKey(path.slice(0, -1))}` : '';
        return [diagnosticAt(source, offsetOf(at), 'error', code, `${name} is missing${where}`, hint)];
      }
      if (at.node === null || (isScalar(at.node) && at.node.value === null))
        return wrong(`${capital(name)} is empty; it must be ${expected}`);
      return wrong(`${capital(name)} must be ${expected}`);
    }
    case 'too_small':
      if (issue.origin === 'string') return wrong(`${capital(name)} must not be empty`);
      if (issue.origin === 'array')
        return wrong(`${capital(name)} must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`);
      return wrong(`${capital(name)} must be at least ${issue.minimum}`);
    case 'too_big':
      if (issue.origin === 'string') return wrong(`${capital(name)} is too long (at most ${issue.maximum} characters)`);
      if (issue.origin === 'array') return wrong(`${capital(name)} has too many items (at most ${issue.maximum})`);
      return wrong(`${capital(name)} must be at most ${issue.maximum}`);
    case 'invalid_format':
      return wrong(
        issue.message.startsWith('Invalid')
          ? `${capital(name)} is not written correctly`
          : `${capital(name)} ${issue.message}`,
      );
    case 'invalid_value':
      return wrong(`${capital(name)} must be ${issue.values.map((v) => `\`${String(v)}\``).join(' or ')}`);
    case 'invalid_key':
      return wrong(
        `${capital(name)} has a key that is not allowed${issue.issues[0] ? `: keys ${issue.issues[0].message}` : ''}`,
      );
    default:
      return wrong(`${capital(name)}: ${issue.message}`);
  }
}

/** Reads and parses a YAML file: every problem of the bytes and of the YAML, in one list. */
export async function readYamlFile(
  path: string,
  displayPath: string,
): Promise<{ source?: SourceText; doc?: Document.Parsed; diagnostics: Diagnostic[] }> {
  const read = await readSourceText(path, displayPath);
  if (!read.source) return { diagnostics: read.diagnostics };
  const parsed = parseYaml(read.source);
  const diagnostics = [...read.diagnostics, ...parsed.diagnostics];
  // Reported with the rest of the file's problems: a bad character does not hide the others.
  if (parsed.doc) diagnostics.push(...forbiddenCharacterDiagnostics(read.source, parsed.doc));
  return parsed.doc ? { source: read.source, doc: parsed.doc, diagnostics } : { source: read.source, diagnostics };
}
