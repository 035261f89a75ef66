/**
 * Word output, read back by tools gareport did not write: pandoc (text, structure) and gareport's
 * own importer (mammoth) for the round trip to answer files; the zip read with fflate for metadata.
 */
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { parseMarkdown } from '../src/load/parse-markdown.js';
import type { DocxOptions } from '../src/render/docx.js';
import { renderDocx } from '../src/render/docx.js';
import { makeProject, runInProcess, withProject } from './helpers/cli.js';
import { useCoverFixture } from './helpers/cover-fixture.js';
import { firstMissingWord, readSeed } from './helpers/words.js';

const run = promisify(execFile);

/** pandoc reading a .docx: `plain` text, or its `json` document model. */
async function pandoc(bytes: Uint8Array, to: 'plain' | 'json'): Promise<string> {
  const file = join(tmpdir(), `gareport-docx-${process.pid}-${Math.random().toString(36).slice(2)}.docx`);
  await writeFile(file, bytes);
  try {
    const { stdout } = await run('pandoc', ['-f', 'docx', '-t', to, '--wrap=none', file], { maxBuffer: 1 << 26 });
    return stdout;
  } finally {
    // Nothing left behind in the temp folder.
    await rm(file, { force: true });
  }
}

interface PandocNode {
  t: string;
  c?: unknown;
}

/** Every pandoc node of a given type, depth first. */
function nodesOf(value: unknown, type: string, found: PandocNode[] = []): PandocNode[] {
  if (Array.isArray(value)) for (const v of value) nodesOf(v, type, found);
  else if (value && typeof value === 'object') {
    const node = value as PandocNode;
    if (node.t === type) found.push(node);
    for (const v of Object.values(node)) nodesOf(v, type, found);
  }
  return found;
}

/** The plain text of pandoc inlines. */
function textOf(inlines: unknown): string {
  return nodesOf(inlines, 'Str')
    .map((s) => s.c as string)
    .join(' ');
}

const options: DocxOptions = {
  title: 'Testland – 2014 Reporting Form',
  subject: 'Progress report of Testland',
  author: 'Testland',
  lang: 'fr',
  runningHeader: 'Testland – 2014 progress report',
  paper: 'A4',
  creationDate: new Date('2015-03-01T00:00:00Z'),
  pageLabel: 'Page {page} sur {pages}',
};

const RICH = `# The report

**Country:** Testland

## Policy Target No. 1

### Operational Goal: Tables and lists

#### A) A question

Some *emphasis*, **strong** text, ~~struck~~ and a [link](https://example.org/x) and \`code\`.[^note]

3. third
4. fourth
   - nested bullet

| Year | Cases |
| --- | ---: |
| 2013 | 4 |
| 2014 | 12 |

> A quotation.

[^note]: The footnote's text.
`;

describe('docx: structure read back by pandoc', () => {
  let doc: unknown;
  beforeAll(async () => {
    doc = JSON.parse(await pandoc(await renderDocx(parseMarkdown(RICH), options), 'json'));
  });

  it('gives headings their outline levels (Word heading styles)', () => {
    const headers = nodesOf(doc, 'Header').map((h) => {
      const [level, , inlines] = h.c as [number, unknown, unknown];
      return [level, textOf(inlines)];
    });
    expect(headers).toEqual([
      [1, 'The report'],
      [2, 'Policy Target No. 1'],
      [3, 'Operational Goal: Tables and lists'],
      [4, 'A) A question'],
    ]);
  });

  it('keeps emphasis, strong, strike-through, links, code and footnotes', () => {
    expect(textOf(nodesOf(doc, 'Emph'))).toContain('emphasis');
    expect(textOf(nodesOf(doc, 'Strong'))).toContain('strong');
    expect(textOf(nodesOf(doc, 'Strikeout'))).toBe('struck');
    const [link] = nodesOf(doc, 'Link');
    expect(JSON.stringify(link?.c)).toContain('https://example.org/x');
    expect(textOf(nodesOf(doc, 'Note'))).toBe("The footnote's text.");
    // Code carries pandoc's own style (Verbatim Char), so pandoc reads it as code too.
    expect(nodesOf(doc, 'Code').map((c) => (c.c as [unknown, string])[1])).toEqual(['code']);
  });

  it('keeps lists (numbering from the list start, nesting) and tables', () => {
    const [ordered] = nodesOf(doc, 'OrderedList');
    const [[start], items] = (ordered?.c ?? [[0], []]) as [[number], unknown[]];
    expect(start).toBe(3);
    expect(items).toHaveLength(2);
    expect(textOf(nodesOf(ordered, 'BulletList'))).toBe('nested bullet');
    const [table] = nodesOf(doc, 'Table');
    expect(textOf(table)).toBe('Year Cases 2013 4 2014 12');
    expect(textOf(nodesOf(doc, 'BlockQuote'))).toBe('A quotation.');
  });
});

describe('docx: the package', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is the same bytes whatever the clock, and another document rendered before changes nothing', async () => {
    const tree = parseMarkdown(RICH);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-06-01T10:11:12Z'));
    const first = await renderDocx(tree, options);
    await renderDocx(parseMarkdown('# Other\n\n1. a\n2. b\n\n- c\n'), options);
    vi.setSystemTime(new Date('2031-01-02T03:04:05Z'));
    const second = await renderDocx(tree, options);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('carries the language, the dates and the metadata of the report', async () => {
    const files = unzipSync(await renderDocx(parseMarkdown(RICH), options));
    const core = strFromU8(files['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toContain('<dc:language>fr</dc:language>');
    expect(core).toContain('<dc:title>Testland – 2014 Reporting Form</dc:title>');
    expect(core).toMatch(/<dcterms:created[^>]*>2015-03-01T00:00:00Z</);
    expect(strFromU8(files['word/styles.xml'] ?? new Uint8Array())).toMatch(/<w:lang w:val="fr"/);
  });

  it('puts the running header on the pages and "Page N of M" as fields in the footer', async () => {
    const files = unzipSync(await renderDocx(parseMarkdown(RICH), options));
    const xml = (prefix: string) =>
      Object.entries(files)
        .filter(([name]) => name.startsWith(prefix))
        .map(([, bytes]) => strFromU8(bytes))
        .join('');
    expect(xml('word/header')).toContain('Testland – 2014 progress report');
    const footer = xml('word/footer');
    expect(footer).toMatch(/Page .*PAGE.*sur .*NUMPAGES/s);
    // The cover (everything before the first target) is a section of its own, without header.
    const body = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(body.match(/<w:sectPr/g)).toHaveLength(2);
  });
});

describe('docx: the Kosovo 2014 report', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let bytes: Uint8Array;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'docx'], project.dir);
    expect(result.exitCode, result.stderr).toBe(0);
    bytes = await readFile(join(project.dir, 'out', '2014', 'kosovo.docx'));
  });
  afterAll(() => project?.cleanup());

  it('holds every word of the seed, in order, as pandoc reads it', async () => {
    expect(firstMissingWord(readSeed(), await pandoc(bytes, 'plain'))).toBeUndefined();
  });

  it('imports back to the same answer files', async () => {
    const folder = join(project.dir, 'reports', '2014', 'kosovo');
    const answers = () => answerFiles(folder);
    const before = await answers();
    const result = await runInProcess(['import', 'out/2014/kosovo.docx', '2014', 'kosovo', '--force'], project.dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await answers()).toEqual(before);
  });
});

/** Kosovo 2014 of `dir` built as Word and imported back: the same answer files, nothing said. */
async function expectWordRoundTrip(dir: string): Promise<void> {
  const folder = join(dir, 'reports', '2014', 'kosovo');
  const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'docx'], dir);
  expect(build.exitCode, build.stderr).toBe(0);
  const before = await answerFiles(folder);
  const result = await runInProcess(['import', 'out/2014/kosovo.docx', '2014', 'kosovo', '--force'], dir);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  expect(await answerFiles(folder)).toEqual(before);
}

/** The answer files of a report folder, parsed, by file name. */
async function answerFiles(folder: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of (await readdir(folder)).filter((n) => n.startsWith('target-'))) {
    out[name] = parse(await readFile(join(folder, name), 'utf8'));
  }
  return out;
}

describe('docx: a report in another language imports back', () => {
  // French and Spanish reports show the form's own wording translated (forms/2014.fr.yaml), German
  // and Russian its English wording; all of them put their own words around it.
  it.each(['fr', 'de', 'es', 'ru'])('%s: to the same answer files, with nothing to say', async (language) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'reports', '2014', 'kosovo', 'country.yaml'), `name: Kosovo\nlanguage: ${language}\n`);
      await expectWordRoundTrip(dir);
    });
  });

  it('says nothing about the logo on the title page', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await useCoverFixture(dir);
      await expectWordRoundTrip(dir);
    });
  });
});

describe('docx: the title page', () => {
  it('shows the cover of the PDF and HTML: logo, title, country, year, authority, date, contact; same bytes twice', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await useCoverFixture(dir);
      const build = async () => {
        const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'docx', '--force'], dir, {
          SOURCE_DATE_EPOCH: '1420070400',
        });
        expect(result.exitCode, result.stderr).toBe(0);
        return new Uint8Array(await readFile(join(dir, 'out', '2014', 'kosovo.docx')));
      };
      const bytes = await build();
      expect(Buffer.from(await build()).equals(Buffer.from(bytes))).toBe(true);
      const zip = unzipSync(bytes);
      expect(Object.keys(zip).filter((name) => name.startsWith('word/media/'))).toHaveLength(1);
      const text = (await pandoc(bytes, 'plain')).replace(/\s+/g, ' ');
      const cover = text.slice(0, text.indexOf('Policy Target No. 1'));
      for (const words of ['2014 Reporting Form', 'Kosovo', 'Reporting year 2014', 'Ministry of Internal Affairs']) {
        expect(cover).toContain(words);
      }
      expect(cover).toContain('Date 2 March 2015');
      expect(cover).toContain('reports@example.org');
      // The title is the document's Heading 1 (Word's navigation pane), as in HTML and PDF.
      const json = JSON.parse(await pandoc(bytes, 'json'));
      const h1 = nodesOf(json.blocks, 'Header').find((h) => (h.c as [number])[0] === 1);
      expect(JSON.stringify(h1)).toContain('Reporting');
    });
  });
});

describe('docx: reproducible in a batch', () => {
  it('a Word file has the same bytes whether its worker rendered other reports before it or not', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await useCoverFixture(dir);
      // Three countries with a logo: two workers, so one renders at least two Word files.
      const kosovo = join(dir, 'reports', '2014', 'kosovo');
      for (const name of ['Albania', 'Montenegro']) {
        const folder = join(dir, 'reports', '2014', name.toLowerCase());
        await cp(kosovo, folder, { recursive: true });
        const country = await readFile(join(folder, 'country.yaml'), 'utf8');
        await writeFile(join(folder, 'country.yaml'), country.replace('name: Kosovo', `name: ${name}`));
      }
      const env = { SOURCE_DATE_EPOCH: '1420070400' };
      const all = await runInProcess(['build', '2014', '--format', 'docx', '--out', 'all'], dir, env);
      expect(all.exitCode, all.stderr).toBe(0);
      for (const slug of ['albania', 'kosovo', 'montenegro']) {
        const alone = await runInProcess(['build', '2014', slug, '--format', 'docx', '--out', slug], dir, env);
        expect(alone.exitCode, alone.stderr).toBe(0);
        const [inBatch, byItself] = await Promise.all(
          ['all', slug].map((out) => readFile(join(dir, out, '2014', `${slug}.docx`))),
        );
        expect(inBatch?.equals(byItself ?? Buffer.alloc(0)), slug).toBe(true);
      }
    });
  });
});
