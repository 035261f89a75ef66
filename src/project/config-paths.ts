/**
 * Paths in gareport.config.yaml (or package.json's `gareport` key) stay inside the project: `out`,
 * `templates` and the font files of `fonts`. A project is often a folder someone else sent in (a
 * pull request, a country's submission), so its config must not read templates or fonts from
 * elsewhere on the machine, nor write outside it. Absolute paths, `../` and links that lead out
 * (after every link is followed) are refused at the value's line and column. Flags and environment
 * variables are the user's own choice and are not checked here.
 */
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt } from '../load/source-text.js';
import { nodeAtPath, valueOffsetOf } from '../load/yaml-nodes.js';

/** Whether a `fonts:` entry names a file or folder (else it names an npm package). */
export function isFontPathEntry(entry: string): boolean {
  return (
    isAbsolute(entry) ||
    entry.startsWith('.') ||
    /\.(?:ttf|otf|ttc|otc|woff2?)$/i.test(entry) ||
    (/[\\/]/.test(entry) && !entry.startsWith('@'))
  );
}

function outside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/** The real path of `path`, or of its nearest folder that exists (an output folder may not yet). */
async function realpathOfNearest(path: string): Promise<string> {
  let current = path;
  const rest: string[] = [];
  for (;;) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined) return join(real, ...rest.reverse());
    const parent = dirname(current);
    if (parent === current) return path;
    rest.push(current.slice(parent.length).replace(/^[\\/]/, ''));
    current = parent;
  }
}

/** Why `input` (relative to `root`) leads out of the project, or undefined when it stays in. */
export async function leadsOut(root: string, input: string): Promise<string | undefined> {
  if (isAbsolute(input)) return 'it is an absolute path';
  const full = join(root, input);
  if (outside(relative(root, full))) return 'it climbs out of the project with `../`';
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => root), realpathOfNearest(full)]);
  if (outside(relative(realRoot, real))) return 'it leads outside the project through a symbolic link';
  return undefined;
}

/** Diagnostics for the config's paths that leave the project, each at its value's position. */
export async function configPathDiagnostics(
  root: string,
  config: { out?: string | undefined; templates?: string | undefined; fonts?: string[] | undefined },
  where: { source: SourceText; doc: Document.Parsed; prefix: string[] },
): Promise<Diagnostic[]> {
  const checks: Array<{ path: (string | number)[]; value: string; what: string }> = [];
  if (config.out !== undefined) checks.push({ path: ['out'], value: config.out, what: 'output folder' });
  if (config.templates !== undefined)
    checks.push({ path: ['templates'], value: config.templates, what: 'templates folder' });
  config.fonts?.forEach((font, index) => {
    if (isFontPathEntry(font)) checks.push({ path: ['fonts', index], value: font, what: 'font' });
  });
  const diagnostics: Diagnostic[] = [];
  for (const check of checks) {
    const why = await leadsOut(root, check.value);
    if (why === undefined) continue;
    const offset = valueOffsetOf(nodeAtPath(where.doc, [...where.prefix, ...check.path]));
    diagnostics.push(
      diagnosticAt(
        where.source,
        offset,
        'error',
        'config-path-outside',
        `the ${check.what} \`${check.value}\` is outside the project (${why}); paths in the configuration stay inside the project`,
        `give a path relative to the project root; a folder elsewhere can be given on the command line (\`--${check.what === 'font' ? 'fonts' : check.path[0]}\`)`,
      ),
    );
  }
  return diagnostics;
}
