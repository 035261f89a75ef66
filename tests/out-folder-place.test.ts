/** Issue 21 item 21: an output folder among the answers (`--out .` in reports/2014/kosovo) is refused. */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary, runInProcess, withProject } from './helpers/cli.js';

describe('an output folder inside reports/', () => {
  it('`build --out .` from a report folder exits 2 and writes nothing there', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const folder = join(dir, 'reports', '2014', 'kosovo');
      const before = await readdir(folder);
      const result = await runBinary(['build', '--out', '.', '--format', 'md'], folder);
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain('gareport: the output folder `reports/2014/kosovo` is inside reports/');
      expect(result.stderr).toContain('hint: choose another --out');
      expect(result.stderr).not.toContain('internal error');
      expect((await readdir(folder)).sort()).toEqual(before.sort());
    });
  });

  it.each([
    { args: ['build', '2014', '--out', 'reports'] },
    { args: ['build', '2014', '--out', 'reports/2014/site'] },
    { args: ['followup', '2014', '--out', 'reports/followups'] },
    { args: ['diff', 'kosovo', '2014', '--since', 'main', '--out', 'reports'] },
  ])('$args is refused', async ({ args }) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runInProcess(args, dir);
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/the output folder `reports[^`]*` is inside reports\//);
    });
  });

  it('`out:` in gareport.config.yaml inside reports/ is refused too', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'gareport.config.yaml'), 'out: reports/out\n');
      const result = await runInProcess(['build', '2014', '--format', 'md'], dir);
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain('the output folder `reports/out` is inside reports/');
    });
  });

  it('an output folder beside reports/ is fine', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runInProcess(['build', '2014', '--out', 'reports-out', '--format', 'md'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
    });
  });
});
