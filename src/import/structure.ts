/**
 * Finding the structure of a filled-in form: which lines are `Policy Target No. N` headings,
 * `Operational Goal: …` headings and questions of the form; every other line belongs to the region
 * above it. Each find is handed to the collector (collect.ts), which knows which goal is current.
 */
import type { FormQuestion } from '../model/form.js';
import type { AnswerCollector } from './collect.js';
import type { GoalOfForm } from './headings.js';
import { isHeading } from './headings.js';
import type { TextLine } from './match.js';
import type { QuestionFound } from './questions.js';
import { findQuestion } from './questions.js';
import { GOAL_HEADING, TARGET_HEADING } from './report-words.js';

/** Every question of the form once, by id and wording: what a question outside a known goal may be. */
function distinctQuestions(goals: readonly GoalOfForm[]): FormQuestion[] {
  const byText = new Map<string, FormQuestion>();
  for (const { goal } of goals) for (const q of goal.questions) byText.set(`${q.id}\0${q.text}`, q);
  return [...byText.values()];
}

/** Is line `i` a question, and where does its wording end? Under a known goal, its questions are expected in order. */
function questionAt(
  collector: AnswerCollector,
  anyQuestions: readonly FormQuestion[],
  lines: readonly string[],
  i: number,
): QuestionFound | undefined {
  const goal = collector.currentGoal;
  const pool = goal && collector.region.kind !== 'goal-text' ? goal.goal.questions : anyQuestions;
  const last = collector.lastQuestion;
  const expected = goal?.goal.questions[last ? goal.goal.questions.indexOf(last) + 1 : 0];
  return findQuestion(lines, i, pool, expected, goal !== undefined);
}

/** Reads the lines top to bottom, handing each heading, question and line of text to `collector`. */
export function findStructure(lines: readonly string[], collector: AnswerCollector): void {
  const { form } = collector;
  const anyQuestions = distinctQuestions(collector.allGoals);
  for (let i = 0; i < lines.length; ) {
    const text = lines[i] ?? '';
    const line: TextLine = { line: i + 1, text };
    const target = TARGET_HEADING.exec(text);
    if (target && isHeading(target[2] ?? '', target[3] ?? '', form.targets)) {
      collector.startTarget(line, Number(target[1]), target[3] ?? '');
      i++;
      continue;
    }
    const goal = GOAL_HEADING.exec(text);
    if (goal && isHeading(goal[1] ?? '', goal[2] ?? '', collector.allGoals)) {
      collector.startGoal(line, goal[2] ?? '');
      i++;
      continue;
    }
    const question = questionAt(collector, anyQuestions, lines, i);
    if (question) {
      collector.startQuestion(question, line);
      i = question.next;
      continue;
    }
    collector.buffer.push(line);
    i++;
  }
  collector.close();
}
