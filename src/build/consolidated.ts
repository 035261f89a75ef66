import { targetsData } from '../document.js';
import type { FormDefinition } from '../form.js';
import type { Report } from '../report.js';
import { outputDate } from './country.js';
import type { DocumentSpec } from './render.js';

export { CONSOLIDATED_NAME } from './names.js';

import { CONSOLIDATED_NAME } from './names.js';

/**
 * The year's synthesis: organised by target → goal → question, each country's answer under it
 * (what did every country say about notice and takedown?).
 */
export function consolidatedSpec(
  form: FormDefinition,
  reports: readonly Report[],
  failed: readonly { name: string; slug: string }[],
  sourceDateEpoch: string | undefined,
): DocumentSpec {
  const perCountry = reports.map((report) => ({
    report,
    targets: targetsData(form, (t, g, q) => report.answers.get(t)?.get(g)?.get(q)),
  }));
  const targets = targetsData(form, () => undefined).map((target, ti) => ({
    ...target,
    goals: target.goals.map((goal, gi) => ({
      ...goal,
      questions: goal.questions.map((question, qi) => ({
        id: question.id,
        text: question.text,
        answers: perCountry.map(({ report, targets: answered }) => {
          const own = answered[ti]?.goals[gi]?.questions[qi];
          return {
            name: report.country.name,
            slug: report.country.slug,
            status: own?.status ?? 'unanswered',
            answer: own?.answer ?? '',
          };
        }),
      })),
    })),
  }));
  const title = `${form.title}: all countries`;
  return {
    template: `${CONSOLIDATED_NAME}.md.liquid`,
    data: {
      title: form.title,
      year: form.year,
      language: form.language,
      countries: reports.map((r) => ({ name: r.country.name, slug: r.country.slug })),
      failed,
      targets,
    },
    pageTitle: title,
    description: `The answers of every participating country to the ${form.title}`,
    goals: form.targets.flatMap((t) => t.goals),
    pdf: {
      subject: `Consolidated progress reports, ${form.title}`,
      author: 'Global Alliance Against Child Sexual Abuse Online',
      keywords: `Global Alliance, ${form.year}, consolidated report`,
      runningHeader: `All countries – ${form.year} progress reports`,
      creationDate: outputDate(sourceDateEpoch, `${form.year}-12-31`),
    },
  };
}
