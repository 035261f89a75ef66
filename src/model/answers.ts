import type { Document, Scalar, Node as YamlNode } from 'yaml';
import { isMap, isScalar } from 'yaml';
import * as z from 'zod';
import { checkAnswerMarkdown, MAX_ANSWER_CHARACTERS } from '../check/markdown-rules.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { SourceText } from '../load/source.js';
import {
  diagnosticAt,
  lineStartsOf,
  lineText,
  nodeAtPath,
  offsetOf,
  parseYaml,
  positionAt,
  readYamlFile,
  valueOffsetOf,
} from '../load/source.js';
import type { AnswerOrigin } from './answer-origin.js';
import { answerOrigin } from './answer-origin.js';
import type { FormDefinition, FormGoal, FormTarget } from './form.js';

/** What a country said to one question. `--` in an answer file means "nothing to report". */
export type Answer =
  | { state: 'unanswered' }
  | { state: 'nothing-to-report' }
  /** `origin`: where the text is in its file, so the answer's Markdown tree points there. */
  | { state: 'answered'; markdown: string; origin?: AnswerOrigin };

export const NOTHING_TO_REPORT = '--';

export function answerOf(value: string | null | undefined): Answer {
  if (value === undefined || value === null || value.trim() === '') return { state: 'unanswered' };
  if (value.trim() === NOTHING_TO_REPORT) return { state: 'nothing-to-report' };
  return { state: 'answered', markdown: value.trimEnd() };
}

/** Answers of one target file: goal id → question id → answer. */
export type TargetAnswers = Map<string, Map<string, Answer>>;

const answerSchema = (text: string) =>
  z
    .string()
    .nullable()
    .optional()
    .describe(`${text}. Markdown text; \`--\` means nothing to report; leave empty if not yet answered.`);

function goalSchema(goal: FormGoal) {
  const shape: Record<string, ReturnType<typeof answerSchema>> = {};
  for (const q of goal.questions) shape[q.id] = answerSchema(`${q.id}) ${q.text}`);
  return z.object(shape).strict().nullable().optional().describe(goal.text);
}

/** The zod schema of `target-<n>.yaml`, derived from the form. */
export function targetFileSchema(target: FormTarget) {
  const goals: Record<string, ReturnType<typeof goalSchema>> = {};
  for (const g of target.goals) goals[g.id] = goalSchema(g);
  return z
    .object({
      target: z.literal(target.number).describe(`Policy Target No. ${target.number}: ${target.text}`),
      goals: z.object(goals).strict().nullable().optional().describe('Answers, by operational goal'),
    })
    .strict();
}

/** One schema for any answer file of the year (what editors get through `$schema`). */
export function answerFileSchema(form: FormDefinition) {
  const [first, ...rest] = form.targets.map(targetFileSchema);
  if (!first) throw new Error('a form has at least one target');
  return z.discriminatedUnion('target', [first, ...rest]).describe(`An answer file of the ${form.title}`);
}

export function answerFileJsonSchema(form: FormDefinition): unknown {
  return z.toJSONSchema(answerFileSchema(form), { target: 'draft-7' });
}

type Issue = z.core.$ZodIssue;

function list(items: readonly string[]): string {
  return items.map((i) => `\`${i}\``).join(', ');
}

/** Turns a zod issue into a message about goals and questions, pointing at the right YAML node. */
function issueDiagnostics(
  source: SourceText,
  doc: Document.Parsed,
  target: FormTarget,
  issue: Issue,
  allTargets: readonly FormTarget[],
  renamed?: RenamedGoals,
): Diagnostic[] {
  const path = issue.path;
  const at = nodeAtPath(doc, path);
  const here = offsetOf(at);
  const goalIds = target.goals.map((g) => g.id);
  const goal = typeof path[1] === 'string' ? target.goals.find((g) => g.id === path[1]) : undefined;
  const questionIds = goal?.questions.map((q) => q.id) ?? [];

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const keyAt = nodeAtPath(doc, [...path, key]);
      const offset = offsetOf(keyAt);
      if (path.length === 0) {
        return diagnosticAt(
          source,
          offset,
          'error',
          'unknown-key',
          `unknown key \`${key}\`; an answer file has only \`target\` and \`goals\``,
          didYouMean(key, ['target', 'goals']),
        );
      }
      const now = path.length === 1 ? renamed?.goals.get(key) : undefined;
      if (now !== undefined && renamed) {
        const home = allTargets.find((t) => t.goals.some((g) => g.id === now));
        const file = home && home !== target ? ` and move it to target-${home.number}.yaml` : '';
        return diagnosticAt(
          source,
          offset,
          'error',
          'renamed-goal',
          `this goal was renamed to \`${now}\` in the ${renamed.year} form`,
          `rename the key \`${key}\` to \`${now}\`${file}`,
        );
      }
      if (path.length === 1) {
        const home = allTargets.find((t) => t !== target && t.goals.some((g) => g.id === key));
        const hint = home
          ? `\`${key}\` is a goal of policy target ${home.number}: move it to target-${home.number}.yaml`
          : (didYouMean(key, goalIds) ?? `the goals of policy target ${target.number} are ${list(goalIds)}`);
        return diagnosticAt(
          source,
          offset,
          'error',
          'unknown-goal',
          `unknown goal \`${key}\` for policy target ${target.number}`,
          hint,
        );
      }
      const ids = questionIds.length ? questionIds : ['A', 'B', 'C'];
      const upper = key.toUpperCase();
      const hint = ids.includes(upper)
        ? `did you mean \`${upper}\`? question keys are capital letters`
        : `the questions are ${list(ids)}`;
      return diagnosticAt(
        source,
        offset,
        'error',
        'unknown-question',
        `unknown question \`${key}\` under goal \`${String(path[1])}\``,
        hint,
      );
    });
  }

  if (path.length === 1 && path[0] === 'target') {
    if (at.depth < 1) {
      return [
        diagnosticAt(
          source,
          here,
          'error',
          'missing-target',
          `the file does not say which policy target it answers`,
          `add the line \`target: ${target.number}\` at the top`,
        ),
      ];
    }
    // Point at the value, which is what needs changing.
    const value = isScalar(at.node) ? at.node.value : undefined;
    const quoted = typeof value === 'string' && value.trim() === String(target.number);
    const shown = value === null || value === undefined || value === '' ? 'empty' : `\`${String(value)}\``;
    return [
      diagnosticAt(
        source,
        at.node?.range?.[0] ?? here,
        'error',
        'wrong-target',
        quoted
          ? `\`target\` must be the number ${target.number}, without quotes`
          : `\`target\` is ${shown}, but this file is target-${target.number}.yaml, which answers policy target ${target.number}`,
        quoted
          ? `write \`target: ${target.number}\``
          : `write \`target: ${target.number}\`, or move these answers to the file of the target they belong to`,
      ),
    ];
  }
  if (path.length === 0) {
    return [
      diagnosticAt(
        source,
        here,
        'error',
        'not-a-mapping',
        'an answer file must be a mapping with `target:` and `goals:`',
        `start from \`target: ${target.number}\` and \`goals:\` on the next line`,
      ),
    ];
  }
  if (path.length === 1 && path[0] === 'goals') {
    return [
      diagnosticAt(
        source,
        valueOffsetOf(at),
        'error',
        'goals-not-a-mapping',
        '`goals` must list the operational goals, each on its own indented line',
        `the goals of policy target ${target.number} are ${list(goalIds)}`,
      ),
    ];
  }
  if (path.length === 2) {
    return [
      diagnosticAt(
        source,
        valueOffsetOf(at),
        'error',
        'goal-not-a-mapping',
        `goal \`${String(path[1])}\` must hold its questions ${list(questionIds)}, each on its own indented line`,
      ),
    ];
  }
  if (path.length === 3) {
    return [
      diagnosticAt(
        source,
        valueOffsetOf(at),
        'error',
        'answer-not-text',
        `the answer to question ${String(path[2])} must be text, not a ${describeNode(at.node)}`,
        'write the answer as a block: `' + String(path[2]) + ': |` followed by lines indented two more spaces',
      ),
    ];
  }
  // Not reachable with today's schema (every issue is handled above); never show the schema library's wording.
  return [diagnosticAt(source, valueOffsetOf(at), 'error', 'invalid', 'this value is not allowed here')];
}

function describeNode(node: unknown): string {
  if (isMap(node)) return 'list of keys';
  if (isScalar(node))
    return typeof node.value === 'number' ? 'number' : typeof node.value === 'boolean' ? 'yes/no value' : 'value';
  if (node && typeof node === 'object' && 'items' in node) return 'list';
  return 'value';
}

export interface AnswerFileResult {
  answers?: TargetAnswers;
  diagnostics: Diagnostic[];
}

/** Warnings for questions with no answer yet, at the key of the question (or its goal). */
function unansweredWarnings(
  source: SourceText,
  doc: Document.Parsed,
  target: FormTarget,
  answers: TargetAnswers,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const goal of target.goals) {
    const given = answers.get(goal.id);
    const missing = goal.questions
      .filter((q) => (given?.get(q.id)?.state ?? 'unanswered') === 'unanswered')
      .map((q) => q.id);
    if (missing.length === 0) continue;
    if (!given || given.size === 0 || missing.length === goal.questions.length) {
      const at = nodeAtPath(doc, ['goals', goal.id]);
      const where = at.depth === 2 ? offsetOf(at) : offsetOf(nodeAtPath(doc, ['goals']));
      const message = at.depth === 2 ? `goal \`${goal.id}\` has no answers yet` : `goal \`${goal.id}\` is missing`;
      out.push(
        diagnosticAt(
          source,
          where,
          'warning',
          'unanswered',
          message,
          `questions ${missing.join(', ')} are unanswered; write \`--\` where there is nothing to report`,
        ),
      );
      continue;
    }
    for (const q of missing) {
      const at = nodeAtPath(doc, ['goals', goal.id, q]);
      const where = offsetOf(at.depth === 3 ? at : nodeAtPath(doc, ['goals', goal.id]));
      out.push(
        diagnosticAt(
          source,
          where,
          'warning',
          'unanswered',
          `question ${q} of goal \`${goal.id}\` is unanswered`,
          'write `--` where there is nothing to report',
        ),
      );
    }
  }
  return out;
}

/**
 * `A: See item #5 of the plan`: YAML drops everything from ` #` as a comment, and
 * so it does for a `#` line indented under an answer. The file is valid YAML, the
 * report silently shorter: an error after text on the same line, a warning for a
 * comment line of its own (which may be meant as one).
 */
function textLostToComment(
  source: SourceText,
  key: YamlNode | null,
  value: Scalar,
  questionId: string,
): Diagnostic | undefined {
  const range = value.range;
  const keyStart = key?.range?.[0];
  if (!range || keyStart === undefined) return undefined;
  const keyIndent = positionAt(source, keyStart).column - 1;
  const block = value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED';
  const asBlock = `\`${questionId}: |\` with the text on the next lines, indented two more spaces`;
  const hint = block
    ? 'if this line belongs to the answer, indent it like the rest of the answer (and write **bold** instead of a `#` heading)'
    : `write the answer as a block, ${asBlock}; there \`#\` is ordinary text`;
  const ownLineHint = block
    ? hint
    : `if this line belongs to the answer, write the answer as a block, ${asBlock}, and use **bold** instead of a \`#\` heading`;
  const endLine = positionAt(source, block ? Math.max(range[0], range[1] - 1) : range[1]).line;
  // After quoted text a comment is plainly a comment; after plain text it may well be part of the answer.
  if (value.type === 'PLAIN') {
    const lineStart = source.lineStarts[endLine - 1] ?? 0;
    const comment = /^[ \t]+#/.exec(lineText(source, endLine).slice(range[1] - lineStart));
    if (comment) {
      return diagnosticAt(
        source,
        range[1] + comment[0].length - 1,
        // Words are lost from the report: an error (issue 9), not a warning.
        'error',
        'comment-in-answer',
        'everything from this `#` on is read as a YAML comment and will not appear in the report',
        hint,
      );
    }
  }
  for (let line = endLine + 1; line <= source.lineStarts.length; line++) {
    const text = lineText(source, line);
    if (text.trim() === '') continue;
    const indent = text.length - text.trimStart().length;
    if (indent <= keyIndent || !text.trimStart().startsWith('#')) return undefined;
    return diagnosticAt(
      source,
      (source.lineStarts[line - 1] ?? 0) + indent,
      'warning',
      'comment-in-answer',
      'this line is read as a YAML comment and will not appear in the report',
      ownLineHint,
    );
  }
  return undefined;
}

/** The `renamed:` map of the form, for answers still keyed by an earlier year's goal id. */
export interface RenamedGoals {
  year: number;
  goals: ReadonlyMap<string, string>;
}

/** Reads, parses and checks one `target-<n>.yaml` against the form. */
/** `allTargets` (the whole form) lets a goal written in the wrong target's file be pointed to its own. */
export async function loadAnswerFile(
  path: string,
  displayPath: string,
  target: FormTarget,
  allTargets: readonly FormTarget[] = [target],
  renamed?: RenamedGoals,
): Promise<AnswerFileResult> {
  const { source, doc, diagnostics } = await readYamlFile(path, displayPath);
  if (!source || !doc) return { diagnostics };
  return checkAnswerDocument(source, doc, diagnostics, target, allTargets, renamed);
}

/** Checks an answer file's text that is not on disk (an import's planned file) exactly as `validate` would. */
export async function checkAnswerText(
  text: string,
  displayPath: string,
  target: FormTarget,
  allTargets: readonly FormTarget[] = [target],
  renamed?: RenamedGoals,
): Promise<AnswerFileResult> {
  const source: SourceText = { file: displayPath, text, lineStarts: lineStartsOf(text) };
  const { doc, diagnostics } = parseYaml(source);
  if (!doc) return { diagnostics };
  return checkAnswerDocument(source, doc, [...diagnostics], target, allTargets, renamed);
}

async function checkAnswerDocument(
  source: SourceText,
  doc: Document.Parsed,
  diagnostics: Diagnostic[],
  target: FormTarget,
  allTargets: readonly FormTarget[],
  renamed: RenamedGoals | undefined,
): Promise<AnswerFileResult> {
  // The text of every answer is checked, also under a mistyped goal or question and whatever else
  // is wrong in the file: all problems come in one run (issue 9).
  diagnostics.push(...(await answerTextDiagnostics(source, doc)));
  const value: unknown = doc.toJS({ maxAliasCount: 0 });
  const result = targetFileSchema(target).safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues)
      diagnostics.push(...issueDiagnostics(source, doc, target, issue, allTargets, renamed));
    return { diagnostics };
  }
  const answers: TargetAnswers = new Map();
  const goals = result.data.goals ?? {};
  for (const goal of target.goals) {
    const given = goals[goal.id];
    if (given === undefined) continue;
    const questions = new Map<string, Answer>();
    for (const q of goal.questions) {
      const answer = answerOf(given?.[q.id]);
      questions.set(q.id, answer);
      if (answer.state !== 'answered') continue;
      // The answer's text was checked above (answerTextDiagnostics); here it gets its origin.
      const { node } = nodeAtPath(doc, ['goals', goal.id, q.id]);
      if (isScalar(node)) questions.set(q.id, { ...answer, origin: answerOrigin(source, node, answer.markdown) });
    }
    answers.set(goal.id, questions);
  }
  diagnostics.push(...unansweredWarnings(source, doc, target, answers));
  return { answers, diagnostics };
}

/** Every `goals → <goal> → <question>: text` of the file, whether the form knows the keys or not. */
async function answerTextDiagnostics(source: SourceText, doc: Document.Parsed): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const goals = nodeAtPath(doc, ['goals']);
  if (goals.depth !== 1 || !isMap(goals.node)) return out;
  let allowed = MAX_ANSWER_CHARACTERS;
  for (const goal of goals.node.items) {
    if (!isMap(goal.value)) continue;
    for (const question of goal.value.items) {
      const node = question.value;
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const answer = answerOf(node.value);
      if (answer.state !== 'answered') continue;
      // Past the limit (reported once, at the answer that passes it) the rest is not parsed.
      if (allowed >= 0) out.push(...(await checkAnswerMarkdown(source, node, answer.markdown, allowed)));
      allowed -= answer.markdown.length;
      const key = isScalar(question.key) ? question.key : null;
      const lost = textLostToComment(source, key, node, key ? String(key.value) : 'A');
      if (lost) out.push(lost);
    }
  }
  return out;
}
