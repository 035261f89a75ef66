/**
 * What is in reports/<year>/ and in each country folder, and what gareport would otherwise pass
 * over without a word: folders whose name is not a country name (`New-Zealand`, `new zealand`),
 * links that lead out of the project or nowhere, files gareport does not read (`target-1.yml`).
 * `validate`, `build` and `status` all list countries through here, so they agree.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { closest } from '../diagnostics/suggest.js';
import { fileDiagnostic } from '../load/source-text.js';
import { isInside } from './inside.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `New Zealand`, `New_Zealand` → `new-zealand`; undefined when nothing sensible comes out. */
export function slugFor(name: string): string | undefined {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return SLUG.test(slug) ? slug : undefined;
}

/** Is `path` (after following every link) inside `root` (after following links too)? */
export async function resolvesInside(root: string, path: string): Promise<'inside' | 'outside' | 'broken'> {
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => root), realpath(path).catch(() => undefined)]);
  if (real === undefined) return 'broken';
  return isInside(realRoot, real) ? 'inside' : 'outside';
}

/** The message for a link out of the project. It names the link only, never where it leads. */
export function outsideProject(file: string, what: 'file' | 'folder'): Diagnostic {
  return fileDiagnostic(
    file,
    'error',
    'outside-project',
    `this ${what} is a link to a place outside the project; gareport reads only files inside the project`,
    `copy the ${what} into the project instead of linking to it`,
  );
}

export function brokenLink(file: string): Diagnostic {
  return fileDiagnostic(
    file,
    'error',
    'broken-link',
    'this is a link that leads nowhere (its target is missing, or links loop)',
    'delete the link, or replace it with the real folder or file',
  );
}

/**
 * Names gareport writes itself in out/<year>/: the consolidated report (`all-countries.*`), the
 * index page (`index.html`), and the folders of `followup` and `diff`. A country of that name would
 * overwrite them, or be overwritten.
 */
export const RESERVED_NAMES: readonly string[] = ['all-countries', 'index', 'followup', 'diff'];

function reservedName(shown: string, name: string): Diagnostic {
  return fileDiagnostic(
    shown,
    'error',
    'reserved-country-folder',
    `this folder is not read: \`${name}\` is a name gareport gives its own output in out/<year>/ ` +
      `(${RESERVED_NAMES.map((n) => `\`${n}\``).join(', ')}), so a country of that name would overwrite it`,
    `rename the folder to the country's name, e.g. \`new-zealand\``,
  );
}

/** A folder of reports/<year>/ that is a country, or why it is not. */
interface YearEntry {
  name: string;
  country?: string;
  diagnostic?: Diagnostic;
}

async function yearEntry(root: string, yearDir: string, shownDir: string, entry: Dirent): Promise<YearEntry> {
  const { name } = entry;
  const shown = `${shownDir}/${name}`;
  const path = join(yearDir, name);
  if (entry.isSymbolicLink()) {
    const where = await resolvesInside(root, path);
    if (where === 'broken') return { name, diagnostic: brokenLink(shown) };
    if (where === 'outside') return { name, diagnostic: outsideProject(shown, 'folder') };
    if (!(await stat(path)).isDirectory()) return { name };
  } else if (!entry.isDirectory()) return { name };
  if (RESERVED_NAMES.includes(name)) return { name, diagnostic: reservedName(shown, name) };
  if (SLUG.test(name)) return { name, country: name };
  const slug = slugFor(name);
  return {
    name,
    diagnostic: fileDiagnostic(
      shown,
      'error',
      'bad-country-folder',
      'this folder is not read: a country folder is named in lower-case ASCII letters, digits and hyphens',
      slug ? `rename it to \`${slug}\`` : 'rename it, e.g. `new-zealand`',
    ),
  };
}

/**
 * The countries of a year (folders and links to folders inside the project, sorted), and a
 * diagnostic for each folder or link that is left out. Hidden entries (`.git`, `.DS_Store`) are
 * not looked at.
 */
export async function scanCountries(
  root: string,
  yearDir: string,
  shownDir: string,
): Promise<{ countries: string[]; diagnostics: Diagnostic[] }> {
  const entries = await readdir(yearDir, { withFileTypes: true }).catch(() => []);
  const scanned = await Promise.all(
    entries.filter((e) => !e.name.startsWith('.')).map((e) => yearEntry(root, yearDir, shownDir, e)),
  );
  const countries = scanned.flatMap((e) => (e.country ? [e.country] : [])).sort();
  const diagnostics = scanned.flatMap((e) => (e.diagnostic ? [e.diagnostic] : []));
  return { countries, diagnostics };
}

/**
 * Files in a country folder that gareport does not read: each with a "did you mean" when it looks
 * like one that it does (`target-1.yml`, `Target-2.yaml`): an error then, as its answers would be
 * left out. Backup copies beside a file (`target-1.yaml.bak`, `target-1.yaml~`) are passed over.
 */
export async function unreadFiles(dir: string, shownDir: string, expected: readonly string[]): Promise<Diagnostic[]> {
  const entries = await readdir(dir).catch(() => []);
  const out: Diagnostic[] = [];
  for (const name of entries.sort()) {
    if (name.startsWith('.') || expected.includes(name)) continue;
    if (expected.some((e) => name.startsWith(`${e}.`) || name.startsWith(`${e}~`) || name === `${e}~`)) continue;
    const normalised = name
      .toLowerCase()
      .replace(/\.yml$/, '.yaml')
      .replace(/_/g, '-');
    const close = expected.find((e) => e === normalised) ?? closest(name, expected);
    out.push(
      fileDiagnostic(
        `${shownDir}/${name}`,
        close ? 'error' : 'warning',
        'unread-file',
        close
          ? 'gareport does not read this file, so its answers are left out of the report'
          : 'gareport does not read this file',
        close
          ? `did you mean \`${close}\`? rename the file`
          : `a country folder holds ${expected.map((e) => `\`${e}\``).join(', ')}; other files are not part of the report`,
      ),
    );
  }
  return out;
}

/**
 * The name a folder of reports/ that is not four digits was probably meant to have (`2O15`,
 * `2014 `, `02014`, `14`), or undefined when it does not look like a year.
 */
export function yearFolderFix(name: string): string | undefined {
  const digits = name.trim().replace(/[oO]/g, '0').replace(/[lI|]/g, '1');
  if (!/^\d+$/.test(digits)) return undefined;
  const trimmed = digits.replace(/^0+(?=\d{4})/, '');
  if (/^\d{4}$/.test(trimmed)) return trimmed;
  if (/^\d{2}$/.test(trimmed)) return `20${trimmed}`;
  return undefined;
}

/**
 * The year folders of reports/ (four digits), and a diagnostic for each other folder there: an
 * error with the name to use when it looks like a year with a typo, else a warning.
 */
export async function scanYears(
  root: string,
  reportsDir: string,
  shownDir: string,
): Promise<{ years: number[]; diagnostics: Diagnostic[] }> {
  const entries = await readdir(reportsDir, { withFileTypes: true }).catch(() => []);
  const years: number[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(reportsDir, entry.name);
    if (entry.isSymbolicLink()) {
      if ((await resolvesInside(root, path)) !== 'inside') continue;
      if (!(await stat(path)).isDirectory()) continue;
    } else if (!entry.isDirectory()) continue;
    if (/^\d{4}$/.test(entry.name)) {
      years.push(Number(entry.name));
      continue;
    }
    const fix = yearFolderFix(entry.name);
    diagnostics.push(
      fileDiagnostic(
        `${shownDir}/${entry.name}`,
        fix ? 'error' : 'warning',
        'bad-year-folder',
        'this folder is not read: a year folder of reports/ is named with the year in four digits',
        fix ? `rename it to \`${fix}\`` : 'move it out of reports/, or rename it to a year, e.g. `2015`',
      ),
    );
  }
  return { years: years.sort((a, b) => a - b), diagnostics };
}
