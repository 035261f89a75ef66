import { isDeepStrictEqual } from 'node:util';
import type { Document, Node as YamlNode } from 'yaml';
import { isPair, isScalar, parseDocument, visit } from 'yaml';
import { NOTHING_TO_REPORT } from '../model/answers.js';
import type { FormTarget } from '../model/form.js';
import { answerValue } from './answer-file.js';
import { extendAnswerFile } from './extend.js';
import { sameMeaning } from './same-meaning.js';

/** An answer (or a hand-written comment) that an import takes out of an answer file. */
export interface LostText {
  /** `answer`: the file's answer is replaced or erased; `comment`: a comment line goes; `file`: all of it. */
  kind: 'answer' | 'comment' | 'file';
  goal?: string;
  question?: string;
  /** The text that goes (the whole answer, or the comment). */
  text: string;
}

export interface MergedFile {
  /** The new file text; undefined when nothing changes or it cannot be done (see `problem`). */
  text?: string;
  /** Questions whose answer the import sets, as `goal.question`. */
  changed: string[];
  /** Answers the file keeps because the document leaves their question unanswered. */
  kept: number;
  lost: LostText[];
  problem?: string;
}

/** An answer as the document or the file says it, compared without the block's final newline. */
function answerText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.trim() === NOTHING_TO_REPORT ? NOTHING_TO_REPORT : value.trimEnd();
}

/**
 * Whether an imported answer says what the file's says, written another way (see `sameMeaning`):
 * then the file keeps its own text. `--` and an empty answer only ever equal themselves.
 */
function sameAnswer(current: string, incoming: string): boolean {
  const plain = (t: string) => t !== '' && t !== NOTHING_TO_REPORT;
  return plain(current) && plain(incoming) && sameMeaning(current, incoming);
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * The edit that gives `goals.<goal>.<question>` a new value, touching only the bytes of the old
 * value: what is around it (other answers, comments, blank lines) stays as it was.
 */
function spliceFor(text: string, doc: Document.Parsed, path: string[], markdown: string): Splice | undefined {
  const questions = doc.getIn(path.slice(0, -1), true) as { items?: unknown[] } | undefined;
  const pair = questions?.items?.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === path.at(-1));
  if (!isPair(pair)) return undefined;
  const key = pair.key as YamlNode;
  if (!key.range) return undefined;
  const colon = text.indexOf(':', key.range[1]);
  if (colon === -1) return undefined;
  const start = colon + 1;
  const value = pair.value as YamlNode | null;
  if (value && !isScalar(value)) return undefined;
  let end = value?.range ? value.range[1] : start;
  const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
  const indent = text.slice(lineStart, key.range[0]);
  if (!/^ *$/.test(indent)) return undefined;
  let replacement = answerValue(markdown, indent);
  const endsLine = text[end - 1] === '\n';
  const eol = text.indexOf('\n', end);
  const restOfLine = endsLine ? '' : text.slice(end, eol === -1 ? text.length : eol).replace(/\r$/, '');
  const newline = replacement.indexOf('\n');
  if (newline !== -1 && /^[ \t]+#/.test(restOfLine)) {
    // A comment after the old value (`A: --  # check`) goes on the block's header line, where YAML allows it.
    replacement = replacement.slice(0, newline) + restOfLine + replacement.slice(newline);
    end += restOfLine.length;
  }
  if (endsLine) replacement += '\n';
  return { start, end, text: replacement };
}

function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start))
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** Every comment of a YAML document, in order, one entry per line. */
function commentsOf(doc: Document): string[] {
  const out: string[] = [];
  const add = (comment: string | null | undefined) => {
    if (comment)
      out.push(
        ...comment
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      );
  };
  add(doc.commentBefore);
  visit(doc, (_, node) => {
    const n = node as { commentBefore?: string | null; comment?: string | null };
    add(n.commentBefore);
    add(n.comment);
  });
  add(doc.comment);
  return out;
}

/** Comments of `before` that `after` no longer has (a multiset difference). */
function missingComments(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const c of after) left.set(c, (left.get(c) ?? 0) + 1);
  return before.filter((c) => {
    const n = left.get(c) ?? 0;
    if (n === 0) return true;
    left.set(c, n - 1);
    return false;
  });
}

/** The file's data with every answer read as `answerText` reads it, for comparing two versions. */
function comparable(data: unknown, target: FormTarget): unknown {
  const copy = structuredClone(data) as { goals?: Record<string, Record<string, unknown> | null> } | null;
  const goals = copy?.goals;
  if (!goals || typeof goals !== 'object') return copy;
  for (const goal of target.goals) {
    const questions = goals[goal.id];
    if (!questions || typeof questions !== 'object') continue;
    for (const q of goal.questions) if (q.id in questions) questions[q.id] = answerText(questions[q.id]);
  }
  return copy;
}

/**
 * Puts the document's answers into an existing answer file. A question the document leaves
 * unanswered keeps the file's answer, unless `replace` is set; everything else in the file
 * (comments, unknown keys, layout) stays. The result is read back and checked before it is used.
 */
export function mergeAnswerFile(
  original: string,
  target: FormTarget,
  answers: ReadonlyMap<string, ReadonlyMap<string, string>>,
  replace: boolean,
): MergedFile {
  const extension = extendAnswerFile(original, target, undefined);
  if (extension.problem) return { changed: [], kept: 0, lost: [], problem: extension.problem };
  const base = extension.text ?? original;
  const doc = parseDocument(base, { uniqueKeys: true });
  if (doc.errors.length) return { changed: [], kept: 0, lost: [], problem: 'it is not valid YAML' };

  const splices: Splice[] = [];
  const changed: string[] = [];
  const lost: LostText[] = [];
  let kept = 0;
  const expected = structuredClone(doc.toJS()) as { goals?: Record<string, Record<string, unknown> | null> } | null;
  for (const goal of target.goals) {
    for (const q of goal.questions) {
      const incoming = answers.get(goal.id)?.get(q.id) ?? '';
      const path = ['goals', goal.id, q.id];
      const current = answerText(doc.getIn(path));
      if (incoming === '' && !replace) {
        if (current !== '') kept++;
        continue;
      }
      if (current === incoming || sameAnswer(current, incoming)) continue;
      const splice = spliceFor(base, doc, path, incoming);
      if (!splice) {
        return {
          changed: [],
          kept: 0,
          lost: [],
          problem: `the answer to ${goal.id} ${q.id} is not written as text under its key`,
        };
      }
      splices.push(splice);
      changed.push(`${goal.id}.${q.id}`);
      if (current !== '') lost.push({ kind: 'answer', goal: goal.id, question: q.id, text: current });
      const questions = expected?.goals?.[goal.id];
      if (questions) questions[q.id] = incoming;
    }
  }
  if (splices.length === 0) return { ...(extension.text ? { text: base } : {}), changed, kept, lost };

  const text = applySplices(base, splices);
  const check = parseDocument(text, { uniqueKeys: true });
  if (check.errors.length || !isDeepStrictEqual(comparable(check.toJS(), target), comparable(expected, target))) {
    return {
      changed: [],
      kept: 0,
      lost: [],
      problem: 'the answers could not be put into it without changing other text',
    };
  }
  for (const comment of missingComments(commentsOf(doc), commentsOf(check)))
    lost.push({ kind: 'comment', text: comment });
  return { text, changed, kept, lost };
}
