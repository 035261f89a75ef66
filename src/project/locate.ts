/**
 * Where the project is: found by walking up from the folder gareport runs in, the way git finds
 * `.git`, and which report a subfolder means. Kept apart from the config schema (zod) so that
 * every command can call it at start-up for the cost of a few stat calls.
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import { readRegularFile } from '../load/regular-file.js';
import { isInside } from './inside.js';
import { isSlug } from './paths.js';

export const CONFIG_FILE = 'gareport.config.yaml';
export const PAPER_SIZES = ['a4', 'letter'] as const;

/** Where a project was found and what the folder gareport runs in stands for. */
export interface Project {
  root: string;
  /** The configuration file, if any (gareport.config.yaml or package.json). */
  configFile?: string;
  /** Set when run inside reports/<year>/ or reports/<year>/<country>/. */
  year?: number;
  country?: string;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function packageJsonHasConfig(path: string): Promise<boolean> {
  // A regular file only: a pipe named package.json would wait for a writer forever.
  if (!(await isFile(path))) return false;
  const text = await readRegularFile(path, 1024 * 1024).then(
    (bytes) => bytes.toString('utf8'),
    () => undefined,
  );
  if (text === undefined) return false;
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === 'object' && json !== null && 'gareport' in json;
  } catch {
    return false;
  }
}

/** What marks a folder as a gareport project, and which file configures it. */
async function projectMarker(dir: string): Promise<{ configFile?: string } | undefined> {
  const config = join(dir, CONFIG_FILE);
  // Anything by that name is the config: one that is not a regular file (a pipe) is reported, not passed over.
  if (
    await stat(config).then(
      (info) => !info.isDirectory(),
      () => false,
    )
  )
    return { configFile: config };
  const pkg = join(dir, 'package.json');
  if (await packageJsonHasConfig(pkg)) return { configFile: pkg };
  if ((await isDirectory(join(dir, 'reports'))) || (await isDirectory(join(dir, 'forms')))) return {};
  return undefined;
}

/**
 * Walks up from `cwd` to the first folder with gareport.config.yaml, a package.json with a
 * `gareport` key, or a reports/ or forms/ folder. Without one, `cwd` is the project.
 */
export async function findProject(cwd: string): Promise<Project> {
  let dir = resolve(cwd);
  for (;;) {
    const marker = await projectMarker(dir);
    if (marker) return { root: dir, ...marker, ...reportAt(dir, cwd) };
    const parent = dirname(dir);
    if (parent === dir) return { root: resolve(cwd) };
    dir = parent;
  }
}

/** reports/2014/kosovo/… names a report; reports/2014/ a year. */
function reportAt(root: string, cwd: string): { year?: number; country?: string } {
  const parts = relative(root, resolve(cwd)).split(sep);
  if (parts[0] !== 'reports' || !parts[1] || !/^\d{4}$/.test(parts[1])) return {};
  const year = Number(parts[1]);
  const country = parts[2];
  return country && isSlug(country) ? { year, country } : { year };
}

/**
 * Resolves a path the user gave: flags and environment variables are relative to the folder
 * gareport runs in, the config file's paths to the project root. A relative path must not
 * climb out of the project with `../`; an absolute one is the user's explicit choice.
 */
export function resolveProjectPath(root: string, from: string, input: string, what: string): string {
  if (isAbsolute(input)) return input;
  const full = join(from, input);
  if (!isInside(root, full))
    throw new UsageError(`the ${what} \`${input}\` is outside the project`, `give a folder inside ${root}`);
  return full;
}

/** The PDF's paper as a setting chose it; undefined when nothing did (the theme's `paper:` then). */
export function chosenPaper(paper: { value: string; origin: { kind: string } }): 'A4' | 'LETTER' | undefined {
  if (paper.origin.kind === 'default') return undefined;
  return paper.value === 'letter' ? 'LETTER' : 'A4';
}
