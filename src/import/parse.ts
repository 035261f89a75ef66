/**
 * Reading a filled-in form, in steps: tokenize the lines (lines.ts) → find the structure
 * (structure.ts) → collect the answers (collect.ts) → report the leftovers (leftovers.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { isError } from '../diagnostics/diagnostics.js';
import type { FormDefinition } from '../model/form.js';
import type { CollectedAnswers, ImportedGoal } from './collect.js';
import { AnswerCollector } from './collect.js';
import type { MissingAnswers } from './leftovers.js';
import { missingAnswers } from './leftovers.js';
import { lineDiagnostics, tokenizeLines } from './lines.js';
import type { TextLine } from './match.js';
import { findStructure } from './structure.js';

export type { ImportedGoal } from './collect.js';

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

/** Goals found with another wording of the form, given the form's own targets and goals (same ids). */
function inForm(goals: ReadonlyMap<string, ImportedGoal>, form: FormDefinition): Map<string, ImportedGoal> {
  const out = new Map<string, ImportedGoal>();
  for (const [id, found] of goals) {
    const target = form.targets.find((t) => t.number === found.target.number);
    const goal = target?.goals.find((g) => g.id === id);
    out.set(id, target && goal ? { ...found, target, goal } : found);
  }
  return out;
}

/** How well a wording of the form fits the document: fewer errors, then more answers placed, then fewer warnings. */
function fitScore(result: CollectedAnswers): number[] {
  const errors = result.diagnostics.filter(isError).length;
  const answers = [...result.goals.values()].reduce((n, g) => n + g.answers.size, 0);
  return [-errors, answers, errors - result.diagnostics.length];
}

function fitsBetter(a: CollectedAnswers, b: CollectedAnswers): boolean {
  const [x, y] = [fitScore(a), fitScore(b)];
  const i = x.findIndex((v, k) => v !== y[k]);
  return i >= 0 && (x[i] ?? 0) > (y[i] ?? 0);
}

/**
 * Reads a filled-in form laid out like the form itself (title, country, `Policy Target No. N`,
 * `Operational Goal: …`, `A) question` with the answer below) and finds each answer's place in
 * the form by the wording of its goal and question. Everything it cannot place is a diagnostic.
 * `translations` are the form in the wording of its translations (form-languages.ts): a report
 * gareport wrote in French shows the goals and questions in French; the wording that fits the
 * document best is the one read.
 */
export function parseFilledForm(
  text: string,
  form: FormDefinition,
  file: string,
  translations: readonly FormDefinition[] = [],
): FilledForm {
  const { lines, controlLine } = tokenizeLines(text);
  const at = lineDiagnostics(lines, file);
  const collect = (wording: FormDefinition): CollectedAnswers => {
    const collector = new AnswerCollector(wording, at);
    findStructure(lines, collector);
    return collector.result;
  };
  let best = collect(form);
  for (const wording of translations) {
    const other = collect(wording);
    if (fitsBetter(other, best)) best = other;
  }
  const goals = inForm(best.goals, form);
  const diagnostics = [...best.diagnostics];
  if (controlLine !== undefined) {
    diagnostics.unshift(
      at(controlLine, 'warning', 'control-characters', 'invisible control characters were removed from the text'),
    );
  }
  return { ...best, goals, diagnostics, missing: missingAnswers(form, goals) };
}
