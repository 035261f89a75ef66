/**
 * The cover (issue 11, part 1): the PDF opens with a title page and the HTML page with the same
 * block: the form's title, the country in large type, the reporting year, who issues the report,
 * the date in the report's language, the contact and the logo. The theme can turn it off.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/browser.js';
import { makeProject, runInProcess, withProject } from './helpers/cli.js';
import { useCoverFixture } from './helpers/cover-fixture.js';
import type { PdfReadResult } from './helpers/pdf-reader.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

const TITLE = 'Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form';

const coverProject = useCoverFixture;

async function build(dir: string, formats = 'html,pdf'): Promise<{ html: string; pdf: Uint8Array }> {
  const result = await runInProcess(['build', '2014', 'kosovo', '--format', formats], dir);
  expect(result.exitCode, result.stderr).toBe(0);
  const out = join(dir, 'out', '2014');
  const html = formats.includes('html') ? await readFile(join(out, 'kosovo.html'), 'utf8') : '';
  const pdf = formats.includes('pdf') ? new Uint8Array(await readFile(join(out, 'kosovo.pdf'))) : new Uint8Array();
  return { html, pdf };
}

/** How many images page `n` (1-based) paints. */
async function imagesOnPage(bytes: Uint8Array, n: number): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const ops = await (await doc.getPage(n)).getOperatorList();
    return ops.fnArray.filter((f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject).length;
  } finally {
    await doc.destroy();
  }
}

function coverBlock(html: string): string {
  return /<header class="cover">[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';
}

describe('the cover of Kosovo 2014', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let html: string;
  let bytes: Uint8Array;
  let pdf: PdfReadResult;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    await coverProject(project.dir);
    ({ html, pdf: bytes } = await build(project.dir));
    pdf = await readPdf(bytes);
  });
  afterAll(() => project.cleanup());

  it('PDF: page 1 is the title page, with the title, country, year, authority, date and contact', () => {
    const page1 = squash(pdf.pages[0] ?? '');
    for (const text of [
      TITLE,
      'Kosovo',
      'Reporting year 2014',
      'Issued by',
      'Ministry of Internal Affairs',
      'Date',
      '2 March 2015',
      'Contact',
      'Report office, reports@example.org',
    ])
      expect(page1).toContain(text);
    expect(page1).not.toContain('Policy Target No. 1');
    expect(page1).not.toContain('Country:');
    expect(squash(pdf.pages[1] ?? '')).toMatch(/Policy Target No\. 1/);
  });

  it('PDF: the authority is the document’s author', () => {
    expect(pdf.info.Author).toBe('Ministry of Internal Affairs');
  });

  it('PDF: the country is in large type, the logo is drawn, no running header or page number on the cover', async () => {
    const items = pdf.pageDetails[0]?.items ?? [];
    const country = items.find((i) => i.str.trim() === 'Kosovo');
    const title = items.find((i) => i.str.includes('Global Alliance'));
    expect(country?.height ?? 0).toBeGreaterThanOrEqual(28);
    expect(country?.height ?? 0).toBeGreaterThan(title?.height ?? 0);
    expect(items.filter((i) => i.artifact && i.str.trim())).toEqual([]);
    expect(await imagesOnPage(bytes, 1)).toBe(1);
    expect(pdf.pages[1]).toMatch(/Page 2 of \d+/);
  });

  it('PDF: the title stays the H1 of the structure; the outline starts at the targets', () => {
    expect(pdf.structRoles).toContain('H1');
    expect(pdf.outline.map((o) => o.title)[0]).toBe('Policy Target No. 1');
  });

  it('HTML: opens with the same block', () => {
    const block = coverBlock(html);
    expect(block).toContain(`<h1>${TITLE}</h1>`);
    expect(block).toContain('<p class="cover-country">Kosovo</p>');
    expect(block).toContain('<p class="cover-year">Reporting year 2014</p>');
    expect(block).toContain('<dt>Issued by</dt> <dd>Ministry of Internal Affairs</dd>');
    expect(block).toContain('<dt>Date</dt> <dd>2 March 2015</dd>');
    expect(block).toContain('<dt>Contact</dt> <dd>Report office, reports@example.org</dd>');
    expect(block).toMatch(/<img class="cover-logo" src="data:image\/png;base64,[A-Za-z0-9+/=]{100,}" alt="">/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).not.toContain('Country:');
  });

  it('HTML printed: the cover and the first target share page 1 (no nearly empty first page)', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(project.dir, 'out', '2014', 'kosovo.html')}`);
      const printed = await readPdf(new Uint8Array(await page.pdf()), { structTree: false });
      const first = squash(printed.pages[0] ?? '');
      expect(first).toContain('Kosovo');
      expect(first).toContain('Policy Target No. 1');
      expect(first.split(' ').length).toBeGreaterThan(150);
    } finally {
      await browser.close();
    }
  });
});

describe('the cover in French, and turned off', () => {
  it('writes the date and labels the French way', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await coverProject(dir, (t) => t.replace('language: en', 'language: fr'));
      const { html, pdf } = await build(dir);
      const page1 = squash((await readPdf(pdf, { structTree: false })).pages[0] ?? '');
      expect(page1).toContain('2 mars 2015');
      expect(page1).toContain('Publié par');
      expect(page1).toContain('Année de référence 2014');
      expect(coverBlock(html)).toContain('<dt>Date</dt> <dd>2 mars 2015</dd>');
    });
  });

  it('shows what country.yaml gives: without authority, contact and logo, the date still', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'reports', '2014', 'kosovo', 'country.yaml'), 'name: Kosovo\n');
      const { html, pdf } = await build(dir);
      const page1 = squash((await readPdf(pdf, { structTree: false })).pages[0] ?? '');
      expect(page1).toContain('31 December 2014');
      expect(page1).not.toContain('Issued by');
      expect(await imagesOnPage(pdf, 1)).toBe(0);
      expect(coverBlock(html)).toContain('<dt>Date</dt> <dd>31 December 2014</dd>');
      expect(coverBlock(html)).not.toContain('<img');
    });
  });

  it('`cover: false` in theme.yaml: no title page, no cover block; the report title block instead', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await coverProject(dir);
      await mkdir(join(dir, 'templates'), { recursive: true });
      await writeFile(join(dir, 'templates', 'theme.yaml'), 'cover: false\n');
      const { html, pdf } = await build(dir);
      const page1 = squash((await readPdf(pdf, { structTree: false })).pages[0] ?? '');
      expect(page1).toContain('Country: Kosovo');
      expect(page1).toContain('Policy Target No. 1');
      expect(html).not.toContain('class="cover"');
      expect(html).toContain('Country:');
    });
  });

  it('an SVG logo: in the HTML; the PDF builds without it, and validate says why at the logo line', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await coverProject(dir, (t) => t.replace('logo.png', 'logo.svg'));
      await writeFile(
        join(dir, 'assets', 'logo.svg'),
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n',
      );
      const validate = await runInProcess(['validate', '2014', 'kosovo'], dir);
      expect(validate.exitCode).toBe(0);
      expect(validate.stdout + validate.stderr).toMatch(
        /reports\/2014\/kosovo\/country\.yaml:9:7 +warning +.*SVG.*PDF/,
      );
      const { html, pdf } = await build(dir);
      expect(coverBlock(html)).toContain('src="data:image/svg+xml;base64,');
      expect(await imagesOnPage(pdf, 1)).toBe(0);
    });
  });
});
