import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { FormDefinition, FormQuestion, FormTarget } from '../model/form.js';
import type { ImportedAnswer } from './content.js';
import { answerFromLines } from './content.js';
import type { GoalOfForm } from './headings.js';
import { checkTargetText, findGoal, GOAL_HEADING, isHeading, readPreamble, TARGET_HEADING } from './headings.js';
import type { MissingAnswers } from './leftovers.js';
import { missingAnswers } from './leftovers.js';
import type { LineDiagnostic } from './lines.js';
import { lineDiagnostics, tokenizeLines, unplacedText } from './lines.js';
import type { TextLine } from './match.js';
import type { QuestionFound } from './questions.js';
import { findQuestion, restartContinuedList } from './questions.js';

export { documentLines } from './lines.js';

/** One operational goal found in the document, with the answers under its questions. */
export interface ImportedGoal {
  target: FormTarget;
  goal: GoalOfForm['goal'];
  /** Line of its `Operational Goal:` heading. */
  line: number;
  answers: Map<string, ImportedAnswer>;
}

export interface FilledForm {
  /** The document's title line and country line, when it has them. */
  title?: TextLine;
  country?: TextLine;
  /** Goals by id, in document order. */
  goals: Map<string, ImportedGoal>;
  /** The form's goals and questions the document does not have. */
  missing: MissingAnswers[];
  diagnostics: Diagnostic[];
}

/** The stretch of the document being read: what the lines since the last heading or question belong to. */
type Region =
  | { kind: 'preamble' }
  | { kind: 'target-text'; heading: TextLine; target?: FormTarget; number: number; rest?: TextLine }
  | { kind: 'goal-text'; heading: TextLine; rest?: TextLine }
  | { kind: 'answer'; goal: ImportedGoal; question: FormQuestion; first?: TextLine; listNumber?: number }
  | { kind: 'lost'; marker: TextLine; why: string; hint?: string };

/** The structure found so far, while the document is read line by line. */
class FormReader {
  readonly result: FilledForm = { goals: new Map(), missing: [], diagnostics: [] };
  region: Region = { kind: 'preamble' };
  buffer: TextLine[] = [];
  currentTarget: FormTarget | undefined;
  currentGoal: ImportedGoal | undefined;
  lastQuestion: FormQuestion | undefined;
  readonly allGoals: GoalOfForm[];
  readonly anyQuestions: FormQuestion[];

  constructor(
    readonly form: FormDefinition,
    readonly at: LineDiagnostic,
  ) {
    this.allGoals = form.targets.flatMap((t) => t.goals.map((g) => ({ target: t, goal: g, text: g.text })));
    const byText = new Map<string, FormQuestion>();
    for (const { goal } of this.allGoals) for (const q of goal.questions) byText.set(`${q.id}\0${q.text}`, q);
    this.anyQuestions = [...byText.values()];
  }

  private report(d: Diagnostic | undefined): void {
    if (d) this.result.diagnostics.push(d);
  }

  /** Ends the current region: its lines become an answer, or are checked as heading text. */
  close(): void {
    const content = this.buffer;
    const region = this.region;
    this.buffer = [];
    switch (region.kind) {
      case 'preamble': {
        const { title, country, diagnostics } = readPreamble(content, this.form, this.at);
        if (title) this.result.title = title;
        if (country) this.result.country = country;
        this.result.diagnostics.push(...diagnostics);
        return;
      }
      case 'target-text': {
        const wording = region.rest ? [region.rest, ...content] : content;
        this.result.diagnostics.push(
          ...checkTargetText(region.heading, region.number, region.target, wording, this.form, this.at),
        );
        return;
      }
      case 'goal-text':
        this.closeGoalText(region, content);
        return;
      case 'answer': {
        const lines = region.first ? [region.first, ...content] : content;
        const answer = region.listNumber === undefined ? lines : restartContinuedList(lines, region.listNumber);
        region.goal.answers.set(region.question.id, answerFromLines(answer));
        return;
      }
      case 'lost':
        if (content.some((l) => l.text.trim() !== ''))
          this.report(unplacedText(this.at, content, region.why, region.hint));
        else this.report(this.at(region.marker.line, 'warning', 'unplaced-question', region.why));
        return;
    }
  }

  private closeGoalText(region: Extract<Region, { kind: 'goal-text' }>, content: TextLine[]): void {
    const { form, at } = this;
    const wording = region.rest ? [region.rest, ...content] : content;
    const found = findGoal(wording, this.allGoals, this.currentTarget);
    const line = region.heading.line;
    if (!found.goal) {
      this.report(
        at(
          line,
          'error',
          'unknown-goal',
          `this operational goal is not in the ${form.year} form, so the answers under it cannot be placed`,
          found.closest
            ? `the closest goal in the form is \`${found.closest.goal.id}\`: "${found.closest.goal.text}"`
            : `check that the document is the ${form.year} form`,
        ),
      );
      this.currentGoal = undefined;
      return;
    }
    const { target, goal } = found.goal;
    const seen = this.result.goals.get(goal.id);
    if (seen) {
      this.report(
        at(
          line,
          'error',
          'duplicate-goal',
          `operational goal \`${goal.id}\` appears a second time (first at line ${seen.line}); the answers under it cannot be placed`,
          'merge the two sections into one',
        ),
      );
      this.currentGoal = undefined;
      return;
    }
    if (!found.exact) {
      this.report(
        at(
          line,
          'warning',
          'goal-wording-differs',
          `the wording of this operational goal differs from the ${form.year} form; imported as goal \`${goal.id}\``,
          `the form reads: "${goal.text}"`,
        ),
      );
    }
    if (this.currentTarget && this.currentTarget !== target) {
      this.report(
        at(
          line,
          'warning',
          'goal-under-other-target',
          `goal \`${goal.id}\` belongs to policy target ${target.number} in the form, not ${this.currentTarget.number}; its answers go to target-${target.number}.yaml`,
        ),
      );
    }
    this.currentGoal = { target, goal, line, answers: new Map() };
    this.result.goals.set(goal.id, this.currentGoal);
    this.report(
      unplacedText(
        at,
        wording.slice(found.consumed),
        `it follows the wording of goal \`${goal.id}\` but comes before its first question`,
      ),
    );
  }

  startTarget(line: TextLine, number: number, rest: string): void {
    this.close();
    const target = this.form.targets.find((t) => t.number === number);
    this.region = {
      kind: 'target-text',
      heading: line,
      number,
      ...(target ? { target } : {}),
      ...(rest ? { rest: { line: line.line, text: rest } } : {}),
    };
    this.currentTarget = target;
    this.currentGoal = undefined;
    this.lastQuestion = undefined;
  }

  startGoal(line: TextLine, rest: string): void {
    this.close();
    this.region = { kind: 'goal-text', heading: line, ...(rest ? { rest: { line: line.line, text: rest } } : {}) };
    this.currentGoal = undefined;
    this.lastQuestion = undefined;
  }

  /** Is line `i` a question, and where does its wording end? */
  questionAt(lines: readonly string[], i: number): QuestionFound | undefined {
    const goal = this.currentGoal;
    const pool = goal && this.region.kind !== 'goal-text' ? goal.goal.questions : this.anyQuestions;
    const expected = goal?.goal.questions[this.lastQuestion ? goal.goal.questions.indexOf(this.lastQuestion) + 1 : 0];
    return findQuestion(lines, i, pool, expected, goal !== undefined);
  }

  startQuestion(found: QuestionFound, markerLine: TextLine): void {
    const { form, at } = this;
    this.close();
    if (found.differs) {
      this.report(
        at(
          markerLine.line,
          'warning',
          'question-wording-differs',
          `the wording of question ${found.question.id} differs from the ${form.year} form; the text below it is imported as the answer to ${found.question.id}`,
          `the form reads: "${found.question.text}"`,
        ),
      );
    }
    const goal = this.currentGoal;
    if (!goal) {
      this.region = {
        kind: 'lost',
        marker: markerLine,
        why: `question ${found.question.id} at line ${markerLine.line} is not under an operational goal of the ${form.year} form`,
        hint: 'check the `Operational Goal:` heading above it against the form',
      };
      return;
    }
    const question = goal.goal.questions.find((q) => q.id === found.question.id);
    if (!question) {
      this.region = {
        kind: 'lost',
        marker: markerLine,
        why: `goal \`${goal.goal.id}\` has no question ${found.question.id}`,
      };
      return;
    }
    if (goal.answers.has(question.id)) {
      this.region = {
        kind: 'lost',
        marker: markerLine,
        why: `question ${question.id} of goal \`${goal.goal.id}\` appears a second time (line ${markerLine.line})`,
        hint: 'merge the two answers under one question',
      };
      return;
    }
    this.lastQuestion = question;
    this.region = {
      kind: 'answer',
      goal,
      question,
      ...(found.remainder ? { first: found.remainder } : {}),
      ...(found.listNumber === undefined ? {} : { listNumber: found.listNumber }),
    };
  }
}

/**
 * Reads a filled-in form laid out like the form itself (title, country, `Policy Target No. N`,
 * `Operational Goal: …`, `A) question` with the answer below) and finds each answer's place in
 * the form by the wording of its goal and question. Everything it cannot place is a diagnostic.
 */
export function parseFilledForm(text: string, form: FormDefinition, file: string): FilledForm {
  const { lines, controlLine } = tokenizeLines(text);
  const at = lineDiagnostics(lines, file);
  const reader = new FormReader(form, at);
  if (controlLine !== undefined) {
    reader.result.diagnostics.push(
      at(controlLine, 'warning', 'control-characters', 'invisible control characters were removed from the text'),
    );
  }
  for (let i = 0; i < lines.length; ) {
    const text = lines[i] ?? '';
    const line: TextLine = { line: i + 1, text };
    const target = TARGET_HEADING.exec(text);
    if (target && isHeading(target[2] ?? '', target[3] ?? '', form.targets)) {
      reader.startTarget(line, Number(target[1]), target[3] ?? '');
      i++;
      continue;
    }
    const goal = GOAL_HEADING.exec(text);
    if (goal && isHeading(goal[1] ?? '', goal[2] ?? '', reader.allGoals)) {
      reader.startGoal(line, goal[2] ?? '');
      i++;
      continue;
    }
    const question = reader.questionAt(lines, i);
    if (question) {
      reader.startQuestion(question, line);
      i = question.next;
      continue;
    }
    reader.buffer.push(line);
    i++;
  }
  reader.close();
  reader.result.missing = missingAnswers(form, reader.result.goals);
  return reader.result;
}
