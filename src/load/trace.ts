/**
 * A hook that counts the work of a build (issue 19): with GAREPORT_TRACE set to a file, each read
 * of a report's file, each YAML parse, each parse of an answer's Markdown and each page the PDF
 * begins appends a line `<kind>\t<what>` to it, from every thread. Tests count the lines (and
 * wait for them); nothing is timed. Unset (the usual case), it costs one comparison.
 */
import { appendFileSync } from 'node:fs';

export type TraceKind = 'read' | 'yaml' | 'markdown' | 'page' | 'diff';

// Read once per thread: workers get the environment of the process that starts them.
const traceFile = process.env.GAREPORT_TRACE || undefined;

/** `what`: the file (or answer) concerned; a function when naming it costs something. */
export function trace(kind: TraceKind, what: string | (() => string)): void {
  if (traceFile) appendFileSync(traceFile, `${kind}\t${typeof what === 'string' ? what : what()}\n`);
}
