/** Checks every form file of the project, as `gareport validate` does for answers. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { Context } from '../model/report.js';
import { loadForm } from '../model/report.js';
import { displayPath } from '../project/paths.js';

/** Diagnostics of forms/*.yaml (each loaded once, as the reports load it). */
export async function checkProjectForms(ctx: Context): Promise<{ diagnostics: Diagnostic[]; files: number }> {
  const dir = join(ctx.cwd, 'forms');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    const year = /^(\d{4})\.ya?ml$/.exec(name)?.[1];
    if (!year) {
      diagnostics.push({
        severity: 'error',
        file: displayPath(ctx.cwd, join(dir, name)),
        line: 0,
        column: 0,
        code: 'form-file-name',
        message: 'a form file is named by its year, e.g. `2015.yaml`; this one is not read',
      });
      continue;
    }
    const loaded = await loadForm(ctx, Number(year));
    diagnostics.push(...loaded.diagnostics);
    if (loaded.form && loaded.form.year !== Number(year))
      diagnostics.push({
        severity: 'error',
        file: displayPath(ctx.cwd, join(dir, name)),
        line: 0,
        column: 0,
        code: 'form-year',
        message: `this file is the form of ${year}, but its \`year\` is ${loaded.form.year}`,
        hint: `write \`year: ${year}\`, or rename the file to ${loaded.form.year}.yaml`,
      });
  }
  return { diagnostics, files: names.length };
}
