/**
 * The project's fallback fonts for the PDF (issue 10): the `fonts` setting (project config or
 * `--fonts`, already resolved by config.ts) followed by the `fonts:` list of a `fonts.yaml` in the
 * template folders, most specific folder first. A file path in fonts.yaml is relative to that
 * folder; any other entry names an npm font package installed in the project.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../diagnostics/errors.js';
import { isFontPath } from '../render/pdf/font-sources.js';

export const FONTS_FILE = 'fonts.yaml';

export async function projectFonts(configured: readonly string[], templateDirs: readonly string[]): Promise<string[]> {
  const fonts = [...configured];
  for (const dir of templateDirs) {
    const path = join(dir, FONTS_FILE);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let list: unknown;
    try {
      list = (parse(text) as { fonts?: unknown } | null)?.fonts ?? [];
    } catch (error) {
      throw new UsageError(`${path} is not valid YAML: ${(error as Error).message}`);
    }
    if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string' && entry.trim() !== '')) {
      throw new UsageError(
        `${path}: \`fonts\` must be a list of font files or npm font packages`,
        'for example:\nfonts:\n  - fonts/NotoSansThai-Regular.ttf\n  - "@fontsource/noto-sans-jp"',
      );
    }
    for (const entry of list as string[]) fonts.push(isFontPath(entry) ? resolve(dir, entry) : entry);
  }
  return [...new Set(fonts)];
}
