/**
 * Issue 11: the consolidated report (out/<year>/all-countries.{html,pdf}) opens with a title page
 * as a country's report does: the form's title, "All countries" in large type, the reporting year,
 * the countries included (and those left out), and the date in the form's language. Read back with
 * pdfjs and from the HTML; the page numbers and running headers start after the title page.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringsFor } from '../src/compose/strings.js';
import type { FormDefinition } from '../src/model/form.js';
import { consolidatedCover } from '../src/render/consolidated.js';
import { writeCountry } from './helpers/answers.js';
import { makeProject, repoRoot, runInProcess, withProject } from './helpers/cli.js';
import { breakCountry } from './helpers/countries.js';
import type { PdfReadResult } from './helpers/pdf-reader.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

const TITLE = 'Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form';

/** Kosovo (dated 2 March 2015), Albania (dated 2015-01-10), Côte d'Ivoire, and Україна with errors. */
async function fourCountries(dir: string): Promise<void> {
  await writeCountry(dir, 'albania', 'Albania', []);
  await writeFile(join(dir, 'reports', '2014', 'albania', 'country.yaml'), 'name: Albania\ndate: 2015-01-10\n');
  await writeCountry(dir, 'cote-d-ivoire', "Côte d'Ivoire", []);
  await writeCountry(dir, 'ukraine', 'Україна', []);
  await breakCountry(dir, 'ukraine');
  await writeFile(join(dir, 'reports', '2014', 'kosovo', 'country.yaml'), 'name: Kosovo\ndate: 2015-03-02\n');
}

async function build(dir: string, env: Record<string, string> = {}): Promise<{ html: string; pdf: PdfReadResult }> {
  const result = await runInProcess(['build', '2014', '--format', 'html,pdf'], dir, env);
  // Україна has errors on purpose: exit code 1, and the others are built.
  expect(result.exitCode, result.stderr).toBe(1);
  const out = join(dir, 'out', '2014');
  return {
    html: await readFile(join(out, 'all-countries.html'), 'utf8'),
    pdf: await readPdf(new Uint8Array(await readFile(join(out, 'all-countries.pdf')))),
  };
}

function coverBlock(html: string): string {
  return /<header class="cover">[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';
}

describe('the cover of the consolidated report', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let html: string;
  let pdf: PdfReadResult;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    await fourCountries(project.dir);
    ({ html, pdf } = await build(project.dir));
  }, 120_000);
  afterAll(() => project.cleanup());

  it('PDF: page 1 is the title page: title, "All countries", year, the countries, the latest report date', () => {
    const page1 = squash(pdf.pages[0] ?? '');
    for (const text of [
      TITLE,
      'All countries',
      'Reporting year 2014',
      'Countries included',
      '3: Albania, Côte d’Ivoire and Kosovo',
      'Not included',
      'Україна (their answers have errors)',
      'Date',
      '2 March 2015',
    ])
      expect(page1).toContain(text);
    expect(page1).not.toContain('Policy Target No. 1');
    expect(page1).not.toContain('Answers of');
    expect(squash(pdf.pages[1] ?? '')).toContain('Policy Target No. 1');
  });

  it('PDF: "All countries" is in large type; the title is the H1; the outline starts at the targets', () => {
    const items = pdf.pageDetails[0]?.items ?? [];
    const big = items.find((i) => i.str.trim() === 'All countries');
    const title = items.find((i) => i.str.includes('Global Alliance'));
    expect(big?.height ?? 0).toBeGreaterThanOrEqual(28);
    expect(big?.height ?? 0).toBeGreaterThan(title?.height ?? 0);
    expect(pdf.structRoles.filter((role) => role === 'H1')).toHaveLength(1);
    expect(pdf.outline.map((o) => o.title)[0]).toBe('Policy Target No. 1');
  });

  it('PDF: no running header or page number on the title page; both from page 2 on, counting it', () => {
    expect((pdf.pageDetails[0]?.items ?? []).filter((i) => i.artifact && i.str.trim())).toEqual([]);
    expect(pdf.numPages).toBeGreaterThan(2);
    for (let n = 2; n <= pdf.numPages; n++) {
      const furniture = squash(
        (pdf.pageDetails[n - 1]?.items ?? [])
          .filter((i) => i.artifact)
          .map((i) => i.str)
          .join(' '),
      );
      expect(furniture, `page ${n}`).toContain(`Page ${n} of ${pdf.numPages}`);
      expect(furniture, `page ${n}`).toContain('All countries – 2014 progress reports');
    }
  });

  it('PDF: its date is the latest report date too (no SOURCE_DATE_EPOCH)', () => {
    expect(pdf.info.CreationDate).toMatch(/^D:20150302/);
  });

  it('HTML: opens with the same block, and it is the only h1', () => {
    const block = coverBlock(html);
    expect(block).toContain(`<h1>${TITLE}</h1>`);
    expect(block).toContain('<p class="cover-country">All countries</p>');
    expect(block).toContain('<p class="cover-year">Reporting year 2014</p>');
    expect(block).toContain('<dt>Countries included</dt> <dd>3: Albania, Côte d’Ivoire and Kosovo</dd>');
    expect(block).toContain('<dt>Not included</dt> <dd>Україна (their answers have errors)</dd>');
    expect(block).toContain('<dt>Date</dt> <dd>2 March 2015</dd>');
    expect(block).not.toContain('<img');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });
});

describe('the consolidated cover in French, dated by SOURCE_DATE_EPOCH, and turned off', () => {
  it("is written in the form's language, with the date of SOURCE_DATE_EPOCH", async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await fourCountries(dir);
      const form = await readFile(join(repoRoot, 'forms', '2014.yaml'), 'utf8');
      await mkdir(join(dir, 'forms'));
      await writeFile(join(dir, 'forms', '2014.yaml'), form.replace(/^language: en$/m, 'language: fr'));
      // 2016-07-14T00:00:00Z
      const { html, pdf } = await build(dir, { SOURCE_DATE_EPOCH: '1468454400' });
      const page1 = squash(pdf.pages[0] ?? '');
      for (const text of [
        'Tous les pays',
        'Année de référence 2014',
        'Pays inclus',
        '3 : Albania, Côte d’Ivoire et Kosovo',
        'Non inclus',
        'Україна (leurs réponses comportent des erreurs)',
        '14 juillet 2016',
      ])
        expect(page1).toContain(text);
      expect(pdf.pages[1]).toContain(`Page 2 sur ${pdf.numPages}`);
      expect(coverBlock(html)).toContain('<dt>Date</dt> <dd>14 juillet 2016</dd>');
      expect(coverBlock(html)).toContain('<p class="cover-country">Tous les pays</p>');
    });
  }, 120_000);

  it('`cover: false` in theme.yaml: no title page, no cover block; the title block names the countries', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await fourCountries(dir);
      await mkdir(join(dir, 'templates'), { recursive: true });
      await writeFile(join(dir, 'templates', 'theme.yaml'), 'cover: false\n');
      const { html, pdf } = await build(dir);
      const page1 = squash(pdf.pages[0] ?? '');
      expect(page1).toContain('Answers of 3 countries');
      expect(page1).toContain('Policy Target No. 1');
      expect(html).not.toContain('class="cover"');
      expect(html).toContain('Answers of 3 countries');
    });
  }, 120_000);
});

describe('the consolidated cover, for countries left out', () => {
  it('says why: errors in the answers, or not built (found in review: a font failure read "their answers have errors")', () => {
    const form = { title: TITLE, language: 'en', year: 2014 } as unknown as FormDefinition;
    const cover = consolidatedCover(
      form,
      stringsFor('en').strings,
      {
        included: [{ name: 'Albania' }],
        leftOut: [
          { name: 'Україна', slug: 'ukraine', reason: 'answers' },
          { name: 'Kosovo', slug: 'kosovo', reason: 'not-built' },
        ],
      },
      new Date('2015-03-02T00:00:00Z'),
    );
    expect(cover.lines).toContainEqual({
      label: 'Not included',
      text: 'Україна (their answers have errors); Kosovo (could not be built)',
    });
  });
});
