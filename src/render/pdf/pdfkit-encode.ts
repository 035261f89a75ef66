/**
 * PDFKit 0.20's `EmbeddedFont#encode`, for the built-in faces, with the shaping kept for the
 * process (issue 19). PDFKit lays out each space-ended chunk of a drawn line once per document
 * (its `layoutCache` belongs to the document's font object), copies and scales every position,
 * and concatenates the chunks' arrays word by word; a batch of reports shapes the same words
 * again in every report. Here each chunk is shaped and scaled once per face for the process, and
 * `encode` only subsets its glyphs in order, as PDFKit's does: same glyph ids in the same order,
 * the same widths and characters for each, the same positions, so the same bytes.
 *
 * Version-sensitive like pdfkit-internals.ts (checked against pdfkit 0.20.2, pinned).
 */
import type { Doc, PdfkitFont } from './pdfkit-internals.js';

/** A position as PDFKit's `layoutRun` leaves it: font units scaled to 1/1000 em, plus the glyph's advance. */
interface ScaledPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** A chunk shaped and scaled: its glyphs (id, characters, scaled advance) and positions. */
interface ScaledChunk {
  ids: number[];
  codePoints: (readonly number[])[];
  advances: number[];
  positions: ScaledPosition[];
}

/** The parts of PDFKit 0.20's EmbeddedFont that `encode` reads and writes. */
interface EncodeInternals {
  font: PdfkitFont;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: Array<number | undefined | null>;
  unicode: Array<readonly number[] | undefined | null>;
  encode(text: string, features?: unknown): [string[], ScaledPosition[]];
}

/** Chunks kept per face before the cache is started afresh. */
const MAX_CACHED_CHUNKS = 100_000;
const chunkCaches = new WeakMap<PdfkitFont, Map<string, ScaledChunk>>();
const installed = new WeakSet<object>();
const HEX = new Map<number, string>();

/** `0000${gid.toString(16)}`.slice(-4), as PDFKit writes a glyph id. */
function hex(gid: number): string {
  let text = HEX.get(gid);
  if (text === undefined) {
    text = `0000${gid.toString(16)}`.slice(-4);
    HEX.set(gid, text);
  }
  return text;
}

/** The chunk as PDFKit's `layoutRun` makes it: every position key scaled, then the glyph's advance. */
function scaledChunk(font: PdfkitFont, scale: number, chunk: string): ScaledChunk {
  let cache = chunkCaches.get(font);
  if (!cache) {
    cache = new Map();
    chunkCaches.set(font, cache);
  }
  let scaled = cache.get(chunk);
  if (scaled) return scaled;
  const run = font.layout(chunk);
  scaled = { ids: [], codePoints: [], advances: [], positions: [] };
  for (let i = 0; i < run.positions.length; i++) {
    const position = { ...run.positions[i] } as ScaledPosition & Record<string, number>;
    for (const key in position) position[key] = (position[key] as number) * scale;
    const glyph = run.glyphs[i];
    if (!glyph) throw new Error("gareport's PDF renderer: a shaped run has more positions than glyphs");
    position.advanceWidth = glyph.advanceWidth * scale;
    scaled.positions.push(position);
  }
  for (const glyph of run.glyphs) {
    scaled.ids.push(glyph.id);
    scaled.codePoints.push(glyph.codePoints);
    scaled.advances.push(glyph.advanceWidth * scale);
  }
  if (cache.size >= MAX_CACHED_CHUNKS) cache.clear();
  cache.set(chunk, scaled);
  return scaled;
}

/**
 * Gives the document's current font (a built-in face, just selected and checked by
 * `checkPdfkitFont`) the encode above. Its own `encode` stays for OpenType features, which
 * gareport never asks for.
 */
export function installFastEncode(doc: Doc): void {
  const embedded = (doc as unknown as { _font?: EncodeInternals | null })._font;
  if (!embedded || installed.has(embedded)) return;
  installed.add(embedded);
  const original = embedded.encode;
  embedded.encode = function encode(this: EncodeInternals, text: string, features?: unknown) {
    if (features) return original.call(this, text, features);
    const res: string[] = [];
    const positions: ScaledPosition[] = [];
    const { font, scale, subset, widths, unicode } = this;
    // Cut after every space or tab, as PDFKit's EmbeddedFont#layout cuts.
    let last = 0;
    for (let index = 0; index < text.length; index++) {
      const c = text.charCodeAt(index);
      if (c !== 0x20 && c !== 0x09 && index + 1 < text.length) continue;
      const chunk = scaledChunk(font, scale, text.slice(last, index + 1));
      last = index + 1;
      for (let i = 0; i < chunk.ids.length; i++) {
        const gid = subset.includeGlyph(chunk.ids[i] as number);
        res.push(hex(gid));
        widths[gid] ??= chunk.advances[i];
        unicode[gid] ??= chunk.codePoints[i];
      }
      for (const position of chunk.positions) positions.push(position);
    }
    return [res, positions];
  };
}
