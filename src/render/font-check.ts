/**
 * Never a silent box (issue 10 item 6): characters of a report's files that no font available to
 * the PDF can draw are a warning of `build` (an error with `--strict`), at the place where each
 * script's first such character is written, with the fix: a font package to install, or a font
 * to list under `fonts:`.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Diagnostic, Severity } from '../diagnostics/diagnostics.js';
import { isError } from '../diagnostics/diagnostics.js';
import { diagnosticAt, fileDiagnostic, lineStartsOf } from '../load/source-text.js';
import { trace } from '../load/trace.js';
import { displayPath, templateDirectories } from '../project/paths.js';
import { planFonts } from './pdf/coverage.js';
import { type FontkitFaceRef, fontFileOf } from './pdf/fallback.js';
import { debianFontPackage, isSimpleLatin, scriptName } from './pdf/scripts.js';

export const FONT_MISSING = 'font-missing';

/** The texts of `files`: those given (read once by the load step), else read from disk. */
function textsOf(files: readonly string[], known?: ReadonlyMap<string, string>): Promise<string[]> {
  return Promise.all(
    files.map((file) => {
      const text = known?.get(file);
      if (text !== undefined) return text;
      trace('read', file);
      return readFile(file, 'utf8').catch(() => '');
    }),
  );
}

export interface FontCheckOptions {
  cwd: string;
  /** The project's fallback fonts (absolute paths or npm packages). */
  fonts: readonly string[];
  strict: boolean;
  /** Look at the system's fonts too (default true; tests turn it off). */
  systemFonts?: boolean;
}

/**
 * The font check of one report, for `build` and `validate --pdf-fonts` alike: the project's fonts
 * (config, `--fonts`, each templates folder's fonts.yaml), then the system's. Latin-only reports,
 * most of them, load nothing more.
 */
export async function reportFontDiagnostics(
  files: readonly string[],
  options: {
    cwd: string;
    packageRoot: string;
    templates?: string | undefined;
    fonts?: readonly string[];
    strict?: boolean;
  },
  /** The files' texts where they have been read already, by path. */
  known?: ReadonlyMap<string, string>,
): Promise<Diagnostic[]> {
  const texts = await textsOf(files, known);
  if (texts.every(isSimpleLatin)) return [];
  const read = new Map(files.map((file, index) => [file, texts[index] ?? '']));
  const { fontsFileDiagnostics, projectFonts } = await import('./font-config.js');
  // A fonts.yaml with mistakes is reported once, by `validate` (commands/validate.ts) or before the build.
  if ((await fontsFileDiagnostics(templateDirectories(options), options.cwd)).some(isError)) return [];
  const fonts = await projectFonts(options.fonts ?? [], templateDirectories(options), options.cwd);
  // The project's fonts are read for this report: one that cannot be read fails it (issue 20).
  const broken = await fontFileDiagnostics(fonts, options.cwd);
  const check = { cwd: options.cwd, fonts, strict: Boolean(options.strict) };
  return [...broken, ...(await fontDiagnostics(files, check, read))];
}

export const BAD_FONT = 'bad-font';

/**
 * The project's font files (config, `--fonts`, fonts.yaml; folders and npm packages expanded) that
 * cannot be used, each an error naming the file: a pipe or device, a file over 64 MiB, or one that
 * is not a font fontkit reads to the end (a broken character map, an em size of 0, truncated).
 */
export async function fontFileDiagnostics(fonts: readonly string[], cwd: string): Promise<Diagnostic[]> {
  const { projectFontFiles } = await import('./pdf/font-sources.js');
  const { fontFileProblem } = await import('./pdf/font-file.js');
  const { files, problems } = projectFontFiles(fonts, cwd);
  // A package not installed, a folder or package without fonts: named, not dropped. (The config's
  // own entries are checked when it is read, where such a mistake stops the run: these come from
  // --fonts or GAREPORT_FONTS. A file not there is left out, as the config's is, with a warning there.)
  const diagnostics = problems
    .filter((p) => p.kind !== 'missing')
    .map((p) =>
      fileDiagnostic(
        p.path === undefined ? p.entry : displayPath(cwd, p.path),
        'error',
        BAD_FONT,
        p.reason,
        p.kind === 'not-installed'
          ? `install it in the project (\`npm install ${p.entry}\`), or give the path of a font file`
          : 'give a font file (.ttf, .otf, .ttc), a folder or an npm package that holds some',
      ),
    );
  for (const path of files) {
    const problem = await fontFileProblem(path);
    if (problem !== undefined) diagnostics.push(badFont(cwd, path, problem));
  }
  return diagnostics;
}

/** A project's font file that cannot be used, named. */
function badFont(cwd: string, path: string, problem: string): Diagnostic {
  return fileDiagnostic(
    displayPath(cwd, path),
    'error',
    BAD_FONT,
    problem,
    'replace the file with the font as published, or remove it from `fonts:` (project config, --fonts or fonts.yaml)',
  );
}

/**
 * Diagnostics for the characters of `files` that no font can draw in the PDF, and for the
 * project's fonts chosen to draw some whose glyphs for them are damaged (found before the PDF is
 * made, which would fail in the middle).
 */
export async function fontDiagnostics(
  files: readonly string[],
  options: FontCheckOptions,
  known?: ReadonlyMap<string, string>,
): Promise<Diagnostic[]> {
  const texts = await textsOf(files, known);
  const plan = await planFonts(texts.join('\n'), {
    fonts: options.fonts,
    baseDir: options.cwd,
    systemFonts: options.systemFonts,
  });
  const damaged = await damagedGlyphs(plan.fontkitFaces(), options);
  const missing = plan.missing();
  if (missing.length === 0) return damaged;
  const severity: Severity = options.strict ? 'error' : 'warning';
  const diagnostics: Diagnostic[] = [];
  files.forEach((path, index) => {
    const text = texts[index] ?? '';
    const byScript = new Map<string, { chars: string[]; offset: number; package: string }>();
    for (const cp of missing) {
      const char = String.fromCodePoint(cp);
      const offset = text.indexOf(char);
      if (offset < 0) continue;
      const script = scriptName(cp);
      const entry = byScript.get(script) ?? { chars: [], offset, package: debianFontPackage(cp) };
      entry.chars.push(char);
      entry.offset = Math.min(entry.offset, offset);
      byScript.set(script, entry);
    }
    const source = { file: relative(options.cwd, path) || path, text, lineStarts: lineStartsOf(text) };
    for (const [script, entry] of byScript) {
      const what = script === 'other' ? 'these characters' : `these ${script} characters`;
      const cover = script === 'other' ? 'them' : script;
      const shown = entry.chars.slice(0, 12).join(' ') + (entry.chars.length > 12 ? ' …' : '');
      diagnostics.push(
        diagnosticAt(
          source,
          entry.offset,
          severity,
          FONT_MISSING,
          `no font can draw ${what} in the PDF, which shows crossed boxes instead: ${shown}`,
          `install a font that covers ${cover} (on Debian or Ubuntu: \`sudo apt install ${entry.package}\`), ` +
            'or list a font file or npm font package under `fonts:` in the project config or templates/fonts.yaml',
        ),
      );
    }
  });
  return [...damaged, ...diagnostics];
}

/** The project's fonts the plan chose whose glyphs for the report's characters are damaged, each named once. */
async function damagedGlyphs(
  faces: ReadonlyMap<FontkitFaceRef, number[]>,
  options: FontCheckOptions,
): Promise<Diagnostic[]> {
  if (faces.size === 0) return [];
  const { projectFontFiles } = await import('./pdf/font-sources.js');
  const { glyphsProblem } = await import('./pdf/font-file.js');
  const project = new Set(projectFontFiles(options.fonts, options.cwd).files);
  const found = new Map<string, string>();
  for (const [ref, codePoints] of faces) {
    const { path, index } = fontFileOf(ref);
    if (!project.has(path) || found.has(path)) continue;
    const problem = await glyphsProblem(path, index, codePoints);
    if (problem !== undefined) found.set(path, problem);
  }
  return [...found].map(([path, problem]) => badFont(options.cwd, path, problem));
}
