/** The follow-up documents (one country; every country of a year) as template data and parts. */

import { outputDate } from '../batch/country-job.js';
import type { DocumentSpec } from '../batch/render-outputs.js';
import { Parts } from '../compose/document.js';
import { stringsFor } from '../compose/strings.js';
import type { CountryFollowUp, FollowUpOverview, FollowUpStatus } from './follow-up-goals.js';
import { ANNOUNCED, REPORTED } from './follow-up-goals.js';

const SYMBOL: Record<FollowUpStatus, { symbol: string; meaning: string }> = {
  reported: { symbol: '✔', meaning: 'reported on' },
  missing: { symbol: '✘', meaning: 'announced, not reported' },
  none: { symbol: '–', meaning: 'nothing announced' },
};

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
  const title = `Follow-up of the ${previousYear} announcements: ${name}, ${year}`;
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
      strings: stringsFor(followUp.language).strings,
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
    description: `What ${name} announced in ${previousYear} and what it reported in ${year}`,
    pdf: {
      subject: title,
      author: name,
      keywords: `Global Alliance, ${year}, ${name}, follow-up`,
      runningHeader: `${name} – follow-up ${previousYear} → ${year}`,
      pageLabel: stringsFor(followUp.language).strings.page_of,
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
  const title = `Follow-up of the ${previousYear} announcements in the ${year} reports`;
  return {
    template: 'followup-overview.md.liquid',
    data: {
      title,
      year,
      previous_year: previousYear,
      language,
      strings: stringsFor(language).strings,
      goals: overview.goals,
      rows: overview.rows.map((r) => ({
        name: r.name,
        slug: r.country,
        note: r.note ?? '',
        cells: (r.statuses ?? []).map((s) => ({ status: s, symbol: SYMBOL[s].symbol })),
      })),
      legend: Object.values(SYMBOL),
    },
    parts: [],
    pageTitle: title,
    description: title,
    pdf: {
      subject: title,
      keywords: `Global Alliance, ${year}, follow-up`,
      runningHeader: `Follow-up ${previousYear} → ${year}`,
      pageLabel: stringsFor(language).strings.page_of,
      creationDate: pdfDate(year, sourceDateEpoch),
    },
  };
}
