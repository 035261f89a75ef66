/**
 * A report to show while some of its files have errors: each answer without errors as it is now,
 * each answer with errors as it was when last without them (or unanswered, if it never was), and
 * a file that does not parse as it last did. So an edit shows at once while another answer, or
 * another file, has a mistake.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors, isError } from '../diagnostics/diagnostics.js';
import type { TargetAnswers } from '../model/answers.js';
import { checkAnswerText, loadAnswerFile } from '../model/answers.js';
import { COUNTRY_FILE, defaultCountry, loadCountryInfo, loadKnownCountries } from '../model/country.js';
import type { Context, Report } from '../model/report.js';
import { loadForm, targetFileName } from '../model/report.js';
import { resolvesInside } from '../project/country-folders.js';
import { displayPath, reportsRoot } from '../project/paths.js';
import { questionAnchor } from '../render/html.js';
import { anchorAt, answerPlaces } from './answer-places.js';

/**
 * A file's answers with each answer that has an error replaced by the one shown before (or none);
 * undefined when an error is not inside one answer (the file is then shown as before as a whole).
 */
async function withoutFaulty(
  text: () => Promise<string>,
  answers: TargetAnswers,
  diagnostics: readonly Diagnostic[],
  before: TargetAnswers | undefined,
): Promise<TargetAnswers | undefined> {
  const errors = diagnostics.filter(isError);
  if (!errors.length) return answers;
  const places = answerPlaces(await text());
  const faulty = new Set<string>();
  for (const error of errors) {
    const anchor = error.line ? anchorAt(places, error.line) : undefined;
    if (!anchor || !/-[a-z]$/.test(anchor)) return undefined;
    faulty.add(anchor);
  }
  const kept: TargetAnswers = new Map();
  for (const [goal, questions] of answers) {
    const copy = new Map(questions);
    for (const question of questions.keys()) {
      if (!faulty.has(questionAnchor(goal, question))) continue;
      const earlier = before?.get(goal)?.get(question);
      if (earlier) copy.set(question, earlier);
      else copy.delete(question);
    }
    kept.set(goal, copy);
  }
  return kept;
}

/**
 * The report as far as it can be shown; undefined when the form itself cannot be read. `texts`:
 * the answer files' texts the load read (by absolute path), checked again from there, not re-read.
 */
export async function partialReport(
  ctx: Context,
  year: number,
  slug: string,
  last: Report | undefined,
  texts: ReadonlyMap<string, string> = new Map(),
): Promise<Report | undefined> {
  const { form } = await loadForm(ctx, year);
  if (!form) return undefined;
  const dir = join(reportsRoot(ctx.cwd), String(year), slug);
  const shownDir = displayPath(ctx.cwd, dir);
  const defaults = { language: form.language, knownName: (await loadKnownCountries(ctx.packageRoot)).get(slug) };
  const countryInside = (await resolvesInside(ctx.cwd, join(dir, COUNTRY_FILE)).catch(() => 'broken')) === 'inside';
  const loaded = countryInside
    ? await loadCountryInfo(dir, shownDir, slug, defaults).catch(() => undefined)
    : undefined;
  const country =
    loaded && !hasErrors(loaded.diagnostics) ? loaded.country : (last?.country ?? defaultCountry(slug, defaults));
  const answers = new Map<number, TargetAnswers>();
  for (const target of form.targets) {
    const name = targetFileName(target.number);
    // A file that links out of the project is never read (loadReport has named it).
    const inside = (await resolvesInside(ctx.cwd, join(dir, name)).catch(() => 'broken')) === 'inside';
    const path = join(dir, name);
    const shown = `${shownDir}/${name}`;
    const renamed = { year: form.year, goals: form.renamed };
    const kept = texts.get(path);
    const file = !inside
      ? undefined
      : await (kept === undefined
          ? loadAnswerFile(path, shown, target, form.targets, renamed)
          : checkAnswerText(kept, shown, target, form.targets, renamed)
        ).catch(() => undefined);
    const before = last?.answers.get(target.number);
    const text = async () => kept ?? (await readFile(path, 'utf8'));
    const now = file?.answers ? await withoutFaulty(text, file.answers, file.diagnostics, before) : undefined;
    answers.set(target.number, now ?? before ?? new Map());
  }
  const translation = last?.form === form && last.country.language === country.language ? last.translation : undefined;
  return { year, form, translation, country, answers, files: [join(dir, COUNTRY_FILE)] };
}
