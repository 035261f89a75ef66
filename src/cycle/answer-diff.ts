/**
 * What changed in a country's answers (issue 12 part 3): between two years, or since a git ref.
 * The answers' text is compared word by word (jsdiff, words found by Intl.Segmenter, so any
 * script is split where its words are); the rendered reports are never compared.
 */
import type { Change } from 'diff';
import { diffWords } from 'diff';
import type { Answer, TargetAnswers } from '../model/answers.js';
import type { FormDefinition } from '../model/form.js';
import { goalNumber } from '../model/form.js';

export interface AnswerDiff {
  target: number;
  goal: string;
  number: string;
  goalText: string;
  question: string;
  questionText: string;
  before: Answer;
  after: Answer;
  changed: boolean;
  /** Both years answered: the answer is shown as a diff of the two. */
  both: boolean;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Word-level changes between two texts. */
export function wordDiff(before: string, after: string): Change[] {
  return diffWords(before, after, { intlSegmenter: segmenter });
}

function sameAnswer(a: Answer, b: Answer): boolean {
  if (a.state !== b.state) return false;
  return a.state !== 'answered' || b.state !== 'answered' || a.markdown === b.markdown;
}

function find(answers: ReadonlyMap<number, TargetAnswers>, goal: string, question: string): Answer | undefined {
  for (const target of answers.values()) {
    const found = target.get(goal)?.get(question);
    if (found) return found;
  }
  return undefined;
}

/** Every question of `form` (the later one), with both answers; a renamed goal is found under its old id. */
export function diffAnswers(
  form: FormDefinition,
  before: ReadonlyMap<number, TargetAnswers>,
  after: ReadonlyMap<number, TargetAnswers>,
): AnswerDiff[] {
  const oldIds = new Map<string, string>();
  for (const [old, now] of form.renamed) oldIds.set(now, old);
  return form.targets.flatMap((target) =>
    target.goals.flatMap((goal, index) =>
      goal.questions.map((q) => {
        const old = oldIds.get(goal.id);
        const was = find(before, goal.id, q.id) ??
          (old ? find(before, old, q.id) : undefined) ?? { state: 'unanswered' as const };
        const now = after.get(target.number)?.get(goal.id)?.get(q.id) ?? { state: 'unanswered' as const };
        const both = was.state === 'answered' && now.state === 'answered';
        return {
          target: target.number,
          goal: goal.id,
          number: goalNumber(target, index),
          goalText: goal.text,
          question: q.id,
          questionText: q.text,
          before: was,
          after: now,
          changed: !sameAnswer(was, now),
          both,
        };
      }),
    ),
  );
}
