/** Collecting answers: the lines under each question of the form become its answer; headings are checked against the form. */
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { FormDefinition, FormQuestion, FormTarget } from '../model/form.js';
import type { ImportedAnswer } from './content.js';
import { answerFromLines } from './content.js';
import type { GoalOfForm } from './headings.js';
import { checkTargetText, findGoal, readPreamble } from './headings.js';
import type { LineDiagnostic } from './lines.js';
import { unplacedText } from './lines.js';
import type { TextLine } from './match.js';
import type { QuestionFound } from './questions.js';
import { restartContinuedList } from './questions.js';

/** One operational goal found in the document, with the answers under its questions. */
export interface ImportedGoal {
  target: FormTarget;
  goal: GoalOfForm['goal'];
  /** Line of its `Operational Goal:` heading. */
  line: number;
  answers: Map<string, ImportedAnswer>;
}

/** What the collector found: the document's title and country lines, its goals with their answers, and problems. */
export interface CollectedAnswers {
  /** The document's title line and country line, when it has them. */
  title?: TextLine;
  country?: TextLine;
  /** Goals by id, in document order. */
  goals: Map<string, ImportedGoal>;
  diagnostics: Diagnostic[];
}

/** The stretch of the document being read: what the lines since the last heading or question belong to. */
export type Region =
  | { kind: 'preamble' }
  | { kind: 'target-text'; heading: TextLine; target?: FormTarget; number: number; rest?: TextLine }
  | { kind: 'goal-text'; heading: TextLine; rest?: TextLine }
  | { kind: 'answer'; goal: ImportedGoal; question: FormQuestion; first?: TextLine; listNumber?: number }
  | { kind: 'lost'; marker: TextLine; why: string; hint?: string };

/**
 * Collects the answers as the structure of the document is found: each heading or question ends
 * the region before it, whose lines become an answer or are checked as the wording of a heading.
 */
export class AnswerCollector {
  readonly result: CollectedAnswers = { goals: new Map(), diagnostics: [] };
  region: Region = { kind: 'preamble' };
  buffer: TextLine[] = [];
  currentTarget: FormTarget | undefined;
  currentGoal: ImportedGoal | undefined;
  lastQuestion: FormQuestion | undefined;
  /** Every goal of the form, with its target. */
  readonly allGoals: GoalOfForm[];

  constructor(
    readonly form: FormDefinition,
    readonly at: LineDiagnostic,
  ) {
    this.allGoals = form.targets.flatMap((t) => t.goals.map((g) => ({ target: t, goal: g, text: g.text })));
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
