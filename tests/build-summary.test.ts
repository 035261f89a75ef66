/** Issue 21 item 17: `build --summary json`, a machine-readable account of a build for CI. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary, runInProcess, withProject } from './helpers/cli.js';

interface Summary {
  ok: boolean;
  exitCode: number;
  stopped: boolean;
  built: { year: number; country: string; name: string; files: string[] }[];
  upToDate: { year: number; country: string }[];
  failed: { year: number; country: string; reason: string; removed: string[] }[];
  yearFiles: string[];
  diagnostics: { severity: string; file: string; line: number; column: number; code: string; message: string }[];
  errors: number;
  warnings: number;
}

describe('build --summary json', () => {
  it('lists what was built, what was up to date and what failed, with the diagnostics', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const first = await runBinary(['build', '2014', 'kosovo', '--format', 'md,html', '--summary', 'json'], dir);
      expect(first.exitCode, first.stderr).toBe(0);
      const built = JSON.parse(first.stdout) as Summary;
      expect(built.ok).toBe(true);
      expect(built.exitCode).toBe(0);
      expect(built.built).toEqual([
        { year: 2014, country: 'kosovo', name: 'Kosovo', files: ['out/2014/kosovo.md', 'out/2014/kosovo.html'] },
      ]);
      expect(built.upToDate).toEqual([]);
      expect(built.warnings).toBe(2);
      expect(built.diagnostics.map((d) => d.code)).toEqual(['unanswered', 'unanswered']);
      expect(built.diagnostics[0]).toMatchObject({
        severity: 'warning',
        file: 'reports/2014/kosovo/target-1.yaml',
        line: 7,
      });

      const again = JSON.parse(
        (await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html', '--summary', 'json'], dir)).stdout,
      ) as Summary;
      expect(again.built).toEqual([]);
      expect(again.upToDate).toEqual([{ year: 2014, country: 'kosovo' }]);
      // The warnings of a report up to date are counted from the record.
      expect(again.warnings).toBe(2);

      const file = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/^( {4})B:/m, '$1X: nonsense\n$1B:'));
      const broken = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html', '--summary', 'json'], dir);
      expect(broken.exitCode).toBe(1);
      const failed = JSON.parse(broken.stdout) as Summary;
      expect(failed.ok).toBe(false);
      expect(failed.exitCode).toBe(1);
      expect(failed.failed).toEqual([
        {
          year: 2014,
          country: 'kosovo',
          reason: '1 error in the answers',
          removed: ['out/2014/kosovo.md', 'out/2014/kosovo.html'],
        },
      ]);
      expect(failed.errors).toBe(1);
      expect(failed.diagnostics.find((d) => d.severity === 'error')?.code).toBe('unknown-question');
    });
  });

  it('standard output holds the JSON alone', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runInProcess(['build', '2014', '--format', 'md', '--summary', 'json', '--verbose'], dir);
      expect(() => JSON.parse(result.stdout)).not.toThrow();
      expect((JSON.parse(result.stdout) as Summary).yearFiles).toContain('out/2014/all-countries.md');
    });
  });

  it('an unknown summary format is a usage error', async () => {
    const result = await runInProcess(['build', '--summary', 'xml'], '/');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('is not one of text, json');
  });
});
