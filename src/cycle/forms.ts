/** Checks every form file of the project, as `gareport validate` does for answers. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { diagnostic } from '../diagnostics/diagnostics.js';
import { translationLanguage } from '../model/form-translation.js';
import type { Context } from '../model/report.js';
import { loadForm, loadTranslation } from '../model/report.js';
import { displayPath } from '../project/paths.js';

/** A translation in the project's forms/, checked against the form of its year that reports use. */
async function checkTranslationFile(ctx: Context, path: string, year: number): Promise<Diagnostic[]> {
  const { form } = await loadForm(ctx, year);
  // A missing or broken form is reported with the form (or the reports of that year).
  if (!form) return [];
  return (await loadTranslation(ctx, form, path)).diagnostics;
}

/** Diagnostics of forms/*.yaml (each loaded once, as the reports load it). */
export async function checkProjectForms(ctx: Context): Promise<{ diagnostics: Diagnostic[]; files: number }> {
  const dir = join(ctx.cwd, 'forms');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const year = /^(\d{4})\.ya?ml$/.exec(name)?.[1];
    const translated = translationLanguage(name);
    if (!year && translated) {
      diagnostics.push(...(await checkTranslationFile(ctx, join(dir, name), translated.year)));
      continue;
    }
    if (!year) {
      diagnostics.push(
        diagnostic({
          severity: 'error',
          file: displayPath(ctx.cwd, join(dir, name)),
          code: 'form-file-name',
          message:
            'a form file is named by its year, e.g. `2015.yaml`, and a translation by its year and language, e.g. `2015.fr.yaml`; this one is not read',
        }),
      );
      continue;
    }
    const loaded = await loadForm(ctx, Number(year));
    diagnostics.push(...loaded.diagnostics);
    if (loaded.form && loaded.form.year !== Number(year))
      diagnostics.push(
        diagnostic({
          severity: 'error',
          file: displayPath(ctx.cwd, join(dir, name)),
          code: 'form-year',
          message: `this file is the form of ${year}, but its \`year\` is ${loaded.form.year}`,
          hint: `write \`year: ${year}\`, or rename the file to ${loaded.form.year}.yaml`,
        }),
      );
  }
  return { diagnostics, files: names.length };
}
