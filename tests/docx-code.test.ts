/**
 * Code in gareport's own Word output comes back as code (issue 21 item 1): inline code carries the
 * character style "Verbatim Char" and a code block the paragraph style "Source Code" (pandoc's
 * names), both defined in the document's styles with the same look as before (Consolas).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMarkdown } from '../src/load/parse-markdown.js';
import { renderDocx } from '../src/render/docx.js';
import { runInProcess, withProject } from './helpers/cli.js';

/** The answer files of a report folder, parsed, by file name. */
async function answerFiles(folder: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of (await readdir(folder)).filter((n) => n.startsWith('target-')).sort()) {
    out[name] = parse(await readFile(join(folder, name), 'utf8'));
  }
  return out;
}

const CODE_ANSWER = [
  'The hash list is matched with `sha256sum -c` before each ``upload `batch` ``, as below:',
  '',
  '```',
  '# nightly, 02:00',
  'gather --since "1 day" | match `hash-list`',
  '',
  '    indented <kept> & *not emphasis*',
  '```',
  '',
  'Then the `report` is sent.',
].join('\n');

describe('docx: code', () => {
  it('Kosovo with a code span and a code block imports back unchanged', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const folder = join(dir, 'reports', '2014', 'kosovo');
      const file = join(folder, 'target-1.yaml');
      const yaml = await readFile(file, 'utf8');
      const indented = CODE_ANSWER.split('\n')
        .map((l) => (l ? `      ${l}` : ''))
        .join('\n');
      await writeFile(file, yaml.replace(/^ {4}B:\s*$/m, `    B: |\n${indented}`));
      const before = await answerFiles(folder);
      expect(JSON.stringify(before)).toContain('sha256sum');
      const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'docx'], dir);
      expect(build.exitCode, build.stderr).toBe(0);
      const result = await runInProcess(['import', 'out/2014/kosovo.docx', '2014', 'kosovo', '--force'], dir);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(await answerFiles(folder)).toEqual(before);
    });
  });

  it('marks code with styles defined in the document, in the same font as before', async () => {
    const bytes = await renderDocx(
      parseMarkdown('Run `x --y` now, [see `in link`](https://example.org).\n\n```\nline one\nline two\n```\n'),
      {
        title: 'T',
        subject: 'S',
        author: 'A',
        lang: 'en',
        runningHeader: 'H',
        paper: 'A4',
        creationDate: new Date('2015-03-01T00:00:00Z'),
        pageLabel: 'Page {page} of {pages}',
      },
    );
    const files = unzipSync(bytes);
    const styles = strFromU8(files['word/styles.xml'] ?? new Uint8Array());
    const document = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(styles).toMatch(
      /<w:style w:type="character" w:styleId="VerbatimChar">.*?<w:name w:val="Verbatim Char"\/>.*?Consolas.*?<\/w:style>/s,
    );
    expect(styles).toMatch(
      /<w:style w:type="paragraph" w:styleId="SourceCode">.*?<w:name w:val="Source Code"\/>.*?Consolas.*?<\/w:style>/s,
    );
    expect(document).toMatch(/<w:rStyle w:val="VerbatimChar"\/>.*?x --y/s);
    expect(document).toMatch(/<w:pStyle w:val="SourceCode"\/>.*?line one.*?<w:br\/>.*?line two/s);
    // Code in a link keeps the link's colour and underline.
    expect(document).toMatch(
      /<w:rStyle w:val="VerbatimChar"\/><w:color w:val="0B57A4"\/><w:u w:val="single"\/><\/w:rPr><w:t[^>]*>in link/,
    );
  });
});
