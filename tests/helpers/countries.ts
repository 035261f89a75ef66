/**
 * Many countries in a scratch project, for batch builds, status and the benchmark.
 * The generator itself is plain JavaScript (scripts/make-countries.mjs) so that `npm run bench`
 * needs no TypeScript loader; this module re-exports it with types and adds test utilities.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { GeneratedCountry } from '../../scripts/make-countries.mjs';
import { COUNTRY_NAMES, MARKER_QUESTION, makeCountries } from '../../scripts/make-countries.mjs';
import { repoRoot } from './cli.js';

export type { GeneratedAnswer, GeneratedCountry, MakeCountriesOptions } from '../../scripts/make-countries.mjs';
export { COUNTRY_NAMES, MARKER_QUESTION, makeCountries };

/**
 * Copies gareport's form and templates into the scratch project (its own forms/ and templates/
 * win over gareport's), so a test can edit them without touching the repository.
 */
export async function ownFormAndTemplates(dir: string): Promise<void> {
  await mkdir(join(dir, 'forms'), { recursive: true });
  await cp(join(repoRoot, 'forms', '2014.yaml'), join(dir, 'forms', '2014.yaml'));
  await cp(join(repoRoot, 'templates'), join(dir, 'templates'), { recursive: true });
}

/** Makes a report invalid: an unknown goal in its target-4.yaml (an error with a position). */
export async function breakCountry(dir: string, slug: string, year = 2014): Promise<string> {
  const file = join(dir, 'reports', String(year), slug, 'target-4.yaml');
  await writeFile(file, `target: 4\ngoals:\n  notice-takedown:\n    A: broken on purpose\n`);
  return file;
}

/** Replaces text in a report file (the text must be there). */
export async function editReportFile(
  dir: string,
  slug: string,
  file: string,
  from: string,
  to: string,
  year = 2014,
): Promise<void> {
  const path = join(dir, 'reports', String(year), slug, file);
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  await writeFile(path, text.replace(from, to));
}

export interface FileState {
  mtimeMs: number;
  size: number;
  sha256: string;
}

/** Every file under `dir` (recursively, hidden files included): path relative to `dir` → mtime, size and hash. */
export async function snapshotFiles(dir: string): Promise<Map<string, FileState>> {
  const files = new Map<string, FileState>();
  const visit = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) {
        const [info, bytes] = await Promise.all([stat(path), readFile(path)]);
        files.set(relative(dir, path).split('\\').join('/'), {
          mtimeMs: info.mtimeMs,
          size: info.size,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
      }
    }
  };
  await visit(dir);
  return files;
}

/** The files whose mtime, size or bytes differ between two snapshots, plus added and removed ones. */
export function changedFiles(before: Map<string, FileState>, after: Map<string, FileState>): string[] {
  const changed = new Set<string>();
  for (const [path, state] of after) {
    const old = before.get(path);
    if (!old || old.mtimeMs !== state.mtimeMs || old.size !== state.size || old.sha256 !== state.sha256)
      changed.add(path);
  }
  for (const path of before.keys()) if (!after.has(path)) changed.add(path);
  return [...changed].sort();
}

/** The generated countries in the order gareport lists them (by folder name). */
export function bySlug(countries: readonly GeneratedCountry[]): GeneratedCountry[] {
  return [...countries].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** The generated countries in the order reports list them: by display name (`Intl.Collator`, English). */
export function byName(countries: readonly GeneratedCountry[]): GeneratedCountry[] {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return [...countries].sort((a, b) => collator.compare(a.name, b.name));
}
