import type { FormDefinition, FormGoal, FormTarget } from '../model/form.js';
import type { ImportedGoal } from './collect.js';

/** Questions of the form the document has no place for: a whole goal missing, or some of its questions. */
export interface MissingAnswers {
  target: FormTarget;
  goal: FormGoal;
  /** Line of the goal's heading in the document; 0 when the goal is not in it. */
  line: number;
  /** Ids of the questions missing; every question when the goal is missing. */
  questions: string[];
}

/** The goals and questions of the form that the document does not have. */
export function missingAnswers(form: FormDefinition, found: ReadonlyMap<string, ImportedGoal>): MissingAnswers[] {
  const out: MissingAnswers[] = [];
  for (const target of form.targets) {
    for (const goal of target.goals) {
      const seen = found.get(goal.id);
      const questions = goal.questions.filter((q) => !seen?.answers.has(q.id)).map((q) => q.id);
      if (questions.length) out.push({ target, goal, line: seen?.line ?? 0, questions });
    }
  }
  return out;
}
