import type { Root } from 'mdast';
import type { Document, Scalar } from 'yaml';
import { isMap, isScalar } from 'yaml';
import { checkAnswerMarkdown, MAX_ANSWER_CHARACTERS } from '../check/markdown-rules.js';
import { zodIssueDiagnostics } from '../check/zod-issues.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { parseYaml } from '../load/parse-yaml.js';
import { readYamlFile } from '../load/source.js';
import type { SourceText } from '../load/source-text.js';
import { sourceOf } from '../load/source-text.js';
import { nodeAtPath } from '../load/yaml-nodes.js';
import { yieldPoint } from '../load/yield-point.js';
import { targetFileSchema } from './answer-file-schema.js';
import type { RenamedGoals } from './answer-issues.js';
import { answerIssueWording } from './answer-issues.js';
import type { AnswerOrigin } from './answer-origin.js';
import { answerOrigin } from './answer-origin.js';
import {
  readAsNothingToReport,
  textLostToComment,
  unansweredWarnings,
  WORD_BULLET,
  wordBullets,
} from './answer-warnings.js';
import type { FormTarget } from './form.js';
import { meansNothingToReport } from './nothing-to-report.js';

/** What a country said to one question. `--` in an answer file means "nothing to report". */
export type Answer =
  | { state: 'unanswered' }
  | { state: 'nothing-to-report' }
  /**
   * `origin`: where the text is in its file, so the answer's Markdown tree points there. `tree`:
   * the text parsed (positions in the text), once, by whichever step needed it first.
   */
  | { state: 'answered'; markdown: string; origin?: AnswerOrigin; tree?: Root | undefined };

export const NOTHING_TO_REPORT = '--';

export function answerOf(value: string | null | undefined): Answer {
  if (value === undefined || value === null || value.trim() === '') return { state: 'unanswered' };
  if (value.trim() === NOTHING_TO_REPORT || meansNothingToReport(value)) return { state: 'nothing-to-report' };
  // `•<tab>` is as long as `- `: every position in the answer still points at its place in the file.
  return { state: 'answered', markdown: value.trimEnd().replace(WORD_BULLET, '$1- ') };
}

/** Answers of one target file: goal id → question id → answer. */
export type TargetAnswers = Map<string, Map<string, Answer>>;

export interface AnswerFileResult {
  answers?: TargetAnswers;
  diagnostics: Diagnostic[];
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
  const source = sourceOf(displayPath, text);
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
  const trees = new Map<Scalar, Root>();
  diagnostics.push(...(await answerTextDiagnostics(source, doc, trees)));
  const value: unknown = doc.toJS({ maxAliasCount: 0 });
  const result = targetFileSchema(target).safeParse(value);
  if (!result.success) {
    const wording = answerIssueWording({ target, allTargets, renamed });
    diagnostics.push(...zodIssueDiagnostics(source, doc, result.error.issues, wording));
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
      if (!isScalar(node)) continue;
      const tree = trees.get(node);
      const origin = answerOrigin(source, node, answer.markdown);
      // The tree the check parsed, if it had to: the report is composed from it, not parsed again.
      questions.set(q.id, { ...answer, origin, ...(tree ? { tree } : {}) });
    }
    answers.set(goal.id, questions);
  }
  diagnostics.push(...unansweredWarnings(source, doc, target, answers));
  return { answers, diagnostics };
}

/** Every `goals → <goal> → <question>: text` of the file, whether the form knows the keys or not. */
async function answerTextDiagnostics(
  source: SourceText,
  doc: Document.Parsed,
  trees: Map<Scalar, Root>,
): Promise<Diagnostic[]> {
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
      if (answer.state === 'nothing-to-report' && node.value.trim() !== NOTHING_TO_REPORT)
        out.push(readAsNothingToReport(source, node));
      if (answer.state !== 'answered') continue;
      // Past the limit (reported once, at the answer that passes it) the rest is not parsed.
      if (allowed >= 0) {
        await yieldPoint(); // Ctrl-C is seen between the answers of a long report (see yield-point.ts)
        const checked = await checkAnswerMarkdown(source, node, answer.markdown, allowed);
        out.push(...checked.diagnostics);
        if (checked.tree) trees.set(node, checked.tree);
      }
      allowed -= answer.markdown.length;
      const bullets = wordBullets(source, node);
      if (bullets) out.push(bullets);
      const key = isScalar(question.key) ? question.key : null;
      // A key left out (`: text`) is null: the hint then speaks of `A`, never of `null`.
      const letter = key && key.value !== null && key.source !== '' ? String(key.value) : 'A';
      const lost = textLostToComment(source, key, node, letter);
      if (lost) out.push(lost);
    }
  }
  return out;
}
