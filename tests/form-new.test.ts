/** Issue 12 part 1: `gareport form new`, form validation, and goals renamed between years. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadFormFile } from '../src/model/form.js';
import { repoRoot, runInProcess } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';

const goalIds = (form: { targets: { goals: { id: string }[] }[] }) =>
  form.targets.flatMap((t) => t.goals.map((g) => g.id));

describe('gareport form new 2015 --from 2014', () => {
  it('writes the 2015 form: same targets, goals and ids; year 2015; "your country\'s 2014 report"', async () => {
    await withCycleProject({}, async ({ dir }) => {
      const result = await runInProcess(['form', 'new', '2015', '--from', '2014'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const path = join(dir, 'forms', '2015.yaml');
      const { form: made, diagnostics } = await loadFormFile(path, 'forms/2015.yaml');
      const { form: before } = await loadFormFile(join(repoRoot, 'forms', '2014.yaml'), 'forms/2014.yaml');
      expect(diagnostics).toEqual([]);
      if (!made || !before) throw new Error('forms did not load');
      expect(made.year).toBe(2015);
      expect(goalIds(made)).toEqual(goalIds(before));
      expect(made.targets.map((t) => t.text)).toEqual(before.targets.map((t) => t.text));
      const questionA = made.targets[0]?.goals[0]?.questions[0]?.text;
      expect(questionA).toBe("Please report on implementation of any measures announced in your country's 2014 report");
      expect(made.title).toContain('2015 Reporting Form');
      // The wording keeps its placeholder: next year's copy needs no hand edit either.
      const text = await readFile(path, 'utf8');
      expect(text).toContain("your country's {previous_year} report");
      expect(text).toMatch(/^# The Global Alliance Against Child Sexual Abuse Online – 2015 reporting form\./);
      expect(text).toContain("# The 2014 form words this goal's question C differently");
      expect((parse(text) as { year: number }).year).toBe(2015);
      // What changed and what to review.
      expect(result.stdout).toContain('created forms/2015.yaml from forms/2014.yaml');
      expect(result.stdout).toContain('year: 2014 → 2015');
      expect(result.stdout).toContain("your country's 2014 report");
      expect(result.stdout).toContain('to review:');
      expect(result.stdout).toContain('renamed:');
    });
  });

  it('never overwrites an existing form without --force', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const path = join(dir, 'forms', '2015.yaml');
      await writeFile(path, `${await readFile(path, 'utf8')}# edited by the secretariat\n`);
      const edited = await readFile(path, 'utf8');
      const again = await runInProcess(['form', 'new', '2015', '--from', '2014'], dir);
      expect(again.exitCode).toBe(1);
      expect(again.stderr).toContain('forms/2015.yaml exists already');
      expect(again.stderr).toContain('--force');
      expect(await readFile(path, 'utf8')).toBe(edited);
      const forced = await runInProcess(['form', 'new', '2015', '--from', '2014', '--force'], dir);
      expect(forced.exitCode).toBe(0);
      expect(forced.stdout).toContain('replaced forms/2015.yaml');
      expect(await readFile(path, 'utf8')).not.toContain('edited by the secretariat');
    });
  });

  it('turns a year written out in the wording into a placeholder, and flags other years for review', async () => {
    await withCycleProject({}, async ({ dir }) => {
      const original = await readFile(join(repoRoot, 'forms', '2014.yaml'), 'utf8');
      await mkdir(join(dir, 'forms'));
      await writeFile(
        join(dir, 'forms', '2014.yaml'),
        original
          .replace("country's {previous_year}", "country's 2013")
          .replace('{year} Reporting Form', '2014 Reporting Form')
          .replace('as much as possible without', 'as much as possible (see the 2012 declaration) without'),
      );
      const result = await runInProcess(['form', 'new', '2015'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const text = await readFile(join(dir, 'forms', '2015.yaml'), 'utf8');
      expect(text).toContain("your country's {previous_year} report");
      expect(text).toContain('– {year} Reporting Form');
      expect(result.stdout).toContain('question A: the year written out is now a placeholder');
      expect(result.stdout).toMatch(/goal `notice-and-takedown` names the year 2012: check it still holds in 2015/);
    });
  });

  it('an unknown --from year is a usage error naming the forms there are', async () => {
    await withCycleProject({}, async ({ dir }) => {
      const result = await runInProcess(['form', 'new', '2015', '--from', '2010'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('there is no reporting form for 2010');
      expect(result.stderr).toContain('forms exist for 2014');
    });
  });

  it('the new year then works end to end: init 2015 shows the 2014 follow-ups, validate passes', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await rm(join(dir, 'reports', '2015', 'kosovo'), { recursive: true });
      const init = await runInProcess(['init', '2015', 'kosovo'], dir);
      expect(init.exitCode, init.stderr).toBe(0);
      expect(init.stdout).toContain('the follow-up actions of the 2014 report are shown as comments');
      const validate = await runInProcess(['validate', '2015', 'kosovo'], dir);
      expect(validate.exitCode).toBe(0);
    });
  });
});

describe('gareport validate checks forms/*.yaml', () => {
  const broken = async (dir: string, edit: (text: string) => string) => {
    const path = join(dir, 'forms', '2015.yaml');
    await writeFile(path, edit(await readFile(path, 'utf8')));
    return runInProcess(['validate'], dir);
  };

  it.each([
    {
      name: 'a duplicate goal id',
      edit: (t: string) => t.replace('- id: joint-law-enforcement', '- id: criminalization-framework'),
      says: /forms\/2015\.yaml:\d+:13 {2}error {2}goal id `criminalization-framework` is used twice/,
    },
    {
      name: 'a goal without text',
      edit: (t: string) => t.replace(/(- id: share-best-practices\n)\s+text: .*\n/, '$1'),
      says: /forms\/2015\.yaml:\d+:\d+ {2}error {2}`text` is missing/,
    },
    {
      name: 'an override for a question that does not exist',
      edit: (t: string) => t.replace('          C: Please indicate', '          D: Please indicate'),
      says: /forms\/2015\.yaml:\d+:\d+ {2}error {2}question `D` is not one of the form's questions/,
    },
    {
      name: 'an unknown placeholder',
      edit: (t: string) => t.replace("country's {previous_year}", "country's {last_year}"),
      says: /forms\/2015\.yaml:12:\d+ {2}error {2}unknown placeholder `\{last_year\}`/,
    },
    {
      name: 'a rename to a goal that is not in the form',
      edit: (t: string) => `${t}\nrenamed:\n  old-goal: no-such-goal\n`,
      says: /forms\/2015\.yaml:\d+:13 {2}error {2}`no-such-goal` is not a goal of this form/,
    },
    {
      name: 'a file whose year is not its name',
      edit: (t: string) => t.replace('year: 2015', 'year: 2016'),
      says: /forms\/2015\.yaml {2}error {2}this file is the form of 2015, but its `year` is 2016/,
    },
  ])('$name', async ({ edit, says }) => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await broken(dir, edit);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(says);
    });
  });

  it('a form no report uses yet is checked too', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await rm(join(dir, 'reports', '2015'), { recursive: true });
      const result = await broken(dir, (t) => t.replace("country's {previous_year}", "country's {previous-year}"));
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('unknown placeholder `{previous-year}`');
    });
  });
});

describe('a goal renamed in the 2015 form', () => {
  const rename = async (dir: string) => {
    const path = join(dir, 'forms', '2015.yaml');
    const text = (await readFile(path, 'utf8')).replace('- id: notice-and-takedown', '- id: takedown-speed');
    await writeFile(path, `${text}\nrenamed:\n  notice-and-takedown: takedown-speed\n`);
  };

  it('answers keyed by the old id get "this goal was renamed to … in the 2015 form"', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await rename(dir);
      const result = await runInProcess(['validate', '2015', 'kosovo'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        'reports/2015/kosovo/target-4.yaml:7:3  error  this goal was renamed to `takedown-speed` in the 2015 form',
      );
      expect(result.stdout).toContain('hint: rename the key `notice-and-takedown` to `takedown-speed`');
      // The 2014 report is checked against the 2014 form, where the old id is right.
      expect((await runInProcess(['validate', '2014', 'albania'], dir)).exitCode).toBe(0);
    });
  });

  it('init shows the follow-ups announced under the old id next to the renamed goal', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await rename(dir);
      await rm(join(dir, 'reports', '2015', 'albania'), { recursive: true });
      const init = await runInProcess(['init', '2015', 'albania'], dir);
      expect(init.exitCode, init.stderr).toBe(0);
      const text = await readFile(join(dir, 'reports', '2015', 'albania', 'target-4.yaml'), 'utf8');
      expect(text).toMatch(/takedown-speed:\n(.*\n)*?\s+# Follow-up actions announced in the 2014 report/);
      expect(text).toContain('within two days');
    });
  });
});
