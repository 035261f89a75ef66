import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importFilledForm } from '../src/commands/import.js';
import type { FormDefinition } from '../src/model/form.js';
import { repoRoot, runInProcess } from './helpers/cli.js';
import type { Answers } from './helpers/filled-form.js';
import { filledFormText, formOf } from './helpers/filled-form.js';
import { firstMissingWord } from './helpers/words.js';

/** Letters of several scripts, digits, and punctuation, Markdown's included. */
const ANY_TEXT = [...'abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789éßçøЖжλαبمעש中文', ...'.,;:!?\'"()%&/*_#<>[]`~+=@$'];
/** Text that renders as itself: no Markdown syntax, so every word must reach the report. */
const PLAIN_TEXT = [...'abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789éßçøЖжλαبמעש中文', ...".,;:!?'()%"];

const word = (chars: string[]) =>
  fc
    .array(fc.constantFrom(...chars), { minLength: 1, maxLength: 9 })
    .map((c) => c.join(''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
const line = (chars: string[]) => fc.array(word(chars), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const paragraph = (chars: string[]) => fc.array(line(chars), { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
const answerText = (chars: string[]) =>
  fc.array(paragraph(chars), { minLength: 1, maxLength: 3 }).map((p) => p.join('\n\n'));

/** Some of the form's questions answered with random text (or `--`), at least one. */
function answersFor(form: FormDefinition, chars: string[]): fc.Arbitrary<Answers> {
  const questions = form.targets.flatMap((t) => t.goals.flatMap((g) => g.questions.map((q) => [g.id, q.id] as const)));
  return fc
    .array(
      fc.option(fc.oneof({ weight: 6, arbitrary: answerText(chars) }, { weight: 1, arbitrary: fc.constant('--') })),
      {
        minLength: questions.length,
        maxLength: questions.length,
      },
    )
    .filter((a) => a.some((x) => x !== null))
    .map((texts) => {
      const out: Answers = {};
      questions.forEach(([goal, q], i) => {
        const text = texts[i];
        if (!text) return;
        const goalAnswers = out[goal] ?? {};
        goalAnswers[q] = text;
        out[goal] = goalAnswers;
      });
      return out;
    });
}

/** What the planned answer files say: goal → question → text without the block's final newline, '' when empty. */
function plannedAnswers(files: { path: string; content: string }[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const f of files.filter((f) => /target-\d+\.yaml$/.test(f.path))) {
    const data = parse(f.content) as { goals: Record<string, Record<string, string | null>> };
    for (const [goal, qs] of Object.entries(data.goals)) {
      out[goal] = Object.fromEntries(Object.entries(qs).map(([q, text]) => [q, (text ?? '').replace(/\n$/, '')]));
    }
  }
  return out;
}

describe('gareport import: any filled-in form', () => {
  it('imports to answer files whose answers are the text typed under each question', async () => {
    const form = await formOf(2014);
    const dir = await mkdtemp(join(tmpdir(), 'gareport-prop-'));
    try {
      await fc.assert(
        fc.asyncProperty(answersFor(form, ANY_TEXT), async (answers) => {
          await writeFile(join(dir, 'filled.txt'), filledFormText(form, answers));
          const result = await importFilledForm({
            cwd: dir,
            packageRoot: repoRoot,
            file: join(dir, 'filled.txt'),
            shownFile: 'filled.txt',
            year: 2014,
            country: 'kosovo',
            dryRun: true,
          });
          expect(result.diagnostics.filter((d) => d.ruleId === 'unplaced-text')).toEqual([]);
          expect(result.outcome).toBe('dry-run');
          const written = plannedAnswers(result.files);
          for (const target of form.targets)
            for (const goal of target.goals)
              for (const q of goal.questions)
                expect(written[goal.id]?.[q.id], `${goal.id} ${q.id}`).toBe(answers[goal.id]?.[q.id] ?? '');
        }),
        { numRuns: 40 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('import, then build: every word of every answer is in the report, in order', async () => {
    const form = await formOf(2014);
    await fc.assert(
      fc.asyncProperty(answersFor(form, PLAIN_TEXT), async (answers) => {
        const dir = await mkdtemp(join(tmpdir(), 'gareport-prop-'));
        try {
          const text = filledFormText(form, answers);
          await writeFile(join(dir, 'filled.txt'), text);
          const imported = await runInProcess(['import', 'filled.txt', '2014', 'kosovo'], dir);
          expect(imported.exitCode, imported.stderr).toBe(0);
          const built = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
          expect(built.exitCode, built.stderr).toBe(0);
          const markdown = await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8');
          // The whole document, form text and answers, in the same order.
          expect(firstMissingWord(text.replace(/^--$/gm, ''), markdown)).toBeUndefined();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 8 },
    );
  });
});
