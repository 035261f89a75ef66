/**
 * A minimal reader for TrueType (sfnt) fonts: what line layout needs (the character to glyph
 * mapping of `cmap` formats 4 and 12, advance widths from `hmtx`, pair kerning from `kern` version
 * 0 format 0) and what embedding a subset in a PDF needs (font-wide metrics and names, raw glyph
 * data through `loca`/`glyf`, raw tables).
 *
 * Why not fontkit (which PDFKit uses): for the few questions asked here fontkit decodes far more
 * than needed (a glyph's advance width parses its outline; embedding decodes every glyph name of
 * `post`; layout runs OpenType shaping), and in a fresh process that was most of the cost of a
 * report's PDF. The tables read here are flat arrays of integers read straight from the file.
 * Selection rules mirror fontkit's (same cmap subtable preference, same kern table semantics, same
 * metric fallbacks), and tests/pdf.test.ts compares every value with fontkit's for the DejaVu faces.
 *
 * Anything this reader does not understand throws, naming the font and the table: a font change
 * must fail loudly rather than lay out or embed text wrongly.
 */

/** The fixed-size header of the `post` table, with fontkit's field names and value conventions. */
export interface PostHeader {
  version: number;
  italicAngle: number;
  underlinePosition: number;
  underlineThickness: number;
  isFixedPitch: number;
  minMemType42: number;
  maxMemType42: number;
  minMemType1: number;
  maxMemType1: number;
}

export interface SfntFont {
  /** For messages. */
  readonly name: string;
  /** Font design units per em (`head.unitsPerEm`). */
  readonly unitsPerEm: number;
  /** `hhea.ascender`, font units, positive above the baseline. */
  readonly ascender: number;
  /** `hhea.descender`, font units, as stored (negative below the baseline). */
  readonly descender: number;
  /** `hhea.lineGap`. */
  readonly lineGap: number;
  readonly numGlyphs: number;
  /** `head` bounding box of all glyphs. */
  readonly bbox: { readonly xMin: number; readonly yMin: number; readonly xMax: number; readonly yMax: number };
  /** `head.macStyle` bits (bit 0 bold, bit 1 italic). */
  readonly macStyle: number;
  readonly post: Readonly<PostHeader>;
  /** `OS/2` values PDF embedding uses (x-height and cap height only exist from OS/2 version 2). */
  readonly os2: {
    readonly version: number;
    readonly sFamilyClass: number;
    readonly xHeight?: number;
    readonly capHeight?: number;
  } | null;
  /** PostScript name (`name` ID 6), or null. */
  readonly postscriptName: string | null;
  /** Glyph id for a Unicode code point; 0 (.notdef) if the font has none. */
  glyphId(codePoint: number): number;
  /** Advance width of a glyph in font units. */
  advance(glyphId: number): number;
  /** Left side bearing of a glyph in font units (`hmtx`). */
  leftSideBearing(glyphId: number): number;
  /** Kerning adjustment (font units) between two glyphs set next to each other. */
  kerning(left: number, right: number): number;
  /** The glyph's `glyf` entry (empty for glyphs without outline). A view into the file's bytes. */
  glyphData(glyphId: number): Uint8Array;
  /** A table's bytes (a view into the file's bytes), or undefined if the font has none. */
  table(tag: string): Uint8Array | undefined;
}

interface TableRecord {
  offset: number;
  length: number;
}

/** Code points below this are looked up in the cmap once and then kept in an array. */
const DIRECT_LOOKUP_LIMIT = 0x10000;

/** The table directory of a font file, with checked readers of its big-endian numbers. */
interface SfntFile {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly tables: Map<string, TableRecord>;
  u16(offset: number): number;
  i16(offset: number): number;
  u32(offset: number): number;
  fail(message: string): never;
  /** A table's record; a font without it is refused. */
  table(tag: string): TableRecord;
}

function openSfnt(bytes: Uint8Array, name: string): SfntFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (message: string): never => {
    throw new Error(`${name}: ${message}`);
  };
  const u16 = (offset: number) => view.getUint16(offset);
  const u32 = (offset: number) => view.getUint32(offset);
  if (bytes.byteLength < 12) fail('not a TrueType font (file too short)');
  const version = u32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) {
    fail(`not a TrueType font with glyf outlines (sfnt version 0x${version.toString(16)})`);
  }
  const tables = new Map<string, TableRecord>();
  const numTables = u16(4);
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
    const record = { offset: u32(at + 8), length: u32(at + 12) };
    if (record.offset + record.length > bytes.byteLength) fail(`table '${tag}' extends past the end of the file`);
    tables.set(tag, record);
  }
  return {
    bytes,
    view,
    tables,
    u16,
    i16: (offset) => view.getInt16(offset),
    u32,
    fail,
    table: (tag) => tables.get(tag) ?? fail(`no '${tag}' table`),
  };
}

function readHead(file: SfntFile) {
  const { i16, u16, fail } = file;
  const head = file.table('head');
  if (head.length < 54) fail("'head' table too short");
  const unitsPerEm = u16(head.offset + 18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) fail(`implausible unitsPerEm ${unitsPerEm}`);
  const bbox = {
    xMin: i16(head.offset + 36),
    yMin: i16(head.offset + 38),
    xMax: i16(head.offset + 40),
    yMax: i16(head.offset + 42),
  };
  return { unitsPerEm, bbox, macStyle: u16(head.offset + 44), indexToLocFormat: i16(head.offset + 50) };
}

/** Advance widths and left side bearings of every glyph (`hhea`, `maxp`, `hmtx`). */
function readHorizontalMetrics(file: SfntFile) {
  const { i16, u16, fail } = file;
  const hhea = file.table('hhea');
  const numberOfHMetrics = u16(hhea.offset + 34);
  const numGlyphs = u16(file.table('maxp').offset + 4);
  if (numberOfHMetrics < 1 || numberOfHMetrics > numGlyphs) fail(`bad hhea.numberOfHMetrics ${numberOfHMetrics}`);
  const hmtx = file.table('hmtx');
  if (hmtx.length < numberOfHMetrics * 4 + (numGlyphs - numberOfHMetrics) * 2) fail("'hmtx' table too short");
  const advances = new Uint16Array(numGlyphs);
  const bearings = new Int16Array(numGlyphs);
  for (let gid = 0; gid < numGlyphs; gid++) {
    advances[gid] = u16(hmtx.offset + Math.min(gid, numberOfHMetrics - 1) * 4);
    bearings[gid] =
      gid < numberOfHMetrics
        ? i16(hmtx.offset + gid * 4 + 2)
        : i16(hmtx.offset + numberOfHMetrics * 4 + (gid - numberOfHMetrics) * 2);
  }
  return { hhea, numGlyphs, advances, bearings };
}

/** A glyph's outline bytes, from `loca` and `glyf`. */
function glyphReader(file: SfntFile, indexToLocFormat: number, numGlyphs: number): (glyphId: number) => Uint8Array {
  const { u16, u32, fail } = file;
  const loca = file.table('loca');
  const glyf = file.table('glyf');
  if (indexToLocFormat !== 0 && indexToLocFormat !== 1) fail(`unknown head.indexToLocFormat ${indexToLocFormat}`);
  if (loca.length < (numGlyphs + 1) * (indexToLocFormat === 0 ? 2 : 4)) fail("'loca' table too short");
  const glyphOffset = (gid: number) =>
    indexToLocFormat === 0 ? u16(loca.offset + gid * 2) * 2 : u32(loca.offset + gid * 4);
  return (glyphId) => {
    if (glyphId < 0 || glyphId >= numGlyphs) fail(`no glyph ${glyphId}`);
    const start = glyphOffset(glyphId);
    const end = glyphOffset(glyphId + 1);
    if (end < start || end > glyf.length) fail(`bad 'loca' entry for glyph ${glyphId}`);
    return file.bytes.subarray(glyf.offset + start, glyf.offset + end);
  };
}

function readPost(file: SfntFile): PostHeader {
  const { i16, u32, view } = file;
  const postTable = file.table('post');
  if (postTable.length < 32) file.fail("'post' table too short");
  const fixed = (offset: number) => view.getInt32(offset) / 65536;
  return {
    version: fixed(postTable.offset),
    italicAngle: fixed(postTable.offset + 4),
    underlinePosition: i16(postTable.offset + 8),
    underlineThickness: i16(postTable.offset + 10),
    isFixedPitch: u32(postTable.offset + 12),
    minMemType42: u32(postTable.offset + 16),
    maxMemType42: u32(postTable.offset + 20),
    minMemType1: u32(postTable.offset + 24),
    maxMemType1: u32(postTable.offset + 28),
  };
}

function readOs2(file: SfntFile): SfntFont['os2'] {
  const os2Table = file.tables.get('OS/2');
  if (!os2Table) return null;
  const os2Version = file.u16(os2Table.offset);
  const os2 = { version: os2Version, sFamilyClass: file.i16(os2Table.offset + 30) };
  if (os2Version >= 2 && os2Table.length >= 90) {
    return { ...os2, xHeight: file.i16(os2Table.offset + 86), capHeight: file.i16(os2Table.offset + 88) };
  }
  return os2;
}

export function readSfnt(bytes: Uint8Array, name = 'font'): SfntFont {
  const file = openSfnt(bytes, name);
  const { view, tables, i16, fail } = file;
  const { unitsPerEm, bbox, macStyle, indexToLocFormat } = readHead(file);
  const { hhea, numGlyphs, advances, bearings } = readHorizontalMetrics(file);
  const glyphData = glyphReader(file, indexToLocFormat, numGlyphs);
  const post = readPost(file);
  const os2 = readOs2(file);
  const lookup = readCmap(view, file.table('cmap'), fail);
  const kerning = readKern(view, tables.get('kern'), fail);
  const direct = new Int32Array(DIRECT_LOOKUP_LIMIT).fill(-1);

  return {
    name,
    unitsPerEm,
    ascender: i16(hhea.offset + 4),
    descender: i16(hhea.offset + 6),
    lineGap: i16(hhea.offset + 8),
    numGlyphs,
    bbox,
    macStyle,
    post,
    os2,
    postscriptName: readPostscriptName(view, tables.get('name')),
    glyphId(codePoint: number): number {
      if (codePoint < DIRECT_LOOKUP_LIMIT) {
        let gid = direct[codePoint] ?? -1;
        if (gid < 0) {
          gid = lookup(codePoint);
          direct[codePoint] = gid;
        }
        return gid;
      }
      return codePoint <= 0x10ffff ? lookup(codePoint) : 0;
    },
    advance(glyphId: number): number {
      return advances[glyphId] ?? 0;
    },
    leftSideBearing(glyphId: number): number {
      return bearings[glyphId] ?? 0;
    },
    kerning,
    glyphData,
    table(tag: string): Uint8Array | undefined {
      const record = tables.get(tag);
      return record ? bytes.subarray(record.offset, record.offset + record.length) : undefined;
    },
  };
}

/** Unicode cmap subtables in fontkit's order of preference (32-bit ones first). */
const CMAP_PREFERENCE: ReadonlyArray<readonly [number, number]> = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

function readCmap(view: DataView, cmap: TableRecord, fail: (message: string) => never): (codePoint: number) => number {
  const u16 = (offset: number) => view.getUint16(offset);
  const u32 = (offset: number) => view.getUint32(offset);
  const count = u16(cmap.offset + 2);
  let subtable = -1;
  for (const [platform, encoding] of CMAP_PREFERENCE) {
    for (let i = 0; i < count && subtable < 0; i++) {
      const at = cmap.offset + 4 + i * 8;
      if (u16(at) === platform && u16(at + 2) === encoding) subtable = cmap.offset + u32(at + 4);
    }
    if (subtable >= 0) break;
  }
  if (subtable < 0) fail("no Unicode subtable in 'cmap'");
  const format = u16(subtable);

  if (format === 4) {
    const segCount = u16(subtable + 6) / 2;
    const endCodes = subtable + 14;
    const startCodes = endCodes + segCount * 2 + 2;
    const idDeltas = startCodes + segCount * 2;
    const idRangeOffsets = idDeltas + segCount * 2;
    return (codePoint) => {
      if (codePoint > 0xffff) return 0;
      let lo = 0;
      let hi = segCount - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (codePoint < u16(startCodes + mid * 2)) hi = mid - 1;
        else if (codePoint > u16(endCodes + mid * 2)) lo = mid + 1;
        else {
          const rangeOffset = u16(idRangeOffsets + mid * 2);
          const delta = u16(idDeltas + mid * 2);
          if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
          const at = idRangeOffsets + mid * 2 + rangeOffset + (codePoint - u16(startCodes + mid * 2)) * 2;
          const gid = u16(at);
          return gid === 0 ? 0 : (gid + delta) & 0xffff;
        }
      }
      return 0;
    };
  }

  if (format === 12) {
    const nGroups = u32(subtable + 12);
    const groups = subtable + 16;
    return (codePoint) => {
      let lo = 0;
      let hi = nGroups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = groups + mid * 12;
        if (codePoint < u32(at)) hi = mid - 1;
        else if (codePoint > u32(at + 4)) lo = mid + 1;
        else return u32(at + 8) + (codePoint - u32(at));
      }
      return 0;
    };
  }

  return fail(`unsupported 'cmap' subtable format ${format}`);
}

function readKern(
  view: DataView,
  kern: TableRecord | undefined,
  fail: (message: string) => never,
): (left: number, right: number) => number {
  if (!kern) return () => 0;
  const u16 = (offset: number) => view.getUint16(offset);
  if (u16(kern.offset) !== 0) fail(`unsupported 'kern' table version ${u16(kern.offset)} (only version 0)`);
  const nTables = u16(kern.offset + 2);
  /** (left << 16 | right) -> adjustment, per subtable that applies to horizontal text. */
  const subtables: Array<{ pairs: Map<number, number>; override: boolean }> = [];
  let at = kern.offset + 4;
  for (let t = 0; t < nTables; t++) {
    const length = u16(at + 2);
    const coverage = u16(at + 4);
    const format = coverage >> 8;
    const horizontal = (coverage & 1) !== 0;
    const crossStream = (coverage & 4) !== 0;
    const override = (coverage & 8) !== 0;
    if (format !== 0) fail(`unsupported 'kern' subtable format ${format} (only format 0)`);
    if (horizontal && !crossStream) {
      const nPairs = u16(at + 6);
      const pairs = new Map<number, number>();
      for (let p = 0; p < nPairs; p++) {
        const pair = at + 14 + p * 6;
        const key = u16(pair) * 0x10000 + u16(pair + 2);
        if (!pairs.has(key)) pairs.set(key, view.getInt16(pair + 4));
      }
      subtables.push({ pairs, override });
    }
    at += length;
  }
  if (subtables.length === 0) return () => 0;
  const only = subtables.length === 1 ? subtables[0] : undefined;
  if (only) return (left, right) => only.pairs.get(left * 0x10000 + right) ?? 0;
  return (left, right) => {
    let value = 0;
    for (const { pairs, override } of subtables) {
      const v = pairs.get(left * 0x10000 + right) ?? 0;
      value = override ? v : value + v;
    }
    return value;
  };
}

/** `name` ID 6 (PostScript name): Windows Unicode record first, then Unicode, then Macintosh Roman. */
function readPostscriptName(view: DataView, name: TableRecord | undefined): string | null {
  if (!name) return null;
  const u16 = (offset: number) => view.getUint16(offset);
  const count = u16(name.offset + 2);
  const strings = name.offset + u16(name.offset + 4);
  let best: { rank: number; at: number; length: number; utf16: boolean } | null = null;
  for (let i = 0; i < count; i++) {
    const at = name.offset + 6 + i * 12;
    if (u16(at + 6) !== 6) continue;
    const platform = u16(at);
    const rank = platform === 3 ? 0 : platform === 0 ? 1 : platform === 1 ? 2 : -1;
    if (rank < 0 || (best && best.rank <= rank)) continue;
    best = { rank, at: strings + u16(at + 10), length: u16(at + 8), utf16: platform !== 1 };
  }
  if (!best) return null;
  let text = '';
  if (best.utf16) {
    for (let i = 0; i + 1 < best.length; i += 2) text += String.fromCharCode(u16(best.at + i));
  } else {
    for (let i = 0; i < best.length; i++) text += String.fromCharCode(view.getUint8(best.at + i));
  }
  return text;
}
