import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFileSync } from '../load/regular-file.js';
import { writeIfChanged } from '../project/write-atomic.js';

/** What the last build of a year wrote, so an unchanged report is not rendered again. */
export interface ManifestEntry {
  fingerprint: string;
  /** Output file name (in the year's output folder) → size and mtime when written; a file changed or deleted since forces a rebuild. */
  outputs: Record<string, { size: number; mtimeMs: number }>;
  /** The report's warnings when it was built: counted in the summary of a build that finds it up to date. */
  warnings?: number;
}

export interface Manifest {
  version: 1;
  entries: Record<string, ManifestEntry>;
}

export const MANIFEST_NAME = '.gareport-build.json';

/** Read synchronously, as the plan reads the rest (see fingerprint.ts). */
export function readManifest(yearOut: string): Manifest {
  try {
    // A regular file of at most 16 MiB: a pipe or device in its place is "no manifest", never a wait.
    const text = readRegularFileSync(join(yearOut, MANIFEST_NAME), 16 * 1024 * 1024).toString('utf8');
    const data = JSON.parse(text) as Manifest;
    if (data.version === 1 && data.entries && typeof data.entries === 'object') return data;
  } catch {
    // No manifest or an unreadable one: everything is built.
  }
  return { version: 1, entries: {} };
}

export async function writeManifest(yearOut: string, manifest: Manifest): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest.entries).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeIfChanged(join(yearOut, MANIFEST_NAME), `${JSON.stringify({ version: 1, entries: sorted }, null, 1)}\n`);
}

/** True when the entry was built from the same inputs and its outputs are still as written. */
export function isUpToDate(
  entry: ManifestEntry | undefined,
  fingerprint: string,
  yearOut: string,
  expected: readonly string[],
): boolean {
  if (!entry || entry.fingerprint !== fingerprint) return false;
  for (const name of expected) {
    const recorded = entry.outputs[name];
    if (!recorded) return false;
    let info: ReturnType<typeof statSync>;
    try {
      info = statSync(join(yearOut, name), { throwIfNoEntry: false });
    } catch {
      return false;
    }
    if (!info || info.size !== recorded.size || info.mtimeMs !== recorded.mtimeMs) return false;
  }
  return true;
}

export async function entryFor(fingerprint: string, yearOut: string, names: readonly string[]): Promise<ManifestEntry> {
  const outputs: ManifestEntry['outputs'] = {};
  for (const name of names) {
    const info = await stat(join(yearOut, name));
    outputs[name] = { size: info.size, mtimeMs: info.mtimeMs };
  }
  return { fingerprint, outputs };
}
