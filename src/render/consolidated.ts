import { Parts, targetsData } from '../compose/document.js';
import type { Strings } from '../compose/strings.js';
import { fill, formatCount, formatDate, formatList, stringsFor } from '../compose/strings.js';
import { countryCollator } from '../model/country-order.js';
import type { FormDefinition } from '../model/form.js';
import type { Report } from '../model/report.js';
import { outputDate } from './country-spec.js';
import type { CoverData } from './cover-content.js';
import type { DocumentSpec } from './render-outputs.js';

export { CONSOLIDATED_NAME } from './names.js';

import { CONSOLIDATED_NAME } from './names.js';

/**
 * The consolidated report's date: SOURCE_DATE_EPOCH, else the latest `date:` of the countries it
 * includes (it cannot be older than what it gathers), else the last day of the year; never the clock.
 */
export function consolidatedDate(form: FormDefinition, reports: readonly Report[], sourceDateEpoch?: string): Date {
  const dates = reports.flatMap((r) => (r.country.date ? [r.country.date] : [])).sort();
  return outputDate(sourceDateEpoch, dates.at(-1) ?? `${form.year}-12-31`);
}

/**
 * The title page (PDF) and the block at the top of the HTML page (issue 11): the form's title,
 * "All countries" in large type, the year, the countries included (and those left out), the date.
 * It says what the title block of the Markdown says, which the PDF and HTML leave out under a cover.
 */
/** A country left out of the consolidated report, and why: errors in its answers, or not built (its fonts, a file unreadable, a folder name). */
export interface LeftOut {
  name: string;
  slug: string;
  reason: 'answers' | 'not-built';
}

export function consolidatedCover(
  form: FormDefinition,
  strings: Strings,
  countries: { included: readonly { name: string }[]; leftOut: readonly LeftOut[] },
  date: Date,
): CoverData {
  const { language } = form;
  // An apostrophe printed as HTML and PDF print the names in the report (Côte d’Ivoire).
  const names = (list: readonly { name: string }[]) => list.map((c) => c.name.replace(/(?<=\p{L})'(?=\p{L})/gu, '’'));
  const included = names(countries.included);
  const withErrors = names(countries.leftOut.filter((c) => c.reason === 'answers'));
  const notBuilt = names(countries.leftOut.filter((c) => c.reason === 'not-built'));
  const lines = [
    {
      label: strings.countries_included,
      text: fill(strings.countries_count, {
        count: formatCount(included.length, language),
        names: formatList(included, language),
      }),
    },
    ...(withErrors.length || notBuilt.length
      ? [
          {
            label: strings.countries_left_out,
            text: [
              ...(withErrors.length
                ? [fill(strings.left_out_because, { names: formatList(withErrors, language) })]
                : []),
              ...(notBuilt.length ? [fill(strings.left_out_not_built, { names: formatList(notBuilt, language) })] : []),
            ].join('; '),
          },
        ]
      : []),
    { label: strings.date, text: formatDate(date.toISOString().slice(0, 10), language) },
  ];
  return {
    title: form.title,
    country: strings.all_countries_cover,
    year: fill(strings.reporting_year, { year: form.year }),
    lines,
  };
}

/**
 * The year's synthesis: organised by target → goal → question, each country's answer under it
 * (what did every country say about notice and takedown?). Countries come in display-name order,
 * as on the index page; each answer is its own tree in the composed report.
 */
export function consolidatedSpec(
  form: FormDefinition,
  reports: readonly Report[],
  failed: readonly LeftOut[],
  sourceDateEpoch: string | undefined,
): DocumentSpec {
  const collator = countryCollator(form.language);
  const ordered = [...reports].sort((a, b) => collator.compare(a.country.name, b.country.name));
  const parts = new Parts();
  const targets = targetsData(form, () => undefined, new Parts()).map((target) => ({
    ...target,
    mark: parts.mark({ kind: 'section', section: { kind: 'target', target: target.number } }),
    goals: target.goals.map((goal) => ({
      ...goal,
      mark: parts.mark({ kind: 'section', section: { kind: 'goal', target: target.number, goal: goal.id } }),
      questions: goal.questions.map((question) => {
        const mark = parts.mark({
          kind: 'section',
          section: { kind: 'question', target: target.number, goal: goal.id, question: question.id },
        });
        const answers = ordered.map(({ country, answers }) => {
          const answer = answers.get(target.number)?.get(goal.id)?.get(question.id) ?? { state: 'unanswered' };
          const identity = {
            target: target.number,
            goal: goal.id,
            question: question.id,
            country: country.slug,
            // A country writing in another language than the form's: its answers are marked so (issue 21).
            language: baseLanguage(country.language) === baseLanguage(form.language) ? undefined : country.language,
          };
          return {
            name: country.name,
            slug: country.slug,
            status: answer.state,
            answer: parts.answer(identity, answer),
            mark: parts.mark({
              kind: 'section',
              section: { kind: 'country', country: country.slug, goal: goal.id, question: question.id },
            }),
          };
        });
        return {
          id: question.id,
          text: question.text,
          mark,
          answers,
          // Named together on one line rather than one "Not answered." each (issue 11, part 5).
          not_answered: answers.filter((a) => a.status === 'unanswered').map(({ name, slug }) => ({ name, slug })),
        };
      }),
    })),
  }));
  const { strings } = stringsFor(form.language);
  const title = `${form.title}: ${strings.all_countries}`;
  const leftOut = [...failed].sort((a, b) => collator.compare(a.name, b.name));
  const date = consolidatedDate(form, ordered, sourceDateEpoch);
  return {
    cover: consolidatedCover(form, strings, { included: ordered.map((r) => r.country), leftOut }, date),
    template: `${CONSOLIDATED_NAME}.md.liquid`,
    data: {
      title: form.title,
      year: form.year,
      language: form.language,
      strings,
      countries: ordered.map((r) => ({ name: r.country.name, slug: r.country.slug })),
      failed: leftOut,
      targets,
    },
    parts: parts.list,
    pageTitle: title,
    description: `The answers of every participating country to the ${form.title}`,
    pdf: {
      subject: `Consolidated progress reports, ${form.title}`,
      author: 'Global Alliance Against Child Sexual Abuse Online',
      keywords: `Global Alliance, ${form.year}, consolidated report`,
      runningHeader: fill(strings.all_countries_report, { year: form.year }),
      pageLabel: strings.page_of,
      creationDate: date,
    },
  };
}

/** `fr-CA` → `fr`: the language without its region, as the strings and quotes tables go. */
function baseLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}
