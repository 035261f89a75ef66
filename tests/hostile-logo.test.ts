/**
 * Issue 20, items 3, 7, 13 and 14: a logo from a submitted folder cannot exhaust memory or time,
 * hang the build, end in an internal error or publish script. `validate` checks everything the
 * build reads (the PNG's data inflated under a cap, the JPEG's segments, the SVG parsed), each
 * problem an error at country.yaml's `logo:` naming the file and the limit; a batch build fails
 * that country alone.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { binPath, type CliResult, repoRoot, runBinary, testEnv, withProject } from './helpers/cli.js';
import { coverFixture } from './helpers/cover-fixture.js';
import { ihdr, jpegWith, PNG_SIGNATURE, pngChunk, pngWith, validPng } from './helpers/logo-bytes.js';

const ENV = { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' };

/** Kosovo 2014 copied under each slug, each with its own name and logo (written to assets/<slug>.<ext>). */
async function countriesWithLogos(dir: string, logos: Record<string, { ext: string; bytes: Buffer | string }>) {
  await mkdir(join(dir, 'assets'), { recursive: true });
  for (const [slug, { ext, bytes }] of Object.entries(logos)) {
    const folder = join(dir, 'reports', '2014', slug);
    await cp(join(repoRoot, 'reports', '2014', 'kosovo'), folder, { recursive: true });
    const name = slug[0]?.toUpperCase() + slug.slice(1);
    await writeFile(join(folder, 'country.yaml'), `name: ${name}\nlanguage: en\nlogo: assets/${slug}.${ext}\n`);
    await writeFile(join(dir, 'assets', `${slug}.${ext}`), bytes);
  }
}

/** The error lines `validate` prints for a slug's country.yaml (at the logo: line, 3:7). */
function logoErrors(stdout: string, slug: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith(`reports/2014/${slug}/country.yaml:3:7  error  `));
}

/** The binary, killed after `ms` (a hang must fail the test, not outlive it). */
function runBinaryWithin(ms: number, args: string[], cwd: string): Promise<CliResult & { killed: boolean }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd, env: testEnv(ENV), timeout: ms, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number; killed?: boolean }) | null;
        done({ exitCode: typeof e?.code === 'number' ? e.code : e ? -1 : 0, stdout, stderr, killed: !!e?.killed });
      },
    );
  });
}

const fullRow = (width: number) => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 4)]);

describe('hostile logos', () => {
  it('validate names the file and the limit for bombs, damaged and oversized logos, at the logo line', async () => {
    const valid = validPng(40, 30);
    await withProject({}, async ({ dir }) => {
      await countriesWithLogos(dir, {
        // 74 bytes declaring 100000 × 100000 pixels (the reader-stalling PNG).
        huge: { ext: 'png', bytes: pngWith(100000, 100000, Buffer.alloc(0)) },
        // An all-zero 16000 × 16000 RGBA image: its header is enough to refuse it, before any inflating.
        wide: { ext: 'png', bytes: pngWith(16000, 16000, fullRow(16000)) },
        // Says 100 × 100 but its data inflates to 50 MB: stopped as the data streams.
        bomb: { ext: 'png', bytes: pngWith(100, 100, Buffer.alloc(50 * 1024 * 1024)) },
        truncated: { ext: 'png', bytes: valid.subarray(0, valid.length - 20) },
        // 3000 × 3000 RGBA at 16 bits a sample: within the sides, but 69 MB unpacked.
        deep: {
          ext: 'png',
          bytes: Buffer.concat([
            PNG_SIGNATURE,
            ihdr(3000, 3000, 6, 16),
            pngChunk('IDAT', deflateSync(Buffer.alloc(10))),
            pngChunk('IEND'),
          ]),
        },
        nodata: { ext: 'png', bytes: Buffer.concat([PNG_SIGNATURE, ihdr(10, 10), pngChunk('IEND')]) },
        empty: { ext: 'jpg', bytes: jpegWith(0, 0) },
        garbage: { ext: 'jpg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x41)]) },
        big: { ext: 'jpg', bytes: Buffer.concat([jpegWith(100, 100), Buffer.alloc(2 * 1024 * 1024)]) },
        good: { ext: 'png', bytes: valid },
        fine: { ext: 'jpg', bytes: jpegWith(300, 120) },
      });
      const result = await runBinary(['validate', '2014'], dir, ENV);
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      const expected: Record<string, RegExp> = {
        huge: /`assets\/huge\.png` is 100000 × 100000 pixels: a logo may have at most 4000 × 4000/,
        wide: /`assets\/wide\.png` is 16000 × 16000 pixels: a logo may have at most 4000 × 4000/,
        bomb: /`assets\/bomb\.png` holds more image data than its 100 × 100 pixels/,
        deep: /`assets\/deep\.png` unpacks to 69 MiB \(3000 × 3000 pixels, 16 bits a sample\): a logo may unpack to at most 64 MiB/,
        truncated: /`assets\/truncated\.png` is damaged: .*cut short/,
        nodata: /`assets\/nodata\.png` is damaged: .*no image data/,
        empty: /`assets\/empty\.jpg` is damaged: it says it is 0 × 0 pixels/,
        garbage: /`assets\/garbage\.jpg` is damaged/,
        big: /`assets\/big\.jpg` is 2\.0 MiB: a logo may be at most 2 MiB/,
      };
      for (const [slug, message] of Object.entries(expected)) {
        const errors = logoErrors(result.stdout, slug);
        expect(errors, `${slug}\n${result.stdout}`).toHaveLength(1);
        expect(errors[0]).toMatch(message);
      }
      expect(logoErrors(result.stdout, 'good')).toEqual([]);
      expect(logoErrors(result.stdout, 'fine')).toEqual([]);
    });
  });

  it('build of a batch fails the country with a bad logo alone: the others, the consolidated report and the index are written (exit 1)', async () => {
    const logo = await readFile(coverFixture('logo.png'));
    await withProject({}, async ({ dir }) => {
      await countriesWithLogos(dir, {
        kosovo: { ext: 'png', bytes: logo },
        // The "internal error" cases in build: a PNG cut short and a 0 × 0 JPEG.
        albania: { ext: 'png', bytes: logo.subarray(0, 200) },
        andorra: { ext: 'jpg', bytes: jpegWith(0, 0) },
      });
      const result = await runBinary(['build', '2014', '--format', 'html,pdf,docx'], dir, ENV);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(result.stderr).toMatch(
        /reports\/2014\/albania\/country\.yaml:3:7 {2}error {2}`assets\/albania\.png` is damaged/,
      );
      expect(result.stderr).toMatch(
        /reports\/2014\/andorra\/country\.yaml:3:7 {2}error {2}`assets\/andorra\.jpg` is damaged: it says it is 0 × 0/,
      );
      expect(result.exitCode, result.stderr).toBe(1);
      const out = await readdir(join(dir, 'out', '2014'));
      expect(out).toEqual(expect.arrayContaining(['kosovo.pdf', 'kosovo.html', 'kosovo.docx', 'index.html']));
      expect(out.some((f) => f.startsWith('all-countries'))).toBe(true);
      expect(out.some((f) => f.startsWith('albania') || f.startsWith('andorra'))).toBe(false);
    });
  });

  it('a FIFO, a folder or a link to a device as logo: an error at once, never a hang', async () => {
    await withProject({}, async ({ dir }) => {
      await countriesWithLogos(dir, {
        fifo: { ext: 'png', bytes: '' },
        folder: { ext: 'png', bytes: '' },
      });
      const fifo = join(dir, 'assets', 'fifo.png');
      await rm(fifo);
      execFileSync('mkfifo', [fifo]);
      const folder = join(dir, 'assets', 'folder.png');
      await rm(folder);
      await mkdir(folder);
      for (const args of [
        ['validate', '2014'],
        ['build', '2014', '--format', 'pdf'],
      ]) {
        const result = await runBinaryWithin(8000, args, dir);
        const all = result.stdout + result.stderr;
        expect(result.killed, 'hung').toBe(false);
        expect(result.exitCode, all).toBe(1);
        expect(all).toMatch(/fifo\/country\.yaml:3:7 {2}error {2}`assets\/fifo\.png` is not a regular file/);
        expect(all).toMatch(/folder\/country\.yaml:3:7 {2}error {2}`assets\/folder\.png` is not a regular file/);
      }
    });
  }, 30_000);
});

describe('SVG logos', () => {
  const svg = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">\n${body}\n</svg>\n`;

  it('refuses script, event handlers, outside references and foreignObject, naming what and where', async () => {
    await withProject({}, async ({ dir }) => {
      await countriesWithLogos(dir, {
        script: { ext: 'svg', bytes: svg('<script>alert(1)</script>') },
        handler: { ext: 'svg', bytes: svg('<rect width="10" height="10" onload="alert(1)"/>') },
        remote: { ext: 'svg', bytes: svg('<image href="http://example.org/track.png" width="1" height="1"/>') },
        local: { ext: 'svg', bytes: svg('<use xlink:href="file:///etc/passwd#x"/>') },
        js: { ext: 'svg', bytes: svg('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>') },
        foreign: {
          ext: 'svg',
          bytes: svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
        },
        css: { ext: 'svg', bytes: svg('<style>@import url(http://example.org/a.css);</style>') },
        fill: { ext: 'svg', bytes: svg('<rect width="1" height="1" fill="url(https://example.org/p.svg#g)"/>') },
        entity: { ext: 'svg', bytes: `<!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>\n${svg('<text>&a;</text>')}` },
        broken: { ext: 'svg', bytes: svg('<g><rect width="1" height="1"></g>') },
        // 1.5 MB of unclosed elements (@xmldom/xmldom took 9 s on a fiftieth of it: quadratic).
        unclosed: { ext: 'svg', bytes: svg('<g>'.repeat(500_000)) },
        clean: {
          ext: 'svg',
          bytes: svg(
            '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>\n' +
              '<rect width="10" height="10" fill="url(#g)"/><use href="#g"/>\n' +
              '<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>',
          ),
        },
      });
      const result = await runBinary(['validate', '2014'], dir, ENV);
      expect(result.exitCode, result.stderr).toBe(1);
      const expected: Record<string, RegExp> = {
        script: /`assets\/script\.svg` line 2, column 1: a <script> element/,
        handler: /`assets\/handler\.svg` line 2, column \d+: an event handler attribute `onload`/,
        remote:
          /`assets\/remote\.svg` line 2, column \d+: a reference out of the file \(`http:\/\/example\.org\/track\.png`\)/,
        local: /`assets\/local\.svg` line 2, column \d+: a reference out of the file \(`file:\/\/\/etc\/passwd#x`\)/,
        js: /`assets\/js\.svg` line 2, column \d+: a reference out of the file \(`javascript:alert\(1\)`\)/,
        foreign: /`assets\/foreign\.svg` line 2, column 1: a <foreignObject> element/,
        css: /`assets\/css\.svg` line 2, column 1: a style sheet that loads from outside the file/,
        fill: /`assets\/fill\.svg` line 2, column \d+: a reference out of the file \(`https:\/\/example\.org\/p\.svg#g`\)/,
        entity: /`assets\/entity\.svg` line 1, column \d+: a DOCTYPE declaring entities/,
        broken: /`assets\/broken\.svg` is not well-formed XML: .*line 2/,
        unclosed: /`assets\/unclosed\.svg` is not well-formed XML: /,
      };
      for (const [slug, message] of Object.entries(expected)) {
        const errors = logoErrors(result.stdout, slug);
        expect(errors.length, `${slug}\n${result.stdout}`).toBeGreaterThanOrEqual(1);
        expect(errors.join('\n')).toMatch(message);
      }
      expect(logoErrors(result.stdout, 'clean')).toEqual([]);
    });
  });

  it('a link to a logo is followed only inside the project; a link loop is an error, not a hang', async () => {
    await withProject({}, async ({ dir }) => {
      await countriesWithLogos(dir, { loop: { ext: 'svg', bytes: '' } });
      const path = join(dir, 'assets', 'loop.svg');
      await rm(path);
      await symlink('loop.svg', path);
      const result = await runBinary(['validate', '2014'], dir, ENV);
      expect(result.exitCode).toBe(1);
      expect(logoErrors(result.stdout, 'loop')).toHaveLength(1);
    });
  });
});
