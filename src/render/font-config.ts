/**
 * The project's fallback fonts for the PDF (issue 10): the `fonts` setting (project config or
 * `--fonts`, already resolved by config.ts) followed by the `fonts:` list of a `fonts.yaml` in the
 * template folders, most specific folder first. A file path in fonts.yaml is relative to that
 * folder and stays inside the project (issue 20); any other entry names an npm font package
 * installed in the project. fonts.yaml is read as a regular file of at most 1 MiB, with positions.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import { readYamlFile } from '../load/source.js';
import { positionAt } from '../load/source-text.js';
import { nodeAtPath, valueOffsetOf } from '../load/yaml-nodes.js';
import { leadsOut, linksOutOf } from '../project/config-paths.js';
import { displayPath } from '../project/paths.js';
import { isFontPath } from './pdf/font-sources.js';

export const FONTS_FILE = 'fonts.yaml';

const EXAMPLE = 'for example:\nfonts:\n  - fonts/NotoSansThai-Regular.ttf\n  - "@fontsource/noto-sans-jp"';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/** The entries of one fonts.yaml, resolved; a mistake is a usage error at its line and column. */
async function fontsFileEntries(path: string, dir: string, root: string): Promise<string[]> {
  const shown = displayPath(root, path);
  if (await linksOutOf(dir, path))
    throw new UsageError(
      `${shown}: this file is a link to a place outside its templates folder; gareport reads only files inside it`,
      'copy the file into the folder instead of linking to it',
    );
  const read = await readYamlFile(path, shown);
  const first = read.diagnostics.find((d) => d.fatal === true && d.ruleId !== 'empty-file');
  if (first) throw new UsageError(`${first.file}:${first.line}:${first.column}  ${first.message}`, first.hint);
  const { doc, source } = read;
  if (!doc || !source) return [];
  const list = (doc.toJS() as { fonts?: unknown } | null)?.fonts ?? [];
  const at = (keys: (string | number)[]) => {
    const { line, column } = positionAt(source, valueOffsetOf(nodeAtPath(doc, keys)));
    return `${shown}:${line}:${column}`;
  };
  if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string' && entry.trim() !== ''))
    throw new UsageError(`${at(['fonts'])}  \`fonts\` must be a list of font files or npm font packages`, EXAMPLE);
  // Entries stay inside the project; in a templates folder outside it (`--templates`), inside that folder.
  const base = inside(root, dir) ? root : dir;
  const out: string[] = [];
  for (const [index, entry] of (list as string[]).entries()) {
    if (!isFontPath(entry)) {
      out.push(entry);
      continue;
    }
    const why = isAbsolute(entry) ? 'it is an absolute path' : await leadsOut(base, relative(base, join(dir, entry)));
    if (why !== undefined)
      throw new UsageError(
        `${at(['fonts', index])}  the font \`${entry}\` is outside the project (${why})`,
        'put the font file in the project (e.g. fonts/) and give its path relative to this folder',
      );
    out.push(resolve(dir, entry));
  }
  return out;
}

export async function projectFonts(
  configured: readonly string[],
  templateDirs: readonly string[],
  root: string,
): Promise<string[]> {
  const fonts = [...configured];
  for (const dir of templateDirs) {
    const path = join(dir, FONTS_FILE);
    if (!(await stat(path).catch(() => undefined))) continue;
    fonts.push(...(await fontsFileEntries(path, dir, root)));
  }
  return [...new Set(fonts)];
}
