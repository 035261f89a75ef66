/**
 * TrueType subsetting for PDF embedding: the glyphs a document uses, renumbered from 0 in the
 * order they were first used, as a standalone TrueType file holding the tables a PDF viewer needs
 * for a CIDFontType2 font with an identity CID-to-GID map (glyf, loca, head, hhea, hmtx, maxp and
 * the hinting tables cvt, fpgm, prep) -- the same set fontkit's subsetter writes.
 *
 * It copies glyph data byte for byte (renumbering the components of composite glyphs), where
 * fontkit decodes every glyph and re-encodes each table; that was ~30–80 ms per report in a fresh
 * process. PDFKit uses it through the `includeGlyph`/`encode` interface of fontkit's subsets (see
 * pdfkit-internals.ts). Output depends only on the glyphs included and their order.
 */
import type { SfntFont } from './sfnt.js';

// Composite glyph component flags (OpenType `glyf` specification).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Tables copied unchanged from the source font when it has them (TrueType hinting). */
const COPIED_TABLES = ['cvt ', 'fpgm', 'prep'] as const;

export class TrueTypeSubset {
  /** Source glyph ids, by new glyph id. */
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly font: SfntFont) {
    this.includeGlyph(0); // .notdef is always glyph 0
  }

  /** New glyph id of a source glyph, adding it to the subset if needed (fontkit's Subset API). */
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let mapped = this.mapping.get(id);
    if (mapped === undefined) {
      mapped = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, mapped);
    }
    return mapped;
  }

  /** The subset font file. */
  encode(): Uint8Array {
    const { font } = this;
    const glyphData: Uint8Array[] = [];
    // Composite glyphs add their components while this loop runs.
    for (let i = 0; i < this.glyphs.length; i++) {
      glyphData.push(this.glyph(this.glyphs[i] ?? 0));
    }
    const count = glyphData.length;

    // glyf, with each glyph padded to 4 bytes; loca in the long format.
    let glyfLength = 0;
    for (const data of glyphData) glyfLength += pad4(data.length);
    const glyf = new Uint8Array(glyfLength);
    const loca = new DataView(new ArrayBuffer((count + 1) * 4));
    let offset = 0;
    glyphData.forEach((data, index) => {
      loca.setUint32(index * 4, offset);
      glyf.set(data, offset);
      offset += pad4(data.length);
    });
    loca.setUint32(count * 4, offset);

    // hmtx with a full metric for every glyph.
    const hmtx = new DataView(new ArrayBuffer(count * 4));
    this.glyphs.forEach((source, index) => {
      hmtx.setUint16(index * 4, font.advance(source));
      hmtx.setInt16(index * 4 + 2, font.leftSideBearing(source));
    });

    const head = copyTable(font, 'head');
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, set below
    headView.setInt16(50, 1); // indexToLocFormat: long
    const hhea = copyTable(font, 'hhea');
    new DataView(hhea.buffer).setUint16(34, count); // numberOfHMetrics
    const maxp = copyTable(font, 'maxp');
    new DataView(maxp.buffer).setUint16(4, count); // numGlyphs

    const tables = new Map<string, Uint8Array>([
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)],
      ['maxp', maxp],
    ]);
    for (const tag of COPIED_TABLES) {
      const data = font.table(tag);
      if (data) tables.set(tag, data);
    }
    const file = writeSfnt(tables);
    // head.checkSumAdjustment makes the checksum of the whole file 0xB1B0AFBA.
    const headOffset = tableOffset(file, 'head');
    new DataView(file.buffer).setUint32(headOffset + 8, (0xb1b0afba - checksum(file)) >>> 0);
    return file;
  }

  /** A glyph's data, with composite components renumbered (and included). */
  private glyph(source: number): Uint8Array {
    const data = this.font.glyphData(source);
    if (data.length < 10) return data; // empty glyph (space) or no outline
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (view.getInt16(0) >= 0) return data; // simple glyph: copied as is
    const copy = new Uint8Array(data);
    const out = new DataView(copy.buffer);
    let at = 10;
    for (;;) {
      if (at + 4 > copy.length) throw new Error(`${this.font.name}: truncated composite glyph ${source}`);
      const flags = out.getUint16(at);
      out.setUint16(at + 2, this.includeGlyph(out.getUint16(at + 2)));
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) break;
    }
    return copy;
  }
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}

function copyTable(font: SfntFont, tag: string): Uint8Array {
  const data = font.table(tag);
  if (!data) throw new Error(`${font.name}: no '${tag}' table`);
  return new Uint8Array(data);
}

/** Sum of a table's big-endian 32-bit words (zero-padded to a multiple of 4 bytes). */
function checksum(data: Uint8Array): number {
  let sum = 0;
  const words = data.length >> 2;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < words; i++) sum = (sum + view.getUint32(i * 4)) >>> 0;
  let last = 0;
  for (let i = words * 4; i < data.length; i++) last |= (data[i] ?? 0) << (24 - 8 * (i - words * 4));
  return (sum + last) >>> 0;
}

/** An sfnt file (version 1.0) holding `tables`, sorted by tag, 4-byte aligned, with checksums. */
function writeSfnt(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const numTables = tags.length;
  const headerLength = 12 + numTables * 16;
  let length = headerLength;
  for (const tag of tags) length += pad4(tables.get(tag)?.length ?? 0);
  const file = new Uint8Array(length);
  const view = new DataView(file.buffer);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, 0x00010000);
  view.setUint16(4, numTables);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, numTables * 16 - searchRange);
  let offset = headerLength;
  tags.forEach((tag, index) => {
    const data = tables.get(tag) ?? new Uint8Array(0);
    const record = 12 + index * 16;
    for (let c = 0; c < 4; c++) view.setUint8(record + c, tag.charCodeAt(c));
    view.setUint32(record + 4, checksum(data));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, data.length);
    file.set(data, offset);
    offset += pad4(data.length);
  });
  return file;
}

function tableOffset(file: Uint8Array, tag: string): number {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const recordTag = String.fromCharCode(
      file[record] ?? 0,
      file[record + 1] ?? 0,
      file[record + 2] ?? 0,
      file[record + 3] ?? 0,
    );
    if (recordTag === tag) return view.getUint32(record + 8);
  }
  throw new Error(`no '${tag}' table in the subset`);
}
