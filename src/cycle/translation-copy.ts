/**
 * `form new` copies the form's translations too (issue 21 item 2): `forms/2014.fr.yaml` becomes
 * `forms/2015.fr.yaml`, with the years written out in its texts turned into `{year}` and
 * `{previous_year}` as in the form, so that a French 2015 report is French around the form's text.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { translationLanguage } from '../model/form-translation.js';
import { displayPath } from '../project/paths.js';
import { writeFileAtomic } from '../project/write-atomic.js';

/** One translation copied (or left, when the new year has one already and --force was not given). */
export interface TranslationCopy {
  file: string;
  fromFile: string;
  outcome: 'created' | 'replaced' | 'kept';
}

/** The translations of the form of `from`: the project's forms/ first, then beside the form copied. */
async function translationsOf(dirs: readonly string[], from: number): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const dir of new Set(dirs)) {
    const names = (await readdir(dir).catch(() => [] as string[])).sort();
    for (const name of names) {
      const t = translationLanguage(name);
      if (t?.year === from && !found.has(t.language)) found.set(t.language, join(dir, name));
    }
  }
  return found;
}

/** The translation's text for `year`: its texts' written-out years as placeholders, its heading comment's year. */
function translationFor(text: string, from: number, year: number): string {
  const doc = parseDocument(text);
  const named: Record<string, string> = { [String(from - 1)]: '{previous_year}', [String(from)]: '{year}' };
  const written = new RegExp(`\\b(${from - 1}|${from})\\b`, 'g');
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return;
      node.value = node.value.replace(written, (y) => named[y] ?? y);
    },
  });
  const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined;
  for (const holder of [doc, doc.contents, isScalar(first) ? first : undefined]) {
    if (holder && typeof holder === 'object' && 'commentBefore' in holder && typeof holder.commentBefore === 'string')
      holder.commentBefore = holder.commentBefore.replace(new RegExp(`\\b${from}\\b`, 'g'), String(year));
  }
  return doc.toString({ lineWidth: 0 });
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Copies every translation of the `from` form to the project's forms/ for `year`. */
export async function copyTranslations(options: {
  cwd: string;
  fromPath: string;
  from: number;
  year: number;
  force?: boolean | undefined;
}): Promise<TranslationCopy[]> {
  const projectForms = join(options.cwd, 'forms');
  const own = dirname(options.fromPath);
  const copies: TranslationCopy[] = [];
  for (const [language, path] of await translationsOf([projectForms, own], options.from)) {
    const target = join(projectForms, `${options.year}.${language}.yaml`);
    const fromFile = path.startsWith(projectForms)
      ? displayPath(options.cwd, path)
      : `forms/${basename(path)} (gareport's own)`;
    const there = await exists(target);
    const copy = { file: displayPath(options.cwd, target), fromFile };
    if (there && !options.force) {
      copies.push({ ...copy, outcome: 'kept' });
      continue;
    }
    await writeFileAtomic(target, translationFor(await readFile(path, 'utf8'), options.from, options.year));
    copies.push({ ...copy, outcome: there ? 'replaced' : 'created' });
  }
  return copies;
}
