/** `gareport status [year]`: the completeness matrix, countries × operational goals. */
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResult } from '../src/commands/status.js';
import { makeProject, runBinary, runInProcess } from './helpers/cli.js';
import type { GeneratedCountry } from './helpers/countries.js';
import { breakCountry, bySlug, makeCountries } from './helpers/countries.js';

type Project = Awaited<ReturnType<typeof makeProject>>;

/** Terminal columns of a line: one per code point (the table uses no wide characters). */
const columns = (line: string) => [...line].length;

const LONG_SLUG = 'the-united-kingdom-of-great-britain-and-northern-ireland-and-the-crown-dependencies';

const GOALS = ['1.1', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];

describe('status 2014 with the 54-country set', () => {
  let project: Project;
  let countries: GeneratedCountry[];
  let text: Awaited<ReturnType<typeof runInProcess>>;
  let json: StatusResult;
  let jsonExit: number;

  beforeAll(async () => {
    project = await makeProject();
    countries = bySlug(await makeCountries(project.dir, 54, { kosovo: true }));
    text = await runInProcess(['status', '2014'], project.dir);
    const result = await runInProcess(['status', '2014', '--format', 'json'], project.dir);
    jsonExit = result.exitCode;
    json = JSON.parse(result.stdout) as StatusResult;
  });
  afterAll(() => project.cleanup());

  it('prints a table that fits 100 columns, long and non-Latin names included', () => {
    expect(text.exitCode).toBe(0);
    expect(text.stderr).toBe('');
    const lines = text.stdout.trimEnd().split('\n');
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(100);
    // One row per country, in folder order; long names are shortened with an ellipsis.
    const rows = lines.filter((l) => /\d+%/.test(l));
    expect(rows).toHaveLength(54);
    expect(lines.some((l) => l.startsWith('United Kingdom of G') && l.includes('…'))).toBe(true);
    for (const name of ['Türkiye', 'Ελλάδα', 'Україна', "Côte d'Ivoire", 'Kosovo']) {
      expect(
        rows.some((l) => l.startsWith(name)),
        name,
      ).toBe(true);
    }
  });

  it("shows each goal's questions as symbols and the totals the generated answers imply", () => {
    const lines = text.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('Country'));
    for (const goal of GOALS) expect(header).toContain(goal);
    for (const country of countries) {
      const row = lines.find((l) => l.startsWith(country.name.slice(0, 19)));
      expect(row, country.name).toBeDefined();
      const c = country.completeness;
      const numbers = (row ?? '').trim().split(/\s+/).slice(-4);
      expect(numbers, country.name).toEqual([
        `${c.percent}%`,
        String(c.answered),
        String(c.nothingToReport),
        String(c.unanswered),
      ]);
      // 21 symbols: ✔ answered, – nothing to report, · unanswered.
      const symbols = (row ?? '').match(/[✔–·]/g) ?? [];
      const fromAnswers = Object.values(country.answers).flatMap((goal) =>
        Object.values(goal).map((a) => (a.state === 'answered' ? '✔' : a.state === 'nothing-to-report' ? '–' : '·')),
      );
      // Names may contain an en dash; the symbols are the row's last 21.
      expect(symbols.slice(-21).join(''), country.name).toBe(fromAnswers.join(''));
    }
    expect(text.stdout).toContain('✔ answered   – nothing to report   · unanswered');
  });

  it('--format json: year, goals and one row per country with the completeness figures', () => {
    expect(jsonExit).toBe(0);
    expect(json.year).toBe(2014);
    expect(json.goals.map((g) => g.number)).toEqual(GOALS);
    expect(json.goals[6]).toEqual({
      id: 'notice-and-takedown',
      number: '4.2',
      text: expect.stringContaining('notice and takedown'),
    });
    expect(json.rows.map((r) => r.country)).toEqual(countries.map((c) => c.slug));
    for (const [i, row] of json.rows.entries()) {
      const country = countries[i] as GeneratedCountry;
      expect(row.name).toBe(country.name);
      expect(row.errors).toBe(0);
      expect(row.completeness).toMatchObject(country.completeness);
      expect(row.completeness?.goals.map((g) => g.number)).toEqual(GOALS);
      for (const goal of row.completeness?.goals ?? []) {
        expect(goal.questions).toHaveLength(3);
        expect(goal.answered + goal.nothingToReport + goal.unanswered).toBe(3);
        const generated = Object.values(country.answers[goal.goal] ?? {}).map((a) => a.state);
        expect(goal.questions, `${country.slug} ${goal.goal}`).toEqual(generated);
      }
    }
  });
});

describe('status with an invalid report', () => {
  let project: Project;

  beforeAll(async () => {
    project = await makeProject();
    await makeCountries(project.dir, 3, { kosovo: true, slugs: ['greece', 'united-kingdom'] });
    await breakCountry(project.dir, 'greece');
    // An invalid report in a folder with a very long name.
    const long = join(project.dir, 'reports', '2014', LONG_SLUG);
    await cp(join(project.dir, 'reports', '2014', 'greece'), long, { recursive: true });
    // A very long name in the country file, as someone might write it.
    await writeFile(
      join(project.dir, 'reports', '2014', 'united-kingdom', 'country.yaml'),
      `name: ${JSON.stringify('The United Kingdom of Great Britain and Northern Ireland, including the Crown Dependencies')}\n`,
    );
  });
  afterAll(() => project.cleanup());

  it('marks it invalid in the table, still within 100 columns, and exits 1', async () => {
    const result = await runInProcess(['status', '2014'], project.dir);
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(100);
    // Invalid reports are still shown by their country's name (from country.yaml).
    expect(result.stdout).toMatch(/^Ελλάδα\s+invalid: 1 error \(run gareport validate 2014 greece\)$/m);
    expect(result.stdout).toMatch(/^Kosovo\s+✔·✔/m);
    expect(result.stdout).toMatch(/^Ελλάδα\s+invalid: 1 error \(run gareport validate\)$/m);
  });

  it('JSON: the invalid row has its error count and no completeness', async () => {
    const result = await runInProcess(['status', '2014', '--format', 'json'], project.dir);
    expect(result.exitCode).toBe(1);
    const json = JSON.parse(result.stdout) as StatusResult;
    const greece = json.rows.find((r) => r.country === 'greece');
    expect(greece).toEqual({ country: 'greece', name: 'Ελλάδα', errors: 1 });
    expect(json.rows.find((r) => r.country === 'kosovo')?.completeness?.percent).toBe(81);
  });

  it('the binary agrees (exit 1), and an unknown year is a usage error', async () => {
    const result = await runBinary(['status', '2014'], project.dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('Completeness of the 2014 reports');
    const unknown = await runInProcess(['status', '2013'], project.dir);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/there are no reports for 2013/);
  });
});
