/**
 * Property-based tests (fast-check, #8): random answer text (any Unicode, Markdown fragments,
 * control characters, long words, deep nesting) and random mutations of Kosovo's answer files.
 * - `validate` and `build` never crash or print an internal error: every outcome is exit 0 or 1;
 * - every answer they accept has its words in the Markdown, the HTML (read by rehype-parse) and the
 *   PDF (read by pdfjs).
 * `GAREPORT_FC_RUNS=N` multiplies the number of cases (default 1: well under a minute).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root as HastRoot, RootContent } from 'hast';
import type { Nodes as MdNodes } from 'mdast';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { CliResult } from './helpers/cli.js';
import { runInProcess, withProject } from './helpers/cli.js';
import { readPdf } from './helpers/pdf-reader.js';
import { wordsOf } from './helpers/words.js';

const SCALE = Math.max(1, Number(process.env.GAREPORT_FC_RUNS ?? 1) || 1);
const T1 = join('reports', '2014', 'kosovo', 'target-1.yaml');

function expectNoCrash(result: CliResult, what: string): void {
  const output = `${result.stdout}${result.stderr}`;
  expect([0, 1], `${what}\n${output}`).toContain(result.exitCode);
  expect(output).not.toMatch(/internal error|Maximum call stack|\n\s+at .+:\d+:\d+/);
}

/** Text a person could paste into an answer, and worse. */
const fragment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '*',
    '**bold**',
    '_x_',
    '`code`',
    '```',
    '~~~',
    '> ',
    '- ',
    '1. ',
    '# ',
    '---',
    '| a | b |\n| --- | ---: |\n| 1 | 2 |',
    '[link](https://example.org)',
    '[ref][r]\n\n[r]: https://example.org',
    '[^1]\n\n[^1]: note',
    '<b>',
    '\\',
    '#',
    ' #',
    ': ',
    '\t',
    '\r\n',
    '\u0000',
    '\u001b[2K',
    '\u202e',
    '\u200d',
    '\ud800',
  ),
  fc.integer({ min: 1, max: 60 }).map((n) => `${'  '.repeat(n)}- deep`),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'w'.repeat(n)),
);
const anyAnswer = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));

/** Kosovo's target-1.yaml with one answer replaced, written as YAML would quote or block it. */
function withAnswer(original: string, answer: string): string {
  const doc = { target: 1, goals: { 'icse-victim-identification': { A: answer, B: '--', C: '--' } } };
  return original.length ? stringify(doc, { lineWidth: 0 }) : '';
}

/** A random edit of a text: characters inserted, deleted or replaced, lines duplicated or dropped. */
const mutation = fc.array(
  fc.tuple(
    fc.constantFrom('insert', 'delete', 'replace', 'dup-line', 'drop-line'),
    fc.nat(),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
  ),
  { minLength: 1, maxLength: 6 },
);

function mutate(text: string, edits: [string, number, string][]): string {
  let out = text;
  for (const [kind, at, chars] of edits) {
    const i = at % (out.length + 1);
    if (kind === 'insert') out = out.slice(0, i) + chars + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + chars.length);
    else if (kind === 'replace') out = out.slice(0, i) + chars + out.slice(i + chars.length);
    else {
      const lines = out.split('\n');
      const l = at % lines.length;
      if (kind === 'dup-line') lines.splice(l, 0, lines[l] ?? '');
      else lines.splice(l, 1);
      out = lines.join('\n');
    }
  }
  return out;
}

const html = (text: string) => unified().use(rehypeParse).parse(text);
const textOf = (node: HastRoot | RootContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join(' ') : '';

/** The words of an answer as a reader sees them: the text of its Markdown tree, links' URLs aside. */
function answerWords(answer: string): string[] {
  const texts: string[] = [];
  const visit = (node: MdNodes): void => {
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') texts.push(node.value);
    if ('children' in node) for (const child of node.children) visit(child as MdNodes);
  };
  visit(unified().use(remarkParse).use(remarkGfm).parse(answer));
  // Each text node on its own: a quote's last word and the next paragraph's first are two words.
  return wordsOf(texts.join(' '));
}

function missingWords(words: string[], output: string): string[] {
  const have = new Set(wordsOf(output));
  return words.filter((w) => !have.has(w));
}

/** Words not found in the letters (not in order: footnotes go to the end of the answer or page). */
function missingFromLetters(words: string[], letters: string): string[] {
  return words.filter((w) => !letters.includes(w));
}

describe('fast-check: validate never crashes', () => {
  it(`on random answers and random mutations of Kosovo's files (${150 * SCALE} + ${150 * SCALE} cases)`, async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const path = join(dir, T1);
      const original = await readFile(path, 'utf8');
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(anyAnswer, async (answer) => {
          await writeFile(path, withAnswer(original, answer));
          expectNoCrash(await runInProcess(['validate', '2014', 'kosovo'], dir), JSON.stringify(answer));
        }),
        { numRuns: 150 * SCALE },
      );
      const files = await Promise.all(
        ['target-2.yaml', 'target-3.yaml', 'country.yaml'].map(async (name) => {
          const p = join(dir, 'reports', '2014', 'kosovo', name);
          return { p, text: await readFile(p, 'utf8') };
        }),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: files.length - 1 }), mutation, async (which, edits) => {
          const file = files[which];
          if (!file) return;
          await writeFile(file.p, mutate(file.text, edits));
          try {
            expectNoCrash(await runInProcess(['validate', '2014', 'kosovo'], dir), JSON.stringify(edits));
          } finally {
            await writeFile(file.p, file.text);
          }
        }),
        { numRuns: 150 * SCALE },
      );
      console.log(
        `fast-check validate: ${300 * SCALE} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    });
  });
});

/** Prose the PDF font draws (Latin, Greek, Cyrillic) with Markdown around it: what build must keep. */
const word = fc.stringMatching(/^[a-zà-öø-ÿα-ωа-я]{1,12}$/);
const block = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.map((x) => `- ${x}`).join('\n')),
  word.map((w) => `**${w}** and *${w}*`),
  word.map((w) => `> ${w}`),
  fc.integer({ min: 200, max: 3_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(
    '```\nfenced code',
    '~~~',
    '[^1]\n\n[^1]: footnote words',
    '| left | right |\n| --- | ---: |\n| one | two |',
  ),
);
const acceptedLooking = fc.array(block, { minLength: 1, maxLength: 5 }).map((b) => b.join('\n\n'));

describe('fast-check: every accepted answer reaches every output', () => {
  it(`Markdown, HTML and PDF hold the answer's words (${8 * SCALE} builds)`, async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const path = join(dir, T1);
      const original = await readFile(path, 'utf8');
      const started = performance.now();
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(acceptedLooking, async (answer) => {
          await writeFile(path, withAnswer(original, answer));
          const result = await runInProcess(['build', '2014', 'kosovo', '--out', 'fc', '--force'], dir);
          expectNoCrash(result, JSON.stringify(answer));
          if (result.exitCode !== 0) return;
          accepted++;
          const words = answerWords(answer);
          const out = join(dir, 'fc', '2014');
          const md = await readFile(join(out, 'kosovo.md'), 'utf8');
          expect(missingWords(words, md), 'Markdown').toEqual([]);
          expect(missingWords(words, textOf(html(await readFile(join(out, 'kosovo.html'), 'utf8')))), 'HTML').toEqual(
            [],
          );
          const pdf = await readPdf(new Uint8Array(await readFile(join(out, 'kosovo.pdf'))));
          // The PDF breaks long words across lines: each word is looked for in its letters run together.
          expect(missingFromLetters(words, wordsOf(pdf.contentText).join('')), 'PDF').toEqual([]);
        }),
        { numRuns: 8 * SCALE },
      );
      console.log(
        `fast-check build: ${8 * SCALE} cases (${accepted} accepted) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(accepted).toBeGreaterThan(0);
    });
  });
});
