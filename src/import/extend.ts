import { isDeepStrictEqual } from 'node:util';
import type { Pair, YAMLMap, Node as YamlNode } from 'yaml';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { FormGoal, FormTarget } from '../model/form.js';
import type { FollowUp } from './answer-file.js';
import { goalLines, questionBlock } from './answer-file.js';

/**
 * Adding what a newer form asks to an answer file someone has already filled in. The new
 * goals and questions are inserted as text at line boundaries, so every byte that was there
 * stays as it was; the result is parsed again and compared before it is used.
 */
export interface Extension {
  /** The new file text; undefined when there was nothing to add or it could not be done safely. */
  text?: string;
  /** What was added, for the user: "goal `x`", "question D of goal `y`". */
  added: string[];
  /** Why nothing could be added, when that is the case. */
  problem?: string;
}

interface Insertion {
  offset: number;
  lines: string[];
  /** Blank line before or after the block, to keep goals apart as init writes them. */
  blankBefore?: boolean;
  blankAfter?: boolean;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The start of the line after the one `offset` is on (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** Where a key's block begins, counting the comment lines right above it at its indentation. */
function startWithComments(text: string, keyOffset: number): number {
  const indent = columnOf(text, keyOffset);
  let start = lineStart(text, keyOffset);
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    const line = text.slice(previous, start - 1).replace(/\r$/, '');
    if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length !== indent) break;
    start = previous;
  }
  return start;
}

/**
 * Where a node's own text ends. A map's range may run on over comments that follow it (at
 * the end of a document, say), so the end is found at its last, deepest value instead.
 */
function contentEnd(node: unknown, fallback: number): number {
  if (isMap(node) || isSeq(node)) {
    const last = node.items.at(-1);
    if (last === undefined) return node.range?.[1] ?? fallback;
    if (isPair(last)) {
      const keyEnd = (last.key as YamlNode | null)?.range?.[1] ?? fallback;
      return last.value === null || last.value === undefined ? keyEnd : contentEnd(last.value, keyEnd);
    }
    return contentEnd(last, fallback);
  }
  return (node as YamlNode | null)?.range?.[1] ?? fallback;
}

/** Where a block map's last entry ends, counting comment lines indented under it. */
function endOfBlock(text: string, map: YAMLMap, keyIndent: number): number {
  let end = nextLineStart(text, contentEnd(map, text.length));
  for (let at = end; at < text.length; ) {
    const newline = text.indexOf('\n', at);
    const stop = newline === -1 ? text.length : newline + 1;
    const line = text.slice(at, stop).replace(/\r?\n$/, '');
    if (line.trim() !== '') {
      if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length <= keyIndent) break;
      end = stop;
    }
    at = stop;
  }
  return end;
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow;
}

/** `key:` with nothing after it (not `~`, `null` or `{}`), which can take entries below it. */
function isEmptyValue(text: string, pair: Pair): boolean {
  if (pair.value === null || pair.value === undefined) return true;
  const value = pair.value as YamlNode;
  return isScalar(value) && value.value === null && text.slice(value.range?.[0], value.range?.[1]).trim() === '';
}

/**
 * Whether the map's entries are set apart as init writes goals (a comment above each, blank
 * lines between) rather than packed together as in a hand-written file; new entries follow suit.
 */
function isSpacedOut(text: string, pairs: readonly Pair[]): boolean {
  const starts = pairs.map((p) => (p.key as YamlNode | null)?.range?.[0]).filter((o) => o !== undefined);
  const first = starts[0];
  if (first === undefined) return false;
  if (startWithComments(text, first) < lineStart(text, first)) return true;
  const last = starts.at(-1) ?? first;
  return /\n[ \t]*\r?\n/.test(text.slice(first, last));
}

/**
 * Plans the insertion of the form's entries the map lacks, each before the next entry the map
 * has (with that entry's comments), or after the map's last entry.
 */
function insertIntoMap<T extends { id: string }>(
  text: string,
  map: YAMLMap,
  formOrder: readonly T[],
  render: (item: T, indent: string) => string[],
  separate: boolean,
): Insertion[] {
  const pairs = map.items.filter(isPair);
  const spaced = separate && isSpacedOut(text, pairs);
  const present = new Map<string, Pair>();
  for (const p of pairs) {
    const key = keyOf(p);
    if (key !== undefined) present.set(key, p);
  }
  const firstKey = pairs[0]?.key as YamlNode | undefined;
  const indent = ' '.repeat(columnOf(text, firstKey?.range?.[0] ?? 0));
  const insertions: Insertion[] = [];
  formOrder.forEach((item, index) => {
    if (present.has(item.id)) return;
    const following = formOrder.slice(index + 1).find((f) => present.has(f.id));
    const followingKey = following ? (present.get(following.id)?.key as YamlNode | undefined) : undefined;
    if (followingKey?.range) {
      insertions.push({
        offset: startWithComments(text, followingKey.range[0]),
        lines: render(item, indent),
        blankAfter: spaced,
      });
    } else {
      insertions.push({
        offset: endOfBlock(text, map, indent.length),
        lines: render(item, indent),
        blankBefore: spaced,
      });
    }
  });
  return insertions;
}

function applyInsertions(text: string, insertions: readonly Insertion[], eol: string): string {
  // Same offset: keep form order. Apply from the end so earlier offsets stay valid.
  const ordered = insertions
    .map((ins, order) => ({ ...ins, order }))
    .sort((a, b) => b.offset - a.offset || b.order - a.order);
  let out = text;
  for (const ins of ordered) {
    const lead = ins.offset === out.length && out.length > 0 && !out.endsWith('\n') ? eol : '';
    const body = [...(ins.blankBefore ? [''] : []), ...ins.lines, ...(ins.blankAfter ? [''] : [])];
    out = out.slice(0, ins.offset) + lead + body.join(eol) + eol + out.slice(ins.offset);
  }
  return out;
}

/**
 * Adds the goals and questions of `target` that an existing answer file lacks. Existing text
 * is never changed; a file that cannot be read as YAML, or holds its goals in a shape text
 * cannot be added to, is left alone with a `problem`.
 */
export function extendAnswerFile(
  original: string,
  target: FormTarget,
  followUps: ReadonlyMap<string, FollowUp> | undefined,
): Extension {
  const doc = parseDocument(original, { uniqueKeys: true });
  if (doc.errors.length) return { added: [], problem: 'it is not valid YAML (run `gareport validate` to see where)' };
  const root = doc.contents;
  if (!isBlockMap(root)) return { added: [], problem: 'it is not a list of `target:` and `goals:`' };
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const renderGoal = (goal: FormGoal, indent: string) => goalLines(goal, indent, undefined, followUps?.get(goal.id));
  const insertions: Insertion[] = [];
  const added: string[] = [];
  const addedPaths: string[][] = [];

  const goalsPair = root.items.find((p) => keyOf(p) === 'goals');
  if (!goalsPair) {
    insertions.push({
      offset: original.length,
      lines: ['goals:', ...target.goals.flatMap((g, i) => [...(i ? [''] : []), ...renderGoal(g, '  ')])],
    });
    for (const g of target.goals) {
      added.push(`goal \`${g.id}\``);
      addedPaths.push(['goals', g.id]);
    }
  } else if (isEmptyValue(original, goalsPair)) {
    const keyEnd = (goalsPair.key as YamlNode).range?.[1] ?? 0;
    const indent = ' '.repeat(columnOf(original, (goalsPair.key as YamlNode).range?.[0] ?? 0) + 2);
    insertions.push({
      offset: nextLineStart(original, keyEnd),
      lines: target.goals.flatMap((g, i) => [...(i ? [''] : []), ...renderGoal(g, indent)]),
    });
    for (const g of target.goals) {
      added.push(`goal \`${g.id}\``);
      addedPaths.push(['goals', g.id]);
    }
  } else if (isBlockMap(goalsPair.value)) {
    const goalsMap = goalsPair.value;
    const newGoals = insertIntoMap(original, goalsMap, target.goals, renderGoal, true);
    insertions.push(...newGoals);
    for (const goal of target.goals) {
      const pair = goalsMap.items.find((p) => keyOf(p) === goal.id);
      if (!pair) {
        added.push(`goal \`${goal.id}\``);
        addedPaths.push(['goals', goal.id]);
        continue;
      }
      const questions = goal.questions;
      const render = (q: (typeof questions)[number], indent: string) =>
        questionBlock([q], indent, undefined, undefined);
      if (isBlockMap(pair.value) && pair.value.items.length) {
        const inGoal = insertIntoMap(original, pair.value, questions, render, false);
        const present = new Set(pair.value.items.map(keyOf));
        const missing = questions.filter((q) => !present.has(q.id));
        if (inGoal.length) {
          insertions.push(...inGoal);
          added.push(
            `question${missing.length === 1 ? '' : 's'} ${missing.map((q) => q.id).join(', ')} of goal \`${goal.id}\``,
          );
          for (const q of missing) addedPaths.push(['goals', goal.id, q.id]);
        }
      } else if (isEmptyValue(original, pair)) {
        const key = pair.key as YamlNode;
        const indent = ' '.repeat(columnOf(original, key.range?.[0] ?? 0) + 2);
        insertions.push({
          offset: nextLineStart(original, key.range?.[1] ?? 0),
          lines: questionBlock(questions, indent, undefined, followUps?.get(goal.id)),
        });
        added.push(`questions of goal \`${goal.id}\``);
        addedPaths.push(['goals', goal.id, '*']);
      }
    }
  } else {
    return { added: [], problem: '`goals` is not written as an indented list that lines can be added to' };
  }

  if (insertions.length === 0) return { added: [] };
  const text = applyInsertions(original, insertions, eol);
  const check = parseDocument(text, { uniqueKeys: true });
  if (check.errors.length || !sameAnswers(doc.toJS(), check.toJS(), addedPaths)) {
    return {
      added: [],
      problem: 'the missing parts could not be added without changing what is there; add them by hand',
    };
  }
  return { text, added };
}

/** Whether `after` is `before` plus the added paths (whose values must be empty). */
function sameAnswers(before: unknown, after: unknown, added: readonly string[][]): boolean {
  const copy = structuredClone(after) as Record<string, unknown> | null;
  if (!copy || typeof copy !== 'object') return false;
  const goals = copy.goals as Record<string, Record<string, unknown> | null> | undefined;
  for (const path of added) {
    const [, goalId, questionId] = path;
    if (!goals || goalId === undefined) return false;
    if (questionId === undefined) {
      if (!isEmptyGoal(goals[goalId])) return false;
      delete goals[goalId];
    } else if (questionId === '*') {
      if (!isEmptyGoal(goals[goalId])) return false;
      goals[goalId] = null;
    } else {
      const goal = goals[goalId];
      if (!goal || goal[questionId] !== null) return false;
      delete goal[questionId];
    }
  }
  const original = before as Record<string, unknown> | null;
  if (goals && Object.keys(goals).length === 0 && (original?.goals === null || original?.goals === undefined)) {
    if (original?.goals === undefined) delete copy.goals;
    else copy.goals = null;
  }
  return isDeepStrictEqual(copy, before);
}

function isEmptyGoal(goal: unknown): boolean {
  return !!goal && typeof goal === 'object' && Object.values(goal).every((v) => v === null);
}
