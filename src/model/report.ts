import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import { fileDiagnostic } from '../load/source-text.js';
import { brokenLink, outsideProject, resolvesInside, unreadFiles } from '../project/country-folders.js';
import { displayPath, reportsRoot } from '../project/paths.js';
import type { TargetAnswers } from './answers.js';
import { loadAnswerFile } from './answers.js';
import type { CountryInfo } from './country.js';
import { COUNTRY_FILE, defaultCountry, loadCountryInfo, loadKnownCountries } from './country.js';
import { FileCache } from './file-cache.js';
import type { FormDefinition } from './form.js';
import { availableFormYears, findFormFile, formDirectories, formNotFound, loadFormFile } from './form.js';
import type { FormTranslation } from './form-translation.js';
import { findTranslationFile, loadFormTranslation, untranslatedYearWarning } from './form-translation.js';

/** Everything needed to render one country's report for one year. */
export interface Report {
  year: number;
  form: FormDefinition;
  /** The form's text in the country's language, where there is a translation (`forms/2014.fr.yaml`). */
  translation?: FormTranslation | undefined;
  country: CountryInfo;
  /** Answers by target number; a target with no file has an empty map. */
  answers: Map<number, TargetAnswers>;
  /** The files read, for incremental builds and watch mode. */
  files: string[];
}

export interface Context {
  cwd: string;
  packageRoot: string;
}

const forms = new FileCache<{ form?: FormDefinition; diagnostics: Diagnostic[] }>();

/** Loads the form of a year (once while its file is unchanged): the project's forms/<year>.yaml wins over gareport's own. */
export async function loadForm(
  ctx: Context,
  year: number,
): Promise<{ form?: FormDefinition; diagnostics: Diagnostic[] }> {
  const dirs = formDirectories(ctx.cwd, ctx.packageRoot);
  const path = await findFormFile(dirs, year);
  if (!path) return { diagnostics: [formNotFound(year, await availableFormYears(dirs))] };
  return forms.get(path, ctx.cwd, () => loadFormFile(path, displayPath(ctx.cwd, path)));
}

/** Translations by the form they were checked against: a form read again has none yet. */
const translations = new WeakMap<
  FormDefinition,
  FileCache<{ translation?: FormTranslation; diagnostics: Diagnostic[] }>
>();

/** Loads a translation of a form (once while its file is unchanged), checked against that form. */
export function loadTranslation(
  ctx: Context,
  form: FormDefinition,
  path: string,
): Promise<{ translation?: FormTranslation; diagnostics: Diagnostic[] }> {
  let cache = translations.get(form);
  if (!cache) {
    cache = new FileCache();
    translations.set(form, cache);
  }
  return cache.get(path, ctx.cwd, () => loadFormTranslation(path, displayPath(ctx.cwd, path), form));
}

/** The translation of the form into a report's language, if there is one beside the form. */
async function translationFor(
  ctx: Context,
  form: FormDefinition,
  language: string,
): Promise<{ translation?: FormTranslation; diagnostics: Diagnostic[]; path?: string }> {
  const path = await findTranslationFile(form, language, join(ctx.cwd, 'forms'));
  return path ? { ...(await loadTranslation(ctx, form, path)), path } : { diagnostics: [] };
}

export function targetFileName(n: number): string {
  return `target-${n}.yaml`;
}

/**
 * A file that is a link out of the project (or to nothing) is not read: the diagnostic names the
 * link only, so nothing of what it points to is shown (`ln -s /etc/shadow target-4.yaml`).
 */
async function refusedLink(root: string, path: string, shown: string): Promise<Diagnostic | undefined> {
  await lstat(path); // ENOENT: no such file, which the caller reports as missing.
  const where = await resolvesInside(root, path);
  if (where === 'broken') return brokenLink(shown);
  return where === 'outside' ? outsideProject(shown, 'file') : undefined;
}

/** Loads the country file unless it is a link out of the project (then the default name is used). */
async function guarded(
  root: string,
  path: string,
  shown: string,
  fallback: CountryInfo,
  load: () => Promise<{ country: CountryInfo; diagnostics: Diagnostic[] }>,
): Promise<{ country: CountryInfo; diagnostics: Diagnostic[] }> {
  const refused = await refusedLink(root, path, shown).catch(() => undefined);
  return refused ? { country: fallback, diagnostics: [refused] } : load();
}

/**
 * Reads and validates a country's report; `report` is set only when there are no errors, `name`
 * (the country's display name) whenever it could be read, so failures are named properly too.
 */
export async function loadReport(
  ctx: Context,
  year: number,
  slug: string,
): Promise<{ report?: Report; name?: string; diagnostics: Diagnostic[]; files: number }> {
  const { form, diagnostics: formDiagnostics } = await loadForm(ctx, year);
  if (!form) return { diagnostics: formDiagnostics, files: 0 };
  const dir = join(reportsRoot(ctx.cwd), String(year), slug);
  const shownDir = displayPath(ctx.cwd, dir);
  const known = await loadKnownCountries(ctx.packageRoot);
  const countryFile = join(dir, COUNTRY_FILE);
  const defaults = { language: form.language, knownName: known.get(slug) };
  const countryLoad = guarded(ctx.cwd, countryFile, `${shownDir}/${COUNTRY_FILE}`, defaultCountry(slug, defaults), () =>
    loadCountryInfo(dir, shownDir, slug, defaults),
  );
  const targetLoads = form.targets.map(async (target) => {
    const path = join(dir, targetFileName(target.number));
    const shown = `${shownDir}/${targetFileName(target.number)}`;
    try {
      const refused = await refusedLink(ctx.cwd, path, shown);
      if (refused) return { target, path, diagnostics: [refused] };
      return {
        target,
        path,
        ...(await loadAnswerFile(path, shown, target, form.targets, { year: form.year, goals: form.renamed })),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return {
        target,
        path,
        missing: true,
        diagnostics: [
          fileDiagnostic(
            shown,
            'warning',
            'missing-target-file',
            `there is no answer file for policy target ${target.number}; its ${target.goals.reduce((n, g) => n + g.questions.length, 0)} questions count as unanswered`,
            `run \`gareport init ${year} ${slug}\` to add it`,
          ),
        ],
      };
    }
  });
  const expected = [COUNTRY_FILE, ...form.targets.map((t) => targetFileName(t.number))];
  const unread = unreadFiles(dir, shownDir, expected);
  const [countryResult, ...targets] = await Promise.all([countryLoad, ...targetLoads]);
  const translated = await translationFor(ctx, form, countryResult.country.language);
  const diagnostics = [...formDiagnostics, ...translated.diagnostics, ...countryResult.diagnostics, ...(await unread)];
  if (!translated.path) {
    const shown = `${shownDir}/${COUNTRY_FILE}`;
    const untranslated = await untranslatedYearWarning(form, countryResult.country.language, {
      path: countryFile,
      shown,
      cwd: ctx.cwd,
      packageRoot: ctx.packageRoot,
    });
    if (untranslated) diagnostics.push(untranslated);
  }
  const answers = new Map<number, TargetAnswers>();
  const files = [countryFile, ...(translated.path ? [translated.path] : [])];
  for (const t of targets) {
    diagnostics.push(...t.diagnostics);
    answers.set(t.target.number, ('answers' in t && t.answers) || new Map());
    files.push(t.path);
  }
  const fileCount = targets.filter((t) => !('missing' in t)).length;
  const name = countryResult.country.name;
  if (hasErrors(diagnostics)) return { name, diagnostics, files: fileCount };
  return {
    report: { year, form, translation: translated.translation, country: countryResult.country, answers, files },
    name,
    diagnostics,
    files: fileCount,
  };
}

/** The year's form, or a usage error naming the years that have one. */
export async function requireForm(
  ctx: Context,
  year: number,
): Promise<{ form?: FormDefinition; diagnostics: Diagnostic[] }> {
  const loaded = await loadForm(ctx, year);
  const unknown = loaded.diagnostics.find((d) => d.ruleId === 'unknown-year');
  if (!loaded.form && unknown) throw new UsageError(unknown.message, unknown.hint);
  return loaded;
}
