import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCountry } from './helpers/answers.js';
import { launchChromium, runAxe } from './helpers/browser.js';
import { makeProject, runInProcess } from './helpers/cli.js';

// Answers that are valid but push the layout: a huge paragraph, an unbreakable URL, deep lists, a wide table, emoji.
const stressAnswer = [
  `${'word '.repeat(5000).trim()}`,
  '',
  `See https://example.org/${'very-long-path-segment-'.repeat(30)}end for details.`,
  '',
  Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n'),
  '',
  '| Year | Reports received | Removed within 24 h | Removed within 72 h | Referred to police | Notes |',
  '| --- | --- | --- | --- | --- | --- |',
  `| 2014 | 1204 | 80% | 95% | 312 | ${'long note '.repeat(20)} |`,
  '',
  'Emoji 🙂👍🏽, Ελλάδα, Україна, Fushë Kosova, Türkiye.',
]
  .join('\n')
  .split('\n')
  .map((l) => (l ? `      ${l}` : ''))
  .join('\n');

describe('HTML report in headless Chromium', () => {
  let browser: Browser;
  let project: Awaited<ReturnType<typeof makeProject>>;
  let kosovo: string;
  let stress: string;

  beforeAll(async () => {
    browser = await launchChromium();
    project = await makeProject({ withKosovo: true });
    await writeFile(
      join(project.dir, 'reports', '2014', 'kosovo', 'target-4.yaml'),
      `target: 4\ngoals:\n  notice-and-takedown:\n    A: |\n${stressAnswer}\n`,
    );
    expect(
      (await runInProcess(['build', '2014', 'kosovo', '--format', 'html', '--out', 'stress'], project.dir)).exitCode,
    ).toBe(0);
    stress = join(project.dir, 'stress', '2014', 'kosovo.html');
    const plain = await makeProject({ withKosovo: true });
    expect((await runInProcess(['build', '2014', 'kosovo', '--format', 'html'], plain.dir)).exitCode).toBe(0);
    kosovo = join(project.dir, 'kosovo.html');
    await writeFile(kosovo, await readFile(join(plain.dir, 'out', '2014', 'kosovo.html')));
    await plain.cleanup();
  });
  afterAll(async () => {
    await browser?.close();
    await project?.cleanup();
  });

  for (const [name, file] of [
    ['Kosovo 2014', () => kosovo],
    ['stress answers', () => stress],
  ] as const) {
    it(`${name}: no accessibility violations (axe-core, WCAG 2.1 AA + best practices)`, async () => {
      const page = await browser.newPage();
      await page.goto(`file://${file()}`);
      const violations = await runAxe(page);
      // The bar is no serious or critical violation; today there are none of any impact, so hold that.
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await page.close();
    });

    it(`${name}: readable on a phone (no sideways scrolling at 360 px)`, async () => {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
      await page.goto(`file://${file()}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    });
  }

  it('makes no network requests and runs no scripts', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${kosovo}`);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    await page.close();
  });

  it('prints without the table of contents, each target after the first on a new page', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${kosovo}`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('nav') as Element).display)).toBe('none');
    const breaks = await page.evaluate(() =>
      [...document.querySelectorAll('article > h2')].map((h) => getComputedStyle(h).breakBefore),
    );
    // The first target follows the cover on page 1 (no nearly empty first page); the others start a page.
    expect(breaks).toEqual(['auto', 'page', 'page', 'page']);
    await page.close();
  });

  it('keeps the contents to one line until opened, then a line a section', async () => {
    for (const width of [360, 1200]) {
      const page = await browser.newPage({ viewport: { width, height: 740 } });
      await page.goto(`file://${kosovo}`);
      const link = page.locator('nav a[href="#notice-and-takedown"]');
      expect(await link.isVisible()).toBe(false);
      const closed = (await page.locator('nav').boundingBox())?.height ?? 0;
      expect(closed).toBeLessThan(60);
      await page.click('nav summary');
      expect(await link.isVisible()).toBe(true);
      // Every entry is one line, however long the goal's wording.
      const lines = await page.evaluate(() =>
        [...document.querySelectorAll('nav li > a')].map((a) => {
          const rects = a.getClientRects();
          return rects.length === 1 && (rects[0]?.height ?? 0) < 30 ? 1 : rects.length;
        }),
      );
      expect(lines.length).toBe(11); // four targets, seven goals
      expect(new Set(lines), `${width} px`).toEqual(new Set([1]));
      await page.close();
    }
  });

  it('the table of contents links land on the sections', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${kosovo}`);
    await page.click('nav summary');
    await page.click('nav a[href="#notice-and-takedown"]');
    expect(await page.evaluate(() => location.hash)).toBe('#notice-and-takedown');
    const [top, height] = await page.evaluate(() => [
      document.getElementById('notice-and-takedown')?.getBoundingClientRect().top ?? -1,
      window.innerHeight,
    ]);
    // Scrolled into view (the last section cannot reach the very top of the window).
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(height);
    await page.close();
  });
});

describe('HTML index on a phone', () => {
  let browser: Browser;
  let project: Awaited<ReturnType<typeof makeProject>>;

  beforeAll(async () => {
    browser = await launchChromium();
    project = await makeProject({ withKosovo: true });
    // A long name, as the widest row of a real index.
    await writeCountry(project.dir, 'bosnia-and-herzegovina', 'Bosnia and Herzegovina', ['Answered.']);
    const result = await runInProcess(['build', '2014', '--format', 'html'], project.dir);
    expect(result.exitCode, result.stderr).toBe(0);
  });
  afterAll(async () => {
    await browser?.close();
    await project?.cleanup();
  });

  it('has no sideways scrolling at 360 px: the tables and their captions fit the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`file://${join(project.dir, 'out', '2014', 'index.html')}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('table, caption')].map((e) => {
        const table = e.closest('table') as HTMLElement;
        return {
          tag: e.tagName,
          right: e.getBoundingClientRect().right,
          scrolls: table.scrollWidth > table.clientWidth,
        };
      }),
    );
    expect(boxes.length).toBe(4);
    for (const box of boxes) {
      expect(box.right, box.tag).toBeLessThanOrEqual(360);
      expect(box.scrolls, box.tag).toBe(false);
    }
    // Every goal's column is still there; the totals are left to wider screens.
    expect(await page.locator('table.status thead th:visible').count()).toBe(8);
    const violations = await runAxe(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  });
});
