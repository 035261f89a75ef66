/** Issue 21 (items 2–7, 9–11): next year's form, honest outputs, and messages that point at the right fix. */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary, runInProcess, withProject } from './helpers/cli.js';

const KOSOVO = join('reports', '2014', 'kosovo');

describe('a year with reports and no form (issue 21 item 11)', () => {
  it('`build 2016` says there is no form for 2016 and how to make one', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2016', 'kosovo'), { recursive: true });
      const result = await runBinary(['build', '2016'], dir);
      expect(result.exitCode).toBe(1);
      const all = result.stdout + result.stderr;
      expect(all).toContain('there is no reporting form for 2016');
      expect(all).toContain('gareport form new 2016 --from 2014');
      expect(all).not.toContain('the form has errors');
      const validated = await runInProcess(['validate', '2016'], dir);
      expect(validated.stdout + validated.stderr).not.toContain('in 0 files');
    });
  });

  it('`init 2015 kosovo` before the form exists names `gareport form new 2015 --from 2014`', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runBinary(['init', '2015', 'kosovo'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('there is no reporting form for 2015');
      expect(result.stderr).toContain('gareport form new 2015 --from 2014');
    });
  });
});

/** Kosovo's 2014 report in a scratch project with target-1.yaml edited by `edit`; `validate 2014 kosovo` through the binary. */
async function validateEdited(edit: (text: string) => string, file = 'target-1.yaml') {
  return withProject({ withKosovo: true }, async ({ dir }) => {
    const path = join(dir, KOSOVO, file);
    await writeFile(path, edit(await readFile(path, 'utf8')));
    return runBinary(['validate', '2014', 'kosovo'], dir, { NO_COLOR: '1' });
  });
}

describe('a missing question letter (issue 21 item 9)', () => {
  it('is reported at its own line as a missing question letter, and no hint says `null: |`', async () => {
    const result = await validateEdited((t) =>
      t.replace('    B:\n', '    : Good progress.\n    # More to come.\n    B:\n'),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('target-1.yaml:7:7  error  a question letter is missing');
    expect(result.stdout).not.toContain('unknown question');
    expect(result.stdout).not.toContain('null: |');
  });
});

/** The diagnostics of one file in a validate run's output: `at  severity  message` lines and their hints. */
function problemsOf(stdout: string, file: string): { head: string; hint: string }[] {
  const blocks = stdout.split('\n\n').filter((b) => b.startsWith(`${KOSOVO.replaceAll('\\', '/')}/${file}:`));
  return blocks.map((b) => ({ head: b.split('\n')[0] ?? '', hint: /hint: (.*)/.exec(b)?.[1] ?? '' }));
}

describe('one cause, one message, in the words of its file (issue 21 item 10)', () => {
  it('a tab before a question letter gives one error, not also "not lined up" for the lines after it', async () => {
    const result = await validateEdited((t) => t.replace('    A: |\n', '\tA: |\n'));
    const errors = problemsOf(result.stdout, 'target-1.yaml').filter((p) => p.head.includes('  error  '));
    expect(errors.map((e) => e.head)).toEqual([
      `${KOSOVO}/target-1.yaml:5:1  error  this line is indented with a tab; YAML needs spaces`,
    ]);
  });

  it('an answer line indented too little is pointed at, with a hint about the answer, not "keys"', async () => {
    const result = await validateEdited((t) => t.replace('      The Unit', ' The Unit'));
    const [problem, ...more] = problemsOf(result.stdout, 'target-1.yaml').filter((p) => p.head.includes('error'));
    expect(more).toEqual([]);
    expect(problem?.head).toContain('target-1.yaml:11:2  error');
    expect(problem?.hint).toContain('answer to `C`');
    expect(problem?.hint).toContain('6 spaces');
    expect(problem?.hint).not.toContain('keys');
  });

  it.each([
    ['name: [Kosovo\nlanguage: en\n', 'this `[` is never closed'],
    ['name: Kosovo\nlanguage en\nauthority: Ministry\n', 'no colon after its first word'],
    ['name: Kosovo\n---\nlanguage: en\n', '`---`'],
  ])(
    'a YAML error in country.yaml (%j) gets a hint in country.yaml words, not about answers',
    async (text, message) => {
      const result = await validateEdited(() => text, 'country.yaml');
      expect(result.exitCode).toBe(1);
      const [problem] = problemsOf(result.stdout, 'country.yaml');
      expect(problem?.head).toContain(message);
      expect(problem?.hint).not.toMatch(/answer|question/);
    },
  );
});
