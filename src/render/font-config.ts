/**
 * The project's fallback fonts for the PDF (issue 10): the `fonts` setting (project config or
 * `--fonts`, already resolved by config.ts) followed by the `fonts:` list of a `fonts.yaml` in the
 * template folders, most specific folder first. A file path in fonts.yaml is relative to that
 * folder and stays inside the project (issue 20); any other entry names an npm font package
 * installed in the project. fonts.yaml is read as a regular file of at most 1 MiB, with positions.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors, isError, location } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import { readYamlFile } from '../load/source.js';
import { diagnosticAt, fileDiagnostic } from '../load/source-text.js';
import { nodeAtPath, valueOffsetOf } from '../load/yaml-nodes.js';
import { fontEntryProblem, leadsOut, linksOutOf } from '../project/config-paths.js';
import { isInside } from '../project/inside.js';
import { displayPath } from '../project/paths.js';
import { isFontPath } from './pdf/font-sources.js';

export const FONTS_FILE = 'fonts.yaml';

const EXAMPLE = 'for example:\nfonts:\n  - fonts/NotoSansThai-Regular.ttf\n  - "@fontsource/noto-sans-jp"';

interface FontsFile {
  entries: string[];
  /** Its problems: the first error stops `projectFonts`; `validate` and `build` list them all. */
  diagnostics: Diagnostic[];
}

const USAGE = 'fonts-file';

/** The entries of one fonts.yaml, resolved; each mistake a diagnostic at its line and column. */
async function fontsFileEntries(path: string, dir: string, root: string): Promise<FontsFile> {
  const shown = displayPath(root, path);
  if (await linksOutOf(dir, path)) {
    const message = 'this file is a link to a place outside its templates folder; gareport reads only files inside it';
    const hint = 'copy the file into the folder instead of linking to it';
    return { entries: [], diagnostics: [fileDiagnostic(shown, 'error', 'outside-project', message, hint)] };
  }
  const read = await readYamlFile(path, shown);
  const diagnostics = read.diagnostics.filter((d) => d.ruleId !== 'empty-file');
  const { doc, source } = read;
  if (!doc || !source || hasErrors(diagnostics)) return { entries: [], diagnostics };
  const list = (doc.toJS() as { fonts?: unknown } | null)?.fonts ?? [];
  const at = (keys: (string | number)[], message: string, hint: string) =>
    diagnosticAt(source, valueOffsetOf(nodeAtPath(doc, keys)), 'error', USAGE, message, hint);
  if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string' && entry.trim() !== '')) {
    diagnostics.push(at(['fonts'], '`fonts` must be a list of font files or npm font packages', EXAMPLE));
    return { entries: [], diagnostics };
  }
  // Entries stay inside the project; in a templates folder outside it (`--templates`), inside that folder.
  const base = isInside(root, dir) ? root : dir;
  const entries: string[] = [];
  for (const [index, entry] of (list as string[]).entries()) {
    // A name that is a file or folder of this templates folder is read as one, as in the config.
    if (!isFontPath(entry) && !(await stat(join(dir, entry)).catch(() => undefined))) {
      entries.push(entry);
      continue;
    }
    const why = isAbsolute(entry) ? 'it is an absolute path' : await leadsOut(base, relative(base, join(dir, entry)));
    if (why === undefined) {
      // Checked as the config's entries are: nothing there is a warning (left out), no font an error.
      const problem = await fontEntryProblem(resolve(dir, entry));
      if (!problem) entries.push(resolve(dir, entry));
      else {
        const { severity, message, hint } = problem;
        const node = nodeAtPath(doc, ['fonts', index]);
        diagnostics.push(diagnosticAt(source, valueOffsetOf(node), severity, USAGE, message, hint));
      }
    } else
      diagnostics.push(
        at(
          ['fonts', index],
          `the font \`${entry}\` is outside the project (${why})`,
          'put the font file in the project (e.g. fonts/) and give its path relative to this folder',
        ),
      );
  }
  return { entries, diagnostics };
}

/** Every templates folder's fonts.yaml, most specific first. */
async function fontsFiles(templateDirs: readonly string[], root: string): Promise<FontsFile[]> {
  const files: FontsFile[] = [];
  for (const dir of templateDirs) {
    const path = join(dir, FONTS_FILE);
    if (!(await stat(path).catch(() => undefined))) continue;
    files.push(await fontsFileEntries(path, dir, root));
  }
  return files;
}

/** The problems of the templates folders' fonts.yaml files, for `validate` and `build` to list with the rest. */
export async function fontsFileDiagnostics(templateDirs: readonly string[], root: string): Promise<Diagnostic[]> {
  return (await fontsFiles(templateDirs, root)).flatMap((file) => file.diagnostics);
}

/** The project's fonts: `configured` then each fonts.yaml's; a mistake in a fonts.yaml is a usage error. */
export async function projectFonts(
  configured: readonly string[],
  templateDirs: readonly string[],
  root: string,
): Promise<string[]> {
  const fonts = [...configured];
  for (const file of await fontsFiles(templateDirs, root)) {
    const first = file.diagnostics.find(isError);
    if (first) throw new UsageError(`${location(first)}  ${first.message}`, first.hint);
    fonts.push(...file.entries);
  }
  return [...new Set(fonts)];
}
