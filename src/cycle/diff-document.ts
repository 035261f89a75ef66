/** The diff document: template data and the parts its markers stand for. */
import { outputDate } from '../batch/country-job.js';
import type { DocumentSpec } from '../batch/render-outputs.js';
import { Parts } from '../compose/document.js';
import { stringsFor } from '../compose/strings.js';
import type { AnswerDiff } from './answer-diff.js';
import { changesMarkdown } from './answer-diff.js';

export interface DiffDocument {
  country: { slug: string; name: string; language: string };
  before: string;
  after: string;
  /** The year of the later version (for the PDF's date). */
  year: number;
  diffs: AnswerDiff[];
  /** List only the goals with a change (a pull request's summary). */
  changedOnly: boolean;
}

export function diffSpec(doc: DiffDocument, sourceDateEpoch: string | undefined): DocumentSpec {
  const parts = new Parts();
  const title = `What changed in the answers of ${doc.country.name}: ${doc.before} → ${doc.after}`;
  const answerPart = (d: AnswerDiff, markdown: string) =>
    parts.mark({ kind: 'answer', answer: { target: d.target, goal: d.goal, question: d.question }, markdown });
  const goals: { id: string; number: string; text: string; questions: Record<string, unknown>[] }[] = [];
  for (const d of doc.diffs) {
    let goal = goals.at(-1);
    if (goal?.id !== d.goal) {
      goal = { id: d.goal, number: d.number, text: d.goalText, questions: [] };
      goals.push(goal);
    }
    goal.questions.push({
      id: d.question,
      text: d.questionText,
      changed: d.changed,
      before_status: d.before.state,
      after_status: d.after.state,
      diff: d.changes.length ? answerPart(d, changesMarkdown(d.changes)) : '',
      before: d.before.state === 'answered' && !d.changes.length ? answerPart(d, d.before.markdown) : '',
      after: d.after.state === 'answered' && !d.changes.length ? answerPart(d, d.after.markdown) : '',
    });
  }
  const shown = doc.changedOnly ? goals.filter((g) => g.questions.some((q) => q.changed)) : goals;
  return {
    template: 'diff.md.liquid',
    data: {
      title,
      language: doc.country.language,
      strings: stringsFor(doc.country.language).strings,
      country: { name: doc.country.name, slug: doc.country.slug },
      before: doc.before,
      after: doc.after,
      counts: { questions: doc.diffs.length, changed: doc.diffs.filter((d) => d.changed).length },
      goals: shown,
    },
    parts: parts.list,
    pageTitle: title,
    description: title,
    pdf: {
      subject: title,
      author: doc.country.name,
      keywords: `Global Alliance, ${doc.country.name}, changes`,
      runningHeader: `${doc.country.name} – ${doc.before} → ${doc.after}`,
      pageLabel: stringsFor(doc.country.language).strings.page_of,
      creationDate: outputDate(sourceDateEpoch, `${doc.year}-12-31`),
    },
  };
}
