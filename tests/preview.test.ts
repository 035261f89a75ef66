/**
 * `gareport preview` (issue 23): the report served from memory, updated on every save, problems in
 * place, and a server that answers only to its own address and serves only what it builds.
 * Every wait is for an event (a change event, a line of output, text in the page), never a sleep.
 */

import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewHandle } from '../src/commands/preview.js';
import { startPreview } from '../src/commands/preview.js';
import { chromiumPath, launchChromium } from './helpers/browser.js';
import { makeProject, repoRoot } from './helpers/cli.js';
import { useCoverFixture } from './helpers/cover-fixture.js';
import { get } from './helpers/http.js';
import { validPng } from './helpers/logo-bytes.js';
import { withPreview } from './helpers/preview.js';
import { Watched } from './helpers/watched.js';

/** The status line of an HTTP/1.0 request that names no host at all. */
function withoutHost(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('GET /kosovo/ HTTP/1.0\r\n\r\n'));
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

/** Resolves at the next change event the server sends (the stream is open before the edit is made). */
async function nextChange(base: string): Promise<() => Promise<{ version: number; countries: string[] }>> {
  const target = new URL('/__events', base);
  let resolveChange: (value: { version: number; countries: string[] }) => void = () => {};
  const change = new Promise<{ version: number; countries: string[] }>((resolve) => {
    resolveChange = resolve;
  });
  await new Promise<void>((opened, failed) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, headers: { host: target.host } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
          const event = /event: change\ndata: (.*)\n\n/.exec(text);
          if (event) {
            resolveChange(JSON.parse(event[1] as string));
            req.destroy();
          }
        });
        opened();
      },
    );
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : failed(error)));
    req.end();
  });
  return () => change;
}

/** Writes a file the way editors save safely: to a temporary file, renamed over the old one. */
async function saveByRename(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

const KOSOVO_A = 'During the reporting period the number of reported cases';

describe('gareport preview of one country', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let preview: PreviewHandle;
  const target1 = () => join(project.dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
  let original = '';

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    original = await readFile(target1(), 'utf8');
    preview = await startPreview({ cwd: project.dir, packageRoot: repoRoot, year: 2014, country: 'kosovo', port: 0 });
  });
  afterAll(async () => {
    await preview?.close();
    await project?.cleanup();
  });

  it('listens on the loopback address and leads from / to the country', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const root = await get(preview.url);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/kosovo/');
  });

  it('serves the HTML report built in memory, with how complete it is, and writes nothing to out/', async () => {
    const page = await get(`${preview.url}kosovo/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(KOSOVO_A);
    expect(page.body).toMatch(/\d+ of \d+ questions answered/);
    // Unanswered questions are marked where they are (Kosovo leaves 1.1 B empty).
    expect(page.body).toMatch(
      /id="icse-victim-identification-b"[\s\S]*?<\/h4><p class="gp-unanswered">To answer in <code>reports\/2014\/kosovo\/target-1\.yaml<\/code>/,
    );
    // Only the preview's own script may run: its nonce is the one the policy names.
    const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(page.body).toContain(`<script nonce="${nonce}">`);
    expect(page.body.match(/<script/g)).toHaveLength(1);
    expect(existsSync(join(project.dir, 'out'))).toBe(false);
  });

  it('tells the page of a save (also by rename) and serves the new text', async () => {
    const changed = await nextChange(preview.url);
    await saveByRename(target1(), original.replace(KOSOVO_A, 'A freshly saved sentence'));
    const event = await changed();
    expect(event.countries).toEqual(['kosovo']);
    const page = await get(`${preview.url}kosovo/`);
    expect(page.body).toContain('A freshly saved sentence');
    expect(page.body).not.toContain(KOSOVO_A);
  });

  it('shows a file that does not parse at the top, with its position, keeping the last good report', async () => {
    let changed = await nextChange(preview.url);
    await writeFile(target1(), original.replace('    B:\n', '    B: "unclosed\n'));
    await changed();
    const broken = await get(`${preview.url}kosovo/`);
    expect(broken.body).toMatch(/<li class="gp-error"><code>reports\/2014\/kosovo\/target-1\.yaml:\d+:\d+<\/code>/);
    expect(broken.body).toContain('as they were last without errors');
    expect(broken.body).toContain('A freshly saved sentence');
    // Another file saved meanwhile shows at once: only the broken file is held at its last good state.
    const target2 = join(project.dir, 'reports', '2014', 'kosovo', 'target-2.yaml');
    const second = await readFile(target2, 'utf8');
    const [, firstWords] = /A: \|\n {6}(.{40})/.exec(second) ?? [];
    changed = await nextChange(preview.url);
    await writeFile(target2, second.replace(firstWords as string, 'Edited while target-1 is broken'));
    await changed();
    expect((await get(`${preview.url}kosovo/`)).body).toContain('Edited while target-1 is broken');
    await writeFile(target2, second);
    changed = await nextChange(preview.url);
    await writeFile(target1(), original);
    await changed();
    const fixed = await get(`${preview.url}kosovo/`);
    expect(fixed.body).not.toContain('class="gp-error"');
    expect(fixed.body).not.toContain('as they were last without errors');
    expect(fixed.body).toContain(KOSOVO_A);
  });

  it('shows a mistake in an answer next to its question, as validate words it', async () => {
    expect((await get(`${preview.url}kosovo/`)).body).not.toContain('class="gp-error"');
    const changed = await nextChange(preview.url);
    await writeFile(target1(), original.replace(KOSOVO_A, '# A heading\n\n      Some <b>raw</b> text'));
    await changed();
    const page = await get(`${preview.url}kosovo/`);
    // The problems sit right after question A's heading, each with file, line and column.
    const after = page.body.split('id="icse-victim-identification-a"')[1] ?? '';
    const inline = after.slice(after.indexOf('</h4>'), after.indexOf('</aside>'));
    expect(inline).toContain('class="gp-inline"');
    expect(inline).toMatch(/<li class="gp-error"><code>reports\/2014\/kosovo\/target-1\.yaml:6:\d+<\/code>/);
    expect(inline).toMatch(/heading/i);
    // The answer's raw HTML never reaches the page: the faulty answer is shown as it last was.
    expect(page.body).not.toContain('<b>raw</b>');
    expect(page.body).toContain(KOSOVO_A);
    const restored = await nextChange(preview.url);
    await writeFile(target1(), original);
    await restored();
  });

  it('offers the PDF and the Word file of the current answers, built on request', async () => {
    const pdf = await get(`${preview.url}kosovo/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
    const docx = await get(`${preview.url}kosovo/report.docx`);
    expect(docx.status).toBe(200);
    expect(docx.body.startsWith('PK')).toBe(true);
  });

  it('answers only to its own address, and serves nothing but what it builds', async () => {
    const port = new URL(preview.url).port;
    // DNS rebinding: a page on another site reaching this port sends its own name as Host.
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
      expect((await get(`${preview.url}kosovo/`, { host })).status, host).toBe(403);
    }
    expect(await withoutHost(Number(port))).toMatch(/^HTTP\/1\.1 403/);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect((await get(`${preview.url}kosovo/`, { host })).status, host).toBe(200);
    }
    for (const path of [
      '/..%2f..%2fetc/passwd',
      '/../../etc/passwd',
      '/kosovo/../../etc/passwd',
      '/kosovo/target-1.yaml',
      '/kosovo/%2e%2e/%2e%2e/etc/passwd',
      '/reports/2014/kosovo/target-1.yaml',
      '/albania/',
      '/kosovo/report.exe',
    ]) {
      expect((await get(preview.url, { path })).status, path).toBe(404);
    }
    expect((await get(`${preview.url}kosovo/`, { method: 'POST' })).status).toBe(405);
  });
});

it("renders with the session's templates, made again when a template is saved", async () => {
  const css = await readFile(join(repoRoot, 'templates', 'report.css'), 'utf8');
  const templates = (dir: string) => join(dir, 'templates', 'report.css');
  const prepare = async (dir: string) => {
    await mkdir(join(dir, 'templates'), { recursive: true });
    await writeFile(templates(dir), `${css}\n.gp-test-first {}\n`);
  };
  await withPreview({ prepare }, async (preview, dir) => {
    expect((await get(`${preview.url}kosovo/`)).body).toContain('.gp-test-first');
    const changed = await nextChange(preview.url);
    await saveByRename(templates(dir), `${css}\n.gp-test-second {}\n`);
    expect((await changed()).countries).toEqual(['kosovo']);
    const page = (await get(`${preview.url}kosovo/`)).body;
    expect(page).toContain('.gp-test-second');
    expect(page).not.toContain('.gp-test-first');
  });
});

it('takes a warning the configuration makes an error as build does: shown as an error, no downloads', async () => {
  const prepare = (dir: string) => writeFile(join(dir, 'gareport.config.yaml'), 'rules: {unanswered: error}\n');
  await withPreview({ prepare }, async (preview) => {
    const page = (await get(`${preview.url}kosovo/`)).body;
    expect(page).toMatch(/class="gp-error">[^\n]*?unanswered/);
    // The answers are shown as they are: the error is not in the text of one.
    expect(page).toContain(KOSOVO_A);
    expect((await get(`${preview.url}kosovo/report.pdf`)).status).toBe(409);
  });
});

it('shows a report whose file has errors from the start: the other files, and the errors', async () => {
  const breakTarget1 = async (dir: string) => {
    const path = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('    B:\n', '    B: "unclosed\n'));
  };
  await withPreview({ prepare: breakTarget1 }, async (preview) => {
    const page = (await get(`${preview.url}kosovo/`)).body;
    expect(page).toMatch(/<li class="gp-error"><code>reports\/2014\/kosovo\/target-1\.yaml:\d+:\d+<\/code>/);
    // Target 1's questions are shown as not answered; target 2's answers as they are.
    expect(page).toMatch(
      /id="icse-victim-identification-a"[\s\S]*?<\/h4><p class="gp-unanswered">To answer in <code>reports\/2014\/kosovo\/target-1\.yaml<\/code>/,
    );
    expect(page).not.toContain(KOSOVO_A);
    expect(page).toContain('id="policy-target-no-2"');
  });
});

describe('gareport preview through the binary', () => {
  it('prints its address, serves the year with links to each country, picks another port for a second preview, and stops on Ctrl-C with 130', async () => {
    const project = await makeProject({ withKosovo: true });
    const first = Watched.start(['preview', '2014'], project.dir);
    const second = Watched.start(['preview', '2014', 'kosovo'], project.dir);
    try {
      const address = (w: Watched) => /http:\/\/127\.0\.0\.1:\d+\//.exec(w.stdout)?.[0];
      await first.until('the first address', (w) => address(w) !== undefined);
      await second.until('the second address', (w) => address(w) !== undefined);
      expect(address(first)).not.toBe(address(second));
      const index = await get(address(first) as string);
      expect(index.status).toBe(200);
      expect(index.body).toContain('href="/kosovo/"');
      expect((await get(`${address(second)}kosovo/`)).body).toContain(KOSOVO_A);
      for (const w of [first, second]) {
        w.child.kill('SIGINT');
        const { code } = await w.exit;
        expect(code).toBe(130);
        expect(w.stderr).not.toMatch(/internal error|^\s+at /m);
      }
    } finally {
      await first.kill();
      await second.kill();
      await project.cleanup();
    }
  });

  it('names an unknown country with the closest match (exit 2)', async () => {
    const project = await makeProject({ withKosovo: true });
    try {
      const w = Watched.start(['preview', '2014', 'kosovoo'], project.dir);
      const { code } = await w.exit;
      expect(code).toBe(2);
      expect(w.stderr).toContain('kosovo');
    } finally {
      await project.cleanup();
    }
  });
});

describe.skipIf(!existsSync(chromiumPath))('gareport preview in a browser', () => {
  it('updates the open page on save, keeping the scroll position', async () => {
    await withPreview({}, async (preview, dir) => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${preview.url}kosovo/`);
        await page.evaluate(() => window.scrollTo(0, 1500));
        const before = await page.evaluate(() => window.scrollY);
        expect(before).toBeGreaterThan(0);
        const path = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
        const original = await readFile(path, 'utf8');
        await saveByRename(path, original.replace(KOSOVO_A, 'Seen in the browser without a reload'));
        await page.waitForFunction(() => document.body.textContent?.includes('Seen in the browser without a reload'));
        expect(await page.evaluate(() => window.scrollY)).toBe(before);
        // The YAML broken: the error appears in the page with its position; fixed: it goes.
        await writeFile(path, original.replace('    B:\n', '    B: "unclosed\n'));
        await page.waitForFunction(() =>
          /target-1\.yaml:\d+:\d+/.test(document.querySelector('.gp-error')?.textContent ?? ''),
        );
        await writeFile(path, original);
        await page.waitForFunction(() => document.querySelector('.gp-error') === null);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});

describe('gareport preview follows saves by rename, the configuration and the logo', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let preview: PreviewHandle;
  const kosovo = () => join(project.dir, 'reports', '2014', 'kosovo');
  const changes: string[][] = [];
  let renders = 0;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    await useCoverFixture(project.dir);
    await writeFile(join(project.dir, 'gareport.config.yaml'), 'paper: a4\n');
    preview = await startPreview({
      cwd: project.dir,
      packageRoot: repoRoot,
      year: 2014,
      country: 'kosovo',
      port: 0,
      onChange: (files) => changes.push(files),
      onRendered: () => renders++,
    });
    await get(`${preview.url}kosovo/`);
  });
  afterAll(async () => {
    await preview?.close();
    await project?.cleanup();
  });

  it("renders once for a save through an editor's temporary file, which is no change itself", async () => {
    const target1 = join(kosovo(), 'target-1.yaml');
    const target2 = join(kosovo(), 'target-2.yaml');
    const [before, seen] = [renders, changes.length];
    let changed = await nextChange(preview.url);
    await writeFile(
      join(kosovo(), '.tmp123'),
      (await readFile(target1, 'utf8')).replace(KOSOVO_A, 'Saved via .tmp123'),
    );
    await rename(join(kosovo(), '.tmp123'), target1);
    await changed();
    // A second save, so that a late second rendering of the first would show before its event.
    changed = await nextChange(preview.url);
    await writeFile(target2, `${await readFile(target2, 'utf8')}\n`);
    await changed();
    expect(changes.slice(seen)).toEqual([['reports/2014/kosovo/target-1.yaml'], ['reports/2014/kosovo/target-2.yaml']]);
    expect(renders - before).toBe(2);
    expect((await get(`${preview.url}kosovo/`)).body).toContain('Saved via .tmp123');
  });

  it('applies the rules of the configuration, again when it is saved', async () => {
    const unanswered = /class="gp-warning">[^\n]*?unanswered/;
    expect((await get(`${preview.url}kosovo/`)).body).toMatch(unanswered);
    const changed = await nextChange(preview.url);
    await writeFile(join(project.dir, 'gareport.config.yaml'), 'paper: a4\nrules: {unanswered: off}\n');
    expect((await changed()).countries).toEqual(['kosovo']);
    expect((await get(`${preview.url}kosovo/`)).body).not.toMatch(unanswered);
  });

  it('shows the new logo when the logo file is replaced', async () => {
    const logo = validPng(20, 10);
    const changed = await nextChange(preview.url);
    await writeFile(join(project.dir, 'assets', 'logo.png'), logo);
    expect((await changed()).countries).toEqual(['kosovo']);
    expect((await get(`${preview.url}kosovo/`)).body).toContain(logo.toString('base64'));
  });
});

describe('gareport preview, a setting a flag chose', () => {
  it('stays when the configuration is saved; the rest follows the configuration', async () => {
    // The flag says what the configuration says at the start: it is still the flag's choice.
    const prepare = (dir: string) => writeFile(join(dir, 'gareport.config.yaml'), 'paper: letter\n');
    await withPreview({ prepare, options: { paper: 'LETTER', pinned: ['paper'] } }, async (preview, dir) => {
      const unanswered = /class="gp-warning">[^\n]*?unanswered/;
      const before = (await get(`${preview.url}kosovo/`)).body;
      expect(before).toContain('@page { size: letter');
      expect(before).toMatch(unanswered);
      const changed = await nextChange(preview.url);
      await writeFile(join(dir, 'gareport.config.yaml'), 'paper: a4\nrules: {unanswered: off}\n');
      await changed();
      const after = (await get(`${preview.url}kosovo/`)).body;
      expect(after).toContain('@page { size: letter');
      expect(after).not.toMatch(unanswered);
    });
  });
});
