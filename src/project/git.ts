import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../diagnostics/errors.js';
import { readRegularFile } from '../load/regular-file.js';
import { lexYaml } from '../load/yaml-limits.js';
import { isInside } from './inside.js';
import { CONFIG_FILE } from './locate.js';
import { mayNameLogo } from './logo-named.js';

/** What every report is built from besides its folder: the configured templates folder and font files. */
export interface SharedInputs {
  /** The templates folder of the config, `--templates` or GAREPORT_TEMPLATES (absolute). */
  templates?: string | undefined;
  /** The `fonts` setting: font files or folders (absolute) and npm packages. */
  fonts?: readonly string[] | undefined;
}

/** Project-relative, with `/`: what `git diff --relative` prints. */
function relativeTo(cwd: string, path: string): string | undefined {
  const rel = relative(cwd, path).split(sep).join('/');
  return rel && isInside(cwd, path) ? rel : undefined;
}

/** Is `file` (project-relative) one every report is built from? */
function affectsAll(file: string, shared: readonly string[]): boolean {
  if (/^(forms|templates|data)\//.test(file)) return true;
  if (file === CONFIG_FILE || file === 'package.json') return true;
  return shared.some((input) => file === input || file.startsWith(`${input}/`));
}

/**
 * The reports ("<year>/<country>") whose files changed since a git ref, for CI on a pull request.
 * A change to a form, a template (templates/ or the configured folder), the country list, the
 * configuration or a configured font affects every report: then `undefined` (all). A changed logo
 * affects the reports whose country.yaml names it.
 */
export async function changedReports(
  cwd: string,
  ref: string,
  inputs: SharedInputs = {},
): Promise<Set<string> | undefined> {
  if (!/^[\w./~^@{}-]+$/.test(ref) || ref.startsWith('-')) {
    throw new UsageError(`\`${ref}\` is not a git commit or branch name`);
  }
  let output: string;
  try {
    // Loaded only here: child_process (with net and streams) would cost every build's start-up.
    const { execFile } = process.getBuiltinModule('node:child_process');
    const run = process.getBuiltinModule('node:util').promisify(execFile);
    // Committed changes since the merge base, plus what is changed in the working tree, plus new
    // files not yet added (a country just started). -z: names as they are (git quotes non-ASCII ones).
    const { stdout } = await run('git', ['diff', '--name-only', '-z', '--relative', `${ref}...HEAD`], { cwd });
    const { stdout: local } = await run('git', ['diff', '--name-only', '-z', '--relative', 'HEAD'], { cwd });
    const { stdout: added } = await run('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd });
    output = `${stdout}\0${local}\0${added}`;
  } catch (error) {
    const message = (error as { stderr?: string }).stderr?.split('\n')[0] || (error as Error).message;
    throw new UsageError(
      `cannot compare with \`${ref}\`: ${message}`,
      'run from a git checkout that has that commit (in CI, fetch with enough depth)',
    );
  }
  const shared = [inputs.templates, ...(inputs.fonts ?? []).filter((f) => isAbsolute(f))]
    .map((path) => (path === undefined ? undefined : relativeTo(cwd, path)))
    .filter((path): path is string => path !== undefined);
  const changed = new Set<string>();
  const others: string[] = [];
  for (const file of output.split('\0').filter(Boolean)) {
    const report = /^reports\/(\d{4})\/([^/]+)\//.exec(file);
    if (report) {
      changed.add(`${report[1]}/${report[2]}`);
      // The next year's HTML report shows what this year's announced (issue 12, part 2).
      changed.add(`${Number(report[1]) + 1}/${report[2]}`);
    } else if (affectsAll(file, shared)) return undefined;
    else others.push(file);
  }
  for (const report of await reportsWithLogo(cwd, others)) changed.add(report);
  return changed;
}

/** The reports whose country.yaml names one of `files` (project-relative) as its logo. */
async function reportsWithLogo(cwd: string, files: readonly string[]): Promise<string[]> {
  const images = new Set(files.filter((f) => /\.(png|jpe?g|svg)$/i.test(f)));
  if (images.size === 0) return [];
  const found: string[] = [];
  const years = await readdir(join(cwd, 'reports')).catch(() => []);
  for (const year of years.filter((y) => /^\d{4}$/.test(y))) {
    for (const country of await readdir(join(cwd, 'reports', year)).catch(() => [])) {
      const logo = await countryLogoFile(cwd, join(cwd, 'reports', year, country));
      const rel = logo ? relativeTo(cwd, logo) : undefined;
      if (rel && images.has(rel)) found.push(`${year}/${country}`, `${Number(year) + 1}/${country}`);
    }
  }
  return found;
}

/**
 * The logo file a country folder's country.yaml names (absolute): what a build depends on besides
 * the folder. Undefined when there is none.
 */
export async function countryLogoFile(root: string, countryDir: string): Promise<string | undefined> {
  return logoNamedIn(root, await readRegularFile(join(countryDir, 'country.yaml'), 1024 * 1024).catch(() => undefined));
}

/**
 * The logo file the bytes of a country.yaml name (absolute), if any: read as YAML (quoted, block or
 * flow, with comments), within the limits every YAML file is read with; none when it is not YAML
 * (loading the report then says why).
 */
export function logoNamedIn(root: string, countryFile: Uint8Array | undefined): string | undefined {
  if (!countryFile) return undefined;
  const text = new TextDecoder().decode(countryFile);
  if (!mayNameLogo(text)) return undefined;
  if (lexYaml(text).limit) return undefined;
  try {
    const value: unknown = parse(text, { maxAliasCount: 0, uniqueKeys: false });
    const logo = value && typeof value === 'object' ? (value as { logo?: unknown }).logo : undefined;
    return typeof logo === 'string' && logo.trim() !== '' ? join(root, logo.trim()) : undefined;
  } catch {
    return undefined;
  }
}
