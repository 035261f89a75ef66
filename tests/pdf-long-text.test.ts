// Text far longer than a line (#8 item 11): a word of 100,000 characters is cut into lines in time
// linear in its length. Speed is shown by scripts/bench.mjs; these tests check the behaviour.
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { layoutText, type Measurer, segmentText, type TextStyle } from '../src/render/pdf/text.js';
import { renderPdf } from '../src/render/pdf.js';
import { readPdf } from './helpers/pdf-reader.js';

const parse = (markdown: string): Root => unified().use(remarkParse).parse(markdown);

// A fake monospace face: every character but a mark is half the font size wide.
const mono: Measurer = {
  width: (_font, size, text) => text.replace(/\p{M}/gu, '').length * size * 0.5,
  hasGlyph: () => true,
  ascent: () => 0.9,
  descent: () => 0.2,
};
const style: TextStyle = { font: 'regular', size: 10, color: '#000' };
const lineTexts = (text: string, chars: number) =>
  layoutText([{ text, style }], style, chars * 5, 1.4, mono).map((line) =>
    line.pieces.map((piece) => piece.text).join(''),
  );

describe('segmentText', () => {
  it('finds the same segments as one Intl.Segmenter pass, whatever the chunk boundaries cut', () => {
    // Characters that form clusters across chunk boundaries: marks, joiners, regional indicators,
    // Hangul jamo, CR LF, Devanagari conjuncts, Thai.
    const pieces = [
      'a',
      'e\u0301',
      '\u0300',
      '\u200d',
      '👩',
      '🇽',
      '🇰',
      '\u1100',
      '\u1161',
      '\u11a8',
      '\r',
      '\n',
      'क',
      '\u094d',
      'ष',
      'ि',
      'ก',
      'ำ',
      ' ',
    ];
    const texts = fc
      .array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 1500 })
      .map((parts) => parts.join(''));
    for (const granularity of ['grapheme', 'word'] as const) {
      const segmenter = new Intl.Segmenter('en', { granularity });
      fc.assert(
        fc.property(texts, (text) => {
          expect(segmentText(segmenter, text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
        }),
        { numRuns: 60 },
      );
    }
  });

  it('keeps a cluster longer than a chunk whole', () => {
    const zalgo = `a${'\u0301'.repeat(3000)}b`;
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    expect(segmentText(segmenter, zalgo)).toEqual([`a${'\u0301'.repeat(3000)}`, 'b']);
  });
});

describe('a word longer than a line', () => {
  it('is cut into full lines, losing and repeating nothing', () => {
    const word = Array.from({ length: 100_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const lines = lineTexts(word, 80);
    expect(lines).toHaveLength(1250);
    expect(lines.every((line) => line.length === 80)).toBe(true);
    expect(lines.join('') === word, 'lines joined give the word back').toBe(true);
  });

  it('is cut between grapheme clusters, never inside one', () => {
    // ka, virama, ssa, vowel sign i: one cluster of four code points, two of them marks, so two
    // characters wide in the fake face.
    const cluster = 'क्षि';
    const word = `${cluster.repeat(5000)}`;
    const lines = lineTexts(word, 70);
    expect(lines.join('') === word).toBe(true);
    for (const line of lines) {
      expect(line.length % cluster.length).toBe(0);
      expect(line.startsWith(cluster)).toBe(true);
    }
    expect(lines.slice(0, -1).every((line) => line.length === 35 * cluster.length)).toBe(true);
  });
});

describe('renderPdf: one 100,000-character word', () => {
  it('draws every character, across many lines inside the page', async () => {
    const word = 'y'.repeat(100_000);
    const bytes = await renderPdf(parse(`Before\n\n${word}\n\nAfter`), {
      title: 'Long word',
      subject: 'Long word',
      lang: 'en',
      runningHeader: 'Long word',
      paper: 'A4',
      creationDate: new Date('2014-12-01T09:30:00Z'),
    });
    const pdf = await readPdf(bytes);
    const text = pdf.contentText.replace(/\s+/g, '');
    expect(text === `Before${word}After`, 'all characters of the word, in order').toBe(true);
    const wordItems = pdf.pageDetails.flatMap((page) => page.items.filter((item) => /^y+$/.test(item.str)));
    expect(wordItems.length).toBeGreaterThan(500);
    for (const page of pdf.pageDetails) {
      for (const item of page.items) expect(item.x + item.width).toBeLessThanOrEqual(page.width - 63);
    }
  });
});
