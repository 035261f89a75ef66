import { lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BuildOptions, BuildResult } from '../batch/batch-options.js';
import { executeYear } from '../batch/execute.js';
import { checkTemplatesFolder, lockOutputFolder, prepareOutputFolder } from '../batch/output-folder.js';
import { planYear } from '../batch/plan.js';
import { inBuildOrder, recordYear } from '../batch/record.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { isError, sortDiagnostics } from '../diagnostics/diagnostics.js';
import { leftOutFolders, selectReports } from '../model/select-reports.js';
import { templateDirectories } from '../project/paths.js';
import { removeTemporaryFiles } from '../project/write-atomic.js';
import type { Theme } from '../render/theme/schema.js';

export type { BuildFailure, BuildOptions, BuildResult } from '../batch/batch-options.js';
export { FORMATS } from '../batch/batch-options.js';
export type { BuildFormat } from '../render/render-outputs.js';

/** Validates, renders and writes the selected reports; unchanged ones are skipped. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  await checkTemplatesFolder(options.cwd, options.templates);
  const selected = await selectReports(options, options.year, options.country);
  const result: BuildResult = {
    diagnostics: [],
    built: [],
    skipped: [],
    failed: [],
    stopped: false,
    yearFiles: [],
    upToDateWarnings: 0,
  };
  // Folders not read as countries (`New-Zealand`, a link out of the project) fail, named, not silently.
  const leftOut = await leftOutFolders(options, options.year, options.country);
  for (const { year, name, diagnostic } of leftOut) {
    result.diagnostics.push(diagnostic);
    if (isError(diagnostic)) result.failed.push({ year, country: name, reason: diagnostic.message });
  }
  // The theme every HTML and PDF is built with, and the fonts.yaml files: their mistakes, all of
  // them, before any report. With gareport's own theme alone, they are read only once something is
  // to be built (a no-op build reads neither, issue 19); see `ownThemeOnly`.
  let checked: Promise<ThemeCheck> | undefined;
  const themeCheck = () => {
    checked ??= checkTheme(options).then((check) => {
      result.diagnostics.push(...check.diagnostics);
      return check;
    });
    return checked;
  };
  if (!(await ownThemeOnly(options))) {
    const { theme, failure } = await themeCheck();
    if (!theme) return failAll(result, selected, failure);
  }
  await prepareOutputFolder(options.cwd, options.out);
  const release = await lockOutputFolder(options.cwd, options.out, {
    timeoutMs: options.lockTimeoutMs ?? 60_000,
    signal: options.signal,
    onWait: options.onLockWait,
  });
  if (!release) return { ...result, stopped: true };
  try {
    const years = [...new Set(selected.map((s) => s.year))];
    for (const year of years) {
      if (options.signal?.aborted) break;
      const countries = selected.filter((s) => s.year === year).map((s) => s.country);
      const left = leftOut.filter((l) => l.year === year && !l.yearFolder).map((l) => l.name);
      await buildYear(options, year, countries, options.country === undefined, result, left, themeCheck);
    }
  } finally {
    await release();
  }
  result.stopped = Boolean(options.signal?.aborted);
  sortDiagnostics(result.diagnostics);
  return result;
}

/** One year: plan what is out of date, execute the tasks, record what was built. */
async function buildYear(
  options: BuildOptions,
  year: number,
  countries: string[],
  wholeYear: boolean,
  result: BuildResult,
  leftOut: string[],
  themeCheck: () => Promise<ThemeCheck>,
): Promise<void> {
  const { plan, diagnostics } = await planYear(options, year, countries, wholeYear, leftOut);
  if (!plan) {
    result.diagnostics.push(...diagnostics);
    const missing = diagnostics.some((d) => d.ruleId === 'unknown-year');
    const reason = missing ? `there is no form for ${year}` : 'the form has errors';
    for (const country of countries) result.failed.push({ year, country, reason });
    return;
  }
  // Left by a build that was killed; no other build writes here while we hold the lock.
  await removeTemporaryFiles(plan.yearOut);
  result.skipped.push(...plan.skipped);
  for (const { country } of plan.skipped) result.upToDateWarnings += plan.manifest.entries[country]?.warnings ?? 0;
  // Nothing out of date: nothing is loaded (no form, no render stack, no worker) and no file is written.
  if (plan.form === undefined || options.signal?.aborted) return;
  const { theme, failure } = await themeCheck();
  if (!theme) {
    for (const country of countries) result.failed.push({ year, country, reason: failure });
    return;
  }
  const outcome = await executeYear(options, plan, theme);
  result.diagnostics.push(...outcome.diagnostics);
  result.built.push(...outcome.built);
  result.failed.push(...outcome.failed);
  const removed = await recordYear(
    plan,
    outcome,
    result.failed.filter((f) => f.year === year),
  );
  if (removed.length) result.removed = [...(result.removed ?? []), ...removed.map((f) => `${year}/${f}`)];
  result.built.sort(inBuildOrder);
  result.failed.sort(inBuildOrder);
  result.yearFiles.push(...outcome.yearFiles.map((f) => `${year}/${f}`));
}

interface ThemeCheck {
  theme?: Theme | undefined;
  diagnostics: Diagnostic[];
  /** Why nothing is built, when `theme` is undefined. */
  failure: string;
}

/** The theme (theme.yaml) and the templates folders' fonts.yaml, with their problems. */
async function checkTheme(options: BuildOptions): Promise<ThemeCheck> {
  const { loadTheme } = await import('../render/theme/load.js');
  const theme = await loadTheme(options);
  // The fonts.yaml files' problems are listed rather than stopping at the first.
  const { fontsFileDiagnostics } = await import('../render/font-config.js');
  const fontsFile = await fontsFileDiagnostics(templateDirectories(options), options.cwd);
  const diagnostics = [...theme.diagnostics, ...fontsFile];
  if (!theme.theme) return { diagnostics, failure: 'the theme has errors' };
  if (fontsFile.some(isError)) return { diagnostics, failure: 'fonts.yaml has errors' };
  return { theme: theme.theme, diagnostics, failure: '' };
}

/**
 * True when the build uses gareport's own theme alone: no templates folder has a fonts.yaml, none
 * but gareport's own has a theme.yaml, and the project is not gareport's checkout. That theme has
 * no problems to report (a changed one is a changed templates folder, so every report is built
 * again and the theme read), and its reading can wait until something is to be built.
 */
async function ownThemeOnly(options: BuildOptions): Promise<boolean> {
  const own = resolve(options.packageRoot, 'templates');
  if (resolve(options.cwd, 'templates') === own) return false;
  for (const dir of templateDirectories(options)) {
    // The names render/theme/load.ts and render/font-config.ts read (not imported: they load YAML and zod).
    const names = resolve(dir) === own ? ['fonts.yaml'] : ['theme.yaml', 'fonts.yaml'];
    for (const name of names) {
      // Anything there, or a folder that cannot be looked in, is read as before.
      const absent = await lstat(join(dir, name)).then(
        () => false,
        (error: NodeJS.ErrnoException) => error.code === 'ENOENT' || error.code === 'ENOTDIR',
      );
      if (!absent) return false;
    }
  }
  return true;
}

function failAll(
  result: BuildResult,
  selected: readonly { year: number; country: string }[],
  reason: string,
): BuildResult {
  for (const { year, country } of selected) result.failed.push({ year, country, reason });
  sortDiagnostics(result.diagnostics);
  return result;
}
