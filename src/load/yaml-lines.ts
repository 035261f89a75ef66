/**
 * Reading the lines of a YAML file the way a person wrote them, to say where a mistake really is:
 * indentation, the value of a `key: value` line, and characters YAML takes for its own syntax.
 */
import type { SourceText } from './source-text.js';
import { lineText, positionAt } from './source-text.js';

/** A YAML problem explained for someone who has never heard of YAML: where it really is, and what to do. */
export interface Explained {
  offset: number;
  code: string;
  message: string;
  hint?: string;
}

/** Characters YAML reads as its own syntax at the start of a value. */
const SPECIAL_START = new Set(['*', '&', '!', '|', '>', '@', '`', '%', '[', ']', '{', '}', ',', '-', '?']);

/** A block scalar header alone on its line (`A: |`, `A: >-`, `A: |2 # comment`) is not a mistake. */
const BLOCK_HEADER = /^[|>](?:[1-9][-+]?|[-+][1-9]?)?[ \t]*(?:#.*)?$/;

/** An answer file (`target-3.yaml`) speaks of answers and question letters; other files of values and keys. */
export function isAnswerFile(source: SourceText): boolean {
  return /(?:^|[\\/])target-\d+\.ya?ml$/.test(source.file);
}

/**
 * The block a text line belongs to (issue 21 item 10): the nearest `key: |` line above, and the indent
 * of its first text line; undefined when the line looks like a `key:` line of its own.
 */
export function blockAbove(source: SourceText, line: number): { key: string; indent: number } | undefined {
  if (/^[ \t]*[^\s#:'"][^:]*:(?:[ \t]|$)/.test(lineText(source, line))) return undefined;
  const own = indentOf(lineText(source, line));
  for (let l = line - 1; l >= 1; l--) {
    const text = lineText(source, l);
    if (text.trim() === '') continue;
    const header = /^[ \t]*(?:-[ \t]+)?([^\s#:'"][^:]*?)[ \t]*:[ \t]+[|>]/.exec(text);
    // A line no further in than this one that opens no block: this line is not in a block above.
    if (!header && indentOf(text) <= own) return undefined;
    if (!header) continue;
    let first = l + 1;
    while (first < line && lineText(source, first).trim() === '') first++;
    const indent = first < line ? indentOf(lineText(source, first)) : indentOf(text) + 2;
    return { key: header[1] ?? '', indent };
  }
  return undefined;
}

export function lineAt(source: SourceText, offset: number): number {
  return positionAt(source, Math.max(0, Math.min(offset, source.text.length))).line;
}

export function lineStartOffset(source: SourceText, line: number): number {
  return source.lineStarts[line - 1] ?? source.text.length;
}

export function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

export function firstNonSpace(source: SourceText, line: number): number {
  return lineStartOffset(source, line) + indentOf(lineText(source, line));
}

/** Offset of a tab in the indentation of a line, or -1. */
export function tabInIndent(source: SourceText, line: number): number {
  const text = lineText(source, line);
  const tab = text.slice(0, indentOf(text)).indexOf('\t');
  return tab === -1 ? -1 : lineStartOffset(source, line) + tab;
}

/** The key of a `key: value` line (for hints such as `A: |`), and where its value starts. */
export function valueOnLine(
  source: SourceText,
  line: number,
): { key: string; offset: number; char: string } | undefined {
  const text = lineText(source, line);
  const m = /^([ \t]*(?:-[ \t]+)*)(?:([^\s#:'"][^:]*?)[ \t]*:[ \t]+)?(?=\S)/.exec(text);
  if (!m) return undefined;
  const offset = lineStartOffset(source, line) + m[0].length;
  return { key: m[2] ?? '', offset, char: text[m[0].length] ?? '' };
}

export function blockHint(key: string): string {
  const k = key && key.length <= 30 ? key : 'A';
  return `write \`${k}: |\` and put the text on the next line, indented two spaces more than \`${k}\``;
}

/** The block hint for the key of the line `offset` is on. */
export function blockHintAt(source: SourceText, offset: number): string {
  return blockHint(valueOnLine(source, lineAt(source, offset))?.key ?? '');
}

/** "Text starting with `*`", `&`, `!`, `>`…: the commonest YAML mistake in prose answers. */
export function specialStart(source: SourceText, line: number): Explained | undefined {
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
export function strayAtLineStart(source: SourceText, line: number): Explained | undefined {
  const text = lineText(source, line);
  const indent = indentOf(text);
  const char = text[indent] ?? '';
  if (!STRAY_AT_LINE_START.has(char)) return undefined;
  if (char === '-' && /^-(?:[ \t]|$)/.test(text.slice(indent))) return undefined;
  return {
    offset: lineStartOffset(source, line) + indent,
    code: 'yaml-special-character',
    message: `this line starts with \`${char}\`, which YAML reads as part of its own syntax`,
    hint: `delete the \`${char}\`; if it belongs to the text, write the text as a block (\`A: |\`, the text on the next lines, indented two more spaces), where it is ordinary text`,
  };
}

/** Spaces that look like spaces and are not YAML's: no-break (Word), figure, narrow no-break, ideographic… */
const OTHER_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;

/**
 * Lines indented with no-break (or other Unicode) spaces, as text pasted from Word has (issue 21
 * item 6): YAML does not read them as indentation, so `C:` becomes the key `    C`, an invisible
 * cause. Flagged where the odd space is part of the indent: before the indent of the line above, or
 * at the margin of a `key:` line (a no-break space after a full indent is the text's own).
 */
export function otherSpaceIndents(source: SourceText): Explained[] {
  if (!OTHER_SPACES.test(source.text)) return [];
  const found: Explained[] = [];
  let previousIndent = 0;
  for (let line = 1; line <= source.lineStarts.length; line++) {
    const text = lineText(source, line);
    const lead = /^[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*/.exec(text)?.[0] ?? '';
    if (lead.length === text.length) continue;
    const first = lead.search(OTHER_SPACES);
    const keyLine = /^[^\s#:'"][^:]*:(?:[ \t]|$)/.test(text.slice(lead.length));
    if (first !== -1 && (first < previousIndent || (keyLine && first === 0))) {
      const odd = [...lead].filter((c) => OTHER_SPACES.test(c));
      const code = (odd[0] ?? '').codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      const kind = odd.every((c) => c === '\u00a0') ? 'no-break spaces' : 'Unicode spaces';
      found.push({
        offset: lineStartOffset(source, line) + first,
        code: 'yaml-unicode-space-indent',
        message: `this line is indented with ${odd.length} ${odd.length === 1 ? kind.replace(/s$/, '') : kind} (U+${code}), which YAML does not read as spaces`,
        hint: 'replace them with ordinary spaces (text pasted from Word often has them); an editor that shows whitespace makes them visible',
      });
    }
    if (first === -1) previousIndent = lead.length;
  }
  return found;
}
