/**
 * Golden images of Kosovo 2014's PDF (issue 11): its cover and its page 2, rendered by poppler's
 * `pdftoppm` (Debian's poppler-utils; .ci/run installs it) and compared with the pictures in docs/,
 * which the README shows. A change of layout shows up here and, once accepted, as a new picture in
 * review. The comparison has a tolerance, so a different anti-aliasing of the same page passes.
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/golden-images.test.ts   writes the pictures, then fails
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';
import { useCoverFixture } from './helpers/cover-fixture.js';

const update = process.env.UPDATE_GOLDEN === '1';
/** Low enough for small files, high enough to read the cover in the README. */
const DPI = 50;
const PAGES = [
  { page: 1, file: 'cover.png' },
  { page: 2, file: 'page-2.png' },
];
/** Mean difference of all channels (0–1) and share of pixels that changed visibly, at most. */
const MAX_MEAN_DIFFERENCE = 0.005;
const MAX_CHANGED_PIXELS = 0.002;

const golden = (file: string) => join(repoRoot, 'docs', file);

async function pageImage(pdf: string, page: number, base: string): Promise<Buffer> {
  try {
    await promisify(execFile)('pdftoppm', [
      '-png',
      '-r',
      String(DPI),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      pdf,
      base,
    ]);
  } catch (error) {
    throw new Error(`pdftoppm failed (apt-get install poppler-utils): ${(error as Error).message}`);
  }
  return readFile(`${base}.png`);
}

/** How far two pictures are apart; undefined sizes when they differ in size. */
function difference(a: Buffer, b: Buffer): { mean: number; changed: number } | { size: string } {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) return { size: `${x.width}×${x.height} vs ${y.width}×${y.height}` };
  let sum = 0;
  let changed = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    let pixel = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs((x.data[i + c] ?? 0) - (y.data[i + c] ?? 0));
      sum += d;
      pixel = Math.max(pixel, d);
    }
    if (pixel > 64) changed++;
  }
  const pixels = x.width * x.height;
  return { mean: sum / (pixels * 3 * 255), changed: changed / pixels };
}

describe('golden images of the Kosovo 2014 PDF', () => {
  it(`the cover and page 2 look as in docs/ (${PAGES.map((p) => p.file).join(', ')})`, async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      // The cover's metadata and logo of tests/fixtures/cover (the authority, contact and logo are examples).
      await useCoverFixture(dir);
      const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'pdf'], dir);
      expect(build.exitCode, build.stderr).toBe(0);
      const pdf = join(dir, 'out', '2014', 'kosovo.pdf');
      const rendered = await Promise.all(PAGES.map((p) => pageImage(pdf, p.page, join(dir, `page-${p.page}`))));
      if (update) {
        await mkdir(join(repoRoot, 'docs'), { recursive: true });
        await Promise.all(PAGES.map((p, i) => writeFile(golden(p.file), rendered[i] as Buffer)));
        throw new Error(
          `UPDATE_GOLDEN=1: wrote ${PAGES.map((p) => `docs/${p.file}`).join(' and ')}. Look at them, commit them, and run the test again without UPDATE_GOLDEN.`,
        );
      }
      for (const [i, p] of PAGES.entries()) {
        const expected = await readFile(golden(p.file)).catch(() => {
          throw new Error(`docs/${p.file} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/golden-images.test.ts`);
        });
        const diff = difference(rendered[i] as Buffer, expected);
        const hint = `page ${p.page} differs from docs/${p.file}; if the change is meant, run UPDATE_GOLDEN=1 npx vitest run tests/golden-images.test.ts and commit the pictures`;
        expect('size' in diff ? diff.size : 'same size', hint).toBe('same size');
        if ('size' in diff) continue;
        expect(diff.mean, hint).toBeLessThanOrEqual(MAX_MEAN_DIFFERENCE);
        expect(diff.changed, hint).toBeLessThanOrEqual(MAX_CHANGED_PIXELS);
      }
    });
  });
});
