/** Schema problems of an answer file, in words about policy targets, goals and questions. */
import { isMap, isScalar } from 'yaml';
import type { IssueSite, WordIssue, Wording } from '../check/zod-issues.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { FormTarget } from './form.js';

/** The `renamed:` map of the form, for answers still keyed by an earlier year's goal id. */
export interface RenamedGoals {
  year: number;
  goals: ReadonlyMap<string, string>;
}

/** What the wording needs to know: the target of the file, the whole form, and goals renamed since. */
export interface AnswerFileForm {
  target: FormTarget;
  allTargets: readonly FormTarget[];
  renamed?: RenamedGoals;
}

function list(items: readonly string[]): string {
  return items.map((i) => `\`${i}\``).join(', ');
}

function questionIdsOf(target: FormTarget, goalId: PropertyKey | undefined): string[] {
  const goal = typeof goalId === 'string' ? target.goals.find((g) => g.id === goalId) : undefined;
  return goal?.questions.map((q) => q.id) ?? [];
}

function unknownGoal(key: string, { target, allTargets, renamed }: AnswerFileForm): Wording {
  const now = renamed?.goals.get(key);
  if (now !== undefined && renamed) {
    const home = allTargets.find((t) => t.goals.some((g) => g.id === now));
    const file = home && home !== target ? ` and move it to target-${home.number}.yaml` : '';
    return {
      code: 'renamed-goal',
      message: `this goal was renamed to \`${now}\` in the ${renamed.year} form`,
      hint: `rename the key \`${key}\` to \`${now}\`${file}`,
    };
  }
  const goalIds = target.goals.map((g) => g.id);
  const home = allTargets.find((t) => t !== target && t.goals.some((g) => g.id === key));
  return {
    code: 'unknown-goal',
    expected: goalIds,
    message: `unknown goal \`${key}\` for policy target ${target.number}`,
    hint: home
      ? `\`${key}\` is a goal of policy target ${home.number}: move it to target-${home.number}.yaml`
      : (didYouMean(key, goalIds) ?? `the goals of policy target ${target.number} are ${list(goalIds)}`),
  };
}

function unknownKey(site: IssueSite, key: string, form: AnswerFileForm): Wording {
  const container = site.issue.path;
  if (container.length === 0) {
    return {
      code: 'unknown-key',
      expected: ['target', 'goals'],
      message: `unknown key \`${key}\`; an answer file has only \`target\` and \`goals\``,
      hint: didYouMean(key, ['target', 'goals']),
    };
  }
  if (container.length === 1) return unknownGoal(key, form);
  const questionIds = questionIdsOf(form.target, container[1]);
  const ids = questionIds.length ? questionIds : ['A', 'B', 'C'];
  // `    : text`: the line has a colon and no letter before it (issue 21 item 9).
  if (key === '' && isScalar(site.at.key) && site.at.key.source === '') {
    return {
      code: 'missing-question-letter',
      expected: ids,
      // An empty key's place may be the end of the answer above: its text is on the line itself.
      point: 'value',
      message: `a question letter is missing before the colon (goal \`${String(container[1])}\`)`,
      hint: `write the question's letter before the colon, e.g. \`${ids[0] ?? 'A'}: text\`; the questions are ${list(ids)}`,
    };
  }
  const upper = key.toUpperCase();
  return {
    code: 'unknown-question',
    expected: ids,
    message: `unknown question \`${key}\` under goal \`${String(container[1])}\``,
    hint: ids.includes(upper)
      ? `did you mean \`${upper}\`? question keys are capital letters`
      : `the questions are ${list(ids)}`,
  };
}

function targetProblem({ at, missing }: IssueSite, target: FormTarget): Wording {
  if (missing) {
    return {
      code: 'missing-target',
      message: `the file does not say which policy target it answers`,
      hint: `add the line \`target: ${target.number}\` at the top`,
    };
  }
  // Point at the value, which is what needs changing.
  const value = isScalar(at.node) ? at.node.value : undefined;
  const quoted = typeof value === 'string' && value.trim() === String(target.number);
  const shown = value === null || value === undefined || value === '' ? 'empty' : `\`${String(value)}\``;
  return {
    code: 'wrong-target',
    point: 'value',
    message: quoted
      ? `\`target\` must be the number ${target.number}, without quotes`
      : `\`target\` is ${shown}, but this file is target-${target.number}.yaml, which answers policy target ${target.number}`,
    hint: quoted
      ? `write \`target: ${target.number}\``
      : `write \`target: ${target.number}\`, or move these answers to the file of the target they belong to`,
  };
}

function describeNode(node: unknown): string {
  if (isMap(node)) return 'list of keys';
  if (isScalar(node))
    return typeof node.value === 'number' ? 'number' : typeof node.value === 'boolean' ? 'yes/no value' : 'value';
  if (node && typeof node === 'object' && 'items' in node) return 'list';
  return 'value';
}

/** A value of the wrong kind: the file, `goals`, a goal or an answer that is not what it should hold. */
function wrongShape({ path, at }: IssueSite, target: FormTarget): Wording {
  if (path.length === 0) {
    return {
      code: 'not-a-mapping',
      message: 'an answer file must be a mapping with `target:` and `goals:`',
      hint: `start from \`target: ${target.number}\` and \`goals:\` on the next line`,
    };
  }
  if (path.length === 1 && path[0] === 'goals') {
    return {
      code: 'goals-not-a-mapping',
      point: 'value',
      message: '`goals` must list the operational goals, each on its own indented line',
      hint: `the goals of policy target ${target.number} are ${list(target.goals.map((g) => g.id))}`,
    };
  }
  if (path.length === 2) {
    return {
      code: 'goal-not-a-mapping',
      point: 'value',
      message: `goal \`${String(path[1])}\` must hold its questions ${list(questionIdsOf(target, path[1]))}, each on its own indented line`,
    };
  }
  if (path.length === 3) {
    return {
      code: 'answer-not-text',
      point: 'value',
      message: `the answer to question ${String(path[2])} must be text, not a ${describeNode(at.node)}`,
      hint: 'write the answer as a block: `' + String(path[2]) + ': |` followed by lines indented two more spaces',
    };
  }
  // Not reachable with today's schema (every issue is handled above); never show the schema library's wording.
  return { code: 'invalid', point: 'value', message: 'this value is not allowed here' };
}

/** The wording of an answer file's schema problems, for the translator in check/zod-issues. */
export function answerIssueWording(form: AnswerFileForm): WordIssue {
  return (site) => {
    if (site.unknownKey !== undefined) return unknownKey(site, site.unknownKey, form);
    if (site.path.length === 1 && site.path[0] === 'target') return targetProblem(site, form.target);
    return wrongShape(site, form.target);
  };
}
