/**
 * The last step of building a year: what was built goes into the manifest, so the next build skips
 * it; what failed or was not finished does not, and the outputs an earlier build left of a report
 * that failed this time are removed (issue 8, item 6).
 */
import { RESERVED_NAMES } from '../project/country-folders.js';
import { CONSOLIDATED_NAME } from '../render/names.js';
import type { BuildFailure, CountryJob } from './batch-options.js';
import { FORMATS, YEAR_ENTRY } from './batch-options.js';
import type { YearOutcome } from './execute.js';
import { entryFor, writeManifest } from './manifest.js';
import { removeOutputs } from './output-folder.js';
import type { YearPlan } from './plan.js';

/** The formats of `base` not among `files` (`kosovo.md`…): what an earlier build may have left of it. */
function formatsNotBuilt(base: string, files: readonly string[]): string[] {
  return FORMATS.filter((format) => !files.includes(`${base}.${format}`));
}

/**
 * Records a year's outcome in its manifest; `failed` are the year's failures, which get the names of
 * the outputs removed. Returns the outputs removed from reports rebuilt in fewer formats than before.
 */
export async function recordYear(plan: YearPlan, outcome: YearOutcome, failed: BuildFailure[]): Promise<string[]> {
  const { manifest, yearOut } = plan;
  // Stopped or failed: what was not finished is not recorded, so the next build does it.
  const finished = new Set(outcome.built.map((b) => b.country));
  for (const job of plan.jobs) if (!finished.has(job.country)) delete manifest.entries[job.country];
  if (plan.yearStale && !outcome.yearFiles.length) delete manifest.entries[YEAR_ENTRY];
  // The outputs of a report that failed this time are not this build's: they go (issue 8, item 6).
  for (const failure of failed) {
    // A folder named like gareport's own outputs (`all-countries`, `index`) never takes them with it.
    if (failure.country === YEAR_ENTRY || RESERVED_NAMES.includes(failure.country)) continue;
    const removed = await removeOutputs(yearOut, failure.country, FORMATS);
    if (removed.length) failure.removed = removed;
  }
  // A report rebuilt in fewer formats: its other outputs are of older answers, and go (issue 21 item 3).
  const removed: string[] = [];
  for (const built of outcome.built) {
    const fp = plan.fingerprints.get(built.country);
    if (fp) {
      const entry = await entryFor(fp, yearOut, built.files);
      const warnings = outcome.warnings[built.country];
      manifest.entries[built.country] = warnings ? { ...entry, warnings } : entry;
    }
    removed.push(...(await removeOutputs(yearOut, built.country, formatsNotBuilt(built.country, built.files))));
  }
  if (outcome.yearFiles.length) {
    manifest.entries[YEAR_ENTRY] = await entryFor(plan.yearFingerprint, yearOut, outcome.yearFiles);
    removed.push(
      ...(await removeOutputs(yearOut, CONSOLIDATED_NAME, formatsNotBuilt(CONSOLIDATED_NAME, outcome.yearFiles))),
    );
  }
  await writeManifest(yearOut, manifest);
  return removed;
}

/** Workers finish in any order; the summary lists reports in a stable one. */
export function inBuildOrder(a: CountryJob, b: CountryJob): number {
  return a.year - b.year || (a.country < b.country ? -1 : 1);
}
