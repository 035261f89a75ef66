import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForm } from '../src/model/report.js';
import { makeProject, repoRoot, runBinary, runInProcess } from './helpers/cli.js';

const committed = join(repoRoot, 'schemas', 'answers-2014.schema.json');
const kosovo = join(repoRoot, 'reports', '2014', 'kosovo');

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  expect(value).toBeTypeOf('object');
  expect(value).not.toBeNull();
  return value as Json;
}

/** The `object` alternative of an `anyOf: [object, null]` (how optional, nullable maps are written). */
function objectBranch(schema: unknown): Json {
  const anyOf = object(schema).anyOf as unknown[];
  expect(anyOf).toHaveLength(2);
  expect(anyOf).toContainEqual({ type: 'null' });
  return object(anyOf.find((s) => object(s).type === 'object'));
}

describe('gareport schema 2014', () => {
  it.each([
    { name: 'in-process', run: runInProcess },
    { name: 'binary', run: runBinary },
  ])('prints the committed schemas/answers-2014.schema.json ($name)', async ({ run }) => {
    const result = await run(['schema', '2014'], repoRoot);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    // Byte for byte: regenerate with `gareport schema 2014 --out schemas/answers-2014.schema.json`.
    expect(result.stdout).toBe(await readFile(committed, 'utf8'));
  });

  it('--out writes the same file', async () => {
    const project = await makeProject();
    try {
      const result = await runInProcess(['schema', '2014', '--out', 'answers.schema.json'], project.dir);
      expect(result.exitCode).toBe(0);
      expect(await readFile(join(project.dir, 'answers.schema.json'), 'utf8')).toBe(await readFile(committed, 'utf8'));
    } finally {
      await project.cleanup();
    }
  });

  it('is a draft-07 JSON Schema with one branch per policy target', async () => {
    const schema = object(JSON.parse(await readFile(committed, 'utf8')));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Answer file, Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form');

    const { form } = await loadForm({ cwd: repoRoot, packageRoot: repoRoot }, 2014);
    if (!form) throw new Error('the 2014 form did not load');
    const branches = schema.oneOf as unknown[];
    expect(branches).toHaveLength(4);
    branches.forEach((b, i) => {
      const target = form.targets[i];
      if (!target) throw new Error(`no target ${i + 1}`);
      const branch = object(b);
      expect(branch.type).toBe('object');
      expect(branch.additionalProperties).toBe(false);
      expect(branch.required).toEqual(['target']);
      const properties = object(branch.properties);
      expect(Object.keys(properties)).toEqual(['target', 'goals']);
      expect(object(properties.target).const).toBe(target.number);

      const goals = objectBranch(properties.goals);
      expect(goals.additionalProperties).toBe(false);
      const goalSchemas = object(goals.properties);
      expect(Object.keys(goalSchemas)).toEqual(target.goals.map((g) => g.id));
      for (const goal of target.goals) {
        const goalSchema = object(goalSchemas[goal.id]);
        expect(goalSchema.description).toBe(goal.text);
        const questions = objectBranch(goalSchema);
        expect(questions.additionalProperties).toBe(false);
        const questionSchemas = object(questions.properties);
        expect(Object.keys(questionSchemas)).toEqual(['A', 'B', 'C']);
        for (const q of goal.questions) {
          const question = object(questionSchemas[q.id]);
          expect(question.type).toEqual(['string', 'null']);
          expect(String(question.description)).toContain(`${q.id}) ${q.text}.`);
        }
      }
    });
  });
});

describe('the Kosovo answer files', () => {
  it('each start with a yaml-language-server line pointing at the committed schema', async () => {
    const files = (await readdir(kosovo)).filter((f) => /^target-\d+\.yaml$/.test(f)).sort();
    expect(files).toEqual(['target-1.yaml', 'target-2.yaml', 'target-3.yaml', 'target-4.yaml']);
    for (const file of files) {
      const path = join(kosovo, file);
      const firstLine = (await readFile(path, 'utf8')).split('\n')[0] ?? '';
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
      expect(match, `${file} starts with: ${firstLine}`).not.toBeNull();
      const target = resolve(dirname(path), match?.[1] ?? '');
      expect(target).toBe(committed);
      await expect(access(target)).resolves.toBeUndefined();
    }
  });
});
