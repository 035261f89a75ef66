/**
 * The reporting cycle's link between two years (issue 12): question C of year N−1 announces
 * actions, question A of year N reports on them. Which answer of the earlier year a goal of the
 * later form follows up, renamed goals included.
 */
import type { Answer, TargetAnswers } from './answers.js';
import type { FormDefinition } from './form.js';

/** The question that announces actions, and the one that reports on them a year later. */
export const ANNOUNCED = 'C';
export const REPORTED = 'A';

function findAnswer(answers: ReadonlyMap<number, TargetAnswers>, goal: string, question: string): Answer | undefined {
  // By goal id in any target: a goal may have moved to another target from one year to the next.
  for (const target of answers.values()) {
    const found = target.get(goal)?.get(question);
    if (found) return found;
  }
  return undefined;
}

/** The goal's id in the earlier year, for a goal `form` says was renamed since. */
export function earlierGoalId(form: FormDefinition, goal: string): string | undefined {
  for (const [old, now] of form.renamed) if (now === goal) return old;
  return undefined;
}

/** What the earlier year's answers announced (question C) for a goal of `form`; undefined when nothing is there. */
export function announcedFor(
  form: FormDefinition,
  earlier: ReadonlyMap<number, TargetAnswers>,
  goal: string,
): Answer | undefined {
  const earlierId = earlierGoalId(form, goal);
  return findAnswer(earlier, goal, ANNOUNCED) ?? (earlierId ? findAnswer(earlier, earlierId, ANNOUNCED) : undefined);
}
