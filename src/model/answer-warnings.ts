/** What a valid answer file may still lose or lack: text read as a YAML comment, questions not answered. */
import type { Document, Scalar, Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt, lineText, positionAt } from '../load/source-text.js';
import { nodeAtPath, offsetOf } from '../load/yaml-nodes.js';
import type { FormTarget } from './form.js';

/** Warnings for questions with no answer yet, at the key of the question (or its goal). */
export function unansweredWarnings(
  source: SourceText,
  doc: Document.Parsed,
  target: FormTarget,
  answers: ReadonlyMap<string, ReadonlyMap<string, { state: string }>>,
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
      const hint = `questions ${missing.join(', ')} are unanswered; write \`--\` where there is nothing to report`;
      out.push(diagnosticAt(source, where, 'warning', 'unanswered', message, hint));
      continue;
    }
    for (const q of missing) {
      const at = nodeAtPath(doc, ['goals', goal.id, q]);
      const where = offsetOf(at.depth === 3 ? at : nodeAtPath(doc, ['goals', goal.id]));
      const message = `question ${q} of goal \`${goal.id}\` is unanswered`;
      out.push(
        diagnosticAt(source, where, 'warning', 'unanswered', message, 'write `--` where there is nothing to report'),
      );
    }
  }
  return out;
}

/** The hints for text lost to a comment: after the value on its line, and on a line of its own. */
function commentHints(questionId: string, block: boolean): { sameLine: string; ownLine: string } {
  const asBlock = `\`${questionId}: |\` with the text on the next lines, indented two more spaces`;
  const sameLine = block
    ? 'if this line belongs to the answer, indent it like the rest of the answer (and write **bold** instead of a `#` heading)'
    : `write the answer as a block, ${asBlock}; there \`#\` is ordinary text`;
  const ownLine = block
    ? sameLine
    : `if this line belongs to the answer, write the answer as a block, ${asBlock}, and use **bold** instead of a \`#\` heading`;
  return { sameLine, ownLine };
}

/** The first `#` line after an answer, indented under its key: read as a comment, not as text. */
function commentLineAfter(source: SourceText, endLine: number, keyIndent: number): number | undefined {
  for (let line = endLine + 1; line <= source.lineStarts.length; line++) {
    const text = lineText(source, line);
    if (text.trim() === '') continue;
    const indent = text.length - text.trimStart().length;
    if (indent <= keyIndent || !text.trimStart().startsWith('#')) return undefined;
    return (source.lineStarts[line - 1] ?? 0) + indent;
  }
  return undefined;
}

/**
 * `A: See item #5 of the plan`: YAML drops everything from ` #` as a comment, and
 * so it does for a `#` line indented under an answer. The file is valid YAML, the
 * report silently shorter: an error after text on the same line, a warning for a
 * comment line of its own (which may be meant as one).
 */
export function textLostToComment(
  source: SourceText,
  key: YamlNode | null,
  value: Scalar,
  questionId: string,
): Diagnostic | undefined {
  const range = value.range;
  const keyStart = key?.range?.[0];
  if (!range || keyStart === undefined) return undefined;
  const block = value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED';
  const hints = commentHints(questionId, block);
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
        hints.sameLine,
      );
    }
  }
  const own = commentLineAfter(source, endLine, positionAt(source, keyStart).column - 1);
  if (own === undefined) return undefined;
  const message = 'this line is read as a YAML comment and will not appear in the report';
  return diagnosticAt(source, own, 'warning', 'comment-in-answer', message, hints.ownLine);
}

/** `A: N/A`, `C: —`: read as `--` (issue 21 item 5); said where it is, with the way to write it. */
export function readAsNothingToReport(source: SourceText, value: Scalar): Diagnostic {
  const said = String(value.value).trim();
  const shown = said.length > 40 ? `${said.slice(0, 40)}…` : said;
  return diagnosticAt(
    source,
    value.range?.[0] ?? 0,
    'warning',
    'nothing-to-report-spelling',
    `\`${shown}\` is read as nothing to report`,
    'write `--` for nothing to report (the report then says so in its language); to print this text as the answer, add a few words to it',
  );
}

/**
 * The bullets of a line pasted from a Word list, before a tab (issue 21 item 6): `•`, `◦`, `▪`…, the
 * middle dot, and the Symbol and Wingdings font bullets Word pastes as private-use characters.
 */
export const WORD_BULLETS = '•◦▪▫‣⁃●○■□·\uf0b7\uf0a7\uf0d8\uf076';
export const WORD_BULLET = new RegExp(`^([ \\t]*)[${WORD_BULLETS}]\\t`, 'gm');

/** Lines of an answer that start with a Word bullet and a tab: read as a Markdown list, said once per answer. */
export function wordBullets(source: SourceText, value: Scalar): Diagnostic | undefined {
  const range = value.range;
  if (!range) return undefined;
  const text = source.text.slice(range[0], range[1]);
  const lines = [...text.matchAll(new RegExp(`^[ \\t]*([${WORD_BULLETS}])\\t`, 'gm'))];
  const first = lines[0];
  if (!first) return undefined;
  const at = range[0] + first.index + first[0].indexOf(first[1] ?? '');
  const count = lines.length === 1 ? 'a line starts' : `${lines.length} lines start`;
  return diagnosticAt(
    source,
    at,
    'warning',
    'word-bullet',
    `${count} with a Word bullet (\`${first[1]}\` and a tab); read as a Markdown list`,
    'write each item as `- text` on its own line (a list after a paragraph needs no blank line); `  - text`, indented two spaces more, for an item within an item',
  );
}
