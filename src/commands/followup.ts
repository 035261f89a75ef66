/** `gareport followup <country> [year]` and `gareport followup <year>`: follow-up documents. */
import { join } from 'node:path';
import type { DocumentRunner } from '../batch/documents.js';
import { documentRunner } from '../batch/documents.js';
import type { GoalFollowUp } from '../cycle/follow-up-goals.js';
import { countryFollowUp, followUpOverview } from '../cycle/follow-up-goals.js';
import { followUpSpec, overviewSpec } from '../cycle/followup-document.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { Context } from '../model/report.js';
import { loadForm } from '../model/report.js';
import { listYears } from '../project/paths.js';
import { CONSOLIDATED_NAME } from '../render/names.js';
import type { BuildFormat, Paper } from '../render/render-outputs.js';

export interface FollowUpOptions extends Context {
  year: number;
  /** One country; without it, the overview of every country of the year. */
  country?: string | undefined;
  out: string;
  formats: readonly BuildFormat[];
  paper: Paper;
  templates?: string | undefined;
  sourceDateEpoch?: string | undefined;
  /** Aborted to stop (Ctrl-C): a document not finished is not written. */
  signal?: AbortSignal | undefined;
}

export interface FollowUpResult {
  diagnostics: Diagnostic[];
  /** Files written, absolute. */
  files: string[];
  /** Goals whose announced actions were not reported on, by country name. */
  missing: { name: string; goals: Pick<GoalFollowUp, 'goal' | 'number'>[] }[];
  /** Countries of the overview without an earlier report, or with errors. */
  notes: string[];
  /** Stopped by the signal before the document was written. */
  stopped: boolean;
}

/** The latest year that has reports and a year before it: what `followup <country>` means by default. */
export async function latestFollowUpYear(ctx: Context): Promise<number | undefined> {
  const years = await listYears(ctx.cwd);
  return years.filter((y) => years.includes(y - 1)).at(-1) ?? years.at(-1);
}

export async function followup(options: FollowUpOptions): Promise<FollowUpResult> {
  const runner = documentRunner(options, options, 1, options.signal);
  try {
    return await followUpWith(runner, options);
  } finally {
    await runner.close();
  }
}

async function followUpWith(runner: DocumentRunner, options: FollowUpOptions): Promise<FollowUpResult> {
  const folder = join(options.out, String(options.year), 'followup');
  const result: FollowUpResult = { diagnostics: [], files: [], missing: [], notes: [], stopped: false };
  const write = async (spec: ReturnType<typeof followUpSpec>, name: string) => {
    const done = await runner.render(spec, { formats: options.formats, folder, name });
    result.stopped = !done;
    result.files.push(...(done?.files ?? []).map((f) => join(folder, f)));
  };
  if (options.country !== undefined) {
    const { followUp, diagnostics } = await countryFollowUp(options, options.year, options.country);
    result.diagnostics.push(...diagnostics);
    if (!followUp) return result;
    await write(followUpSpec(followUp, options.sourceDateEpoch), options.country);
    if (result.stopped) return result;
    const missing = followUp.goals.filter((g) => g.status === 'missing');
    if (missing.length) result.missing.push({ name: followUp.name, goals: missing });
    return result;
  }
  const overview = await followUpOverview(options, options.year);
  result.diagnostics.push(...overview.diagnostics);
  if (overview.goals.length === 0) return result;
  const { form } = await loadForm(options, options.year);
  await write(overviewSpec(overview, form?.language ?? 'en', options.sourceDateEpoch), CONSOLIDATED_NAME);
  if (result.stopped) return result;
  for (const row of overview.rows) {
    if (row.note) result.notes.push(`${row.name}: ${row.note}`);
    const goals = overview.goals.filter((_g, i) => row.statuses?.[i] === 'missing');
    if (goals.length)
      result.missing.push({ name: row.name, goals: goals.map((g) => ({ goal: g.id, number: g.number })) });
  }
  return result;
}
