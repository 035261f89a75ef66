/**
 * Bytes to text: what would trip up a YAML parser before it starts (size, binary content, encoding,
 * old Mac line endings), each reported where it is.
 */
import { stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { diagnostic } from '../diagnostics/diagnostics.js';
import { readRegularFile, UnreadableFileError } from './regular-file.js';
import { bytesRead, keepText } from './report-files.js';
import type { Located, SourceText } from './source-text.js';
import { fileDiagnostic, sourceOf } from './source-text.js';
import { trace } from './trace.js';

/** Answer and form files are small; anything over this is a mistake, not a report. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Offset of the first byte that is not well-formed UTF-8, or -1. The second byte's range depends on
 * the first (Unicode Table 3-7): this refuses overlong forms, encoded surrogates (`ED A0 80`) and code
 * points past U+10FFFF (`F4 90 80 80`), which a lenient decoder would turn into U+FFFD silently.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
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

/** A file too large, UTF-16 or binary is not read any further: one error, and no text. */
function unreadable(file: string, size: number, bytes: Uint8Array | undefined): Diagnostic | undefined {
  if (size > MAX_FILE_BYTES) {
    // Not read at all: the size alone says it is not a report. Shown at 1:1 so editors and CI can link to it.
    return diagnostic({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      code: 'file-too-large',
      message: `this file is too large (${size.toLocaleString('en-US')} bytes); the limit is 1 MiB (${MAX_FILE_BYTES.toLocaleString('en-US')} bytes)`,
      hint: 'an answer file holds text for a few questions; check that the right file was saved here',
    });
  }
  if (!bytes) return undefined;
  if (UTF16_BOMS.some(([a, b]) => bytes[0] === a && bytes[1] === b)) {
    return diagnostic({
      severity: 'error',
      file,
      line: 1,
      column: 1,
      code: 'utf16-file',
      message: 'this file is UTF-16; save it as UTF-8',
      hint: 'in Notepad: File > Save as, Encoding "UTF-8"',
    });
  }
  const nul = bytes.indexOf(0);
  if (nul === -1) return undefined;
  return diagnostic({
    severity: 'error',
    file,
    ...bytePosition(bytes, nul),
    code: 'binary-file',
    message: 'this is not a text file (it contains NUL bytes)',
    hint: 'answer files are plain text in YAML; was a document or an image saved under this name?',
  });
}

function invalidUtf8(file: string, bytes: Uint8Array): Diagnostic | undefined {
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) return undefined;
  return diagnostic({
    severity: 'error',
    file,
    ...bytePosition(bytes, bad),
    code: 'invalid-utf8',
    message: `this file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')})`,
    hint: 'save the file with the UTF-8 encoding in your editor',
  });
}

/** A carriage return left after CRLF became LF: old Mac line endings, or one stray CR. */
function crLineEnding(file: string, text: string): Diagnostic | undefined {
  const cr = text.indexOf('\r');
  if (cr === -1) return undefined;
  const crOnly = !text.includes('\n');
  return diagnostic({
    severity: 'error',
    file,
    line: (text.slice(0, cr).match(/\n/g)?.length ?? 0) + 1,
    column: cr - (text.lastIndexOf('\n', cr) + 1) + 1,
    code: 'cr-line-endings',
    message: crOnly
      ? 'this file has old Mac line endings (CR alone), which YAML does not read as line breaks'
      : 'this line ends with a carriage return (CR) alone, which YAML does not read as a line break',
    hint: 'save the file with Windows (CRLF) or Unix (LF) line endings; most editors have this in the status bar',
  });
}

/**
 * The text of UTF-8 bytes and what is wrong with them. What Windows editors write is accepted as it
 * is: a UTF-8 byte-order mark is dropped and CRLF read as LF (the YAML spec allows both), so
 * positions stay on the same lines.
 */
export function decodeSourceBytes(bytes: Uint8Array, file: string): { source?: SourceText; diagnostics: Diagnostic[] } {
  const refused = unreadable(file, bytes.length, bytes);
  if (refused) return { diagnostics: [refused] };
  const diagnostics: Diagnostic[] = [];
  const bad = invalidUtf8(file, bytes);
  if (bad) diagnostics.push(bad);
  // Invalid bytes become U+FFFD so the structure can still be checked; the BOM is dropped.
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\r\n/g, '\n');
  const cr = crLineEnding(file, text);
  if (cr) {
    diagnostics.push(cr);
    // Read as lines, so the rest of the file is checked in the same run.
    text = text.replace(/\r/g, '\n');
  }
  if (text.trim() === '') {
    diagnostics.push(
      diagnostic({
        severity: 'error',
        file,
        line: 1,
        column: 1,
        code: 'empty-file',
        message: 'this file is empty',
        hint: 'run `gareport init` to create answer files with every question in place',
      }),
    );
    return { diagnostics };
  }
  return { source: sourceOf(file, text), diagnostics };
}

/**
 * Reads a text file: its text and what would trip up a YAML parser (see decodeSourceBytes). Bytes
 * the build's plan has read already are not read again (report-files.ts).
 */
export async function readSourceText(
  path: string,
  file: string,
): Promise<{ source?: SourceText; diagnostics: Diagnostic[] }> {
  const given = bytesRead(path);
  if (given) return kept(path, decodeSourceBytes(given, file));
  const info = await stat(path);
  if (!info.isFile())
    return { diagnostics: [fileDiagnostic(file, 'error', 'not-a-file', 'this is not a regular file')] };
  const tooLarge = unreadable(file, info.size, undefined);
  if (tooLarge) return { diagnostics: [tooLarge] };
  trace('read', path);
  // Checked again on the open file: what is at the path may have been swapped for a pipe meanwhile.
  const bytes = await readRegularFile(path, MAX_FILE_BYTES).catch((error: unknown) => {
    if (error instanceof UnreadableFileError) return undefined;
    throw error;
  });
  if (!bytes) return { diagnostics: [fileDiagnostic(file, 'error', 'not-a-file', 'this is not a regular file')] };
  return kept(path, decodeSourceBytes(bytes, file));
}

function kept<T extends { source?: SourceText }>(path: string, read: T): T {
  if (read.source) keepText(path, read.source.text);
  return read;
}
