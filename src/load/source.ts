/** A YAML file from disk: bytes to text, text to nodes, and every problem of both in one list. */
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { readSourceText } from './encoding.js';
import { parseYaml } from './parse-yaml.js';
import { keepDocument } from './report-files.js';
import { forbiddenCharacterDiagnostics } from './scalars.js';
import type { SourceText } from './source-text.js';

/** Reads and parses a YAML file: every problem of the bytes and of the YAML, in one list. */
export async function readYamlFile(
  path: string,
  displayPath: string,
): Promise<{ source?: SourceText; doc?: Document.Parsed; diagnostics: Diagnostic[] }> {
  return parseYamlText(path, await readSourceText(path, displayPath));
}

/** Parses the text `readSourceText` gave for `path` (its problems first, then the YAML's). */
export function parseYamlText(
  path: string,
  read: { source?: SourceText; diagnostics: Diagnostic[] },
): { source?: SourceText; doc?: Document.Parsed; diagnostics: Diagnostic[] } {
  if (!read.source) return { diagnostics: read.diagnostics };
  const parsed = parseYaml(read.source);
  const diagnostics = [...read.diagnostics, ...parsed.diagnostics];
  // Reported with the rest of the file's problems: a bad character does not hide the others.
  if (parsed.doc) diagnostics.push(...forbiddenCharacterDiagnostics(read.source, parsed.doc));
  if (parsed.doc) keepDocument(path, read.source, parsed.doc);
  return parsed.doc ? { source: read.source, doc: parsed.doc, diagnostics } : { source: read.source, diagnostics };
}
