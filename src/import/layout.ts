import type { FormDefinition } from '../model/form.js';
import { normalizeText, similarity } from './match.js';
import { findQuestion } from './questions.js';
import { GOAL_HEADING, TARGET_HEADING } from './report-words.js';

const LIKENESS = 0.75;

/**
 * Whether a piece of text (a table cell, say) is the form's own: a `Policy Target` or
 * `Operational Goal` heading, a goal's or target's wording, or a question, with or without its
 * letter, in any of `forms` (the form and its translations). Used to tell a form laid out as a
 * table from a table inside an answer.
 */
export function formTextMatcher(forms: readonly FormDefinition[]): (text: string) => boolean {
  const questions = [
    ...new Map(
      forms.flatMap((form) =>
        form.targets.flatMap((t) => t.goals.flatMap((g) => g.questions.map((q) => [`${q.id}\0${q.text}`, q]))),
      ),
    ).values(),
  ];
  const wordings = forms.flatMap((form) => form.targets.flatMap((t) => [t.text, ...t.goals.map((g) => g.text)]));
  return (text) => {
    if (!normalizeText(text)) return false;
    if (TARGET_HEADING.test(text) || GOAL_HEADING.test(text)) return true;
    if (findQuestion([text], 0, questions, undefined, false)) return true;
    return wordings.some((w) => similarity(text, w) >= LIKENESS);
  };
}
