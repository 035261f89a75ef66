// Glyph clusters (issue 22): whatever fontkit makes of a left-to-right run, reordered syllables,
// decomposed vowels, ligatures and the dotted circles it inserts into broken sequences included,
// the glyphs' ToUnicode entries read in drawing order give back exactly the characters written,
// and every cluster that needs one carries them as its /ActualText. Random code points of the
// Devanagari, Thai and Khmer blocks (fast-check), shaped with the system's fonts.
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTINUATION, type GlyphCluster } from '../src/render/pdf/clusters.js';
import { FontkitShaper, loadFontkit, openFontkitFont } from '../src/render/pdf/shaper.js';

const FONTS = [
  {
    script: 'Devanagari',
    file: '/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf',
    from: 0x900,
    to: 0x97f,
  },
  { script: 'Thai', file: '/usr/share/fonts/truetype/tlwg/Loma.ttf', from: 0xe01, to: 0xe5b },
  { script: 'Khmer', file: '/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf', from: 0x1780, to: 0x17f9 },
];

/** What a reader that takes glyphs in drawing order through ToUnicode gets (pdf.js skips U+2060). */
function readBack(clusters: readonly GlyphCluster[]): string {
  return clusters
    .flatMap((cluster) => cluster.glyphs)
    .map((glyph) =>
      glyph.unicode.length === 1 && glyph.unicode[0] === CONTINUATION ? '' : String.fromCodePoint(...glyph.unicode),
    )
    .join('');
}

describe('glyph clusters read back as the characters written', () => {
  beforeAll(async () => {
    await loadFontkit();
  });
  for (const font of FONTS) {
    it.skipIf(!existsSync(font.file))(`${font.script}: random runs of the block`, () => {
      const face = openFontkitFont(readFileSync(font.file), 0);
      if (!face) throw new Error(`cannot open ${font.file}`);
      const shaper = new FontkitShaper(face);
      const char = fc.integer({ min: font.from, max: font.to }).map((cp) => String.fromCodePoint(cp));
      fc.assert(
        fc.property(fc.array(char, { minLength: 1, maxLength: 12 }), (chars) => {
          const text = chars.join('');
          const clusters = shaper.clusters(text, false);
          expect(readBack(clusters)).toBe(text);
          for (const cluster of clusters) {
            if (!cluster.plain) expect(cluster.actualText).not.toBeNull();
          }
          // The clusters' ActualText and plain glyphs cover the text in order.
          const covered = clusters
            .map((c) => c.actualText ?? c.glyphs.map((g) => String.fromCodePoint(...g.unicode)).join(''))
            .join('');
          expect(covered).toBe(text);
        }),
        { numRuns: 150, seed: 22 },
      );
    });
  }
});

describe('right-to-left runs: a space at the logical start is carried by the glyph beside it', () => {
  const dejavu = new URL('../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', import.meta.url);
  const words = ['משטרת', 'ישראל', 'עם', 'وزارة', 'و'];
  it('reads (in drawing order, reversed back) as the run and spans the same width, without the space glyph', async () => {
    await loadFontkit();
    const face = openFontkitFont(readFileSync(dejavu), 0);
    if (!face) throw new Error('cannot open DejaVu Sans');
    const shaper = new FontkitShaper(face);
    const advance = (clusters: readonly GlyphCluster[]) =>
      clusters.flatMap((c) => c.glyphs).reduce((sum, g) => sum + g.position.xAdvance, 0);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), (list) => {
        const text = ` ${list.join(' ')}`;
        const clusters = shaper.clusters(text, true);
        // Readers reverse a right-to-left run's characters, taken in drawing order, back.
        expect([...readBack(clusters)].reverse().join('')).toBe(text);
        const plain = shaper.clusters(text.slice(1), true);
        const space = advance(shaper.clusters(' ', true));
        expect(space).toBeGreaterThan(0);
        expect(advance(clusters)).toBeCloseTo(advance(plain) + space, 6);
        // The last glyph drawn (the rightmost) reads as its letter and then the space.
        const last = clusters.at(-1)?.glyphs.at(-1);
        expect(last?.unicode.at(-1)).toBe(0x20);
        expect(last?.unicode.length).toBeGreaterThan(1);
      }),
      { numRuns: 30, seed: 22 },
    );
  });
});
