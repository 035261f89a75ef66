/**
 * Reading a filled-in form, in steps: tokenize the lines (lines.ts) → find the structure
 * (structure.ts) → collect the answers (collect.ts) → report the leftovers (leftovers.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { FormDefinition } from '../model/form.js';
import type { ImportedGoal } from './collect.js';
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

/**
 * Reads a filled-in form laid out like the form itself (title, country, `Policy Target No. N`,
 * `Operational Goal: …`, `A) question` with the answer below) and finds each answer's place in
 * the form by the wording of its goal and question. Everything it cannot place is a diagnostic.
 */
export function parseFilledForm(text: string, form: FormDefinition, file: string): FilledForm {
  const { lines, controlLine } = tokenizeLines(text);
  const at = lineDiagnostics(lines, file);
  const collector = new AnswerCollector(form, at);
  if (controlLine !== undefined) {
    collector.result.diagnostics.push(
      at(controlLine, 'warning', 'control-characters', 'invisible control characters were removed from the text'),
    );
  }
  findStructure(lines, collector);
  return { ...collector.result, missing: missingAnswers(form, collector.result.goals) };
}
