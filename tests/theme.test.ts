/**
 * The theme (issue 11, part 2): templates/theme.yaml, a project's theme laid over it, checked with
 * positions by `validate` and `build`, and given to the HTML as CSS custom properties.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isError } from '../src/diagnostics/diagnostics.js';
import { themeCss } from '../src/render/theme/css.js';
import { builtInTheme, loadTheme } from '../src/render/theme/load.js';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';
import { fillColours } from './helpers/pdf-content.js';
import { readPdf } from './helpers/pdf-reader.js';

async function writeTheme(dir: string, text: string, folder = 'templates'): Promise<void> {
  await mkdir(join(dir, folder), { recursive: true });
  await writeFile(join(dir, folder, 'theme.yaml'), text);
}

async function buildPdf(dir: string, extra: string[] = []): Promise<Uint8Array> {
  const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'pdf', '--force', ...extra], dir);
  expect(result.exitCode, result.stderr).toBe(0);
  return new Uint8Array(await readFile(join(dir, 'out', '2014', 'kosovo.pdf')));
}

const ctx = (cwd: string, templates?: string) => ({ cwd, packageRoot: repoRoot, templates });

/** gareport's own theme, which loads without a diagnostic. */
async function builtIn() {
  const { theme, diagnostics } = await builtInTheme(repoRoot);
  expect(diagnostics).toEqual([]);
  if (!theme) throw new Error('the built-in theme did not load');
  return theme;
}

describe('the built-in theme', () => {
  it('is complete and valid, and is what a project without a theme.yaml gets', async () => {
    const theme = await builtIn();
    expect(theme.cover).toBe(true);
    expect(theme.fonts).toEqual({ body: 'Noto Serif', heading: 'Noto Sans' });
    expect(Object.keys(theme.headings)).toEqual(['title', 'target', 'goal', 'question']);
    await withProject({}, async ({ dir }) => {
      const loaded = await loadTheme(ctx(dir));
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.theme).toEqual(theme);
    });
  });

  it('becomes CSS custom properties and the printed page', async () => {
    const css = themeCss(await builtIn());
    expect(css).toMatch(/:root \{[^}]*--ga-text: #1a1a1a;/);
    expect(css).toContain('--ga-target-size: 1.5em;');
    expect(css).toContain('--ga-font-body: "Noto Serif"');
    expect(css).toContain('@page { size: A4; margin: 66pt 64pt 62pt 64pt; }');
    expect(themeCss(await builtIn(), 'LETTER')).toContain('size: letter;');
  });

  it('report.css takes its colours, fonts and heading styles from the custom properties', async () => {
    const css = await readFile(join(repoRoot, 'templates', 'report.css'), 'utf8');
    for (const name of [
      '--ga-text',
      '--ga-link',
      '--ga-font-body',
      '--ga-font-heading',
      '--ga-goal-colour',
      '--ga-question-size',
    ])
      expect(css, name).toContain(`var(${name})`);
  });
});

describe('a project theme', () => {
  it('is laid over the built-in one: only what it names changes', async () => {
    await withProject({}, async ({ dir }) => {
      await writeTheme(dir, "headings:\n  goal:\n    colour: '#a01010'\nmargins:\n  left: 40\n");
      const { theme, diagnostics } = await loadTheme(ctx(dir));
      expect(diagnostics).toEqual([]);
      expect(theme?.headings.goal).toEqual({ size: 12.5, weight: 'normal', colour: '#a01010' });
      expect(theme?.margins).toEqual({ top: 66, bottom: 62, left: 40, right: 64 });
    });
  });

  it('of the --templates folder wins over the project templates/ one', async () => {
    await withProject({}, async ({ dir }) => {
      await writeTheme(dir, 'size: 11\n');
      await writeTheme(dir, 'size: 12\n', 'other');
      expect((await loadTheme(ctx(dir, join(dir, 'other')))).theme?.size).toBe(12);
      expect((await loadTheme(ctx(dir))).theme?.size).toBe(11);
    });
  });

  it('reads names in any case: `paper: A4`, `weight: Bold`', async () => {
    await withProject({}, async ({ dir }) => {
      await writeTheme(dir, 'paper: Letter\nheadings:\n  goal:\n    weight: Bold\n');
      const loaded = await loadTheme(ctx(dir));
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.theme?.paper).toBe('letter');
      expect(loaded.theme?.headings.goal.weight).toBe('bold');
    });
  });

  it('may be empty or comments only', async () => {
    await withProject({}, async ({ dir }) => {
      await writeTheme(dir, '# nothing changed yet\n');
      const loaded = await loadTheme(ctx(dir));
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.theme).toEqual(await builtIn());
    });
  });

  it('with mistakes: every one reported at its line and column, with a hint', async () => {
    await withProject({}, async ({ dir }) => {
      await writeTheme(
        dir,
        [
          'colors:', // 1
          "  text: '#123456'",
          'colours:', // 3
          "  text: '#12345'",
          '  rule: #b9c3cf', // 5
          'margins:',
          '  left: -5', // 7
          'headings:',
          '  goal:', // 9
          '    wieght: bold',
          'paper: a5', // 11
          '',
        ].join('\n'),
      );
      const { theme, diagnostics } = await loadTheme(ctx(dir));
      expect(theme).toBeUndefined();
      const shown = diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message} | ${d.hint ?? ''}`);
      expect(shown).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^templates\/theme\.yaml:1:1 unknown key `colors`.*did you mean `colours`\?/),
          // Already in quotes: the hint shows a colour, not "in quotes".
          expect.stringMatching(/^templates\/theme\.yaml:4:9 `#12345` is not a colour.*\| such as `'#1f3a5f'`$/),
          expect.stringMatching(
            /^templates\/theme\.yaml:5:3 `rule` is empty: YAML reads `#b9c3cf`.*\| write the colour in quotes/,
          ),
          expect.stringMatching(/^templates\/theme\.yaml:7:9 `left` must not be negative/),
          expect.stringMatching(/^templates\/theme\.yaml:10:5 unknown key `wieght`.*did you mean `weight`\?/),
          expect.stringMatching(/^templates\/theme\.yaml:11:8 .*`a4` or `letter`/),
        ]),
      );
      expect(diagnostics.every((d) => isError(d) && d.ruleId === 'invalid-theme')).toBe(true);
    });
  });
});

describe('gareport validate and build with an invalid theme', () => {
  it('report it with its position and exit 1', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeTheme(dir, "colours:\n  text: '#12345'\n");
      const validate = await runInProcess(['validate'], dir);
      expect(validate.exitCode).toBe(1);
      expect(validate.stdout + validate.stderr).toMatch(/templates\/theme\.yaml:2:9 +error +`#12345` is not a colour/);
      const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'html'], dir);
      expect(build.exitCode).toBe(1);
      expect(build.stderr).toMatch(/templates\/theme\.yaml:2:9 +error +`#12345` is not a colour/);
      expect(build.stderr).not.toMatch(/at .*\.ts:\d+/);
    });
  });
});

describe('the PDF of a themed report', () => {
  it('paints the goal headings in the theme colour (content stream), with its margins and body typeface', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const plain = await buildPdf(dir);
      expect(fillColours(plain)).toContain('#1f3a5f');
      expect(fillColours(plain)).not.toContain('#a01010');
      await writeTheme(
        dir,
        "headings:\n  goal:\n    colour: '#a01010'\nmargins:\n  left: 100\n  right: 30\nfonts:\n  body: DejaVu Serif\n",
      );
      const themed = await buildPdf(dir);
      expect(fillColours(themed)).toContain('#a01010');
      // The body text in the theme's serif, embedded; the headings keep the sans.
      const embedded = (bytes: Uint8Array) =>
        Buffer.from(bytes)
          .toString('latin1')
          .match(/\/BaseFont \/[A-Z]{6}\+[\w-]+/g) ?? [];
      expect(embedded(plain).join()).not.toContain('DejaVuSerif');
      expect(embedded(themed).join()).toMatch(/\+DejaVuSerif\b/);
      expect(embedded(themed).join()).toContain('+NotoSans-Bold');
      const page2 = (await readPdf(themed, { structTree: false })).pageDetails[1];
      const content = (page2?.items ?? []).filter((i) => !i.artifact && i.str.trim());
      expect(Math.min(...content.map((i) => i.x))).toBeCloseTo(100, 0);
      const goal = content.find((i) => i.str.startsWith('Operational Goal'));
      expect(goal?.height ?? 0).toBeCloseTo(12.5, 0);
    });
  });

  it('`paper: letter` in the theme gives letter pages unless --paper says otherwise', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeTheme(dir, 'paper: letter\n');
      const letter = await readPdf(await buildPdf(dir), { structTree: false });
      expect([letter.pageDetails[0]?.width, letter.pageDetails[0]?.height]).toEqual([612, 792]);
      const a4 = await readPdf(await buildPdf(dir, ['--paper', 'a4']), { structTree: false });
      expect(a4.pageDetails[0]?.width).toBeCloseTo(595.28, 1);
    });
  });
});

describe('the HTML of a themed report', () => {
  it('carries the theme as custom properties that its CSS uses', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeTheme(dir, "headings:\n  goal:\n    colour: '#a01010'\nfonts:\n  body: DejaVu Serif\n");
      const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'html'], dir);
      expect(build.exitCode, build.stderr).toBe(0);
      const html = await readFile(join(dir, 'out', '2014', 'kosovo.html'), 'utf8');
      expect(html).toContain('--ga-goal-colour: #a01010;');
      expect(html).toContain('--ga-font-body: "DejaVu Serif"');
      expect(html).toMatch(/h3 \{[^}]*color: var\(--ga-goal-colour\)/);
    });
  });
});
