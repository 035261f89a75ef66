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
import { carryLeadingSpace, clusterGlyphs, type GlyphCluster } from './clusters.js';
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
  glyphForCodePoint(codePoint: number): { id: number };
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

/** Every face of font file bytes (one, or each of a collection); none when fontkit cannot read them. */
export function openFontkitFaces(bytes: Uint8Array): FontkitFont[] {
  if (!fontkit) throw new Error('gareport PDF renderer: fontkit was not loaded');
  try {
    const font = fontkit.create(bytes);
    return 'fonts' in font ? [...font.fonts] : [font];
  } catch {
    return [];
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
   * `text` shaped for drawing, as glyph clusters in visual order (issue 22): cut after every space
   * as PDFKit and `width` cut it (so the drawn width is the measured one), each chunk laid out by
   * fontkit; a right-to-left run (`rtl`) puts its chunks right to left.
   */
  /** The space's glyph, drawn with no width as an invisible carrier of characters (clusters.ts). */
  private get blankGlyph(): number | null {
    if (this.blank === undefined) this.blank = this.hasGlyph(0x20) ? this.font.glyphForCodePoint(0x20).id : null;
    return this.blank;
  }

  private blank: number | null | undefined;

  clusters(text: string, rtl: boolean): GlyphCluster[] {
    const chunks = text.split(/(?<=[ \t])/);
    if (rtl) chunks.reverse();
    const out: GlyphCluster[] = [];
    for (const chunk of chunks) {
      if (!chunk) continue;
      const run = this.layoutFont.layout(chunk);
      out.push(...clusterGlyphs(chunk, run.glyphs, run.positions, run.direction === 'rtl', this.blankGlyph));
    }
    return rtl ? carryLeadingSpace(out) : out;
  }

  /**
   * fontkit's layout of `text`, copied (PDFKit scales positions in place): the font's `layout` as
   * PDFKit sees it. The renderer draws these faces with `clusters` (pdfkit-internals.ts
   * `drawGlyphClusters`), not through PDFKit's text methods.
   */
  shape(text: string, features?: unknown): ShapedRun {
    if (features) throw new Error('gareport PDF renderer: OpenType features are not supported');
    const run = this.layoutFont.layout(text);
    const glyphs = run.glyphs.map((glyph) => ({
      id: glyph.id,
      advanceWidth: glyph.advanceWidth,
      codePoints: glyph.codePoints,
    }));
    const positions = run.positions.map((p) => ({
      xAdvance: p.xAdvance,
      yAdvance: p.yAdvance,
      xOffset: p.xOffset,
      yOffset: p.yOffset,
    }));
    return new ShapedRun(glyphs, positions);
  }
}
