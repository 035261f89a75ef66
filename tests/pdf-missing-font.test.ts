// Never a silent box (issue 10 item 6): with no font for a script (system fonts turned off), the
// PDF draws crossed boxes that extract as nothing, and `build` names the characters, their place
// and the fix.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { severityOf } from '../src/diagnostics/diagnostics.js';
import { FONT_MISSING, fontDiagnostics } from '../src/render/font-check.js';
import { projectFonts } from '../src/render/font-config.js';
import { missingCharacters, renderPdf } from '../src/render/pdf.js';
import { repoRoot } from './helpers/cli.js';
import { readPdf } from './helpers/pdf-reader.js';

const CHINESE = '公安部';

/** Number of path-stroking operators on the first page. */
async function strokes(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: bytes.slice() }).promise;
  const ops = await (await doc.getPage(1)).getOperatorList();
  let count = 0;
  ops.fnArray.forEach((fn, i) => {
    if (fn === OPS.stroke) count++;
    // pdf.js 5 folds a path and its painting into one constructPath operation.
    if (fn === OPS.constructPath && ops.argsArray[i]?.[0] === OPS.stroke) count++;
  });
  await doc.destroy();
  return count;
}
const THAI = 'ตำรวจ';

describe('no font for a script', () => {
  it('draws a visible placeholder and nothing that reads as text', async () => {
    const tree = unified().use(remarkParse).parse(`Before ${CHINESE} after.`);
    const options = {
      title: 't',
      subject: 's',
      lang: 'en',
      runningHeader: 'h',
      paper: 'A4' as const,
      creationDate: new Date('2014-12-01T00:00:00Z'),
      systemFonts: false,
    };
    const bytes = await renderPdf(tree, options);
    const pdf = await readPdf(bytes);
    const text = pdf.contentText.replace(/\s+/g, ' ');
    expect(text).toContain('Before');
    expect(text).toContain('after.');
    for (const ch of [...CHINESE, '\ufffd']) expect(text).not.toContain(ch);
    // One crossed box per character: a rectangle and two diagonals, each stroked.
    const plain = await renderPdf(unified().use(remarkParse).parse('Before after.'), options);
    expect((await strokes(bytes)) - (await strokes(plain))).toBe(3 * CHINESE.length);
    expect(await missingCharacters(CHINESE, { systemFonts: false })).toEqual([...CHINESE].map((c) => c.codePointAt(0)));
  });

  describe('build warnings', () => {
    let dir: string;
    let file: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'gareport-fonts-'));
      file = join(dir, 'target-1.yaml');
      await writeFile(
        file,
        `target: 1\ngoals:\n  g:\n    A: |\n      The unit ${THAI} and ${CHINESE} (twice: ${CHINESE}).\n`,
      );
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('names the file, line and column, the characters, the script and the fix', async () => {
      const found = await fontDiagnostics([file], { cwd: dir, fonts: [], strict: false, systemFonts: false });
      expect(found.map((d) => [d.file, d.line, d.column, severityOf(d), d.ruleId])).toEqual([
        ['target-1.yaml', 5, 16, 'warning', FONT_MISSING],
        ['target-1.yaml', 5, 26, 'warning', FONT_MISSING],
      ]);
      const [thai, han] = found;
      expect(thai?.message).toContain('Thai characters');
      for (const ch of new Set(THAI)) expect(thai?.message).toContain(ch);
      expect(thai?.hint).toContain('fonts-thai-tlwg');
      expect(han?.message).toContain('Han');
      expect(han?.hint).toContain('fonts-noto-cjk');
      expect(han?.hint).toContain('fonts:');
    });

    it('makes them errors with --strict', async () => {
      const found = await fontDiagnostics([file], { cwd: dir, fonts: [], strict: true, systemFonts: false });
      expect(found.map(severityOf)).toEqual(['error', 'error']);
    });

    const loma = '/usr/share/fonts/truetype/tlwg/Loma.ttf';
    it.skipIf(!existsSync(loma))(
      'finds no Thai missing once a Thai font is listed (needs fonts-tlwg-loma)',
      async () => {
        const found = await fontDiagnostics([file], {
          cwd: dir,
          fonts: [loma],
          strict: false,
          systemFonts: false,
        });
        expect(found.map((d) => d.message).join('\n')).not.toContain('Thai');
      },
    );
  });
});

describe('templates/fonts.yaml', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gareport-fonts-yaml-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists font files relative to the folder and npm packages, after the configured fonts', async () => {
    await writeFile(join(dir, 'fonts.yaml'), 'fonts:\n  - fonts/Thai.ttf\n  - "@fontsource/noto-sans-jp"\n');
    // A font file that is there (one that is not is left out with a warning, tests/fonts-file.test.ts).
    await mkdir(join(dir, 'fonts'), { recursive: true });
    await copyFile(
      join(repoRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf'),
      join(dir, 'fonts', 'Thai.ttf'),
    );
    expect(await projectFonts(['/abs/Config.ttf'], [dir, join(dir, 'missing')], dir)).toEqual([
      '/abs/Config.ttf',
      join(dir, 'fonts', 'Thai.ttf'),
      '@fontsource/noto-sans-jp',
    ]);
  });

  it('refuses a fonts: that is not a list of names, saying what it should be', async () => {
    await writeFile(join(dir, 'fonts.yaml'), 'fonts: 12\n');
    await expect(projectFonts([], [dir], dir)).rejects.toThrow(/must be a list of font files or npm font packages/);
  });
});
