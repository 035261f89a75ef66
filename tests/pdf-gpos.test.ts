// The fast shaper's GPOS kerning (src/render/pdf/gpos-kern.ts) against fontkit's shaping, the
// oracle: for each Noto face, glyph for glyph and position for position over a corpus of the seed
// text, the country names and kerning-heavy pairs in Latin (with Vietnamese), Greek and Cyrillic.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FONT_KEYS, fontFileName, fontPath } from '../src/render/pdf/fonts.js';
import { readGposKerning } from '../src/render/pdf/gpos-kern.js';
import { readSfnt } from '../src/render/pdf/sfnt.js';
import { FaceShaper } from '../src/render/pdf/shaping.js';
import { repoRoot } from './helpers/cli.js';
import { readSeed } from './helpers/words.js';

const require = createRequire(import.meta.url);

/** The Noto faces (the default look), which have no legacy kern table. */
const FACES = FONT_KEYS.filter((key) => key.startsWith('noto')).map((key) => ({
  name: fontFileName(key),
  path: fontPath(key),
}));

interface FontkitLayout {
  glyphs: Array<{ id: number; codePoints: number[] }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
}
interface FontkitFont {
  layout(text: string): FontkitLayout;
}

/** Words of the seed text, the country names, kerning pairs and the three scripts (NFC). */
const corpus = (() => {
  const countries = readFileSync(join(repoRoot, 'data', 'countries.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^[a-z0-9-]+:\s*(.+)$/.exec(line)?.[1] ?? '')
    .filter(Boolean);
  const extra = [
    'AV To Wa LT Ty Yo Te Ta P. F. r. y, V. W. Av Aw Ay AT LV LY TA VA WA YA Fa Fe Fo Pa Po Tr Tu Tw Va Ve Vo We Wo Ya Ye',
    "L'Aquila “Tô” ‘Ava’ (Vt) [Ty] 7. 1/4 11 1,7 T. «Ту» „Wa“ Ukraine’s Côte d’Ivoire",
    'office affluent fluffiest fjord offline shuffle baffling',
    'Tiếng Việt Việt Nam Người Thành phố Hồ Chí Minh Đà Nẵng Huế Quốc hội ƯỚC Ắ Ờ ỹ',
    'Ελλάδα Κύπρος ΑΥΤΟ ΤΑ ΥΑ Αθήνα Ταύτα Γύρος Україна Україні Молдова Македонија Србија Беларусь',
    'ТА ГА РА УА ЧА ЪТ Тут Гуд Ваш Уголовный Кодекс Российской Федерации Ökonomie Čeština Łódź Şişli Ţară',
    '— – … • « » № ½ € © ® ™ 2014/2015 e-mail https://example.org/a/b?c=d&e=f (§ 12) [1] {x}',
  ];
  const words = [readSeed(), ...countries, ...extra].join(' ').normalize('NFC').split(/\s+/);
  return [...new Set(words.filter(Boolean))];
})();

describe('GPOS kerning in the fast shaper, compared with fontkit', () => {
  let fontkitCreate: (bytes: Uint8Array) => FontkitFont;

  beforeAll(async () => {
    // fontkit ships without types; this is the subset of its API used here.
    fontkitCreate = ((await import('fontkit' as string)) as { create: (bytes: Uint8Array) => FontkitFont }).create;
  });

  const shaperOf = (path: string) => new FaceShaper(readSfnt(readFileSync(path), path), { fLigatures: true });

  it('shapes every word of the corpus glyph for glyph and position for position', () => {
    expect(FACES.map((face) => face.name)).toHaveLength(8);
    for (const face of FACES) {
      const shaper = shaperOf(face.path);
      const fontkitFont = fontkitCreate(readFileSync(face.path));
      const mismatches: string[] = [];
      let kerned = 0;
      for (const word of corpus) {
        const want = fontkitFont.layout(word);
        const got = shaper.shape(word);
        const same =
          got.glyphs.length === want.glyphs.length &&
          got.glyphs.every(
            (glyph, i) =>
              glyph.id === want.glyphs[i]?.id && glyph.codePoints.join() === want.glyphs[i]?.codePoints.join(),
          ) &&
          JSON.stringify(got.positions) === JSON.stringify(want.positions);
        if (!same && mismatches.length < 5) mismatches.push(word);
        if (got.positions.some((p, i) => p.xAdvance !== got.glyphs[i]?.advanceWidth)) kerned++;
      }
      expect(mismatches, face.name).toEqual([]);
      // The corpus exercises kerning: a good share of its words have a kerned pair.
      expect(kerned, face.name).toBeGreaterThan(corpus.length / 10);
    }
  });

  it('kerns the classic pairs tighter, and measures what it shapes', () => {
    for (const face of FACES) {
      const shaper = shaperOf(face.path);
      for (const pair of ['AV', 'To', 'Wa', 'LT']) {
        const run = shaper.shape(pair);
        const first = run.glyphs[0];
        expect(run.positions[0]?.xAdvance, `${face.name} ${pair}`).toBeLessThan(first?.advanceWidth ?? 0);
        expect(shaper.width(pair)).toBe(run.advanceWidth * shaper.scale);
      }
    }
  });

  it('kerns across combining marks and gives marks no advance, as fontkit does', () => {
    // Marks without a precomposed form: kerning lookups that pass over marks pair the letters
    // around them; fontkit also places the mark (GPOS mark), which the fast path does not. Noto
    // Sans's contextual kerning of a dotless i's accent before a bracket changes only the mark's
    // advance, which is then zeroed: it shows in no position, here as in fontkit.
    const words = ['T\u0308o', 'Va\u0331V', 'A\u0332V', 'ı\u0308)', 'ı\u0308a', 'ı\u0302]', 'x\u0308\u0301y'];
    for (const face of FACES) {
      const shaper = shaperOf(face.path);
      const fontkitFont = fontkitCreate(readFileSync(face.path));
      for (const word of words) {
        const want = fontkitFont.layout(word);
        const got = shaper.shape(word);
        expect(
          got.glyphs.map((g) => g.id),
          `${face.name} ${word}`,
        ).toEqual(want.glyphs.map((g) => g.id));
        expect(
          got.positions.map((p) => p.xAdvance),
          `${face.name} ${word}`,
        ).toEqual(want.positions.map((p) => p.xAdvance));
      }
    }
  });

  it("takes the lookups of the run's script: Noto Serif Italic kerns Latin, Greek and Cyrillic apart", () => {
    const italic = FACES.find((face) => face.name === 'NotoSerif_400Regular_Italic.ttf')?.path ?? '';
    const font = readSfnt(readFileSync(italic), 'NotoSerif-Italic');
    const kerning = readGposKerning(font);
    const kerned = (text: string, glyphsOf: string) => {
      const ids = Array.from(glyphsOf, (ch) => font.glyphId(ch.codePointAt(0) ?? 0));
      const positions = ids.map((id) => ({ xAdvance: font.advance(id), yAdvance: 0, xOffset: 0, yOffset: 0 }));
      kerning?.position(text, ids, positions);
      return positions[0]?.xAdvance;
    };
    // The same glyphs, in a Latin run and in a run without letters (the default script).
    expect(kerned('To', 'To')).toBeLessThan(kerned('1.', 'To') ?? 0);
    expect(kerned('Тут', 'Ту')).not.toBe(kerned('1.', 'Ту'));
  });

  it('has no GPOS kerning for DejaVu (its legacy kern table is used) and refuses what it cannot read', () => {
    const dejavu = readSfnt(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')), 'DejaVuSans');
    expect(dejavu.table('kern')).toBeDefined();
    const noto = readSfnt(readFileSync(FACES[0]?.path ?? ''), 'NotoSerif');
    expect(noto.table('kern')).toBeUndefined();
    expect(readGposKerning(noto)).not.toBeNull();
    // A GPOS table cut short names the font and the table.
    const gpos = noto.table('GPOS') as Uint8Array;
    const broken = {
      ...noto,
      name: 'Broken',
      table: (tag: string) => (tag === 'GPOS' ? gpos.subarray(0, 40) : noto.table(tag)),
    };
    expect(() => readGposKerning(broken)).toThrow(/Broken: 'GPOS'/);
  });
});
