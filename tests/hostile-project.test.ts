/**
 * Issue 20: a submitted project folder cannot read or write outside the project, overwrite what
 * gareport writes itself, or be skipped without a word. Through the binary, as a user sees it.
 */
import { cp, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBinary, withProject } from './helpers/cli.js';

const KOSOVO = 'reports/2014/kosovo';
const ENV = { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' };

describe('reserved country folder names (item 8)', () => {
  it('`index` and `all-countries` are refused by validate and build, and overwrite nothing', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      for (const name of ['index', 'all-countries', 'followup', 'diff'])
        await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', name), { recursive: true });
      const validated = await runBinary(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      for (const name of ['index', 'all-countries', 'followup', 'diff'])
        expect(validated.stdout).toContain(`reports/2014/${name}  error  this folder is not read: \`${name}\``);
      const built = await runBinary(['build', '2014', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(1);
      expect(built.stdout).toContain('1 report built');
      const consolidated = await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8');
      expect(consolidated).toContain('Kosovo');
      expect(await readFile(join(dir, 'out', '2014', 'index.html'), 'utf8')).toContain('all-countries.md');
      const one = await runBinary(['build', '2014', 'all-countries', '--force', '--format', 'md'], dir, ENV);
      expect(one.exitCode).toBe(2);
      expect(one.stderr).toContain('reports/2014/all-countries');
      expect(await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8')).toBe(consolidated);
    });
  });

  it('`followup all-countries` is refused rather than overwriting the overview', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2015', 'all-countries'), { recursive: true });
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', 'all-countries'), { recursive: true });
      const result = await runBinary(['followup', 'all-countries', '2015', '--format', 'md'], dir, ENV);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('all-countries');
      await expect(stat(join(dir, 'out', '2015', 'followup', 'all-countries.md'))).rejects.toThrow();
    });
  });
});

describe('year folders with a typo (item 9)', () => {
  it.each([
    ['2O15', '2015'],
    ['2014 ', '2014'],
    ['02014', '2014'],
    ['14', '2014'],
  ])('reports/%j is named, with the name to use', async (name, fix) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      if (fix === '2014') await rename(join(dir, 'reports', '2014'), join(dir, 'reports', name));
      else await cp(join(dir, 'reports', '2014'), join(dir, 'reports', name), { recursive: true });
      const validated = await runBinary(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      expect(validated.stdout).toContain(`reports/${name}  error  this folder is not read`);
      expect(validated.stdout).toContain(`rename it to \`${fix}\``);
      const built = await runBinary(['build', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(1);
      expect(built.stderr).toContain(`reports/${name}`);
      const named = await runBinary(['validate', fix], dir, ENV);
      expect(named.exitCode).not.toBe(0);
      if (fix === '2014') expect(named.stderr).toContain(`rename it to \`${fix}\``);
    });
  });

  it('another folder in reports/ is a warning, not an error', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'reports', 'archive'));
      await writeFile(join(dir, 'reports', 'archive', 'notes.txt'), 'old\n');
      const validated = await runBinary(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(0);
      expect(validated.stdout).toContain('reports/archive  warning  this folder is not read');
    });
  });
});

void repoRoot;
