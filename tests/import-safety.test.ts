import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scratchProjects } from './helpers/answers-written.js';
import { runInProcess } from './helpers/cli.js';
import { hashTree } from './helpers/files.js';
import { filledFormText, formOf } from './helpers/filled-form.js';
import { seedPath as seed } from './helpers/words.js';

const scratch = scratchProjects();

const report = (dir: string, file = 'target-1.yaml') => join(dir, 'reports', '2014', 'kosovo', file);

async function answersOf(path: string): Promise<Record<string, Record<string, string | null>>> {
  return (parse(await readFile(path, 'utf8')) as { goals: Record<string, Record<string, string | null>> }).goals;
}

/** The backup folders, and the files each holds. */
async function backups(dir: string): Promise<Record<string, string[]>> {
  const root = join(dir, '.gareport', 'backup');
  const out: Record<string, string[]> = {};
  for (const run of await readdir(root).catch(() => [] as string[])) out[run] = (await readdir(join(root, run))).sort();
  return out;
}

/** A filled-in form answering only icse-victim-identification A, with new text. */
async function oneAnswerDocument(dir: string): Promise<string> {
  const form = await formOf(2014);
  const text = filledFormText(form, { 'icse-victim-identification': { A: 'A new answer typed in 2015.' } });
  await writeFile(join(dir, 'one.txt'), text);
  return 'one.txt';
}

describe('gareport import: a document without answers', () => {
  for (const [name, text] of [
    ['an empty file', ''],
    ['a file with only the title', 'Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form\n'],
  ] as const) {
    it(`refuses ${name}, even with --force or --replace, and changes nothing`, async () => {
      const dir = await scratch({ withKosovo: true });
      await writeFile(join(dir, 'empty.txt'), text);
      const before = await hashTree(dir);
      for (const flags of [[], ['--force'], ['--replace']]) {
        const result = await runInProcess(['import', 'empty.txt', '2014', 'kosovo', ...flags], dir);
        expect(result.exitCode).toBe(1);
        expect(result.stderr).toContain('error  no answers were found in this document');
        expect(result.stderr).toContain('nothing was written: empty.txt has no answers');
        expect(result.stderr).not.toContain('stay unanswered');
        expect(await hashTree(dir)).toEqual(before);
      }
    });
  }
});

describe('gareport import into an existing report', () => {
  it('without --force changes nothing, and lists the answers the import would replace', async () => {
    const dir = await scratch({ withKosovo: true });
    const file = await oneAnswerDocument(dir);
    const before = await hashTree(dir);
    const result = await runInProcess(['import', file, '2014', 'kosovo'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('  reports/2014/kosovo/target-1.yaml (2 answered)\n');
    expect(result.stderr).toContain(
      '    icse-victim-identification A: "During the reporting period the number of reported cases of …"\n',
    );
    expect(result.stderr).toContain('--force');
    expect(await hashTree(dir)).toEqual(before);
  });

  it('--force sets what the document answers, keeps every other answer and comment, and keeps a copy', async () => {
    const dir = await scratch({ withKosovo: true });
    const original = await readFile(report(dir), 'utf8');
    const commented = original.replace(
      '    B:\n',
      '    # Ask the ministry before filling in B.\n    B:  # still open\n',
    );
    await writeFile(report(dir), commented);
    const otherFiles = await Promise.all(['target-2.yaml', 'target-3.yaml'].map((f) => readFile(report(dir, f))));
    const file = await oneAnswerDocument(dir);

    const result = await runInProcess(['import', file, '2014', 'kosovo', '--force'], dir);
    expect(result.exitCode, result.stderr).toBe(0);
    // What goes is said, with goal, question and first words.
    expect(result.stderr).toContain('the import replaces:\n  reports/2014/kosovo/target-1.yaml:\n');
    expect(result.stderr).toContain('icse-victim-identification A: "During the reporting period');
    expect(result.stdout).toContain(
      'note: 16 answers of the existing files are kept where the document leaves the question unanswered',
    );
    expect(result.stderr).not.toContain('stay unanswered');

    const after = await readFile(report(dir), 'utf8');
    expect((await answersOf(report(dir)))['icse-victim-identification']).toEqual({
      A: 'A new answer typed in 2015.\n',
      B: null,
      C: (parse(original) as { goals: Record<string, Record<string, string>> }).goals['icse-victim-identification']?.C,
    });
    expect(after).toContain('    # Ask the ministry before filling in B.\n    B:  # still open\n');
    // Files the document changes nothing in are not touched.
    for (const [i, f] of ['target-2.yaml', 'target-3.yaml'].entries())
      expect(await readFile(report(dir, f))).toEqual(otherFiles[i]);

    const runs = await backups(dir);
    expect(Object.values(runs)).toEqual([['target-1.yaml']]);
    const [run] = Object.keys(runs);
    expect(run).toMatch(/^\d{8}T\d{6}Z-2014-kosovo$/);
    expect(result.stdout).toContain(`copies of the replaced files are in .gareport/backup/${run}`);
    expect(await readFile(join(dir, '.gareport', 'backup', String(run), 'target-1.yaml'), 'utf8')).toBe(commented);
  });

  it('a second run keeps its own copy and never overwrites the first', async () => {
    const dir = await scratch({ withKosovo: true });
    const first = await oneAnswerDocument(dir);
    expect((await runInProcess(['import', first, '2014', 'kosovo', '--force'], dir)).exitCode).toBe(0);
    const afterFirst = await readFile(report(dir), 'utf8');
    const form = await formOf(2014);
    await writeFile(
      join(dir, 'two.txt'),
      filledFormText(form, { 'icse-victim-identification': { A: 'A second version.' } }),
    );
    expect((await runInProcess(['import', 'two.txt', '2014', 'kosovo', '--force'], dir)).exitCode).toBe(0);
    const runs = await backups(dir);
    expect(Object.keys(runs)).toHaveLength(2);
    const copies = await Promise.all(
      Object.keys(runs).map((run) => readFile(join(dir, '.gareport', 'backup', run, 'target-1.yaml'), 'utf8')),
    );
    expect(copies).toContain(afterFirst);
    expect(copies.some((c) => c.includes('During the reporting period'))).toBe(true);
  });

  it('--replace erases what the document leaves unanswered, says so first, and keeps comments', async () => {
    const dir = await scratch({ withKosovo: true });
    const withComment = (await readFile(report(dir), 'utf8')).replace('goals:\n', 'goals:\n  # Reviewed in March.\n');
    await writeFile(report(dir), withComment);
    const file = await oneAnswerDocument(dir);
    const result = await runInProcess(['import', file, '2014', 'kosovo', '--replace'], dir);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('icse-victim-identification C: "Kosovo Police has made significant progress');
    expect(result.stderr).toMatch(/target-3\.yaml:\n(?: {4}.*\n)*? {4}[a-z-]+ [ABC]: "--"/);
    expect(await answersOf(report(dir))).toEqual({
      'icse-victim-identification': { A: 'A new answer typed in 2015.\n', B: null, C: null },
    });
    expect(await readFile(report(dir), 'utf8')).toContain('  # Reviewed in March.\n');
    const runs = Object.values(await backups(dir));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toEqual(['target-1.yaml', 'target-2.yaml', 'target-3.yaml', 'target-4.yaml']);
  });

  it('importing the document the report was made from changes nothing', async () => {
    const dir = await scratch({ withKosovo: true });
    const before = await hashTree(join(dir, 'reports'));
    const result = await runInProcess(['import', seed, '2014', 'kosovo', '--force'], dir);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('kept reports/2014/kosovo/target-1.yaml');
    expect(await hashTree(join(dir, 'reports'))).toEqual(before);
    expect(await readdir(dir)).not.toContain('.gareport');
  });

  it('refuses, without --replace, to put answers into a file that is not YAML', async () => {
    const dir = await scratch({ withKosovo: true });
    await writeFile(report(dir), 'target: 1\ngoals:\n  icse-victim-identification:\n    A: "unclosed\n');
    const file = await oneAnswerDocument(dir);
    const before = await hashTree(dir);
    const result = await runInProcess(['import', file, '2014', 'kosovo', '--force'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('target-1.yaml  error  the imported answers cannot be put into this file');
    expect(await hashTree(dir)).toEqual(before);
    const replaced = await runInProcess(['import', file, '2014', 'kosovo', '--replace'], dir);
    expect(replaced.exitCode, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain('the whole file');
    expect(Object.values(await backups(dir))[0]).toContain('target-1.yaml');
  });
});

describe('gareport import: the form itself is broken', () => {
  it('says the form has errors, not that the document cannot be placed', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'forms'));
    await writeFile(join(dir, 'forms', '2014.yaml'), 'year: 2014\ntitle: [unclosed\n');
    await writeFile(join(dir, 'filled.txt'), await readFile(seed, 'utf8'));
    const result = await runInProcess(['import', 'filled.txt', '2014', 'kosovo'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('forms/2014.yaml');
    expect(result.stderr).toContain('nothing was written: the 2014 form has errors');
    expect(result.stderr).not.toContain('could not be placed');
  });
});

describe('gareport import: arguments, encodings and --dry-run', () => {
  it('--dry-run shows the files, their answers and their content (as a diff), and writes nothing', async () => {
    const dir = await scratch();
    const result = await runInProcess(['import', seed, '2014', 'kosovo', '--dry-run'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^would create reports\/2014\/kosovo\/target-1\.yaml: \d+ answers?\n--- \/dev\/null\n/m,
    );
    expect(result.stdout).toContain('would create reports/2014/kosovo/country.yaml\n');
    expect(result.stdout).toContain('+    A: |\n+      During the reporting period');
    expect(result.stdout).toContain('dry run: nothing written');
    expect(await readdir(dir)).toEqual([]);
  });

  it('validates the year and country arguments like the other commands', async () => {
    const dir = await scratch();
    const typo = await runInProcess(['import', seed, '2014', 'kosov'], dir);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('did you mean `kosovo`?');
    expect((await runInProcess(['import', seed, '14', 'kosovo'], dir)).exitCode).toBe(2);
    expect((await runInProcess(['import', seed, '2014', '../kosovo'], dir)).exitCode).toBe(2);
    expect((await runInProcess(['import', seed, '2019', 'kosovo'], dir)).stderr).toContain(
      'no reporting form for 2019',
    );
    const missing = await runInProcess(['import', 'nowhere.txt', '2014', 'kosovo'], dir);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('there is no file `nowhere.txt`');
    expect(await readdir(dir)).toEqual([]);
  });
});
