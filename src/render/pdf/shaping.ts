/**
 * The fast path of the `Shaper` contract (shaper.ts): the renderer's text shaping model for the
 * built-in faces and simple scripts, shared by measuring (line breaking) and drawing (PDFKit).
 *
 * One glyph per code point from the font's cmap, advance widths from `hmtx`, pair kerning, and the
 * five f-ligatures. No other OpenType (GSUB/GPOS) processing: fontkit's shaper was the dominant
 * cost of rendering a report in a fresh process, and for Latin, Greek and Cyrillic text the
 * built-in faces' default OpenType features come down to just this:
 *
 * - kerning: DejaVu's legacy `kern` table holds the same pairs as its GPOS `kern` feature; a face
 *   without a `kern` table (Noto) is kerned from its GPOS `kern` feature (gpos-kern.ts), which
 *   may also move a mark (Noto Sans: a dotless i's accent before a bracket);
 * - ligatures: the only default substitutions among Latin, Greek and Cyrillic letters and general
 *   punctuation are ff, fi, fl, ffi and ffl, whose glyphs the proportional faces also map from
 *   U+FB00–FB04 (DejaVu Sans Mono forms none).
 *
 * tests/pdf.test.ts checks this glyph for glyph and width for width against fontkit's shaping over
 * a corpus (the seed text, the Unicode country names, kerning pairs, ligatures). What is given up:
 *
 * - combining marks are not positioned by GPOS `mark`/`mkmk` (nor composed by `ccmp`). Text is
 *   NFC-normalised first (text.ts), so accented letters use DejaVu's precomposed glyphs; a mark
 *   with no precomposed form is drawn with DejaVu's own zero-advance placement over the letter
 *   before it, which is right for most lower-case letters;
 * - default-ignorable code points (joiners, variation selectors) produce no glyph (fontkit draws a
 *   zero-width space glyph instead);
 * - scripts that need OpenType shaping (Arabic joining, Hebrew marks, Indic reordering, Thai and
 *   Khmer marks) are not set here: fallback.ts sends such text, and every fallback font, to
 *   fontkit's shaper (shaper.ts), which DejaVu's GSUB/GPOS tables serve for Arabic and Hebrew.
 *
 * Measuring and drawing use this same model (PDFKit gets `shape()` as the font's layout, see
 * pdfkit-internals.ts), so the widths used for line breaking are exactly the widths PDFKit draws.
 * Widths are cached per face for the process (documents of a batch share them).
 */
import { type GposKerning, readGposKerning } from './gpos-kern.js';
import type { SfntFont } from './sfnt.js';
import type { Shaper } from './shaper-contract.js';

/** A glyph as PDFKit's EmbeddedFont reads it (advance in font units). */
export interface ShapedGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** A glyph position in font units, as fontkit returns it (PDFKit scales these in place). */
export interface ShapedPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A shaped run in the form of fontkit's GlyphRun, as PDFKit's EmbeddedFont#layoutRun uses it. */
export class ShapedRun {
  constructor(
    readonly glyphs: readonly ShapedGlyph[],
    readonly positions: readonly ShapedPosition[],
  ) {}

  /** Sum of the positions' advances (as fontkit's GlyphRun: PDFKit reads it after scaling them). */
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

/** Same set as fontkit's LayoutEngine#isDefaultIgnorable (Unicode DerivedCoreProperties, as HarfBuzz). */
export function isDefaultIgnorable(cp: number): boolean {
  if (cp < 0xad) return false;
  if (cp <= 0xffff) {
    return (
      cp === 0xad ||
      cp === 0x34f ||
      cp === 0x61c ||
      (cp >= 0x17b4 && cp <= 0x17b5) ||
      (cp >= 0x180b && cp <= 0x180e) ||
      (cp >= 0x200b && cp <= 0x200f) ||
      (cp >= 0x202a && cp <= 0x202e) ||
      (cp >= 0x2060 && cp <= 0x206f) ||
      (cp >= 0xfe00 && cp <= 0xfe0f) ||
      cp === 0xfeff ||
      (cp >= 0xfff0 && cp <= 0xfff8)
    );
  }
  return (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe0fff);
}

/** Widths kept per face before the cache is started afresh. */
const MAX_CACHED_WIDTHS = 250_000;

/**
 * Width of `text` as PDFKit's EmbeddedFont#widthOfString computes it: cut after every space or
 * tab, each chunk measured by `shaper.chunkWidth`, the results added in order (so widths are
 * identical to the last bit), and remembered in `widths` (cleared when it holds `cap` entries).
 */
export function widthInChunks(
  text: string,
  shaper: { chunkWidth(chunk: string): number },
  widths: Map<string, number>,
  cap: number,
): number {
  let width = widths.get(text);
  if (width !== undefined) return width;
  width = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      width += shaper.chunkWidth(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) width += shaper.chunkWidth(last === 0 ? text : text.slice(last));
  if (widths.size >= cap) widths.clear();
  widths.set(text, width);
  return width;
}

/** The f-ligatures, longest first, with the presentation-form code point of their glyph. */
const F_LIGATURES: ReadonlyArray<readonly [string, number]> = [
  ['ffi', 0xfb03],
  ['ffl', 0xfb04],
  ['ff', 0xfb00],
  ['fi', 0xfb01],
  ['fl', 0xfb02],
];

export interface ShaperOptions {
  /**
   * Form the standard f-ligatures (ff, fi, fl, ffi, ffl) with the font's glyphs for U+FB00–FB04,
   * as the face's OpenType `liga` feature does. Only for faces whose `liga` maps exactly these
   * sequences to exactly those glyphs (tests compare with fontkit's shaping). A list names the
   * sequences a face's `liga` forms when it is not all five (DejaVu Serif forms no ffi).
   */
  fLigatures: boolean | readonly string[];
}

export class FaceShaper implements Shaper {
  /** 1000 / unitsPerEm: PDFKit's scale from font units to text space. */
  readonly scale: number;
  private readonly widths = new Map<string, number>();
  /** GPOS positions by chunk (see gposPositions). */
  private readonly positions = new Map<string, readonly ShapedPosition[]>();
  private readonly glyphs = new Map<number, ShapedGlyph>();
  /** Ligature glyphs by the text they replace (only those the font has). */
  private readonly ligatures = new Map<string, ShapedGlyph>();
  /** Kerning from GPOS, for a face without a legacy `kern` table (gpos-kern.ts). */
  private readonly gpos: GposKerning | null;

  constructor(
    readonly font: SfntFont,
    options: ShaperOptions,
  ) {
    this.scale = 1000 / font.unitsPerEm;
    this.gpos = font.table('kern') ? null : readGposKerning(font);
    if (options.fLigatures) {
      const only = options.fLigatures === true ? undefined : new Set(options.fLigatures);
      for (const [text, codePoint] of F_LIGATURES) {
        if (only && !only.has(text)) continue;
        const id = font.glyphId(codePoint);
        if (id !== 0) {
          const codePoints = Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
          this.ligatures.set(text, { id, advanceWidth: font.advance(id), codePoints });
        }
      }
    }
  }

  /** Whether the face has a glyph for the code point. */
  hasGlyph(codePoint: number): boolean {
    return this.font.glyphId(codePoint) !== 0;
  }

  /** Ascender and descender (positive) as a fraction of the font size. */
  get ascent(): number {
    return this.font.ascender / this.font.unitsPerEm;
  }

  get descent(): number {
    return Math.abs(this.font.descender) / this.font.unitsPerEm;
  }

  /**
   * Width of `text` in 1/1000 em, computed exactly as PDFKit's EmbeddedFont#widthOfString computes
   * it from `shape()`: the text is cut after every space or tab, each chunk is shaped, PDFKit
   * scales every position to 1/1000 em (`xAdvance * scale`), and all advances are added up in
   * order. Same operations in the same order, so the result is identical to the last bit.
   */
  width(text: string): number {
    return widthInChunks(text, this, this.widths, MAX_CACHED_WIDTHS);
  }

  /** Width of a chunk without spaces inside (see width). */
  chunkWidth(chunk: string): number {
    const glyphs = this.glyphsOf(chunk);
    let width = 0;
    if (this.gpos) {
      for (const position of this.gposPositions(chunk, glyphs)) width += position.xAdvance * this.scale;
      return width;
    }
    for (let i = 0; i < glyphs.length; i++)
      width += this.xAdvance(glyphs[i] as ShapedGlyph, glyphs[i + 1]) * this.scale;
    return width;
  }

  /** Glyphs and positions (font units) of a chunk, as fontkit's `Font#layout` returns them. */
  shape(chunk: string): ShapedRun {
    const glyphs = this.glyphsOf(chunk);
    if (this.gpos) return new ShapedRun(glyphs, this.gposPositions(chunk, glyphs));
    const positions: ShapedPosition[] = [];
    for (let i = 0; i < glyphs.length; i++) {
      const xAdvance = this.xAdvance(glyphs[i] as ShapedGlyph, glyphs[i + 1]);
      positions.push({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return new ShapedRun(glyphs, positions);
  }

  /**
   * Positions of glyphs with the GPOS kerning applied (font units), fresh objects each time
   * (PDFKit scales them in place). Kept per chunk: measuring and drawing shape the same words.
   */
  private gposPositions(chunk: string, glyphs: readonly ShapedGlyph[]): ShapedPosition[] {
    let kept = this.positions.get(chunk);
    if (!kept) {
      const positions = glyphs.map((glyph) => ({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
      this.gpos?.position(
        chunk,
        glyphs.map((glyph) => glyph.id),
        positions,
      );
      if (this.positions.size >= MAX_CACHED_WIDTHS) this.positions.clear();
      this.positions.set(chunk, positions);
      kept = positions;
    }
    return kept.map((position) => ({ ...position }));
  }

  /** Advance of a glyph followed by `next`, kerned with the legacy `kern` table, in font units. */
  private xAdvance(glyph: ShapedGlyph, next: ShapedGlyph | undefined): number {
    return glyph.advanceWidth + (next ? this.font.kerning(glyph.id, next.id) : 0);
  }

  private glyphsOf(chunk: string): ShapedGlyph[] {
    const glyphs: ShapedGlyph[] = [];
    const ligatures = this.ligatures.size > 0;
    for (let i = 0; i < chunk.length; i++) {
      const cp = chunk.codePointAt(i) ?? 0;
      if (cp === 0x66 /* f */ && ligatures) {
        const ligature = this.ligatureAt(chunk, i);
        if (ligature) {
          glyphs.push(ligature);
          i += ligature.codePoints.length - 1;
          continue;
        }
      }
      if (cp > 0xffff) i++;
      if (!isDefaultIgnorable(cp)) glyphs.push(this.glyph(cp));
    }
    return glyphs;
  }

  private ligatureAt(chunk: string, index: number): ShapedGlyph | undefined {
    const next = chunk.charCodeAt(index + 1);
    if (next !== 0x66 && next !== 0x69 && next !== 0x6c) return undefined;
    const three = next === 0x66 ? this.ligatures.get(chunk.slice(index, index + 3)) : undefined;
    return three ?? this.ligatures.get(chunk.slice(index, index + 2));
  }

  private glyph(codePoint: number): ShapedGlyph {
    let glyph = this.glyphs.get(codePoint);
    if (!glyph) {
      const id = this.font.glyphId(codePoint);
      glyph = { id, advanceWidth: this.font.advance(id), codePoints: [codePoint] };
      this.glyphs.set(codePoint, glyph);
    }
    return glyph;
  }
}
