import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DiagnosticData } from '../src/diagnostics/diagnostics.js';
import { renderAnswerFile } from '../src/import/answer-file.js';
import { extendAnswerFile } from '../src/import/extend.js';
import type { FormTarget } from '../src/model/form.js';
import { makeProject, repoRoot, runBinary, runInProcess } from './helpers/cli.js';
import { hashTree } from './helpers/files.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function scratch(options: { withKosovo?: boolean; withSchema?: boolean } = {}): Promise<string> {
  const project = await makeProject(options);
  cleanups.push(project.cleanup);
  if (options.withSchema) await cp(join(repoRoot, 'schemas'), join(project.dir, 'schemas'), { recursive: true });
  return project.dir;
}

const reportFile = (dir: string, name: string, year = 2014, country = 'kosovo') =>
  join(dir, 'reports', String(year), country, name);

async function validateJson(dir: string, year: number, country: string) {
  const result = await runInProcess(['validate', String(year), country, '--format', 'json'], dir);
  return {
    exitCode: result.exitCode,
    diagnostics: (JSON.parse(result.stdout) as { diagnostics: DiagnosticData[] }).diagnostics,
  };
}

/** `after` is `before` with text inserted at one place: every byte of `before` is still there, in order. */
function insertedOnce(before: string, after: string): string {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  expect(prefix + suffix).toBe(before.length);
  return after.slice(prefix, after.length - suffix);
}

/** The shipped 2014 form with a change made to its text (the project's forms/ wins over the shipped one). */
async function writeForm(dir: string, year: number, edit: (text: string) => string): Promise<void> {
  await mkdir(join(dir, 'forms'), { recursive: true });
  await writeFile(
    join(dir, 'forms', `${year}.yaml`),
    edit(await readFile(join(repoRoot, 'forms', '2014.yaml'), 'utf8')),
  );
}

describe('gareport init: a new report', () => {
  it('writes every goal and question, unanswered, with the form text as comments; it validates with warnings only', async () => {
    const dir = await scratch();
    const result = await runInProcess(['init', '2014', 'ukraine'], dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('created schemas/answers-2014.schema.json');
    expect(result.stdout).toContain('created reports/2014/ukraine/country.yaml');
    for (const n of [1, 2, 3, 4]) expect(result.stdout).toContain(`created reports/2014/ukraine/target-${n}.yaml`);

    const target4 = await readFile(reportFile(dir, 'target-4.yaml', 2014, 'ukraine'), 'utf8');
    const lines = target4.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../../../schemas/answers-2014.schema.json');
    expect(target4).toMatch(/^# Policy Target No\. 4: Reducing as much as possible/m);
    expect(target4).toContain(
      '  # Operational Goal: Increase the speed of notice and takedown procedures as much as possible\n  #   without jeopardizing criminal investigation.\n  notice-and-takedown:\n',
    );
    // The goal's own wording of question C, in full, right above its key.
    expect(target4).toContain(
      '    # C) Please indicate specific actions that will be undertaken as a follow-up\n    C:\n',
    );
    expect(parse(target4)).toEqual({
      target: 4,
      goals: {
        'private-sector-removal': { A: null, B: null, C: null },
        'notice-and-takedown': { A: null, B: null, C: null },
      },
    });

    // The $schema path leads to the schema file in the project, generated from the form.
    const ref = (lines[0] ?? '').split('$schema=')[1] ?? '';
    const schemaPath = resolve(dirname(reportFile(dir, 'target-4.yaml', 2014, 'ukraine')), ref);
    expect(schemaPath).toBe(join(dir, 'schemas', 'answers-2014.schema.json'));
    expect(await readFile(schemaPath, 'utf8')).toBe(
      await readFile(join(repoRoot, 'schemas', 'answers-2014.schema.json'), 'utf8'),
    );

    expect(parse(await readFile(reportFile(dir, 'country.yaml', 2014, 'ukraine'), 'utf8'))).toEqual({
      name: 'Ukraine',
      language: 'en',
    });
    const { exitCode, diagnostics } = await validateJson(dir, 2014, 'ukraine');
    expect(exitCode).toBe(0);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(new Set(diagnostics.map((d) => `${d.severity} ${d.code}`))).toEqual(new Set(['warning unanswered']));
  });

  it('suggests the participating country a typo was meant to be, and writes nothing', async () => {
    const dir = await scratch();
    const result = await runInProcess(['init', '2014', 'kosov'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('`kosov` is not one of the participating countries');
    expect(result.stderr).toContain('did you mean `kosovo`?');
    expect(await readdir(dir)).toEqual([]);
    for (const bad of ['Kosovo', 'kosovo_2', '../kosovo', 'kosovo-']) {
      expect((await runInProcess(['init', '2014', bad], dir)).exitCode, bad).toBe(2);
    }
    expect((await runInProcess(['init', '2019', 'kosovo'], dir)).exitCode).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts a country that is not in the list with --name, which goes in country.yaml', async () => {
    const dir = await scratch();
    const result = await runInProcess(['init', '2014', 'atlantis', '--name', 'Atlantis: Republic of'], dir);
    expect(result.exitCode).toBe(0);
    const country = parse(await readFile(reportFile(dir, 'country.yaml', 2014, 'atlantis'), 'utf8'));
    expect(country.name).toBe('Atlantis: Republic of');
    expect((await runInProcess(['validate', '2014', 'atlantis'], dir)).exitCode).toBe(0);
    // Once the report exists, running init again needs no --name.
    expect((await runInProcess(['init', '2014', 'atlantis'], dir)).exitCode).toBe(0);
  });
});

describe('gareport init over an existing report', () => {
  it('changes nothing without --force', async () => {
    const dir = await scratch({ withKosovo: true, withSchema: true });
    const before = await hashTree(dir);
    const result = await runInProcess(['init', '2014', 'kosovo'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('skipped reports/2014/kosovo/country.yaml (exists)');
    expect(result.stdout).toContain('skipped reports/2014/kosovo/target-1.yaml (it has every goal and question)');
    expect(await hashTree(dir)).toEqual(before);
  });

  it('adds a goal and a target file from a newer form, keeping every existing byte', async () => {
    const dir = await scratch({ withKosovo: true, withSchema: true });
    await writeForm(dir, 2014, (form) =>
      form
        // A goal in the middle of target 2, one at the end of target 4, and a fifth target.
        .replace(
          '      - id: joint-law-enforcement',
          '      - id: offender-registry\n        text: Establish a registry of convicted offenders.\n      - id: joint-law-enforcement',
        )
        .concat(
          '      - id: hotline-reports\n        text: Support national hotlines that receive reports from the public.\n',
          '  - number: 5\n    text: A target added in the newer form.\n    goals:\n      - id: new-target-goal\n        text: A goal of the new target.\n',
        ),
    );
    const before = new Map<number, string>();
    for (const n of [1, 2, 3, 4]) before.set(n, await readFile(reportFile(dir, `target-${n}.yaml`), 'utf8'));

    const result = await runInProcess(['init', '2014', 'kosovo'], dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('extended reports/2014/kosovo/target-2.yaml (added goal `offender-registry`)');
    expect(result.stdout).toContain('extended reports/2014/kosovo/target-4.yaml (added goal `hotline-reports`)');
    expect(result.stdout).toContain('created reports/2014/kosovo/target-5.yaml');
    expect(result.stdout).toContain('skipped reports/2014/kosovo/target-1.yaml');
    // The project's schema no longer matches its form; init says so rather than replacing it.
    expect(result.stdout).toContain('answers-2014.schema.json differs from the current 2014 form');

    const after2 = await readFile(reportFile(dir, 'target-2.yaml'), 'utf8');
    expect(insertedOnce(before.get(2) ?? '', after2)).toContain('offender-registry:');
    // The hand-written file has no blank lines between goals; neither has what is added.
    expect(after2).toContain(
      'lasted for one week.\n  # Operational Goal: Establish a registry of convicted offenders.\n  offender-registry:\n    # A) Please report',
    );
    expect(after2).toContain('    C:\n  joint-law-enforcement:\n');
    expect(after2.indexOf('offender-registry:')).toBeLessThan(after2.indexOf('joint-law-enforcement:'));
    const after4 = await readFile(reportFile(dir, 'target-4.yaml'), 'utf8');
    expect(insertedOnce(before.get(4) ?? '', after4)).toContain('hotline-reports:\n');
    expect(await readFile(reportFile(dir, 'target-1.yaml'), 'utf8')).toBe(before.get(1));
    expect(await readFile(reportFile(dir, 'target-3.yaml'), 'utf8')).toBe(before.get(3));

    const data2 = parse(after2);
    const old2 = parse(before.get(2) ?? '');
    expect(data2.goals['offender-registry']).toEqual({ A: null, B: null, C: null });
    expect(data2.goals['criminalization-framework']).toEqual(old2.goals['criminalization-framework']);
    expect(data2.goals['joint-law-enforcement']).toEqual(old2.goals['joint-law-enforcement']);

    const { exitCode, diagnostics } = await validateJson(dir, 2014, 'kosovo');
    expect(exitCode).toBe(0);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);

    // Run again: now complete, so nothing changes.
    const hashes = await hashTree(dir);
    expect((await runInProcess(['init', '2014', 'kosovo'], dir)).exitCode).toBe(0);
    expect(await hashTree(dir)).toEqual(hashes);
  });

  it('adds a question the newer form asks to every goal, after the answers that are there', async () => {
    const dir = await scratch({ withKosovo: true, withSchema: true });
    await writeForm(dir, 2014, (form) =>
      form.replace(
        '    text: Please indicate specific actions that your country will undertake as a follow-up\n',
        '    text: Please indicate specific actions that your country will undertake as a follow-up\n  - id: D\n    text: Please name a contact point\n',
      ),
    );
    const before = await readFile(reportFile(dir, 'target-3.yaml'), 'utf8');
    const result = await runInProcess(['init', '2014', 'kosovo'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      'extended reports/2014/kosovo/target-3.yaml (added question D of goal `awareness-campaigns`, question D of goal `share-best-practices`)',
    );
    const after = await readFile(reportFile(dir, 'target-3.yaml'), 'utf8');
    const data = parse(after);
    expect(data.goals['share-best-practices']).toEqual({ A: '--', B: '--', C: '--', D: null });
    expect(data.goals['awareness-campaigns'].C).toBe(parse(before).goals['awareness-campaigns'].C);
    expect(after).toContain('    C: --\n    # D) Please name a contact point\n    D:\n');
    expect((await runInProcess(['validate', '2014', 'kosovo'], dir)).exitCode).toBe(0);
  });

  it('--force replaces the files and says what it replaced', async () => {
    const dir = await scratch({ withKosovo: true, withSchema: true });
    const result = await runInProcess(['init', '2014', 'kosovo', '--force'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('replaced reports/2014/kosovo/target-1.yaml (its 2 answers were discarded)');
    expect(result.stdout).toContain('replaced reports/2014/kosovo/target-4.yaml (it had no answers)');
    expect(result.stdout).toContain('replaced reports/2014/kosovo/country.yaml');
    expect(parse(await readFile(reportFile(dir, 'target-1.yaml'), 'utf8')).goals).toEqual({
      'icse-victim-identification': { A: null, B: null, C: null },
    });
  });

  it('--force keeps a copy of every file it replaces, one folder per run', async () => {
    const dir = await scratch({ withKosovo: true, withSchema: true });
    const before = await readFile(reportFile(dir, 'target-1.yaml'), 'utf8');
    const result = await runInProcess(['init', '2014', 'kosovo', '--force'], dir);
    const run = /copies of the replaced files are in (\.gareport\/backup\/\S+)\n/.exec(result.stdout)?.[1];
    expect(run).toMatch(/^\.gareport\/backup\/\d{8}T\d{6}Z-2014-kosovo/);
    expect(await readFile(join(dir, String(run), 'target-1.yaml'), 'utf8')).toBe(before);
    expect((await readdir(join(dir, String(run)))).sort()).toEqual([
      'country.yaml',
      'target-1.yaml',
      'target-2.yaml',
      'target-3.yaml',
      'target-4.yaml',
    ]);
    await runInProcess(['init', '2014', 'kosovo', '--force'], dir);
    expect(await readdir(join(dir, '.gareport', 'backup'))).toHaveLength(2);
    expect(await readFile(join(dir, String(run), 'target-1.yaml'), 'utf8')).toBe(before);
  });
});

describe('gareport init: follow-up actions of the previous report', () => {
  it("shows the 2014 answers to C as comments next to 2015's question A", async () => {
    const dir = await scratch({ withKosovo: true });
    await writeForm(dir, 2015, (form) =>
      form
        .replace('year: 2014', 'year: 2015')
        .replace('2014 Reporting Form', '2015 Reporting Form')
        .replace("in your country's 2013 report", "in your country's 2014 report"),
    );
    const result = await runInProcess(['init', '2015', 'kosovo'], dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      'the follow-up actions of the 2014 report are shown as comments next to question A (4 goals)',
    );

    const target1 = await readFile(reportFile(dir, 'target-1.yaml', 2015), 'utf8');
    expect(target1).toContain(
      [
        "    # A) Please report on implementation of any measures announced in your country's 2014 report",
        '    # Follow-up actions announced in the 2014 report (question C):',
        '    #   Kosovo Police has made significant progress in fighting this phenomenon by establishing specialized structures within Kosovo Police.',
        '    #',
        '    #   The Unit for Protection of Children subject to misuse within the Directorate for Serious Crimes has drafted standard operating procedures for protection of the victims and investigation of these cases.',
        '    A:',
      ].join('\n'),
    );
    const target3 = await readFile(reportFile(dir, 'target-3.yaml', 2015), 'utf8');
    expect(target3).toContain('    #   1. Completion of the four sessions of the training for trainers;\n');
    // `--` announced nothing: no comment for that goal.
    expect(target3.split('share-best-practices:')[1]).not.toContain('Follow-up actions announced');
    // The name comes from the earlier report.
    expect(parse(await readFile(reportFile(dir, 'country.yaml', 2015), 'utf8')).name).toBe('Kosovo');

    const { exitCode, diagnostics } = await validateJson(dir, 2015, 'kosovo');
    expect(exitCode).toBe(0);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['unanswered']));
  });
});

describe('extendAnswerFile: shapes of existing files', () => {
  const target: FormTarget = {
    number: 1,
    text: 'Target one.',
    goals: [
      { id: 'first', text: 'First goal.', questions: [{ id: 'A', text: 'Question A' }] },
      { id: 'second', text: 'Second goal.', questions: [{ id: 'A', text: 'Question A' }] },
    ],
  };

  it('gives a file init wrote exactly what init would write today', () => {
    const full = renderAnswerFile(target, { schemaRef: 'schema.json' });
    const [head = '', secondGoal = ''] = full.split('\n\n  # Operational Goal: Second goal.');
    const withoutSecond = `${head}\n`;
    const withoutFirst = full.replace(/ {2}# Operational Goal: First goal\.[\s\S]*?\n\n/, '');
    expect(secondGoal).toContain('second:');
    expect(withoutFirst).not.toContain('first:');
    expect(extendAnswerFile(withoutSecond, target, undefined).text).toBe(full);
    expect(extendAnswerFile(withoutFirst, target, undefined).text).toBe(full);
  });

  it('adds to a file without a final newline, and keeps CRLF line endings', () => {
    const original = 'target: 1\r\ngoals:\r\n  first:\r\n    A: |\r\n      Text.';
    const result = extendAnswerFile(original, target, undefined);
    expect(result.added).toEqual(['goal `second`']);
    expect(result.text?.startsWith(original)).toBe(true);
    expect(result.text).toContain('\r\n  second:\r\n    # A) Question A\r\n    A:\r\n');
    expect(parse(result.text ?? '').goals).toEqual({ first: { A: 'Text.\n' }, second: { A: null } });
  });

  it('fills a goal that is there but empty, and a `goals:` with nothing under it', () => {
    const emptyGoal = extendAnswerFile('target: 1\ngoals:\n  first:\n  second:\n    A: --\n', target, undefined);
    expect(parse(emptyGoal.text ?? '').goals).toEqual({ first: { A: null }, second: { A: '--' } });
    const emptyGoals = extendAnswerFile('target: 1\ngoals:\n', target, undefined);
    expect(Object.keys(parse(emptyGoals.text ?? '').goals)).toEqual(['first', 'second']);
  });

  it('keeps comments at the end of the last goal with that goal', () => {
    const original = 'target: 1\ngoals:\n  first:\n    A: --\n    # my note about first\n\n# end of file\n';
    const result = extendAnswerFile(original, target, undefined);
    const text = result.text ?? '';
    expect(text.indexOf('# my note about first')).toBeLessThan(text.indexOf('second:'));
    expect(text.indexOf('second:')).toBeLessThan(text.indexOf('# end of file'));
  });

  it('leaves alone what it cannot add to safely', () => {
    expect(extendAnswerFile('target: 1\ngoals: {first: {A: x}}\n', target, undefined).problem).toContain(
      'not written as an indented list',
    );
    expect(extendAnswerFile('target: 1\ngoals:\n  first: [\n', target, undefined).problem).toContain('not valid YAML');
  });
});

describe('gareport init through the binary', () => {
  it('creates a report, and refuses a typo with exit 2', async () => {
    const dir = await scratch();
    const created = await runBinary(['init', '2014', 'ukraine'], dir);
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toContain('created reports/2014/ukraine/target-1.yaml');
    expect((await runInProcess(['validate', '2014', 'ukraine'], dir)).exitCode).toBe(0);
    const typo = await runBinary(['init', '2014', 'kosov'], dir);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('did you mean `kosovo`?');
  });
});
