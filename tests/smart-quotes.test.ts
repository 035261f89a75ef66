/**
 * Typographic quotes and apostrophes in HTML and PDF, in the report's language (issue 11, part 3);
 * Markdown (and Word) left exactly as written; code untouched.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { QUOTE_CHARACTERS, smartQuotes } from '../src/compose/smart-quotes.js';
import { parseMarkdown } from '../src/load/parse-markdown.js';
import { renderHtmlParts } from '../src/render/html.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

const NNBSP = '\u202F';

/** The text of an HTML fragment, as a reader (or a screen reader) gets it. */
function htmlText(html: string): string {
  const root = unified().use(rehypeParse, { fragment: true }).parse(html) as HastRoot;
  const text = (node: HastRoot | ElementContent): string =>
    node.type === 'text' ? node.value : 'children' in node ? node.children.map((c) => text(c as Element)).join('') : '';
  return text(root);
}

/** The HTML of a Markdown text (no policy target heading: all of it is the page's header part). */
function html(markdown: string, language: string): string {
  return renderHtmlParts(smartQuotes(parseMarkdown(markdown), language)).header;
}

function typeset(markdown: string, language: string): string {
  return htmlText(renderHtmlParts(smartQuotes(parseMarkdown(markdown), language)).header);
}

describe('smart quotes', () => {
  it.each([
    ['en', 'He said "stop" and it\'s done.', 'He said “stop” and it’s done.'],
    ['en', "the 'common' target, children's activities", 'the ‘common’ target, children’s activities'],
    ['fr', 'Il a dit "stop" et l\'enfant est parti.', `Il a dit «${NNBSP}stop${NNBSP}» et l’enfant est parti.`],
    ['fr', 'le programme « Internet sans crainte »', `le programme «${NNBSP}Internet sans crainte${NNBSP}»`],
    ['de', "Er sagte \"Halt\" und geht's weiter, 'bitte'.", 'Er sagte „Halt“ und geht’s weiter, ‚bitte‘.'],
    ['ru', 'Он сказал "стоп".', 'Он сказал «стоп».'],
    ['es', 'Dijo "basta".', 'Dijo «basta».'],
    ['fr-CA', 'Il a dit "stop".', `Il a dit «${NNBSP}stop${NNBSP}».`],
    ['sq', 'Ai tha "ndal".', 'Ai tha “ndal”.'],
  ])('are written the %s way', (language, markdown, expected) => {
    expect(typeset(markdown, language)).toBe(expected);
  });

  it('pair across emphasis and links, and leave code spans and code blocks alone', () => {
    const markdown = [
      'The "*Safer Internet*" [campaign\'s](https://example.org) site; run `grep "x" \'y\'` now.',
      '',
      '```',
      'echo "as written" \'too\'',
      '```',
    ].join('\n');
    const out = html(markdown, 'en');
    expect(out).toContain('The “<em>Safer Internet</em>” <a href="https://example.org">campaign’s</a> site');
    expect(out).toContain('<code>grep "x" \'y\'</code>');
    expect(out).toContain('<code>echo "as written" \'too\'\n</code>');
  });

  it('leave the tree they are given unchanged, so the Markdown is written as it was', () => {
    const tree = parseMarkdown('He said "stop" and it\'s done.');
    const before = structuredClone(tree);
    smartQuotes(tree, 'fr');
    expect(tree).toEqual(before);
    expect(renderMarkdown(tree)).toBe('He said "stop" and it\'s done.\n');
  });

  it('change nothing but quotes (and French spacing), and never the Markdown, for any text', () => {
    const quoteSet = new Set(QUOTE_CHARACTERS);
    const canonical = (text: string) =>
      Array.from(text, (c) => (quoteSet.has(c) ? '"' : c))
        .join('')
        // French guillemets take a narrow no-break space inside, in place of a space written there;
        // a space written in the node before (link text ending in a space) stays beside it.
        .replace(/[ \u00A0\u202F]*"[ \u00A0\u202F]*/g, '"');
    const pieces = fc.constantFrom(
      '"',
      "'",
      '«',
      '»',
      ' « ',
      ' ',
      '\n',
      '\n\n',
      'a',
      'word',
      'l’',
      'é',
      '*',
      '_',
      '`',
      '```\n',
      '[',
      '](https://example.org)',
      '- ',
      '> ',
      '1. ',
      '|',
      '.',
      ',',
      '(',
      ')',
      '-',
      '80s',
    );
    const text = fc.oneof(
      fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('en', 'fr', 'de', 'ru', 'es'), (markdown, language) => {
        const tree = parseMarkdown(markdown);
        const markdownBefore = renderMarkdown(tree);
        const plain = renderHtmlParts(tree);
        const quoted = renderHtmlParts(smartQuotes(tree, language));
        expect(renderMarkdown(tree)).toBe(markdownBefore);
        for (const part of ['header', 'body'] as const)
          expect(canonical(htmlText(quoted[part]))).toBe(canonical(htmlText(plain[part])));
      }),
      { numRuns: Number(process.env.GAREPORT_FC_RUNS ?? 300) },
    );
  });
});

describe('the Kosovo report', () => {
  it("has typographic apostrophes in HTML and PDF, and the answers' own characters in Markdown", async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runInProcess(['build', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const out = join(dir, 'out', '2014');
      const md = await readFile(join(out, 'kosovo.md'), 'utf8');
      expect(md).toBe(await readFile(join(repoRoot, 'tests', 'golden', 'kosovo-2014.md'), 'utf8'));
      expect(md).toContain("your country's 2013 report");
      const page = await readFile(join(out, 'kosovo.html'), 'utf8');
      expect(page).toContain('your country’s 2013 report');
      expect(page).not.toMatch(/country's/);
      const pdf = await readPdf(await readFile(join(out, 'kosovo.pdf')));
      expect(squash(pdf.contentText)).toContain('your country’s 2013 report');
    });
  });

  it('writes French quotes with narrow no-break spaces in a French report', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: fr\n');
      const file = join(dir, 'reports/2014/kosovo/target-3.yaml');
      const answers = await readFile(file, 'utf8');
      await writeFile(
        file,
        answers.replace(/(\n {4}A: \|\n)/, '$1      La campagne "Internet sans crainte" l\'a montré.\n\n'),
      );
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html,pdf'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const out = join(dir, 'out', '2014');
      expect(await readFile(join(out, 'kosovo.md'), 'utf8')).toContain(
        'La campagne "Internet sans crainte" l\'a montré.',
      );
      const expected = `La campagne «${NNBSP}Internet sans crainte${NNBSP}» l’a montré.`;
      expect(await readFile(join(out, 'kosovo.html'), 'utf8')).toContain(expected);
      const pdf = await readPdf(await readFile(join(out, 'kosovo.pdf')));
      // pdfjs gives every kind of space as U+0020.
      expect(squash(pdf.contentText)).toContain('La campagne « Internet sans crainte » l’a montré.');
    });
  });
});
