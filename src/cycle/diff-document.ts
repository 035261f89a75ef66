/** The diff document: template data and the parts its markers stand for. */

import { Parts } from '../compose/document.js';
import type { Strings } from '../compose/strings.js';
import { fill, stringsFor } from '../compose/strings.js';
import { trace } from '../load/trace.js';
import { yieldPoint } from '../load/yield-point.js';
import { outputDate } from '../render/country-spec.js';
import type { DocumentSpec } from '../render/render-outputs.js';
import type { AnswerDiff } from './answer-diff.js';
import { answerDiffMarkdown } from './block-diff.js';

export interface DiffDocument {
  country: { slug: string; name: string; language: string };
  before: string;
  after: string;
  /** The year of the later version (for the PDF's date). */
  year: number;
  diffs: AnswerDiff[];
  /** List only the goals with a change (a pull request's summary). */
  changedOnly: boolean;
  /** With `diff --since`: the git ref of `before` (the document then names both versions in its language). */
  since?: string | undefined;
}

/** The two versions' labels in the document's language: the years, or the year at a ref and now. */
function versionLabels(doc: DiffDocument, strings: Strings): { before: string; after: string } {
  if (doc.since === undefined) return { before: doc.before, after: doc.after };
  return {
    before: fill(strings.diff_at_ref, { year: doc.year, ref: doc.since }),
    after: fill(strings.diff_now, { year: doc.year }),
  };
}

/**
 * The diff as a document. Each answer's word diff passes a yield point first: the word diff of long
 * answers takes a while, and Ctrl-C is seen between two of them (see load/yield-point.ts).
 */
export async function diffSpec(doc: DiffDocument, sourceDateEpoch: string | undefined): Promise<DocumentSpec> {
  const parts = new Parts();
  const { strings } = stringsFor(doc.country.language);
  const { before, after } = versionLabels(doc, strings);
  const title = fill(strings.diff_title, { country: doc.country.name, before, after });
  const answerPart = (d: AnswerDiff, markdown: string) =>
    parts.mark({ kind: 'answer', answer: { target: d.target, goal: d.goal, question: d.question }, markdown });
  const wordDiffOf = (d: AnswerDiff, before: string, after: string) => {
    const markdown = answerDiffMarkdown(before, after);
    trace('diff', () => `${d.goal} ${d.question}`);
    return answerPart(d, markdown);
  };
  const goals: { id: string; number: string; text: string; questions: Record<string, unknown>[] }[] = [];
  for (const d of doc.diffs) {
    await yieldPoint();
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
      diff:
        d.both && d.before.state === 'answered' && d.after.state === 'answered'
          ? wordDiffOf(d, d.before.markdown, d.after.markdown)
          : '',
      before: d.before.state === 'answered' && !d.both ? answerPart(d, d.before.markdown) : '',
      after: d.after.state === 'answered' && !d.both ? answerPart(d, d.after.markdown) : '',
    });
  }
  const shown = doc.changedOnly ? goals.filter((g) => g.questions.some((q) => q.changed)) : goals;
  return {
    template: 'diff.md.liquid',
    data: {
      title,
      language: doc.country.language,
      strings,
      country: { name: doc.country.name, slug: doc.country.slug },
      before,
      after,
      counts: { questions: doc.diffs.length, changed: doc.diffs.filter((d) => d.changed).length },
      goals: shown,
    },
    parts: parts.list,
    pageTitle: title,
    description: title,
    pdf: {
      subject: title,
      author: doc.country.name,
      keywords: `Global Alliance, ${doc.country.name}, ${strings.diff_keyword}`,
      runningHeader: `${doc.country.name} – ${before} → ${after}`,
      pageLabel: strings.page_of,
      creationDate: outputDate(sourceDateEpoch, `${doc.year}-12-31`),
    },
  };
}
