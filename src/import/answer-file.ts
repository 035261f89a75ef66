import { parse } from 'yaml';
import { NOTHING_TO_REPORT } from '../model/answers.js';
import type { FormGoal, FormQuestion, FormTarget } from '../model/form.js';

/** What a country announced under question C in an earlier report, shown again next to this year's A. */
export interface FollowUp {
  year: number;
  markdown: string;
}

export interface AnswerFileContent {
  /** `$schema` path for editors, relative to the answer file. */
  schemaRef: string;
  /** Markdown answers by goal id, then question id; missing or empty means unanswered. */
  answers?: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Earlier follow-up actions by goal id. */
  followUps?: ReadonlyMap<string, FollowUp>;
}

const WIDTH = 100;

/**
 * Question A asks about "measures announced in your country's <previous> report", which are
 * that report's answers to question C; init shows those next to A.
 */
export const FOLLOW_UP_QUESTION = 'C';
export const REPORTED_ON_QUESTION = 'A';

/** `# ` comment lines holding `text`, wrapped at WIDTH columns; `hanging` indents the continuation lines. */
export function commentLines(indent: string, text: string, hanging = ''): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      out.push(`${indent}#`);
      continue;
    }
    let line = '';
    for (const word of words) {
      if (line && indent.length + 2 + line.length + 1 + word.length > WIDTH) {
        out.push(`${indent}# ${line}`);
        line = hanging + word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(`${indent}# ${line}`);
  }
  return out;
}

/** Earlier Markdown shown line by line as comments, not re-wrapped (lists stay lists). */
function quotedLines(indent: string, markdown: string): string[] {
  return markdown.split('\n').map((l) => (l.trim() === '' ? `${indent}#` : `${indent}#   ${l.trimEnd()}`));
}

function blockLiteral(markdown: string, indent: string): string {
  const lines = markdown.split('\n');
  // Content that starts with a space needs its indentation stated, or YAML would take it as the indent.
  const indicator = /^[ \t]/.test(lines[0] ?? '') ? '2' : '';
  const body = lines.map((l) => (l === '' ? '' : `${indent}  ${l}`));
  return `|${indicator}\n${body.join('\n')}`;
}

/**
 * The value after `A:` for an answer: nothing for unanswered, `--`, or a `|` block holding the
 * Markdown exactly. Checked by parsing it back; text YAML cannot hold in a block is quoted instead.
 */
export function answerValue(markdown: string, indent: string): string {
  if (markdown.trim() === '') return '';
  if (markdown === NOTHING_TO_REPORT) return ` ${NOTHING_TO_REPORT}`;
  const block = ` ${blockLiteral(markdown, '')}`;
  let readBack: unknown;
  try {
    readBack = (parse(`x:${block}\n`) as { x?: unknown } | null)?.x;
  } catch {
    readBack = undefined;
  }
  if (readBack === `${markdown}\n`) return ` ${blockLiteral(markdown, indent)}`;
  // JSON strings are YAML double-quoted scalars: every character survives, escaped where needed.
  return ` ${JSON.stringify(markdown)}`;
}

function questionLines(
  question: FormQuestion,
  indent: string,
  markdown: string,
  followUp: FollowUp | undefined,
): string[] {
  const out = commentLines(indent, `${question.id}) ${question.text}`, '   ');
  if (followUp) {
    out.push(`${indent}# Follow-up actions announced in the ${followUp.year} report (question C):`);
    out.push(...quotedLines(indent, followUp.markdown));
  }
  out.push(`${indent}${question.id}:${answerValue(markdown, indent)}`);
  return out;
}

/** A goal with its text as a comment above it and every question below it. */
export function goalLines(
  goal: FormGoal,
  indent: string,
  answers: ReadonlyMap<string, string> | undefined,
  followUp: FollowUp | undefined,
): string[] {
  const out = commentLines(indent, `Operational Goal: ${goal.text}`, '  ');
  out.push(`${indent}${goal.id}:`);
  out.push(...questionBlock(goal.questions, `${indent}  `, answers, followUp));
  return out;
}

/** Question keys (with their comments) for the given questions of a goal. */
export function questionBlock(
  questions: readonly FormQuestion[],
  indent: string,
  answers: ReadonlyMap<string, string> | undefined,
  followUp: FollowUp | undefined,
): string[] {
  return questions.flatMap((q) =>
    questionLines(q, indent, answers?.get(q.id) ?? '', q.id === REPORTED_ON_QUESTION ? followUp : undefined),
  );
}

/** A whole `target-<n>.yaml`: schema line, the target's text, and every goal and question of the form. */
export function renderAnswerFile(target: FormTarget, content: AnswerFileContent): string {
  const lines = [
    `# yaml-language-server: $schema=${content.schemaRef}`,
    '#',
    ...commentLines('', `Policy Target No. ${target.number}: ${target.text}`),
    '#',
    ...commentLines(
      '',
      'Write each answer in Markdown under its question: `A: |`, then the text on the lines below, indented two spaces more than the `A`. Write `--` when there is nothing to report; leave a question empty until it is answered.',
    ),
    `target: ${target.number}`,
    'goals:',
  ];
  target.goals.forEach((goal, i) => {
    if (i > 0) lines.push('');
    lines.push(...goalLines(goal, '  ', content.answers?.get(goal.id), content.followUps?.get(goal.id)));
  });
  return `${lines.join('\n')}\n`;
}
