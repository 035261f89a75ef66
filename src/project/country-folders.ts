/**
 * What is in reports/<year>/ and in each country folder, and what gareport would otherwise pass
 * over without a word: folders whose name is not a country name (`New-Zealand`, `new zealand`),
 * links that lead out of the project or nowhere, files gareport does not read (`target-1.yml`).
 * `validate`, `build` and `status` all list countries through here, so they agree.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { closest } from '../diagnostics/suggest.js';
import { fileDiagnostic } from '../load/source-text.js';

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
  const rel = relative(realRoot, real);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? 'outside' : 'inside';
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

/** The problem with the folder a country name would be in, if any (to explain "there is no report"). */
export async function countryFolderProblem(
  root: string,
  yearDir: string,
  shownDir: string,
  country: string,
): Promise<Diagnostic | undefined> {
  const { diagnostics } = await scanCountries(root, yearDir, shownDir);
  return diagnostics.find((d) => {
    const name = d.file.slice(shownDir.length + 1);
    return name === country || slugFor(name) === country;
  });
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
