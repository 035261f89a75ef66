/**
 * Reads the theme: gareport's own templates/theme.yaml, with the project's theme.yaml (the first
 * templates folder that has one: `--templates`, then the project's templates/) laid over it. The
 * project's file is checked like any other input: every problem with its line and column.
 */
import { lstat, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Document } from 'yaml';
import { isScalar } from 'yaml';
import type * as z from 'zod';
import { schemaIssueDiagnostics } from '../../check/zod-issues.js';
import type { Diagnostic } from '../../diagnostics/diagnostics.js';
import { hasErrors, sortDiagnostics } from '../../diagnostics/diagnostics.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { readYamlFile } from '../../load/source.js';
import type { SourceText } from '../../load/source-text.js';
import { diagnosticAt, lineText, positionAt } from '../../load/source-text.js';
import { nodeAtPath, offsetOf } from '../../load/yaml-nodes.js';
import { linksOutOf } from '../../project/config-paths.js';
import { outsideProject } from '../../project/country-folders.js';
import { displayPath, templateDirectories } from '../../project/paths.js';
import { CHECKED_THEME } from './checked.js';
import type { Theme } from './schema.js';

export const THEME_FILE = 'theme.yaml';

const HINT = 'templates/README.md describes every key of theme.yaml';

export interface LoadedTheme {
  /** The theme to use; undefined when the project's theme.yaml has errors. */
  theme?: Theme;
  diagnostics: Diagnostic[];
  /** The project's theme.yaml, when there is one (absolute path). */
  file?: string;
}

let builtIn: { key: string; theme: Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> } | undefined;

/**
 * gareport's own theme. In a checkout of gareport (the README's quick start, CI) its templates/ is
 * the project's templates folder too, so its theme.yaml is read like a project's: a regular file
 * under the size cap, not a link out of its folder, every mistake a diagnostic naming the file.
 */
export async function builtInTheme(
  packageRoot: string,
  cwd = packageRoot,
): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  const path = join(packageRoot, 'templates', THEME_FILE);
  // Read again when the file changes (a checkout's theme edited during `build --watch`).
  const info = await lstat(path).catch(() => undefined);
  const key = [packageRoot, cwd, info?.mtimeMs, info?.size, info?.ino].join('\0');
  if (builtIn?.key !== key)
    builtIn = { key, theme: checkedTheme(path, info).then((t) => t ?? readThemeFile(path, cwd)) };
  return builtIn.theme;
}

/** The bundle's checked theme when `path` is a regular file holding the very text it checked. */
async function checkedTheme(
  path: string,
  info: { isFile(): boolean; size: number } | undefined,
): Promise<{ theme: Theme; diagnostics: Diagnostic[] } | undefined> {
  if (!CHECKED_THEME || !info?.isFile() || info.size !== Buffer.byteLength(CHECKED_THEME.text)) return undefined;
  if (await linksOutOf(dirname(path), path)) return undefined;
  const bytes = await readFile(path).catch(() => undefined);
  return bytes?.equals(Buffer.from(CHECKED_THEME.text)) ? { theme: CHECKED_THEME.theme, diagnostics: [] } : undefined;
}

/** One theme.yaml, checked and laid over `base` (none: it is the whole theme). */
async function readThemeFile(
  path: string,
  cwd: string,
  base?: Theme,
): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  // A theme.yaml that links out of its templates folder is not read (nothing of it is quoted).
  if (await linksOutOf(dirname(path), path)) return { diagnostics: [outsideProject(displayPath(cwd, path), 'file')] };
  const read = await readYamlFile(path, displayPath(cwd, path));
  // An empty theme.yaml (or one of comments only) changes nothing; it is not a mistake.
  const diagnostics = read.diagnostics.filter((d) => base === undefined || d.ruleId !== 'empty-file');
  const { source, doc } = read;
  if (!source || !doc || hasErrors(diagnostics)) {
    return hasErrors(diagnostics) || !base ? { diagnostics } : { theme: base, diagnostics };
  }
  const own = withNamesInLowerCase(doc.toJS() as unknown);
  // The schema (zod's objects, built when loaded) only for a theme.yaml the bundle did not check.
  const schema = await import('./schema.js');
  const result = schema.themeSchema.safeParse(base ? mergeTheme(base, own ?? {}) : own);
  if (!result.success) {
    for (const issue of result.error.issues)
      diagnostics.push(...themeIssueDiagnostics(source, doc, issue, schema.keysAt));
    return { diagnostics: sortDiagnostics(diagnostics) };
  }
  return { theme: result.data, diagnostics };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` laid over `base`: maps are merged key by key, anything else in `over` replaces. */
export function mergeTheme(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = mergeTheme(base[key], value);
  return merged;
}

type ZodIssue = z.core.$ZodIssue;

/** A theme problem in words, at the key or value to change. */
function themeIssueDiagnostics(
  source: SourceText,
  doc: Document.Parsed,
  issue: ZodIssue,
  keysAt: (path: readonly PropertyKey[]) => string[],
): Diagnostic[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(path);
    return issue.keys.map((key) =>
      diagnosticAt(
        source,
        offsetOf(nodeAtPath(doc, [...path, key])),
        'error',
        'invalid-theme',
        `unknown key \`${key}\` in the theme`,
        didYouMean(key, allowed) ?? `here the theme has ${allowed.map((k) => `\`${k}\``).join(', ')}`,
      ),
    );
  }
  const at = nodeAtPath(doc, path);
  const name = String(path.at(-1) ?? 'the theme');
  if (
    issue.code === 'invalid_type' &&
    at.depth === path.length &&
    (at.node === null || (isScalar(at.node) && at.node.value === null))
  ) {
    // `text: #1f3a5f`: YAML reads everything from an unquoted # as a comment, so the value is empty.
    const comment = /:\s*(#\S*)/.exec(lineText(source, positionAt(source, offsetOf(at)).line));
    if (comment?.[1]) {
      return [
        diagnosticAt(
          source,
          offsetOf(at),
          'error',
          'invalid-theme',
          `\`${name}\` is empty: YAML reads \`${comment[1]}\` without quotes as a comment`,
          `write the colour in quotes: \`${name}: '${comment[1]}'\``,
        ),
      ];
    }
  }
  const written = isScalar(at.node) ? String(at.node.value) : undefined;
  const atValue = (message: string, hint: string) => [
    diagnosticAt(source, at.node?.range?.[0] ?? offsetOf(at), 'error', 'invalid-theme', message, hint),
  ];
  if (issue.code === 'invalid_format' && issue.format === 'regex' && at.depth === path.length) {
    const quoted = isScalar(at.node) && (at.node.type === 'QUOTE_SINGLE' || at.node.type === 'QUOTE_DOUBLE');
    return atValue(
      `\`${written}\` is not a colour: \`${name}\` must be written \`#rrggbb\` (six hexadecimal digits) or \`#rgb\``,
      quoted ? "such as `'#1f3a5f'`" : "in quotes, e.g. `'#1f3a5f'`",
    );
  }
  if (issue.code === 'too_small' && issue.origin === 'number' && Number(issue.minimum) === 0) {
    return atValue(`\`${name}\` must not be negative`, 'sizes and margins are in points (72 pt = 1 inch = 25.4 mm)');
  }
  return schemaIssueDiagnostics(source, doc, issue, 'invalid-theme', HINT);
}

/** The project's own theme.yaml: the first templates folder (other than gareport's own) with one. */
async function projectThemeFile(dirs: readonly string[], packageRoot: string): Promise<string | undefined> {
  const own = resolve(packageRoot, 'templates');
  for (const dir of dirs) {
    if (resolve(dir) === own) continue;
    const path = join(dir, THEME_FILE);
    // Only whether something is there: reading it (readYamlFile) refuses a pipe or a device.
    const found = await stat(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return false;
        throw error;
      },
    );
    if (found) return path;
  }
  return undefined;
}

/** Values that are names (`paper: A4`, `weight: Bold`) read in any case, as the configuration's are. */
function withNamesInLowerCase(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && (key === 'paper' || key === 'weight')) return value.toLowerCase();
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNamesInLowerCase(v, k)]));
}

/** The theme of a build: gareport's own, with the project's theme.yaml laid over it. */
export async function loadTheme(options: {
  cwd: string;
  packageRoot: string;
  templates?: string | undefined;
}): Promise<LoadedTheme> {
  const own = await builtInTheme(options.packageRoot, options.cwd);
  if (!own.theme) return { diagnostics: own.diagnostics, file: join(options.packageRoot, 'templates', THEME_FILE) };
  const path = await projectThemeFile(templateDirectories(options), options.packageRoot);
  if (!path) return { theme: own.theme, diagnostics: own.diagnostics };
  const read = await readThemeFile(path, options.cwd, own.theme);
  return { ...read, diagnostics: [...own.diagnostics, ...read.diagnostics], file: path };
}
