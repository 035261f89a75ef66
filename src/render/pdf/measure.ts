/**
 * Font selection and text measurement on a PDFKit document, with process-wide caches.
 *
 * Widths only depend on the font file and the string, so they are cached per process (bounded)
 * and shared by all documents of a batch build. The parsed fontkit fonts are shared too: the first
 * document parses the TTF bytes, later documents receive the parsed objects.
 */
import { FONT_KEYS, type FontKey, fontAlias, fontBytes } from './fonts.js';
import {
  currentFontkitFont,
  currentFontMetrics,
  type Doc,
  type FontkitFontLike,
  type LayoutCache,
  registerFontSource,
  shareLayoutCache,
} from './pdfkit-internals.js';
import type { Measurer } from './text.js';

const MAX_WIDTH_CACHE_ENTRIES = 250_000;
/** Width of a string at font size 1000, per face. */
const widthCache = new Map<string, number>();
const glyphCache = new Map<FontKey, Map<number, boolean>>();
const metricsCache = new Map<FontKey, { ascender: number; descender: number }>();
const parsedFonts = new Map<FontKey, FontkitFontLike>();
/** Shaped runs per face, shared by all documents that use the same parsed font object. */
const layoutCaches = new Map<FontKey, { font: FontkitFontLike; cache: LayoutCache }>();
const MAX_LAYOUT_CACHE_ENTRIES = 100_000;
/** The shaping caches are size-checked every this many documents (counting keys is O(n)). */
const LAYOUT_CACHE_CHECK_INTERVAL = 32;
let documentsSinceCheck = 0;

export class DocMeasurer implements Measurer {
  private selectedFont: FontKey | null = null;
  private selectedSize = -1;

  constructor(private readonly doc: Doc) {
    for (const key of FONT_KEYS) {
      registerFontSource(doc, fontAlias(key), parsedFonts.get(key) ?? fontBytes(key));
    }
    // Instantiate every face in a fixed order so PDFKit's internal font ids (F1…F5, which also seed
    // the subset tags) never depend on which strings happened to be measured first in this process.
    const checkSize = ++documentsSinceCheck >= LAYOUT_CACHE_CHECK_INTERVAL;
    if (checkSize) documentsSinceCheck = 0;
    for (const key of FONT_KEYS) {
      this.select(key, 10);
      this.attachSharedLayoutCache(key, checkSize);
    }
  }

  private attachSharedLayoutCache(key: FontKey, checkSize: boolean): void {
    const font = currentFontkitFont(this.doc);
    if (!font) return;
    let shared = layoutCaches.get(key);
    const tooBig = checkSize && shared !== undefined && Object.keys(shared.cache).length > MAX_LAYOUT_CACHE_ENTRIES;
    if (!shared || shared.font !== font || tooBig) {
      shared = { font, cache: Object.create(null) as LayoutCache };
      layoutCaches.set(key, shared);
    }
    shareLayoutCache(this.doc, shared.cache);
  }

  /** Makes `font` at `size` the document's current font (no-op if it already is). */
  select(font: FontKey, size: number): void {
    if (this.selectedFont !== font) {
      this.doc.font(fontAlias(font));
      this.selectedFont = font;
      if (!parsedFonts.has(font)) {
        const parsed = currentFontkitFont(this.doc);
        if (parsed) parsedFonts.set(font, parsed);
      }
    }
    if (this.selectedSize !== size) {
      this.doc.fontSize(size);
      this.selectedSize = size;
    }
  }

  width(font: FontKey, size: number, text: string): number {
    if (text.length === 0) return 0;
    const key = `${font}\u0000${text}`;
    let perMille = widthCache.get(key);
    if (perMille === undefined) {
      this.select(font, 1000);
      perMille = this.doc.widthOfString(text);
      if (widthCache.size >= MAX_WIDTH_CACHE_ENTRIES) widthCache.clear();
      widthCache.set(key, perMille);
    }
    return (perMille * size) / 1000;
  }

  hasGlyph(font: FontKey, codePoint: number): boolean {
    let perFont = glyphCache.get(font);
    if (!perFont) {
      perFont = new Map();
      glyphCache.set(font, perFont);
    }
    let has = perFont.get(codePoint);
    if (has === undefined) {
      this.select(font, this.selectedSize > 0 ? this.selectedSize : 10);
      const fontkitFont = currentFontkitFont(this.doc);
      has = fontkitFont ? fontkitFont.hasGlyphForCodePoint(codePoint) : true;
      perFont.set(codePoint, has);
    }
    return has;
  }

  private metrics(font: FontKey): { ascender: number; descender: number } {
    let metrics = metricsCache.get(font);
    if (!metrics) {
      this.select(font, this.selectedSize > 0 ? this.selectedSize : 10);
      metrics = currentFontMetrics(this.doc);
      metricsCache.set(font, metrics);
    }
    return metrics;
  }

  ascent(font: FontKey): number {
    return this.metrics(font).ascender / 1000;
  }

  descent(font: FontKey): number {
    return this.metrics(font).descender / 1000;
  }
}
