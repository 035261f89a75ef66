/**
 * The few places where the renderer relies on PDFKit behaviour that @types/pdfkit (written for
 * 0.17) does not describe, or on PDFKit internals. Everything version-sensitive lives here so an
 * upgrade only needs this file checked. Verified against pdfkit 0.20.2.
 */
// Importing the module (types only) pulls in @types/pdfkit, which declares the global PDFKit namespace.
import type {} from 'pdfkit';

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;
export type OutlineItem = PDFKit.PDFOutline;

/** The part of a fontkit `Font` the renderer touches. */
export interface FontkitFontLike {
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout: unknown;
}

interface DocInternals {
  _font?: { font?: unknown; ascender?: number; descender?: number; layoutCache?: unknown } | null;
  _addInfo?: () => void;
  info: Record<string, unknown>;
}

interface OutlineInternals {
  outlineData?: Record<string, unknown>;
}

function internals(doc: Doc): DocInternals {
  return doc as unknown as DocInternals;
}

/**
 * Register a font under an alias. PDFKit 0.20 accepts raw bytes or an already parsed fontkit
 * `Font` (re-using a parsed font across documents keeps fontkit's glyph caches warm).
 */
export function registerFontSource(doc: Doc, alias: string, source: Uint8Array | FontkitFontLike): void {
  doc.registerFont(alias, source as Uint8Array);
}

/** The fontkit `Font` behind the document's current font, if PDFKit exposes it. */
export function currentFontkitFont(doc: Doc): FontkitFontLike | undefined {
  const font = internals(doc)._font?.font as Partial<FontkitFontLike> | undefined;
  if (font && typeof font.hasGlyphForCodePoint === 'function' && typeof font.layout === 'function') {
    return font as FontkitFontLike;
  }
  return undefined;
}

/** A fontkit layout cache as PDFKit keeps it per embedded font: text -> shaped glyph run. */
export type LayoutCache = Record<string, unknown>;

/**
 * Replaces the current font's shaping cache with `cache`. PDFKit keeps one per document font, so
 * every document would re-shape every word with fontkit (the dominant cost of rendering); sharing
 * one cache per face across documents makes warm renders cheap. Safe because the cached runs only
 * reference glyphs of the same (shared) fontkit font object and are never mutated after caching.
 * Returns false if PDFKit has no such cache (then nothing changes).
 */
export function shareLayoutCache(doc: Doc, cache: LayoutCache): boolean {
  const font = internals(doc)._font;
  if (!font || typeof font.layoutCache !== 'object' || font.layoutCache === null) return false;
  font.layoutCache = cache;
  return true;
}

/** Ascender and descender (positive) of the current font in 1/1000 em. */
export function currentFontMetrics(doc: Doc): { ascender: number; descender: number } {
  const font = internals(doc)._font;
  const ascender = typeof font?.ascender === 'number' ? font.ascender : 928;
  const descender = typeof font?.descender === 'number' ? Math.abs(font.descender) : 236;
  return { ascender, descender };
}

/** Structure element options PDFKit 0.20 supports beyond the typed ones. */
export interface StructOptions {
  title?: string;
  lang?: string;
  alt?: string;
  actual?: string;
  /** Table header scope (TH): 'Column' | 'Row' | 'Both'. */
  scope?: 'Column' | 'Row' | 'Both';
}

export function createStruct(doc: Doc, type: string, options: StructOptions = {}): StructElement {
  return doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
}

/**
 * Point an outline item at a position on a page (PDF `XYZ` destination keeping the zoom), instead
 * of PDFKit's default "fit whole page" destination. `top` is in PDFKit coordinates (from the top).
 */
export function setOutlineDestination(item: OutlineItem, doc: Doc, top: number): void {
  const data = (item as unknown as OutlineInternals).outlineData;
  if (!data) return; // unknown PDFKit version: keep its default destination
  data.Dest = [doc.page.dictionary, 'XYZ', null, Math.max(0, doc.page.height - top), null];
}

/** Add an outline item; `expanded` opens it in the viewer's bookmark pane. */
export function addOutlineItem(parent: OutlineItem, title: string, expanded: boolean): OutlineItem {
  return parent.addItem(title, { expanded });
}

/**
 * Add a URI link annotation attached to a `Link` structure element (PDF/UA wants the annotation
 * as an OBJR child of the Link element and a /Contents description).
 */
export function addLinkAnnotation(
  doc: Doc,
  rect: { x: number; y: number; width: number; height: number },
  url: string,
  description: string,
  structParent: StructElement | undefined,
): void {
  const options: Record<string, unknown> = { Contents: new String(description) };
  if (structParent) options.structParent = structParent;
  doc.link(rect.x, rect.y, rect.width, rect.height, url, options as PDFKit.Mixins.AnnotationOption);
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * PDFKit writes Title/Author/Subject/Keywords into the XMP packet without XML escaping, so a
 * title such as "Bosnia & Herzegovina" would produce malformed XMP. Wrap its XMP writer so it sees
 * escaped copies; the /Info dictionary (written earlier from the same object) keeps raw values.
 */
export function escapeXmpMetadata(doc: Doc): void {
  const d = internals(doc);
  const original = d._addInfo;
  if (typeof original !== 'function') return;
  d._addInfo = function patchedAddInfo(this: DocInternals) {
    const raw = this.info;
    const escaped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      escaped[key] = typeof value === 'string' ? escapeXml(value) : value;
    }
    this.info = escaped;
    try {
      original.call(this);
    } finally {
      this.info = raw;
    }
  };
}
