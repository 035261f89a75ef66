/** The one translator of zod issues (check/zod-issues): general words, and the answer files' own. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { schemaIssueDiagnostics, zodIssueDiagnostics } from '../src/check/zod-issues.js';
import type { Diagnostic } from '../src/diagnostics/diagnostics.js';
import { diagnosticData } from '../src/diagnostics/diagnostics.js';
import { parseYaml } from '../src/load/parse-yaml.js';
import { sourceOf } from '../src/load/source-text.js';
import { targetFileSchema } from '../src/model/answer-file-schema.js';
import { answerIssueWording } from '../src/model/answer-issues.js';
import type { FormTarget } from '../src/model/form.js';

function parsed(text: string) {
  const source = sourceOf('x.yaml', text);
  const { doc } = parseYaml(source);
  if (!doc) throw new Error('test YAML does not parse');
  return { source, doc, value: doc.toJS() as unknown };
}

const shown = (ds: Diagnostic[]) =>
  ds
    .map(diagnosticData)
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((d) => ({ at: `${d.line}:${d.column}`, code: d.code, message: d.message, hint: d.hint }));

describe('the general wording', () => {
  const schema = z.object({ title: z.string().min(1), count: z.number(), kind: z.enum(['a', 'b']) }).strict();
  const words = (text: string) => {
    const { source, doc, value } = parsed(text);
    const result = schema.safeParse(value);
    if (result.success) return [];
    return shown(result.error.issues.flatMap((issue) => schemaIssueDiagnostics(source, doc, issue, 'bad', 'hint')));
  };

  it('points at the key of an unknown or missing key, and at the value of a wrong one', () => {
    expect(words('title: ""\ncount: many\nkind: c\nextra: 1\n')).toEqual([
      { at: '1:8', code: 'bad', message: '`title` must not be empty', hint: 'hint' },
      { at: '2:8', code: 'bad', message: '`count` must be a number', hint: 'hint' },
      { at: '3:7', code: 'bad', message: '`kind` must be `a` or `b`', hint: 'hint' },
      { at: '4:1', code: 'bad', message: 'unknown key `extra`', hint: 'hint' },
    ]);
    expect(words('title: t\nkind: a\n')).toEqual([
      { at: '1:1', code: 'bad', message: '`count` is missing', hint: 'hint' },
    ]);
    expect(words('title:\ncount: 1\nkind: a\n')).toEqual([
      { at: '1:7', code: 'bad', message: '`title` is empty; it must be text', hint: 'hint' },
    ]);
  });
});

describe('the answer files’ wording', () => {
  const target: FormTarget = {
    number: 1,
    text: 'Target one',
    goals: [{ id: '1.1', text: 'Goal', questions: [{ id: 'A', text: 'Question A' }] }],
  } as FormTarget;
  const other: FormTarget = { ...target, number: 2, goals: [{ ...target.goals[0], id: '2.1' }] } as FormTarget;
  const words = (text: string) => {
    const { source, doc, value } = parsed(text);
    const result = targetFileSchema(target).safeParse(value);
    if (result.success) return [];
    const wording = answerIssueWording({ target, allTargets: [target, other] });
    return shown(zodIssueDiagnostics(source, doc, result.error.issues, wording));
  };

  it('speaks of targets, goals and questions', () => {
    expect(words('target: 2\ngoals:\n  "2.1":\n    A: x\n  "1.1":\n    a: y\n')).toEqual([
      {
        at: '1:9',
        code: 'wrong-target',
        message: '`target` is `2`, but this file is target-1.yaml, which answers policy target 1',
        hint: 'write `target: 1`, or move these answers to the file of the target they belong to',
      },
      {
        at: '3:3',
        code: 'unknown-goal',
        message: 'unknown goal `2.1` for policy target 1',
        hint: '`2.1` is a goal of policy target 2: move it to target-2.yaml',
      },
      {
        at: '6:5',
        code: 'unknown-question',
        message: 'unknown question `a` under goal `1.1`',
        hint: 'did you mean `A`? question keys are capital letters',
      },
    ]);
  });

  it('says what a value should hold', () => {
    expect(words('goals:\n  "1.1":\n    A: [x]\n')).toEqual([
      {
        at: '1:1',
        code: 'missing-target',
        message: 'the file does not say which policy target it answers',
        hint: 'add the line `target: 1` at the top',
      },
      {
        at: '3:8',
        code: 'answer-not-text',
        message: 'the answer to question A must be text, not a list',
        hint: 'write the answer as a block: `A: |` followed by lines indented two more spaces',
      },
    ]);
  });

  it('names what was found and what would be right, for machine readers (vfile’s actual and expected)', () => {
    const { source, doc, value } = parsed('target: 1\ngoals:\n  "1.2":\n    A: x\n');
    const result = targetFileSchema(target).safeParse(value);
    if (result.success) throw new Error('the file should not pass');
    const [d] = zodIssueDiagnostics(
      source,
      doc,
      result.error.issues,
      answerIssueWording({ target, allTargets: [target] }),
    );
    expect([d?.actual, d?.expected]).toEqual(['1.2', ['1.1']]);
  });
});
