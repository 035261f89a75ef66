/**
 * Issue 20, "done means": random bytes as a logo never end in an internal error, a hang or a
 * memory blow-up; each is either accepted, and then PDFKit opens it as the PDF cover will and its
 * size is read as the Word title page reads it, or refused with an error at `logo:` naming the
 * file. In-process for many cases (the country loader, as validate and build call it), then through
 * the binary for a few, with the process's peak memory measured (under 500 MB).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCountryInfo } from '../src/model/country.js';
import { imageSize } from '../src/render/image-size.js';
import { binPath, repoRoot, testEnv } from './helpers/cli.js';
import { ihdr, jpegWith, PNG_SIGNATURE, pngChunk, validPng } from './helpers/logo-bytes.js';

const SCALE = Math.max(1, Number(process.env.GAREPORT_FC_RUNS ?? 1) || 1);

/** Random bytes, and random bytes behind the starts a sniffer or a header parser looks at. */
const logoBytes = fc.oneof(
  fc.constantFrom(validPng(6, 4), jpegWith(300, 120)),
  fc.uint8Array({ maxLength: 2048 }),
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([PNG_SIGNATURE, b])),
  fc
    .tuple(fc.nat(), fc.nat(), fc.constantFrom(0, 2, 3, 4, 6, 7), fc.constantFrom(1, 8, 16, 3), fc.uint8Array())
    .map(([w, h, colour, depth, rest]) =>
      Buffer.concat([PNG_SIGNATURE, ihdr(w, h, colour, depth), pngChunk('IDAT', rest), pngChunk('IEND')]),
    ),
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), b])),
  fc.tuple(fc.nat(70000), fc.nat(70000), fc.nat(200)).map(([w, h, cut]) => {
    const jpeg = jpegWith(w % 65536, h % 65536);
    return jpeg.subarray(0, jpeg.length - cut);
  }),
  fc.tuple(fc.nat(600), fc.nat(255)).map(([at, value]) => {
    const png = Buffer.from(validPng(6, 4));
    png[at % png.length] = value;
    return png;
  }),
  fc.string({ unit: 'binary', maxLength: 300 }).map((s) => `<svg xmlns="http://www.w3.org/2000/svg">${s}</svg>`),
);

describe('random bytes as a logo', () => {
  let dir: string;
  const kosovo = () => join(dir, 'reports', '2014', 'kosovo');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gareport-logo-'));
    await mkdir(join(dir, 'reports', '2014', 'kosovo'), { recursive: true });
    await mkdir(join(dir, 'assets'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is accepted and opens as the PDF and Word covers read it, or is an error naming the file', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('png', 'jpg', 'svg'), logoBytes, async (ext, bytes) => {
        const name = `assets/logo.${ext}`;
        await writeFile(join(dir, name), bytes);
        await writeFile(join(kosovo(), 'country.yaml'), `name: Kosovo\nlogo: ${name}\n`);
        const { country, diagnostics } = await loadCountryInfo(kosovo(), 'reports/2014/kosovo', 'kosovo', {
          language: 'en',
        });
        const errors = diagnostics.filter((d) => d.fatal === true);
        if (errors.length) {
          for (const e of errors) {
            expect(e.reason).toContain(`\`${name}\``);
            expect(`${e.line}:${e.column}`).toBe('2:7');
          }
          expect(country.logo).toBeUndefined();
          return;
        }
        const logo = country.logo;
        expect(logo).toBeDefined();
        if (!logo || logo.type === 'svg') return;
        const data = Buffer.from(bytes);
        expect(imageSize(data, logo.type)).toBeDefined();
        const doc = new PDFDocument();
        const image = (doc as unknown as { openImage(b: Buffer): { width: number; height: number } }).openImage(data);
        expect(image.width).toBeGreaterThan(0);
        expect(image.height).toBeGreaterThan(0);
        accepted++;
      }),
      { numRuns: 300 * SCALE },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});

/** The binary with a preload that prints its peak memory (all threads) at exit. */
function buildMeasured(cwd: string): Promise<{ code: number; output: string; peakMb: number }> {
  return new Promise((done) => {
    const preload = join(repoRoot, 'tests', 'helpers', 'report-peak-memory.cjs');
    execFile(
      process.execPath,
      ['--require', preload, binPath, 'build', '2014', '--format', 'html,pdf,docx'],
      { cwd, env: testEnv({ NO_COLOR: '1' }), timeout: 60_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const peak = /peak-memory-kb (\d+)/.exec(stderr);
        const code = (error as { code?: number } | null)?.code;
        done({
          code: typeof code === 'number' ? code : error ? -1 : 0,
          output: stdout + stderr,
          peakMb: Number(peak?.[1] ?? 1e9) / 1024,
        });
      },
    );
  });
}

describe('random logos through the binary', () => {
  it('a batch of countries with random logos: no internal error, no hang, under 500 MB, each refused logo named', async () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom('png', 'jpg', 'svg'), logoBytes), {
      numRuns: 6 * SCALE,
      seed: 20,
    });
    const dir = await mkdtemp(join(tmpdir(), 'gareport-logo-'));
    try {
      await mkdir(join(dir, 'assets'));
      const slugs = samples.map((_, i) => `country-${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ''}`);
      for (const [i, [ext, bytes]] of samples.entries()) {
        const folder = join(dir, 'reports', '2014', slugs[i] ?? '');
        await cp(join(repoRoot, 'reports', '2014', 'kosovo'), folder, { recursive: true });
        await writeFile(join(folder, 'country.yaml'), `name: Country ${i}\nlogo: assets/logo-${i}.${ext}\n`);
        await writeFile(join(dir, 'assets', `logo-${i}.${ext}`), bytes);
      }
      const { code, output, peakMb } = await buildMeasured(dir);
      expect([0, 1], output).toContain(code);
      expect(output).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect(peakMb, output).toBeLessThan(500);
      for (const [i] of samples.entries()) {
        const notBuilt = output.includes(`not built 2014 ${slugs[i]}`);
        if (notBuilt)
          expect(output).toMatch(new RegExp(`${slugs[i]}/country\\.yaml:2:7 {2}error {2}\`assets/logo-${i}\\.`));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
