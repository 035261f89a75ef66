/**
 * Issue 20: a submitted project folder cannot read or write outside the project, overwrite what
 * gareport writes itself, or be skipped without a word. Through the binary, as a user sees it.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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

/** A scratch folder outside the project, holding a "secret" file and a template that includes it. */
async function outsideFolder(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gareport-elsewhere-'));
  await writeFile(join(dir, 'secret.conf'), 'TOP-SECRET-LINE\n');
  await writeFile(join(dir, 'report.md.liquid'), "{% include 'secret.conf' %}\n");
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describe('configured paths stay inside the project (item 1)', () => {
  it.each([
    ['templates: /', 1, 12, 'templates folder'],
    ['out: /tmp/gareport-elsewhere', 1, 6, 'output folder'],
    ['fonts: ["../../../../../etc/passwd"]', 1, 9, 'font'],
    ['formats: [md]\nfonts:\n  - /usr/share/fonts/x.ttf', 3, 5, 'font'],
  ])('`%s` is refused at its line and column', async (config, line, column, what) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'gareport.config.yaml'), `${config}\n`);
      const validated = await runBinary(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      expect(validated.stdout).toContain(`gareport.config.yaml:${line}:${column}  error  the ${what}`);
      expect(validated.stdout).toContain('outside the project');
      const built = await runBinary(['build', '2014', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(1);
      await expect(stat(join(dir, 'out'))).rejects.toThrow();
    });
  });

  it('an `out:` folder or a templates/ folder that links outside the project is refused; nothing is read or written there', async () => {
    const elsewhere = await outsideFolder();
    try {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        await symlink(elsewhere.dir, join(dir, 'public'));
        await writeFile(join(dir, 'gareport.config.yaml'), 'out: public\n');
        const out = await runBinary(['build', '2014', '--format', 'md'], dir, ENV);
        expect(out.exitCode).toBe(1);
        expect(out.stderr + out.stdout).toContain('gareport.config.yaml:1:6');
        expect(out.stderr + out.stdout).toContain('symbolic link');
        await rm(join(dir, 'gareport.config.yaml'));
        await symlink(elsewhere.dir, join(dir, 'templates'));
        const built = await runBinary(['build', '2014', '--format', 'md'], dir, ENV);
        expect(built.exitCode).toBe(2);
        expect(built.stderr).toContain('templates folder is not read');
        expect(built.stderr + built.stdout).not.toContain('TOP-SECRET');
        await expect(stat(join(dir, 'out', '2014', 'kosovo.md'))).rejects.toThrow();
        expect(await readdir(elsewhere.dir)).toEqual(['report.md.liquid', 'secret.conf']);
      });
    } finally {
      await elsewhere.cleanup();
    }
  });

  it('`{% include %}` cannot reach a file outside the template folders', async () => {
    const elsewhere = await outsideFolder();
    try {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        await mkdir(join(dir, 'templates'));
        await symlink(join(elsewhere.dir, 'secret.conf'), join(dir, 'templates', 'linked.conf'));
        for (const include of [join(elsewhere.dir, 'secret.conf'), '../../secret.conf', 'linked.conf']) {
          await writeFile(join(dir, 'templates', 'report.md.liquid'), `{% include '${include}' %}\n`);
          const built = await runBinary(['build', '2014', '--format', 'md', '--force'], dir, ENV);
          expect(built.exitCode).toBe(2);
          expect(built.stderr).toContain('report.md.liquid');
          expect(built.stderr + built.stdout).not.toContain('TOP-SECRET');
        }
      });
    } finally {
      await elsewhere.cleanup();
    }
  });

  it('flags may name a folder outside the project (the user chose it)', async () => {
    const elsewhere = await outsideFolder();
    try {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        const out = join(elsewhere.dir, 'out');
        const built = await runBinary(['build', '2014', '--format', 'md', '--out', out], dir, ENV);
        expect(built.exitCode).toBe(0);
        expect(await readFile(join(out, '2014', 'kosovo.md'), 'utf8')).toContain('Kosovo');
      });
    } finally {
      await elsewhere.cleanup();
    }
  });
});

describe('a pipe or device where gareport reads a file never hangs (item 7)', () => {
  it.each([
    ['templates/theme.yaml', 'validate'],
    ['templates/theme.yaml', 'build'],
    ['templates/report.md.liquid', 'build'],
    ['templates/report.css', 'build'],
    ['templates/fonts.yaml', 'validate'],
    ['templates/fonts.yaml', 'build'],
    ['gareport.config.yaml', 'validate'],
    ['gareport.config.yaml', 'build'],
    ['package.json', 'validate'],
    [`${KOSOVO}/target-2.yaml`, 'validate'],
    [`${KOSOVO}/country.yaml`, 'build'],
  ])('a FIFO as %s: `%s` ends with a message naming it', async (file, command) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'templates'), { recursive: true });
      await rm(join(dir, file), { force: true });
      execFileSync('mkfifo', [join(dir, file)]);
      // Thai text, so that the fonts are looked up (and fonts.yaml read) by `validate --pdf-fonts`.
      if (file !== `${KOSOVO}/target-2.yaml`)
        await writeFile(join(dir, KOSOVO, 'target-2.yaml'), await thaiAnswers(dir));
      const args = command === 'validate' ? ['validate', '--pdf-fonts'] : ['build', '2014', '--format', 'md,pdf'];
      const result = await runBinary(args, dir, ENV);
      // A package.json that is not a file is not a project's package.json: passed over.
      if (file === 'package.json') return expect(result.exitCode).toBe(0);
      expect(result.exitCode).toBeGreaterThan(0);
      expect(result.exitCode).not.toBe(3);
      const output = result.stdout + result.stderr;
      expect(output).toContain(basename(file));
      expect(output).not.toMatch(/internal error|at .*\.js:\d+/);
    });
  });
});

/** Kosovo's target-2.yaml with one Thai word in its first answer. */
async function thaiAnswers(dir: string): Promise<string> {
  const text = await readFile(join(repoRoot, KOSOVO, 'target-2.yaml'), 'utf8');
  void dir;
  return text.replace('- A special registry', '- ภาษาไทย A special registry');
}
