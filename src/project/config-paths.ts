/**
 * Paths in gareport.config.yaml (or package.json's `gareport` key) stay inside the project: `out`,
 * `templates` and the font files of `fonts`. A project is often a folder someone else sent in (a
 * pull request, a country's submission), so its config must not read templates or fonts from
 * elsewhere on the machine, nor write outside it. Absolute paths, `../` and links that lead out
 * (after every link is followed) are refused at the value's line and column. Flags and environment
 * variables are the user's own choice and are not checked here.
 */
import { readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { describeBytes, readRegularFileHead, UnreadableFileError } from '../load/regular-file.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt } from '../load/source-text.js';
import { nodeAtPath, valueOffsetOf } from '../load/yaml-nodes.js';
import { leadsOut, linksOutOf } from './leads-out.js';
import { isFontPathEntry } from './settings.js';

/** A font file may be up to 64 MiB: the largest CJK collections are about 30 MiB. */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

export type Problem = { severity: 'error' | 'warning'; message: string; hint: string };

const FONT_HINT = 'list a font file (.ttf, .otf, .ttc) of the project, e.g. `fonts/NotoSansThai-Regular.ttf`';

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
  for (const [index, font] of (config.fonts ?? []).entries()) {
    // `fonts: [myfonts]` is a path when something of that name is there, as config.ts reads it.
    const isPath = isFontPathEntry(font) || (await stat(join(root, font)).catch(() => undefined)) !== undefined;
    checks.push({ path: ['fonts', index], value: font, what: isPath ? 'font' : 'font package' });
  }
  const diagnostics: Diagnostic[] = [];
  for (const check of checks) {
    const offset = valueOffsetOf(nodeAtPath(where.doc, [...where.prefix, ...check.path]));
    const why = check.what === 'font package' ? undefined : await leadsOut(root, check.value);
    if (why === undefined) {
      const problem =
        check.what === 'font'
          ? await fontEntryProblem(join(root, check.value))
          : check.what === 'font package'
            ? fontPackageProblem(root, check.value)
            : undefined;
      if (problem) {
        const message = `\`${check.value}\`: ${problem.message}`;
        diagnostics.push(diagnosticAt(where.source, offset, problem.severity, 'bad-font', message, problem.hint));
      }
      continue;
    }
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

/** The magic numbers of TrueType, OpenType, collections and WOFF: `\0\1\0\0`, `OTTO`, `true`, `ttcf`, `wOFF`, `wOF2`. */
const FONT_MAGIC = ['00010000', '4f54544f', '74727565', '74746366', '774f4646', '774f4632'];

/** The font files the PDF can use. */
const FONT_FILE = /\.(?:ttf|otf|ttc|otc)$/i;

/**
 * Font files in a folder and its subfolders (a few levels deep; node_modules and hidden folders
 * left out), sorted by path: what a `fonts:` entry naming a folder or an npm package stands for.
 */
export function fontFilesIn(folder: string, depth = 4): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(folder, name);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir) {
      if (depth > 0) out.push(...fontFilesIn(path, depth - 1));
    } else if (FONT_FILE.test(name)) out.push(path);
  }
  return out;
}

/** The folder of the npm package `name` installed for the project at `root`, if it is. */
export function installedPackage(root: string, name: string): string | undefined {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** What is wrong with a `fonts:` entry that names an npm package: not installed, or no font in it. */
function fontPackageProblem(root: string, name: string): Problem | undefined {
  const folder = installedPackage(root, name);
  if (folder === undefined)
    return {
      severity: 'error',
      message: 'there is no such file or folder in the project, nor an npm package of that name installed in it',
      hint: `give the path of a font file (e.g. \`fonts/NotoSansThai-Regular.ttf\`), or install the font package (\`npm install ${name}\`)`,
    };
  if (fontFilesIn(folder).length > 0) return undefined;
  return { severity: 'error', message: 'the npm package holds no font file (.ttf, .otf, .ttc)', hint: FONT_HINT };
}

/**
 * What is wrong with a font file or folder the config names, found without reading the fonts:
 * nothing there (a warning: it is left out), a folder without fonts, a pipe or device, a file over
 * the size limit, or not a font at all. A font that starts like one but is damaged further in is
 * found by `validate` (render/font-check.ts).
 */
export async function fontEntryProblem(path: string): Promise<Problem | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info)
    return { severity: 'warning', message: 'there is no font file or folder here, so it is left out', hint: FONT_HINT };
  if (info.isDirectory()) {
    if (fontFilesIn(path).length > 0) return undefined;
    const message = 'this folder holds no font file (.ttf, .otf, .ttc), nor do its subfolders';
    return { severity: 'error', message, hint: FONT_HINT };
  }
  try {
    const head = await readRegularFileHead(path, 4, MAX_FONT_BYTES);
    if (FONT_MAGIC.includes(head.toString('hex'))) return undefined;
    const message = 'this is not a font file (TrueType, OpenType or a collection of them)';
    return { severity: 'error', message, hint: FONT_HINT };
  } catch (error) {
    if (error instanceof UnreadableFileError)
      return {
        severity: 'error',
        message: `the font file is not read: ${error.message}`,
        hint: `a font file is a regular file of at most ${describeBytes(MAX_FONT_BYTES)}`,
      };
    const message = `the font file cannot be read (${(error as NodeJS.ErrnoException).code})`;
    return { severity: 'error', message, hint: FONT_HINT };
  }
}

export { leadsOut, linksOutOf };
