/**
 * Where a year's form and its translations are, without reading them: what a build's plan hashes
 * (a build with nothing to do reads no form, issue 19), so this module loads neither YAML nor zod.
 */
import { access, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where form files are looked for: the project's own forms/ first, then the ones shipped with gareport. */
export function formDirectories(cwd: string, packageRoot: string): string[] {
  const project = join(cwd, 'forms');
  const shipped = join(packageRoot, 'forms');
  return project === shipped ? [project] : [project, shipped];
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function findFormFile(dirs: readonly string[], year: number): Promise<string | undefined> {
  for (const dir of dirs) {
    for (const ext of ['yaml', 'yml']) {
      const path = join(dir, `${year}.${ext}`);
      if (await exists(path)) return path;
    }
  }
  return undefined;
}

/** The file of a year's form (the project's forms/<year>.yaml wins over gareport's own), unread; none when there is none. */
export function formFileOf(ctx: { cwd: string; packageRoot: string }, year: number): Promise<string | undefined> {
  return findFormFile(formDirectories(ctx.cwd, ctx.packageRoot), year);
}

/** `2014.fr.yaml` → `fr`; undefined for a name that is not a translation's. */
export function translationLanguage(fileName: string): { year: number; language: string } | undefined {
  const m = /^(\d{4})\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.ya?ml$/.exec(fileName);
  return m ? { year: Number(m[1]), language: m[2] ?? '' } : undefined;
}

/** Every translation of the form at `form.path` that reports may use (what a build of the form's reports depends on). */
export async function translationFiles(form: { path: string; year: number }, projectForms: string): Promise<string[]> {
  const files: string[] = [];
  for (const dir of new Set([projectForms, dirname(form.path)])) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.sort()) if (translationLanguage(name)?.year === form.year) files.push(join(dir, name));
  }
  return files;
}
