/**
 * Issue 20 item 10: the one-line fields of country.yaml (`name`, `authority`, `contact`, `date`)
 * are one line, and their text reaches the Markdown as text, whatever it holds.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { toString as mdToString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { markdownEscape } from '../src/compose/template.js';
import { parseMarkdown } from '../src/load/parse-markdown.js';
import { runInProcess, withProject } from './helpers/cli.js';

const KOSOVO = 'reports/2014/kosovo';
const ENV = { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' };

describe('line breaks in country.yaml (item 10)', () => {
  it.each([
    ['name: "Albania\\n~~~"', 1, 7, 'name'],
    ['name: Kosovo\nauthority: "Ministry\\n==="', 2, 12, 'authority'],
    ['name: Kosovo\ncontact:\n  name: "Ana\\r\\n# Heading"', 3, 9, 'contact.name'],
  ])('`%s` is refused at its position', async (yaml, line, column, field) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, KOSOVO, 'country.yaml'), `${yaml}\n`);
      const result = await runInProcess(['validate'], dir, ENV);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(`${KOSOVO}/country.yaml:${line}:${column}  error`);
      expect(result.stdout).toContain('one line');
      void field;
    });
  });

  it('Markdown in a name stays text in the report: `Kosovo ~~x~~ #`, leading spaces, `===`', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const name = '~~Kos~~ovo_ &amp; [x](y) <b>|</b> #';
      await writeFile(join(dir, KOSOVO, 'country.yaml'), `name: "${name}"\nauthority: "=== Ministry"\n`);
      const built = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(0);
      const md = await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8');
      const tree = parseMarkdown(md);
      expect(mdToString(tree)).toContain(name);
      expect(JSON.stringify(tree)).not.toMatch(/"type":"(delete|link|html)"/);
    });
  });
});

describe('markdownEscape (md_escape)', () => {
  const markdownish = fc.constantFrom(...'\\`*_[]<>|~#=-+.!&;:()0123456789 \tabc'.split(''), '&amp;', '1. ', '- ');
  const line = fc
    .array(fc.oneof(markdownish, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 24 })
    .map((parts) => parts.join('').replace(/[\p{Cc}\u0085\u2028\u2029]/gu, ''));
  const trimmed = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

  it('text put at a line start, after a paragraph line, after a label or in a heading reads back as itself', () => {
    fc.assert(
      fc.property(line, (text) => {
        const escaped = markdownEscape(text);
        const body = trimmed(text);
        const contexts: Array<[string, string]> = [
          ['', body],
          ['Paragraph\n', body ? `Paragraph\n${body}` : 'Paragraph'],
          ['**Country** ', body ? `Country ${body}` : 'Country'],
          ['# ', body],
        ];
        for (const [before, expected] of contexts) {
          const tree = parseMarkdown(`${before}${escaped}\n`);
          expect(mdToString(tree)).toBe(expected);
          expect(tree.children.length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
