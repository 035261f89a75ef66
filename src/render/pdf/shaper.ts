/**
 * The `Shaper` contract (issue 10): what measuring and drawing need of a face. Two implementations:
 *
 * - `FaceShaper` (shaping.ts): the in-house fast path for the built-in DejaVu faces and simple
 *   scripts (one glyph per character, pair kerning, f-ligatures);
 * - `FontkitShaper` (here): fontkit's OpenType shaper, for text that needs it (Arabic joining,
 *   Hebrew marks, Indic reordering, Thai and Khmer marks) and for every fallback font, which may
 *   also have CFF outlines the in-house reader does not handle.
 *
 * fontkit is loaded only when a document holds such text (`loadFontkit`), so a Latin report never
 * pays for it. Both shapers measure text exactly as PDFKit will draw it: PDFKit cuts a string after
 * each space or tab, lays out each chunk and adds the advances, and so do they.
 */
import type { Shaper } from './shaper-contract.js';
import { ShapedRun, widthInChunks } from './shaping.js';

export type { Shaper } from './shaper-contract.js';

/** The part of fontkit's Font that gareport uses (PDFKit uses more, through the same object). */
export interface FontkitFont {
  getGlyph(id: number, codePoints?: number[]): object;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly postscriptName: string | null;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): {
    glyphs: ReadonlyArray<{ id: number; advanceWidth: number; codePoints: number[] }>;
    positions: ReadonlyArray<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
    direction?: string;
  };
}

interface FontkitModule {
  create(buffer: Uint8Array): FontkitFont | { fonts: FontkitFont[] };
}

let fontkit: FontkitModule | undefined;

/** Loads fontkit (once per process). Only called when a document needs it. */
export async function loadFontkit(): Promise<void> {
  // A name TypeScript does not resolve: fontkit ships no types, and the bundle keeps it external.
  fontkit ??= (await import('fontkit' as string)) as FontkitModule;
}

/** Opens face `index` of font file bytes (a collection holds several). `loadFontkit` first. */
export function openFontkitFont(bytes: Uint8Array, index: number): FontkitFont | undefined {
  if (!fontkit) throw new Error('gareport PDF renderer: fontkit was not loaded');
  try {
    const font = fontkit.create(bytes);
    return 'fonts' in font ? font.fonts[index] : font;
  } catch {
    return undefined; // not a font fontkit reads: the caller tries the next one
  }
}

/** Widths kept per face before the cache is started afresh. */
const MAX_CACHED_WIDTHS = 100_000;

export class FontkitShaper implements Shaper {
  readonly ascent: number;
  readonly descent: number;
  /** The object PDFKit embeds and draws with: the fontkit font, laid out through `shape`. */
  readonly pdfkit: object;
  private readonly scale: number;
  private readonly widths = new Map<string, number>();
  private readonly covered = new Map<number, boolean>();
  /**
   * The font as layout sees it: fontkit keeps one glyph object per glyph id, holding the
   * characters of its first use; this view gives each glyph of a layout its own characters.
   */
  private readonly layoutFont: FontkitFont;

  constructor(readonly font: FontkitFont) {
    this.layoutFont = Object.create(font as object, {
      getGlyph: {
        value: (id: number, codePoints?: number[]) => {
          const glyph = font.getGlyph(id, codePoints);
          return codePoints ? Object.create(glyph, { codePoints: { value: codePoints } }) : glyph;
        },
      },
    }) as FontkitFont;
    this.scale = 1000 / font.unitsPerEm;
    this.ascent = font.ascent / font.unitsPerEm;
    this.descent = Math.abs(font.descent) / font.unitsPerEm;
    // PDFKit reads the font's tables and subsets through fontkit as usual; only layout is ours.
    this.pdfkit = Object.create(font as object, {
      layout: { value: (text: string, features?: unknown) => this.shape(text, features) },
    });
  }

  hasGlyph(codePoint: number): boolean {
    let has = this.covered.get(codePoint);
    if (has === undefined) {
      has = this.font.hasGlyphForCodePoint(codePoint);
      this.covered.set(codePoint, has);
    }
    return has;
  }

  width(text: string): number {
    return widthInChunks(text, this, this.widths, MAX_CACHED_WIDTHS);
  }

  /** Width of a chunk without spaces inside (see width). */
  chunkWidth(chunk: string): number {
    let width = 0;
    for (const position of this.layoutFont.layout(chunk).positions) width += position.xAdvance * this.scale;
    return width;
  }

  /**
   * fontkit's layout of `text`, copied (PDFKit scales positions in place) and prepared so that
   * text extraction (pdf.js, pdftotext, copy and paste) reads the characters as written:
   *
   * - left-to-right glyphs that shaping moved before characters written earlier (Devanagari's
   *   short i, Khmer's subscript ro) are emitted in the order of their characters, each moved back
   *   to where shaping placed it with an offset: the page looks the same, the text reads right;
   * - a glyph that stands for no character after a decomposition (Thai SARA AM is drawn as NIKHAHIT
   *   and SARA AA) gets its part of the decomposition;
   * - a right-to-left run comes back in visual order; a glyph standing for several characters
   *   there (Arabic lam-alef) gets them in visual order too, so readers which put RTL text back in
   *   logical order character by character read the word as written.
   */
  shape(text: string, features?: unknown): ShapedRun {
    if (features) throw new Error('gareport PDF renderer: OpenType features are not supported');
    const run = this.layoutFont.layout(text);
    const rtl = run.direction === 'rtl';
    const glyphs = run.glyphs.map((glyph) => ({
      id: glyph.id,
      advanceWidth: glyph.advanceWidth,
      codePoints: rtl && glyph.codePoints.length > 1 ? [...glyph.codePoints].reverse() : glyph.codePoints,
    }));
    const positions = run.positions.map((p) => ({
      xAdvance: p.xAdvance,
      yAdvance: p.yAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
    }));
    const parts = splitDecompositions(glyphs);
    if (rtl) return new ShapedRun(glyphs, positions);
    return logicalOrder(text, glyphs, positions, parts);
  }
}

type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };

/**
 * Glyphs without characters after one whose character decomposes: each takes its part. Returns
 * the indices of the glyphs given a later part (they belong to the character before them).
 */
function splitDecompositions(glyphs: Glyph[]): Set<number> {
  const later = new Set<number>();
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i];
    if (glyph?.codePoints.length !== 1) continue;
    let empty = 0;
    while (glyphs[i + 1 + empty]?.codePoints.length === 0) empty++;
    if (empty === 0) continue;
    const parts = Array.from(
      String.fromCodePoint(glyph.codePoints[0] ?? 0).normalize('NFKD'),
      (c) => c.codePointAt(0) ?? 0,
    );
    if (parts.length !== empty + 1) continue;
    for (let k = 0; k <= empty; k++) {
      const target = glyphs[i + k];
      if (target) glyphs[i + k] = { ...target, codePoints: [parts[k] ?? 0] };
      if (k > 0) later.add(i + k);
    }
    i += empty;
  }
  return later;
}

/** Left-to-right glyphs in the order of the characters they stand for, placed where shaping put them. */
function logicalOrder(text: string, glyphs: Glyph[], positions: Position[], parts: Set<number>): ShapedRun {
  const at = new Map<number, number[]>();
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const list = at.get(cp) ?? [];
    list.push(index++);
    at.set(cp, list);
  }
  let previous = -1;
  let ordered = true;
  const source = glyphs.map((glyph, i) => {
    const first = glyph.codePoints[0];
    const found = first === undefined || parts.has(i) ? undefined : at.get(first)?.shift();
    const position = found ?? previous;
    if (position < previous) ordered = false;
    previous = Math.max(previous, position);
    return position;
  });
  if (ordered) return new ShapedRun(glyphs, positions);
  const visualX: number[] = [];
  let pen = 0;
  positions.forEach((p, i) => {
    visualX[i] = pen + p.xOffset;
    pen += p.xAdvance;
  });
  const order = glyphs.map((_, i) => i).sort((a, b) => (source[a] ?? 0) - (source[b] ?? 0) || a - b);
  const outGlyphs: Glyph[] = [];
  const outPositions: Position[] = [];
  pen = 0;
  for (const i of order) {
    const p = positions[i] as Position;
    outGlyphs.push(glyphs[i] as Glyph);
    outPositions.push({ ...p, xOffset: (visualX[i] ?? 0) - pen });
    pen += p.xAdvance;
  }
  return new ShapedRun(outGlyphs, outPositions);
}
