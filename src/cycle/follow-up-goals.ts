/**
 * Follow-up tracking (issue 12 part 2): what a country announced under question C in year N−1,
 * beside what it reported under question A in year N, goal by goal.
 */

import { localizeForm } from '../compose/localize.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import { ANNOUNCED, announcedFor, earlierGoalId, REPORTED } from '../model/announced-actions.js';
import type { Answer, TargetAnswers } from '../model/answers.js';
import type { FormDefinition } from '../model/form.js';
import { goalNumber, numberedGoals } from '../model/form.js';
import type { Context } from '../model/report.js';
import { loadForm, loadReport } from '../model/report.js';
import { listCountries, requireCountry, requireYear } from '../project/paths.js';

export { ANNOUNCED, REPORTED };

/**
 * `reported`: actions were announced and A says what came of them. `missing`: actions were
 * announced, and A is unanswered or "nothing to report" (flagged). `none`: nothing was announced.
 */
export type FollowUpStatus = 'reported' | 'missing' | 'none';

export interface GoalFollowUp {
  target: number;
  goal: string;
  number: string;
  text: string;
  /** The goal's id in the earlier year, when it was renamed since. */
  earlierId?: string;
  announced: Answer;
  reported: Answer;
  status: FollowUpStatus;
}

export interface CountryFollowUp {
  year: number;
  previousYear: number;
  country: string;
  name: string;
  language: string;
  form: FormDefinition;
  goals: GoalFollowUp[];
}

const UNANSWERED: Answer = { state: 'unanswered' };

function statusOf(announced: Answer, reported: Answer): FollowUpStatus {
  if (announced.state !== 'answered') return 'none';
  return reported.state === 'answered' ? 'reported' : 'missing';
}

/** Goal by goal, the follow-up of one country; the goals are the year N form's. */
export function followUpOf(
  form: FormDefinition,
  earlier: ReadonlyMap<number, TargetAnswers>,
  current: ReadonlyMap<number, TargetAnswers>,
): GoalFollowUp[] {
  return form.targets.flatMap((target) =>
    target.goals.map((goal, index) => {
      const earlierId = earlierGoalId(form, goal.id);
      const announced = announcedFor(form, earlier, goal.id) ?? UNANSWERED;
      const reported = current.get(target.number)?.get(goal.id)?.get(REPORTED) ?? UNANSWERED;
      return {
        target: target.number,
        goal: goal.id,
        number: goalNumber(target, index),
        text: goal.text,
        ...(earlierId ? { earlierId } : {}),
        announced,
        reported,
        status: statusOf(announced, reported),
      };
    }),
  );
}

/** Loads both years of a country's report; errors in either are returned, not thrown. */
export async function countryFollowUp(
  ctx: Context,
  year: number,
  country: string,
): Promise<{ followUp?: CountryFollowUp; diagnostics: Diagnostic[] }> {
  await requireCountry(ctx.cwd, year, country);
  const previousYear = year - 1;
  try {
    await requireCountry(ctx.cwd, previousYear, country);
  } catch {
    throw new UsageError(
      `there is no ${previousYear} report for \`${country}\`, so there is nothing announced to follow up`,
      `the follow-up of ${year} compares question C of reports/${previousYear}/${country}/ with question A of ${year}`,
    );
  }
  const [now, before] = await Promise.all([loadReport(ctx, year, country), loadReport(ctx, previousYear, country)]);
  const diagnostics = [...before.diagnostics, ...now.diagnostics];
  if (!now.report || !before.report || hasErrors(diagnostics)) return { diagnostics };
  return {
    followUp: {
      year,
      previousYear,
      country,
      name: now.report.country.name,
      language: now.report.country.language,
      form: now.report.form,
      // The goals' wording in the report's language, as its report shows them (issue 11, part 4).
      goals: followUpOf(
        localizeForm(now.report.form, now.report.translation, now.report.country.language),
        before.report.answers,
        now.report.answers,
      ),
    },
    diagnostics,
  };
}

export interface FollowUpOverview {
  year: number;
  previousYear: number;
  goals: { id: string; number: string; text: string }[];
  rows: {
    country: string;
    name: string;
    /** Per goal, in the form's order; undefined cells when the country has no earlier report. */
    statuses?: FollowUpStatus[];
    /** Why there are no statuses: no earlier report, or errors (for the terminal). */
    note?: string;
    /** The same, for the document to say in its language. */
    reason?: 'no-earlier-report' | 'invalid';
  }[];
  diagnostics: Diagnostic[];
}

/** Every country of the year: which announced follow-ups were reported. */
export async function followUpOverview(ctx: Context, year: number): Promise<FollowUpOverview> {
  await requireYear(ctx.cwd, year);
  const previousYear = year - 1;
  const earlierCountries = new Set(await listCountries(ctx.cwd, previousYear));
  const { form, diagnostics } = await loadForm(ctx, year);
  if (!form) return { year, previousYear, goals: [], rows: [], diagnostics };
  const overview: FollowUpOverview = { year, previousYear, goals: numberedGoals(form), rows: [], diagnostics: [] };
  for (const country of await listCountries(ctx.cwd, year)) {
    if (!earlierCountries.has(country)) {
      const loaded = await loadReport(ctx, year, country);
      overview.rows.push({
        country,
        name: loaded.name ?? country,
        note: `no ${previousYear} report`,
        reason: 'no-earlier-report',
      });
      continue;
    }
    const { followUp, diagnostics } = await countryFollowUp(ctx, year, country);
    overview.diagnostics.push(...diagnostics);
    if (!followUp) {
      const loaded = await loadReport(ctx, year, country);
      overview.rows.push({ country, name: loaded.name ?? country, note: 'invalid answers', reason: 'invalid' });
      continue;
    }
    overview.rows.push({ country, name: followUp.name, statuses: followUp.goals.map((g) => g.status) });
  }
  return overview;
}
