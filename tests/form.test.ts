import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FormDefinition } from '../src/model/form.js';
import { loadFormFile, questionCount } from '../src/model/form.js';
import { loadForm } from '../src/model/report.js';
import { makeProject, repoRoot, runBinary, runInProcess } from './helpers/cli.js';
import { seedPath } from './helpers/words.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
const shippedForm = join(repoRoot, 'forms', '2014.yaml');

/** The original filled-in form, with Markdown emphasis removed and the one line broken in two joined again. */
async function seedText(): Promise<string> {
  const raw = await readFile(seedPath, 'utf8');
  return raw.replace(/\*/g, '').replace('as much as\n\npossible', 'as much as possible');
}

async function shipped(): Promise<FormDefinition> {
  const { form, diagnostics } = await loadForm({ cwd: repoRoot, packageRoot: repoRoot }, 2014);
  expect(diagnostics).toEqual([]);
  if (!form) throw new Error('the 2014 form did not load');
  return form;
}

describe('the 2014 form', () => {
  it('has 4 policy targets, 7 operational goals and 21 questions', async () => {
    const form = await shipped();
    expect(form.year).toBe(2014);
    expect(form.targets.map((t) => t.number)).toEqual([1, 2, 3, 4]);
    expect(form.targets.flatMap((t) => t.goals)).toHaveLength(7);
    expect(form.targets.map((t) => t.goals.length)).toEqual([1, 2, 2, 2]);
    expect(questionCount(form)).toBe(21);
    for (const goal of form.targets.flatMap((t) => t.goals))
      expect(goal.questions.map((q) => q.id)).toEqual(['A', 'B', 'C']);
  });

  it('loads the same through loadFormFile', async () => {
    const { form, diagnostics } = await loadFormFile(shippedForm, 'forms/2014.yaml');
    expect(diagnostics).toEqual([]);
    expect(form?.targets).toEqual((await shipped()).targets);
  });

  it('has unique goal ids that are slugs', async () => {
    const ids = (await shipped()).targets.flatMap((t) => t.goals.map((g) => g.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('words every target, goal and question exactly as the original form', async () => {
    const seed = await seedText();
    for (const target of (await shipped()).targets) {
      expect(seed).toContain(`Policy Target No. ${target.number}\n\n${target.text}\n`);
      for (const goal of target.goals) {
        const start = seed.indexOf(`Operational Goal: ${goal.text}\n`);
        expect(start, goal.id).toBeGreaterThan(-1);
        // The goal's own section: up to the next goal or target.
        const rest = seed.slice(start + 1);
        const ends = [rest.indexOf('Operational Goal: '), rest.indexOf('Policy Target No. ')].filter((i) => i !== -1);
        const section = rest.slice(0, ends.length ? Math.min(...ends) : undefined);
        for (const q of goal.questions) expect(section, `${goal.id} ${q.id}`).toContain(`${q.id}) ${q.text}\n`);
      }
    }
  });

  it("words the last goal's question C as the form does", async () => {
    const last = (await shipped()).targets.at(-1)?.goals.at(-1);
    expect(last?.id).toBe('notice-and-takedown');
    expect(last?.questions.find((q) => q.id === 'C')?.text).toBe(
      'Please indicate specific actions that will be undertaken as a follow-up',
    );
    // The other goals keep the common wording.
    const first = (await shipped()).targets[0]?.goals[0];
    expect(first?.questions.find((q) => q.id === 'C')?.text).toBe(
      'Please indicate specific actions that your country will undertake as a follow-up',
    );
  });
});

describe("a project's own forms/2014.yaml", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function projectWithForm(form: string): Promise<string> {
    const project = await makeProject({ withKosovo: true });
    cleanups.push(project.cleanup);
    await mkdir(join(project.dir, 'forms'));
    await writeFile(join(project.dir, 'forms', '2014.yaml'), form);
    return project.dir;
  }

  it('wins over the one shipped with gareport', async () => {
    const original = await readFile(shippedForm, 'utf8');
    const dir = await projectWithForm(original.replace('id: notice-and-takedown', 'id: takedown-speed'));
    const { form } = await loadForm({ cwd: dir, packageRoot: repoRoot }, 2014);
    expect(form?.path).toBe(join(dir, 'forms', '2014.yaml'));
    expect(form?.targets[3]?.goals[1]?.id).toBe('takedown-speed');

    // In-process: the binary is run on a broken form in the test below.
    const result = await runInProcess(['validate', '2014', 'kosovo'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'reports/2014/kosovo/target-4.yaml:8:3  error  unknown goal `notice-and-takedown` for policy target 4',
    );
    expect(result.stdout).toContain(
      'hint: the goals of policy target 4 are `private-sector-removal`, `takedown-speed`',
    );
  });

  it('with a duplicate goal id gives a positioned error, not a crash', async () => {
    const original = await readFile(shippedForm, 'utf8');
    const dir = await projectWithForm(original.replace('id: joint-law-enforcement', 'id: criminalization-framework'));
    const { form, diagnostics } = await loadFormFile(join(dir, 'forms', '2014.yaml'), 'forms/2014.yaml');
    expect(form).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'forms/2014.yaml',
        line: 30,
        column: 13,
        fatal: true,
        message: 'goal id `criminalization-framework` is used twice',
      }),
    ]);
    for (const run of [runInProcess, runBinary]) {
      const result = await run(['validate'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        'forms/2014.yaml:30:13  error  goal id `criminalization-framework` is used twice',
      );
      expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('with no title gives a positioned error in plain words', async () => {
    const original = await readFile(shippedForm, 'utf8');
    const dir = await projectWithForm(original.replace(/^title: .*\n/m, ''));
    // In-process: the binary is run on a broken form in the test above.
    const result = await runInProcess(['validate'], dir);
    expect(result.exitCode).toBe(1);
    // At the first key of the form, after its comments.
    expect(result.stdout).toContain('forms/2014.yaml:4:1  error  `title` is missing');
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).not.toMatch(/Invalid input|expected string|received undefined/);
  });

  it('reports every problem of a broken form at its place', async () => {
    const dir = await projectWithForm(
      [
        'year: "2014"',
        'title: ""',
        'questions:',
        '  - id: A',
        '    text: Please report',
        'targets:',
        '  - number: 1',
        '    text: Enhancing efforts',
        '    goals:',
        '      - id: Victim_Identification',
        '        text: Increase the number',
        '        questions:',
        '          D: Extra question',
        '        note: x',
        '',
      ].join('\n'),
    );
    const { diagnostics } = await loadFormFile(join(dir, 'forms', '2014.yaml'), 'forms/2014.yaml');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:7 `year` must be a number',
      '2:8 `title` must not be empty',
      '10:13 `id` must be lower-case letters, digits and single hyphens (a slug)',
      '14:9 unknown key `note`',
    ]);
    const result = await runInProcess(['validate'], dir);
    expect(result.exitCode).toBe(1);
  });

  it('that is not YAML at all gives a positioned error', async () => {
    const original = await readFile(shippedForm, 'utf8');
    const dir = await projectWithForm(original.replace('  - id: A\n', '  - id: "A\n'));
    const result = await runInProcess(['validate'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^forms\/2014\.yaml:11:9 {2}error {2}this text starts with a quote/m);
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
  });
});
