import type { Document, Scalar } from 'yaml';
import { isScalar, visit } from 'yaml';
import { describeCharacter, firstForbiddenCharacter } from '../diagnostics/characters.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { SourceText } from './source-text.js';
import { diagnosticAt, positionAt } from './source-text.js';

/**
 * Where each character of a scalar's value sits in the YAML file. The value is
 * matched against its source text: indentation, folded line breaks, quote
 * doubling and escapes are what the source has in addition; everything else is
 * the same characters in the same order. Works for `|` and `>` blocks (with or
 * without an indentation indicator) as well as plain and quoted scalars.
 */
export function scalarSourceOffsets(source: SourceText, node: Scalar): (index: number) => number {
  const range = node.range;
  if (!range) return () => 0;
  const value = String(node.value);
  const text = source.text;
  const end = range[1];
  let j = range[0];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // The content starts on the line after the `|` or `>` header.
    j = source.lineStarts[positionAt(source, range[0]).line] ?? end;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    j += 1;
  }
  const doubleQuoted = node.type === 'QUOTE_DOUBLE';
  const offsets = new Array<number>(value.length + 1).fill(end);
  for (let i = 0; i < value.length; ) {
    if (j >= end) break;
    const c = text[j];
    if (doubleQuoted && c === '\\') {
      const e = text[j + 1];
      if (e === '\n') {
        j += 2;
        continue;
      }
      const length = e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
      const produced = e === 'U' && Number.parseInt(text.slice(j + 2, j + 10), 16) > 0xffff ? 2 : 1;
      for (let k = 0; k < produced && i < value.length; k++) offsets[i++] = j;
      j += length;
      continue;
    }
    if (c === value[i]) offsets[i++] = j;
    j++;
  }
  return (index) => offsets[Math.max(0, Math.min(index, value.length))] ?? range[0];
}

/** Why a character is refused, in words. */
function forbiddenReason(code: number): string {
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069))
    return 'it changes the order in which the text around it is shown, so the report would not read as written';
  if (code >= 0xd800 && code <= 0xdfff) return 'it is half of a character, not a character';
  return 'it is invisible in a report and can garble it or the terminal that shows it';
}

/**
 * Every text of a YAML file (keys and values, after escapes such as `"\e"` are decoded) checked for
 * characters that must not reach a report: one error per text, at the first such character.
 */
export function forbiddenCharacterDiagnostics(source: SourceText, doc: Document.Parsed): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const found = firstForbiddenCharacter(node.value);
      if (!found) return;
      const offset = scalarSourceOffsets(source, node)(found.index);
      out.push(
        diagnosticAt(
          source,
          offset,
          'error',
          'control-character',
          `this text contains the character ${describeCharacter(found.code)}, which is not allowed: ${forbiddenReason(found.code)}`,
          found.code === 0x0d
            ? 'delete it; to start a new line, write the answer as a block (`A: |`) and break the line there'
            : 'delete it (it often comes with text pasted from another program); letters, spaces, tabs, line breaks and the joiners scripts need (ZWJ, ZWNJ) are all fine',
        ),
      );
    },
  });
  return out;
}
