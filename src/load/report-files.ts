/**
 * The files of one report, read once (issue 19): a build's plan reads their bytes to hash them and
 * hands them on with the report's task; the load step decodes those bytes instead of opening the
 * files again, and keeps each decoded text for the steps after it (the PDF's font check). Scoped
 * to the load of one report (AsyncLocalStorage), so the loaders of the country file, the answer
 * files and the year before's report need no extra parameter, and concurrent loads never mix.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Document } from 'yaml';
import type { SourceText } from './source-text.js';
import { trace } from './trace.js';

export interface ReportFiles {
  /** Bytes already read, by absolute path: each is used once, by the load of that file. */
  bytes: Map<string, Uint8Array>;
  /** The text each file decoded to, by absolute path. */
  texts: Map<string, string>;
  /** Each YAML file parsed without errors, with its positions, by absolute path (the preview places its problems there). */
  documents: Map<string, { source: SourceText; doc: Document.Parsed }>;
}

const scope = new AsyncLocalStorage<ReportFiles>();

export function reportFiles(bytes: Iterable<[string, Uint8Array]> = []): ReportFiles {
  return { bytes: new Map(bytes), texts: new Map(), documents: new Map() };
}

/** Runs `load` with `files` as the report's: its bytes are read from there, its texts kept there. */
export function withReportFiles<T>(files: ReportFiles, load: () => Promise<T>): Promise<T> {
  return scope.run(files, load);
}

/** The bytes of a file the report's plan has read already, if it has. */
export function bytesRead(path: string): Uint8Array | undefined {
  const files = scope.getStore();
  const bytes = files?.bytes.get(path);
  if (bytes) files?.bytes.delete(path);
  return bytes;
}

/** Reads a file's bytes from disk (counted: see trace.ts). */
export function readBytes(path: string): Promise<Uint8Array> {
  trace('read', path);
  return readFile(path);
}

/**
 * `readBytes` without a round trip through the thread pool for each step (open, stat, read, close):
 * for a caller that reads many small files one after the other anyway (a build's plan).
 */
export function readBytesSync(path: string): Uint8Array {
  trace('read', path);
  return readFileSync(path);
}

/** Keeps the decoded text of a file of the report being loaded. */
export function keepText(path: string, text: string): void {
  scope.getStore()?.texts.set(path, text);
}

/** Keeps the parsed document of a YAML file of the report being loaded. */
export function keepDocument(path: string, source: SourceText, doc: Document.Parsed): void {
  scope.getStore()?.documents.set(path, { source, doc });
}
