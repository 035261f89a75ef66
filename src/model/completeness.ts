import type { Answer, TargetAnswers } from './answers.js';
import type { FormDefinition } from './form.js';
import { goalNumber } from './form.js';

/** How far a report has got: counts of the three answer states. */
export interface Completeness {
  answered: number;
  nothingToReport: number;
  unanswered: number;
}

export interface GoalStatus extends Completeness {
  goal: string;
  /** "2.1" */
  number: string;
  /** One state per question, in the form's order. */
  questions: Answer['state'][];
}

export interface ReportCompleteness extends Completeness {
  goals: GoalStatus[];
  /** Share of questions answered or marked "nothing to report", 0–100. */
  percent: number;
}

function emptyCounts(): Completeness {
  return { answered: 0, nothingToReport: 0, unanswered: 0 };
}

function add(counts: Completeness, state: Answer['state']): void {
  if (state === 'answered') counts.answered++;
  else if (state === 'nothing-to-report') counts.nothingToReport++;
  else counts.unanswered++;
}

export function completeness(form: FormDefinition, answers: ReadonlyMap<number, TargetAnswers>): ReportCompleteness {
  const total = emptyCounts();
  const goals: GoalStatus[] = [];
  for (const target of form.targets) {
    target.goals.forEach((goal, index) => {
      const status: GoalStatus = {
        goal: goal.id,
        number: goalNumber(target, index),
        questions: [],
        ...emptyCounts(),
      };
      for (const q of goal.questions) {
        const state = answers.get(target.number)?.get(goal.id)?.get(q.id)?.state ?? 'unanswered';
        status.questions.push(state);
        add(status, state);
        add(total, state);
      }
      goals.push(status);
    });
  }
  const questions = total.answered + total.nothingToReport + total.unanswered;
  const percent = questions === 0 ? 100 : Math.round(((total.answered + total.nothingToReport) / questions) * 100);
  return { ...total, goals, percent };
}
