/** Issue 21 item 13: "did you mean" where a name is close to a known one. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, languageCodeFor } from '../src/diagnostics/suggest.js';
import { repoRoot, runBinary, runInProcess, withProject } from './helpers/cli.js';

const countryFile = (dir: string) => join(dir, 'reports', '2014', 'kosovo', 'country.yaml');

describe('did you mean', () => {
  it('`--format pfd` suggests pdf', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runBinary(['build', '2014', '--format', 'md,pfd'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('unknown output format `pfd` in --format');
      expect(result.stderr).toContain('hint: did you mean `pdf`? choose from md, html, pdf, docx');
    });
  });

  it('`format:` in gareport.config.yaml suggests `formats`, at its place', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'gareport.config.yaml'), 'paper: a4\nformat: [md]\n');
      const result = await runInProcess(['validate', '2014'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('gareport.config.yaml:2:1  error  unknown key `format`');
      expect(result.stdout).toContain('hint: did you mean `formats`?');
    });
  });

  it('a template’s `country.nmae` suggests `country.name`', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'templates'));
      const template = await readFile(join(repoRoot, 'templates', 'report.md.liquid'), 'utf8');
      await writeFile(join(dir, 'templates', 'report.md.liquid'), template.replace('country.name', 'country.nmae'));
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain('`country.nmae`');
      expect(result.stderr).toContain('did you mean `country.name`?');
    });
  });

  it.each([
    { written: 'German', code: 'de' },
    { written: 'french', code: 'fr' },
    { written: 'Deutsch', code: 'de' },
    { written: 'Español', code: 'es' },
    { written: 'Albanian', code: 'sq' },
  ])('`language: $written` in country.yaml suggests `$code`', async ({ written, code }) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const text = await readFile(countryFile(dir), 'utf8');
      await writeFile(countryFile(dir), text.replace('language: en', `language: ${written}`));
      const result = await runInProcess(['validate', '2014', 'kosovo'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('country.yaml:4:11  error');
      expect(result.stdout).toContain(`hint: did you mean \`${code}\`?`);
    });
  });

  it('`authorty` in country.yaml suggests `authority`', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const text = await readFile(countryFile(dir), 'utf8');
      await writeFile(countryFile(dir), `${text}authorty: Ministry of Justice\n`);
      const result = await runInProcess(['validate', '2014', 'kosovo'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('country.yaml:5:1  error  unknown key `authorty`');
      expect(result.stdout).toContain('hint: did you mean `authority`?');
    });
  });

  it('a language name never throws, and a code it gives is one Intl knows', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const code = languageCodeFor(name);
        if (code !== undefined) expect(new Intl.DisplayNames(['en'], { type: 'language' }).of(code)).toBeTruthy();
      }),
    );
  });

  it('edit distance: symmetric, at most the longer length, and a swap of neighbours is one edit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(editDistance(a, a)).toBe(0);
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 12 }), fc.nat(), (a, n) => {
        const i = n % (a.length - 1);
        const swapped = a.slice(0, i) + a.charAt(i + 1) + a.charAt(i) + a.slice(i + 2);
        expect(editDistance(a, swapped)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
