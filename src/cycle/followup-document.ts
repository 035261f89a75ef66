/** The follow-up documents (one country; every country of a year) as template data and parts. */

import { Parts } from '../compose/document.js';
import type { Strings } from '../compose/strings.js';
import { fill, stringsFor } from '../compose/strings.js';
import { outputDate } from '../render/country-spec.js';
import type { DocumentSpec } from '../render/render-outputs.js';
import type { CountryFollowUp, FollowUpOverview, FollowUpStatus } from './follow-up-goals.js';
import { ANNOUNCED, REPORTED } from './follow-up-goals.js';

type OverviewRow = FollowUpOverview['rows'][number];

const SYMBOL: Record<FollowUpStatus, string> = { reported: '✔', missing: '✘', none: '–' };

/** What each cell symbol of the overview means, in the overview's language. */
function legend(strings: Strings): { symbol: string; meaning: string }[] {
  const meaning: Record<FollowUpStatus, string> = {
    reported: strings.followup_legend_reported,
    missing: strings.followup_legend_missing,
    none: strings.followup_legend_none,
  };
  return (Object.keys(SYMBOL) as FollowUpStatus[]).map((s) => ({ symbol: SYMBOL[s], meaning: meaning[s] }));
}

function pdfDate(year: number, sourceDateEpoch: string | undefined): Date {
  return outputDate(sourceDateEpoch, `${year}-12-31`);
}

export function followUpSpec(followUp: CountryFollowUp, sourceDateEpoch: string | undefined): DocumentSpec {
  const parts = new Parts();
  const { year, previousYear, name } = followUp;
  type Goal = CountryFollowUp['goals'][number];
  // The marker a template puts where an answer goes; nothing for an answer not given.
  const answerMark = (g: Goal, answer: Goal['announced'], question: string) =>
    answer.state === 'answered'
      ? parts.mark({ kind: 'answer', answer: { target: g.target, goal: g.goal, question }, markdown: answer.markdown })
      : '';
  const { strings } = stringsFor(followUp.language);
  const values = { previous_year: previousYear, year, country: name };
  const title = fill(strings.followup_title, values);
  const goals = followUp.goals.map((g) => ({
    id: g.goal,
    number: g.number,
    text: g.text,
    mark: parts.mark({ kind: 'section', section: { kind: 'goal', target: g.target, goal: g.goal } }),
    status: g.status,
    earlier_id: g.earlierId ?? '',
    announced_status: g.announced.state,
    announced: answerMark(g, g.announced, ANNOUNCED),
    reported_status: g.reported.state,
    reported: answerMark(g, g.reported, REPORTED),
  }));
  const count = (status: FollowUpStatus) => followUp.goals.filter((g) => g.status === status).length;
  return {
    template: 'followup.md.liquid',
    data: {
      title,
      year,
      previous_year: previousYear,
      language: followUp.language,
      // The page's own words (skip link, "Contents", "Page N of M") in the report's language.
      strings,
      country: { name, slug: followUp.country },
      counts: {
        goals: goals.length,
        announced: count('reported') + count('missing'),
        reported: count('reported'),
        missing: count('missing'),
      },
      goals,
    },
    parts: parts.list,
    pageTitle: title,
    description: fill(strings.followup_description, values),
    pdf: {
      subject: title,
      author: name,
      keywords: `Global Alliance, ${year}, ${name}, ${strings.followup_keyword}`,
      runningHeader: fill(strings.followup_header, values),
      pageLabel: strings.page_of,
      creationDate: pdfDate(year, sourceDateEpoch),
    },
  };
}

export function overviewSpec(
  overview: FollowUpOverview,
  language: string,
  sourceDateEpoch: string | undefined,
): DocumentSpec {
  const { year, previousYear } = overview;
  const { strings } = stringsFor(language);
  const values = { previous_year: previousYear, year };
  const title = fill(strings.followup_overview_title, values);
  const notes: Record<NonNullable<OverviewRow['reason']>, string> = {
    'no-earlier-report': fill(strings.followup_no_report, { year: previousYear }),
    invalid: strings.followup_invalid,
  };
  return {
    template: 'followup-overview.md.liquid',
    data: {
      title,
      year,
      previous_year: previousYear,
      language,
      strings,
      goals: overview.goals,
      rows: overview.rows.map((r) => ({
        name: r.name,
        slug: r.country,
        note: r.reason ? notes[r.reason] : '',
        cells: (r.statuses ?? []).map((s) => ({ status: s, symbol: SYMBOL[s] })),
      })),
      legend: legend(strings),
    },
    parts: [],
    pageTitle: title,
    description: title,
    pdf: {
      subject: title,
      keywords: `Global Alliance, ${year}, ${strings.followup_keyword}`,
      runningHeader: fill(strings.followup_overview_header, values),
      pageLabel: strings.page_of,
      creationDate: pdfDate(year, sourceDateEpoch),
    },
  };
}
