/**
 * The few places where the renderer relies on PDFKit behaviour that @types/pdfkit (written for
 * 0.17) does not describe, or on PDFKit internals. Everything version-sensitive lives here and in
 * pdfkit-encode.ts. Verified against pdfkit 0.20.2, which package.json pins exactly (no `^`): a
 * new pdfkit is taken on purpose, after checking both files and running tests/pdf*.test.ts, never
 * by an `npm install` that happens to resolve a newer one.
 */
// Importing the module (types only) pulls in @types/pdfkit, which declares the global PDFKit namespace.
import type {} from 'pdfkit';
import { CONTINUATION, type GlyphCluster } from './clusters.js';
import type { SfntFont } from './sfnt.js';
import type { FaceShaper, ShapedRun } from './shaping.js';
import { TrueTypeSubset } from './subset.js';

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;
export type OutlineItem = PDFKit.PDFOutline;

interface DocInternals {
  _font?: { font?: unknown; subset?: unknown; scale?: unknown } | null;
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
 * A font as PDFKit 0.20's EmbeddedFont uses it: the part of fontkit's `Font` interface it reads,
 * implemented over the renderer's own TrueType reader (sfnt.ts), shaper (shaping.ts) and
 * subsetter (subset.ts). PDFKit accepts any object with a `layout` method in place of font bytes
 * and then never calls fontkit: no font parsing, no OpenType shaping, no table decoding.
 *
 * Values follow fontkit's conventions (font units; `capHeight`/`xHeight` undefined for an OS/2
 * table older than version 2, as fontkit returns them); tests compare them with fontkit's.
 */
export interface PdfkitFont {
  readonly postscriptName: string | null;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly xHeight: number | undefined;
  readonly capHeight: number | undefined;
  readonly italicAngle: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly post: Readonly<Record<string, number>>;
  readonly head: { macStyle: { bold: boolean; italic: boolean } };
  readonly 'OS/2': { version: number; sFamilyClass: number } | undefined;
  getGlyph(id: number): { id: number; advanceWidth: number };
  createSubset(): TrueTypeSubset;
  layout(text: string, features?: unknown): ShapedRun;
}

export function pdfkitFont(font: SfntFont, shaper: FaceShaper): PdfkitFont {
  const os2 = font.os2;
  return {
    postscriptName: font.postscriptName,
    unitsPerEm: font.unitsPerEm,
    ascent: font.ascender,
    descent: font.descender,
    lineGap: font.lineGap,
    xHeight: os2 ? os2.xHeight : 0,
    capHeight: os2 ? os2.capHeight : font.ascender,
    italicAngle: font.post.italicAngle,
    bbox: { minX: font.bbox.xMin, minY: font.bbox.yMin, maxX: font.bbox.xMax, maxY: font.bbox.yMax },
    post: { ...font.post },
    head: { macStyle: { bold: (font.macStyle & 1) !== 0, italic: (font.macStyle & 2) !== 0 } },
    'OS/2': os2 ? { version: os2.version, sFamilyClass: os2.sFamilyClass } : undefined,
    getGlyph: (id) => ({ id, advanceWidth: font.advance(id) }),
    createSubset: () => new TrueTypeSubset(font),
    layout(text, features) {
      if (features) throw new Error('gareport PDF renderer: OpenType features are not supported');
      return shaper.shape(text);
    },
  };
}

/** Register a font under an alias (PDFKit creates its font object on first use of the alias). */
export function registerFontSource(doc: Doc, alias: string, font: PdfkitFont | object): void {
  doc.registerFont(alias, font as unknown as Uint8Array);
}

/**
 * Checks that PDFKit made the document's current font from `font` as expected: it holds the
 * object, subsets through it and scales font units to 1/1000 em as the measurer does. Throws
 * otherwise, so that a PDFKit upgrade which changes any of this fails loudly instead of drawing
 * text that was measured differently.
 */
export function checkPdfkitFont(doc: Doc, font: PdfkitFont): void {
  const current = internals(doc)._font;
  const problems: string[] = [];
  if (!current) problems.push('no current font');
  else {
    if (current.font !== font) problems.push('the font object was not used as given');
    if (!(current.subset instanceof TrueTypeSubset)) problems.push('the font is not subset through createSubset()');
    if (current.scale !== 1000 / font.unitsPerEm) problems.push(`unexpected font scale ${String(current.scale)}`);
  }
  if (problems.length > 0) {
    throw new Error(`gareport's PDF renderer does not support this PDFKit version: ${problems.join('; ')}`);
  }
}

interface TextInternals {
  _fragment?: (text: string, x: number, y: number, options: Record<string, unknown>) => void;
}

/**
 * Draws one line of text in the current font, its top-left corner at (x, y), where the caller
 * knows the text's width (`width`, as measured for that font and size).
 *
 * Equivalent to `doc.text(text, x, y, { lineBreak: false })`, which in PDFKit 0.20 ends in
 * `_fragment(text, x, y, options)` after preparing options, splitting lines and measuring the text
 * twice (for underlines and links, which the renderer draws itself, and to advance `doc.x`, which
 * it does not use). Calling `_fragment` directly with the known width skips that work; it writes
 * the same content-stream operators. Falls back to `doc.text` if `_fragment` is missing.
 */
export function drawTextLine(doc: Doc, text: string, x: number, y: number, width: number): void {
  const fragment = (doc as unknown as TextInternals)._fragment;
  if (typeof fragment === 'function') {
    fragment.call(doc, text, x, y, { lineBreak: false, textWidth: width, wordCount: 1 });
  } else {
    doc.text(text, x, y, { lineBreak: false });
  }
}

/** The parts of PDFKit 0.20's EmbeddedFont that `drawGlyphClusters` writes to. */
interface EmbeddedFontInternals {
  id: string;
  scale: number;
  ascender: number;
  subset: { includeGlyph(id: number): number; glyphs?: number[] };
  unicode: Array<readonly number[] | undefined>;
  widths: Array<number | undefined>;
  ref(): unknown;
}

interface DrawInternals {
  _font?: EmbeddedFontInternals;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(text: string): void;
}

/** Character ids given to (glyph, characters, width) triples, per embedded font. */
const characterIds = new WeakMap<object, Map<string, number>>();

/**
 * The character id (CID) that draws glyph `id`, reads as `unicode` and advances `width` (font
 * units) (issue 22). A glyph is subset once; its first use sets its ToUnicode entry and width. A
 * use that must read or advance otherwise (the first glyph of a reordered syllable, read as the
 * whole syllable; a mark moved by shaping, whose advance ends where the next glyph starts) gets a
 * copy of the glyph under a character id of its own.
 */
function characterId(font: EmbeddedFontInternals, id: number, width: number, unicode: readonly number[]): number {
  let ids = characterIds.get(font);
  if (!ids) {
    ids = new Map();
    characterIds.set(font, ids);
  }
  const scaled = width * font.scale;
  const key = `${id}:${scaled}:${unicode.join(',')}`;
  let cid = ids.get(key);
  if (cid !== undefined) return cid;
  cid = font.subset.includeGlyph(id);
  const mapped = font.unicode[cid];
  const mappedWidth = font.widths[cid];
  if ((mapped && mapped.join(',') !== unicode.join(',')) || (mappedWidth !== undefined && mappedWidth !== scaled)) {
    const glyphs = font.subset.glyphs;
    if (!Array.isArray(glyphs)) throw new Error("gareport's PDF renderer: this font subset cannot copy glyphs");
    glyphs.push(id);
    cid = glyphs.length - 1;
  }
  font.unicode[cid] ??= unicode;
  font.widths[cid] ??= scaled;
  ids.set(key, cid);
  return cid;
}

function number(n: number): string {
  return String(Math.round(n * 1e4) / 1e4);
}

/** Advance (font units) that a cluster's glyph is given, so that text position follows the layout. */
function glyphWidth(cluster: GlyphCluster, k: number, clusterAdvance: number, before: number): number {
  const glyph = cluster.glyphs[k];
  if (!glyph) return 0;
  const { xAdvance, xOffset, yOffset } = glyph.position;
  // Not plain: the first glyph reads as the whole cluster and spans it, so that pdf.js sees no gap
  // after it; the others read as nothing and take no room (pdf.js skips them without advancing).
  // Without an end marker the last one ends at the cluster's end, as poppler ends an /ActualText
  // span where its last glyph does.
  if (!cluster.plain) {
    if (k === 0) return clusterAdvance - xOffset;
    return !cluster.endMarker && k === cluster.glyphs.length - 1 ? clusterAdvance - before - xOffset : 0;
  }
  // A glyph moved by shaping (a mark) ends where the next glyph starts, so no reader sees a gap.
  return xOffset || yOffset ? xAdvance - xOffset : glyph.advanceWidth;
}

/**
 * Draws shaped glyph clusters in the current font and size, the top of the line at `top`, from
 * `x`: every glyph where shaping placed it, a cluster that needs it inside a marked-content Span
 * with its /ActualText. Writes what PDFKit's `_fragment` would (BT, Tm, Tf, TJ with adjustments,
 * a Tm where the baseline moves), with PDFKit's fonts and subsets.
 */
export function drawGlyphClusters(doc: Doc, clusters: readonly GlyphCluster[], x: number, top: number): void {
  const d = doc as unknown as DrawInternals;
  const font = d._font;
  if (!font) throw new Error("gareport's PDF renderer: no font selected");
  const size = d._fontSize;
  // Font units to user space, and user space to TJ's thousandths of an em.
  const unit = (font.scale * size) / 1000;
  const toTj = 1000 / size;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, d.page.height);
  const y = d.page.height - top - (font.ascender / 1000) * size;
  d.page.fonts[font.id] ??= font.ref();
  d.addContent('BT');
  d.addContent(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
  d.addContent(`/${font.id} ${number(size)} Tf`);
  let pen = x;
  // Where the next glyph of the current TJ would be drawn.
  let atX = x;
  let atY = y;
  let parts: string[] = [];
  let skipped = false;
  const flush = () => {
    if (parts.length > 0) d.addContent(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  for (const cluster of clusters) {
    if (cluster.actualText !== null) {
      flush();
      doc.markContent('Span', { actual: cluster.actualText } as PDFKit.Mixins.MarkingOptions);
    }
    const start = pen;
    let advance = 0;
    for (const glyph of cluster.glyphs) advance += glyph.position.xAdvance;
    cluster.glyphs.forEach((glyph, k) => {
      const p = glyph.position;
      const gx = pen + p.xOffset * unit;
      const gy = y + p.yOffset * unit;
      // A move after a glyph pdf.js skips (read as a format character) is made with Tm: pdf.js
      // applies a TJ adjustment after the glyph before it, and so loses it after a skipped one.
      if (gy !== atY || (skipped && Math.abs(gx - atX) > 1e-6)) {
        flush();
        d.addContent(`1 0 0 1 ${number(gx)} ${number(gy)} Tm`);
        atX = gx;
        atY = gy;
      } else if (Math.abs(gx - atX) > 1e-6) {
        parts.push(number((atX - gx) * toTj));
      }
      const width = glyphWidth(cluster, k, advance, (pen - start) / unit);
      const cid = characterId(font, glyph.id, width, glyph.unicode);
      parts.push(`<${cid.toString(16).padStart(4, '0')}>`);
      skipped = glyph.unicode.length === 1 && glyph.unicode[0] === CONTINUATION;
      atX = gx + width * unit;
      pen += p.xAdvance * unit;
    });
    if (cluster.actualText !== null) {
      flush();
      doc.endMarkedContent();
    }
  }
  flush();
  d.addContent('ET');
  doc.restore();
}

/**
 * Draws the current font's space glyph, which has no outline, at `x` with width `width` (points),
 * under a character id that reads as `unicode` (issue 22): an invisible direction mark (U+200E
 * LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK) with no width, or a word space read as a mark and
 * the space. pdf.js skips a glyph that reads as a format character alone, and drops one whose
 * characters begin with a space; poppler's pdftotext takes a mark as a strong character of its
 * direction, which keeps its reordering from carrying a space or bracket across a change of
 * direction (README "Scripts in the PDF").
 */
export function drawCarrierGlyph(doc: Doc, unicode: readonly number[], x: number, top: number, width = 0): void {
  const d = doc as unknown as DrawInternals;
  const font = d._font as (EmbeddedFontInternals & { font?: unknown }) | undefined;
  const source = font?.font as
    | { layout?: (text: string) => { glyphs: ReadonlyArray<{ id: number; advanceWidth: number }> } }
    | undefined;
  const space = typeof source?.layout === 'function' ? source.layout(' ').glyphs[0] : undefined;
  if (!font || !space) return;
  // The glyph's own character id stays the space (PDFKit's text drawing uses it): the carrier
  // gets a copy of its own (see characterId).
  const own = font.subset.includeGlyph(space.id);
  font.unicode[own] ??= [0x20];
  font.widths[own] ??= space.advanceWidth * font.scale;
  const advance = width / ((font.scale * d._fontSize) / 1000);
  const position = { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0 };
  const glyph = { id: space.id, advanceWidth: advance, unicode, position };
  drawGlyphClusters(doc, [{ glyphs: [glyph], plain: true, actualText: null, endMarker: false }], x, top);
}

/** Whether `drawTextLine` can take its fast path (tests assert it, so an upgrade is noticed). */
export function hasFastTextPath(doc: Doc): boolean {
  return typeof (doc as unknown as TextInternals)._fragment === 'function';
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

const noteCounts = new WeakMap<Doc, number>();

/**
 * Gives a Note element a unique /ID (PDF/UA-1 7.9, issue 22): `note-1`, `note-2`… in document
 * order (footnote labels repeat from answer to answer). PDFKit has no option for it.
 */
export function setNoteId(doc: Doc, el: StructElement): void {
  const n = (noteCounts.get(doc) ?? 0) + 1;
  noteCounts.set(doc, n);
  const data = (el as unknown as { dictionary?: { data?: Record<string, unknown> } }).dictionary?.data;
  if (!data) throw new Error("gareport's PDF renderer: unknown PDFKit structure element");
  data.ID = new String(`note-${n}`);
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
