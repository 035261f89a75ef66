/**
 * The form as gareport's reports in other languages show it: a French report prints the goals and
 * questions from forms/2014.fr.yaml (compose/localize.ts), so importing that report back must
 * recognise them in that wording too.
 */
import { join } from 'node:path';
import { localizeForm, unmarkData } from '../compose/localize.js';
import type { FormDefinition } from '../model/form.js';
import { translationFiles } from '../model/form-translation.js';
import type { Context } from '../model/report.js';
import { loadTranslation } from '../model/report.js';

/**
 * The form once per translation there is of it, with the ids of the form and the wording a report
 * in that language shows (the form's own where the translation lacks a text). A translation that
 * does not load is left out: `build` and `validate` report its problems.
 */
export async function translatedForms(ctx: Context, form: FormDefinition): Promise<FormDefinition[]> {
  const out = new Map<string, FormDefinition>();
  // The project's forms/ first: its translation is the one its reports use.
  for (const path of await translationFiles(form, join(ctx.cwd, 'forms'))) {
    const { translation } = await loadTranslation(ctx, form, path);
    if (!translation || out.has(translation.language)) continue;
    const shown = localizeForm(form, translation, translation.language);
    if (shown !== form) out.set(translation.language, unmarkData(shown));
  }
  return [...out.values()];
}
