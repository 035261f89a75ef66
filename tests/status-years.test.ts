/** Issue 12 part 4: `gareport status` without a year: countries × years. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatusMatrix } from '../src/commands/status.js';
import { runBinary, runInProcess } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';

describe('gareport status (no year)', () => {
  it('prints a country × year matrix; --format json gives the same data', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      // A country that reported only in 2015.
      await mkdir(join(dir, 'reports', '2015', 'greece'));
      await writeFile(
        join(dir, 'reports', '2015', 'greece', 'target-1.yaml'),
        'target: 1\ngoals:\n  icse-victim-identification:\n    A: --\n    B: --\n    C: --\n',
      );
      const text = await runBinary(['status'], dir);
      expect(text.exitCode, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^Country\s+2014\s+2015$/m);
      expect(text.stdout).toMatch(/^Albania\s+43%\s+43%$/m);
      expect(text.stdout).toMatch(/^Kosovo\s+81%\s+90%$/m);
      expect(text.stdout).toMatch(/^Greece\s+—\s+14%$/m);
      const json = await runInProcess(['status', '--format', 'JSON'], dir);
      expect(json.exitCode).toBe(0);
      const matrix = JSON.parse(json.stdout) as StatusMatrix;
      expect(matrix.years).toEqual([2014, 2015]);
      expect(matrix.rows.map((r) => r.country)).toEqual(['albania', 'greece', 'kosovo']);
      const kosovo = matrix.rows.find((r) => r.country === 'kosovo');
      expect(kosovo?.years['2014']).toEqual({ percent: 81, answered: 11, nothingToReport: 6, unanswered: 4 });
      expect(kosovo?.years['2015']).toMatchObject({ percent: 90 });
      expect(matrix.rows.find((r) => r.country === 'greece')?.years['2014']).toBeNull();
      // Every percentage of the text table is the JSON's.
      for (const row of matrix.rows) {
        const cells = matrix.years.map((y) => {
          const c = row.years[String(y)];
          return c === null || c === undefined ? '—' : 'errors' in c ? 'invalid' : `${c.percent}%`;
        });
        expect(text.stdout).toMatch(new RegExp(`^${row.name}\\s+${cells.join('\\s+')}$`, 'm'));
      }
    });
  });

  it('an invalid report is shown as such, and the exit code is 1', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await writeFile(
        join(dir, 'reports', '2015', 'albania', 'target-1.yaml'),
        'target: 1\ngoals:\n  nope:\n    A: x\n',
      );
      const result = await runInProcess(['status'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/^Albania\s+43%\s+invalid$/m);
      const json = JSON.parse((await runInProcess(['status', '--format', 'json'], dir)).stdout) as StatusMatrix;
      expect(json.rows.find((r) => r.country === 'albania')?.years['2015']).toEqual({ errors: 1 });
    });
  });
});
