import { Parts, targetsData } from '../compose/document.js';
import { fill, stringsFor } from '../compose/strings.js';
import { countryCollator } from '../model/country-order.js';
import type { FormDefinition } from '../model/form.js';
import type { Report } from '../model/report.js';
import { outputDate } from './country-job.js';
import type { DocumentSpec } from './render-outputs.js';

export { CONSOLIDATED_NAME } from './names.js';

import { CONSOLIDATED_NAME } from './names.js';

/**
 * The year's synthesis: organised by target → goal → question, each country's answer under it
 * (what did every country say about notice and takedown?). Countries come in display-name order,
 * as on the index page; each answer is its own tree in the composed report.
 */
export function consolidatedSpec(
  form: FormDefinition,
  reports: readonly Report[],
  failed: readonly { name: string; slug: string }[],
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
          const identity = { target: target.number, goal: goal.id, question: question.id, country: country.slug };
          return {
            name: country.name,
            slug: country.slug,
            status: answer.state,
            answer:
              answer.state === 'answered'
                ? parts.mark({ kind: 'answer', answer: identity, markdown: answer.markdown, origin: answer.origin })
                : '',
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
  return {
    template: `${CONSOLIDATED_NAME}.md.liquid`,
    data: {
      title: form.title,
      year: form.year,
      language: form.language,
      strings,
      countries: ordered.map((r) => ({ name: r.country.name, slug: r.country.slug })),
      failed: [...failed].sort((a, b) => collator.compare(a.name, b.name)),
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
      creationDate: outputDate(sourceDateEpoch, `${form.year}-12-31`),
    },
  };
}
