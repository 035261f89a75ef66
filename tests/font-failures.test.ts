/**
 * A report failed by its fonts (found in review): `--strict` with a character no font draws, or a
 * font it needs that is damaged. The pipeline's check step makes it fatal: nothing of the report is
 * composed, rendered or written (so out/ never holds its files); the country is failed and named in
 * the summary and the index, left out of the consolidated report; the others are built. Through the
 * binary: exit codes and output are what is checked.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBinary, withProject } from './helpers/cli.js';

const KOSOVO = 'reports/2014/kosovo';
const T1 = `${KOSOVO}/target-1.yaml`;
const ENV = { NO_COLOR: '1' };

/** Writes `chars` into Kosovo's first answer of target 1. */
async function insert(dir: string, chars: string): Promise<void> {
  const file = join(dir, T1);
  await writeFile(file, (await readFile(file, 'utf8')).replace('In 2013, 4 cases', `In 2013, ${chars} 4 cases`));
}

/** Albania: a copy of Kosovo's answers, with nothing wrong. */
async function addAlbania(dir: string): Promise<void> {
  await cp(join(repoRoot, KOSOVO), join(dir, 'reports', '2014', 'albania'), { recursive: true });
  await writeFile(join(dir, 'reports', '2014', 'albania', 'country.yaml'), 'name: Albania\n');
}

/** What a build of 2014 writes when Albania is built and Kosovo fails (md and PDF asked for). */
const ALBANIA_AND_YEAR = ['albania.md', 'albania.pdf', 'all-countries.md', 'all-countries.pdf', 'index.html'];

async function outputs(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'out', '2014')).catch(() => [] as string[])).filter((f) => !f.startsWith('.'));
}

describe('build --strict with a character no font can draw', () => {
  it('fails the report at the check: exit 1, the character named, nothing written or removed', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      // U+E000 (private use) is drawn by no font: not the built-in ones, not a system's.
      await insert(dir, '\uE000');
      const result = await runBinary(['build', '2014', 'kosovo', '--strict', '--format', 'md,pdf'], dir, ENV);
      const output = result.stdout + result.stderr;
      expect(result.exitCode, output).toBe(1);
      expect(output).toMatch(new RegExp(`^${T1}:6:\\d+  error  no font can draw .*\uE000`, 'm'));
      expect(output).toContain('not built 2014 kosovo: characters no font can draw in the PDF (--strict)');
      // Never written, so never removed either.
      expect(output).not.toContain('removed');
      expect(await outputs(dir)).toEqual([]);
      const json = await runBinary(
        ['build', '2014', 'kosovo', '--strict', '--format', 'md,pdf', '--summary', 'json'],
        dir,
        ENV,
      );
      const summary = JSON.parse(json.stdout) as { failed: { country: string; removed?: string[] }[] };
      expect(summary.failed.map((f) => [f.country, f.removed ?? []])).toEqual([['kosovo', []]]);
      // Without --strict it is a warning, and the report is built.
      const lenient = await runBinary(['build', '2014', 'kosovo', '--format', 'md,pdf'], dir, ENV);
      expect(lenient.exitCode).toBe(0);
      expect(await outputs(dir)).toEqual(['kosovo.md', 'kosovo.pdf']);
    });
  }, 60_000);

  it('leaves the country out of the consolidated report and names it as not built in the index', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await addAlbania(dir);
      await insert(dir, '\uE000');
      const result = await runBinary(['build', '2014', '--strict', '--format', 'md,pdf'], dir, ENV);
      const output = result.stdout + result.stderr;
      expect(result.exitCode, output).toBe(1);
      expect(output).toContain('not built 2014 kosovo');
      expect(await outputs(dir)).toEqual(ALBANIA_AND_YEAR);
      const consolidated = await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8');
      expect(consolidated).toMatch(/^#+ Albania$/m);
      expect(consolidated).not.toMatch(/^#+ Kosovo$/m);
      // Its answers have no errors: it could not be built (found in review: "their answers have errors").
      expect(consolidated).toMatch(/^Not included because they could not be built: Kosovo\.$/m);
      expect(consolidated).not.toContain('their answers have errors');
      const index = await readFile(join(dir, 'out', '2014', 'index.html'), 'utf8');
      expect(index).toContain('not built: characters no font can draw in the PDF (--strict)');
      expect(index).not.toContain('href="kosovo.');
    });
  }, 60_000);

  it('applies to a report built before without it (found in review: "1 up to date", exit 0)', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await addAlbania(dir);
      await insert(dir, '\uE000');
      const lenient = await runBinary(['build', '2014', '--format', 'md,pdf'], dir, ENV);
      expect(lenient.exitCode, lenient.stderr).toBe(0);
      const strict = await runBinary(['build', '2014', 'kosovo', '--strict', '--format', 'md,pdf'], dir, ENV);
      const output = strict.stdout + strict.stderr;
      expect(strict.exitCode, output).toBe(1);
      expect(output).toContain('not built 2014 kosovo: characters no font can draw in the PDF (--strict)');
      const year = await runBinary(['build', '2014', '--strict', '--format', 'md,pdf'], dir, ENV);
      expect(year.exitCode, year.stdout + year.stderr).toBe(1);
      const consolidated = await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8');
      expect(consolidated).not.toMatch(/^#+ Kosovo$/m);
    });
  }, 90_000);
});

/** The codicon font playwright-core ships: it draws private-use characters (U+EA60…) no built-in font has. */
async function iconFont(): Promise<Buffer> {
  const root = join(repoRoot, 'node_modules', 'playwright-core', 'lib');
  const found = (await readdir(root, { recursive: true })).find((f) => /codicon[^/]*\.ttf$/.test(f));
  if (!found) throw new Error('no codicon font in playwright-core');
  return readFile(join(root, found));
}

/** A copy of `font` whose outline of the glyph for `codePoint` lies past the end of its `glyf` table. */
async function damagedOutline(font: Buffer, codePoint: number): Promise<Buffer> {
  const fontkit = (await import('fontkit' as string)) as {
    create(b: Buffer): { glyphForCodePoint(cp: number): { id: number } };
  };
  const id = fontkit.create(font).glyphForCodePoint(codePoint).id;
  const copy = Buffer.from(font);
  const tables = new Map<string, number>();
  for (let i = 0; i < copy.readUInt16BE(4); i++)
    tables.set(copy.toString('latin1', 12 + 16 * i, 16 + 16 * i), copy.readUInt32BE(20 + 16 * i));
  const head = tables.get('head') ?? 0;
  const loca = tables.get('loca') ?? 0;
  if (copy.readInt16BE(head + 50) === 1) copy.writeUInt32BE(0x7ffffff0, loca + 4 * id);
  else copy.writeUInt16BE(0xfff0, loca + 2 * id);
  return copy;
}

describe('a font whose glyph outlines alone are damaged', () => {
  it('is a diagnostic naming the file: the country that needs it fails, the others are built, exit 1', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await addAlbania(dir);
      await insert(dir, '\uEA61');
      await mkdir(join(dir, 'fonts'));
      await writeFile(join(dir, 'fonts', 'icons.ttf'), await damagedOutline(await iconFont(), 0xea61));
      await writeFile(join(dir, 'gareport.config.yaml'), 'formats: [md, pdf]\nfonts:\n  - fonts/icons.ttf\n');
      const validated = await runBinary(['validate', '2014', '--pdf-fonts'], dir, ENV);
      expect(validated.exitCode, validated.stdout + validated.stderr).toBe(1);
      expect(validated.stdout).toMatch(/^fonts\/icons\.ttf {2}error {2}.*damaged/m);
      const built = await runBinary(['build', '2014'], dir, ENV);
      const output = built.stdout + built.stderr;
      expect(output).not.toMatch(/internal error|DataView|This is a bug/);
      expect(built.exitCode, output).toBe(1);
      expect(output).toMatch(/^fonts\/icons\.ttf {2}error {2}/m);
      expect(output).toContain('not built 2014 kosovo: a font it needs cannot be read: fonts/icons.ttf');
      expect(await outputs(dir)).toEqual(ALBANIA_AND_YEAR);
      expect(await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8')).not.toMatch(/^#+ Kosovo$/m);
    });
  }, 60_000);

  it('an undamaged copy draws the character: the report is built', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await insert(dir, '\uEA61');
      await mkdir(join(dir, 'fonts'));
      await writeFile(join(dir, 'fonts', 'icons.ttf'), await iconFont());
      await writeFile(join(dir, 'gareport.config.yaml'), 'fonts:\n  - fonts/icons.ttf\n');
      const built = await runBinary(['build', '2014', 'kosovo', '--strict', '--format', 'pdf'], dir, ENV);
      expect(built.exitCode, built.stdout + built.stderr).toBe(0);
      expect(await outputs(dir)).toEqual(['kosovo.pdf']);
    });
  }, 60_000);
});

describe('an npm font package given by --fonts or GAREPORT_FONTS that is not installed', () => {
  it('is an error naming it, in validate --pdf-fonts and in a build that needs the fonts', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await insert(dir, '\uE000');
      const flag = await runBinary(['validate', '--pdf-fonts', '--fonts', 'no-such-font-package'], dir, ENV);
      expect(flag.exitCode, flag.stdout + flag.stderr).toBe(1);
      expect(flag.stdout).toMatch(/^no-such-font-package {2}error {2}.*not installed/m);
      expect(flag.stdout).toContain('npm install no-such-font-package');
      // Named once, though the project check and the report's both find it.
      expect(flag.stdout.match(/^no-such-font-package {2}error/gm)).toHaveLength(1);
      const env = await runBinary(['validate', '--pdf-fonts'], dir, { ...ENV, GAREPORT_FONTS: 'no-such-font-package' });
      expect(env.exitCode).toBe(1);
      expect(env.stdout).toMatch(/^no-such-font-package {2}error {2}/m);
      const built = await runBinary(
        ['build', '2014', 'kosovo', '--format', 'pdf', '--fonts', 'no-such-font-package'],
        dir,
        ENV,
      );
      const output = built.stdout + built.stderr;
      expect(built.exitCode, output).toBe(1);
      expect(output).toMatch(/^no-such-font-package {2}error {2}/m);
      expect(output).toContain('not built 2014 kosovo: a font it needs cannot be read: no-such-font-package');
      expect(await outputs(dir)).toEqual([]);
    });
  }, 60_000);
});
