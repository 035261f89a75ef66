/**
 * Reading the common tables of OpenType layout (GPOS, GDEF) as fontkit reads them, for the fast
 * shaper's kerning (gpos-kern.ts): coverage and class definitions turned into arrays indexed by
 * glyph id, value records, lookup flags, and the choice of a feature's lookups by script.
 *
 * Semantics follow fontkit, which the fallback shaper uses and tests compare against: the first
 * matching glyph of a coverage table and the first matching range of a class definition win, a
 * glyph in no class is in class 0, device tables are not applied (fontkit applies them only to
 * variable fonts), and a language system's last feature record of a tag wins.
 */

/** Big-endian readers over one table's bytes, failing with the font's and the table's name. */
export class TableReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    private readonly where: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u16(at: number): number {
    return this.inRange(at, 2).getUint16(at);
  }

  i16(at: number): number {
    return this.inRange(at, 2).getInt16(at);
  }

  u32(at: number): number {
    return this.inRange(at, 4).getUint32(at);
  }

  tag(at: number): string {
    this.inRange(at, 4);
    return String.fromCharCode(...this.bytes.subarray(at, at + 4));
  }

  fail(message: string): never {
    throw new Error(`${this.where}: ${message}`);
  }

  private inRange(at: number, size: number): DataView {
    if (at < 0 || at + size > this.bytes.byteLength) this.fail(`offset ${at} is past the end of the table`);
    return this.view;
  }
}

/** Glyph id → coverage index, or -1 (a glyph listed twice keeps its first index, as in fontkit). */
export function readCoverage(r: TableReader, at: number, numGlyphs: number): Int32Array {
  const index = new Int32Array(numGlyphs).fill(-1);
  const format = r.u16(at);
  const count = r.u16(at + 2);
  if (format === 1) {
    for (let i = 0; i < count; i++) {
      const glyph = r.u16(at + 4 + i * 2);
      if (glyph < numGlyphs && index[glyph] === -1) index[glyph] = i;
    }
  } else if (format === 2) {
    for (let i = 0; i < count; i++) {
      const record = at + 4 + i * 6;
      const [start, end, startIndex] = [r.u16(record), r.u16(record + 2), r.u16(record + 4)];
      for (let glyph = start; glyph <= end && glyph < numGlyphs; glyph++) {
        if (index[glyph] === -1) index[glyph] = startIndex + glyph - start;
      }
    }
  } else r.fail(`unknown coverage format ${format}`);
  return index;
}

/** Glyph id → class (0 for a glyph in no range; the first matching range wins, as in fontkit). */
export function readClassDef(r: TableReader, at: number, numGlyphs: number): Uint16Array {
  const classes = new Uint16Array(numGlyphs);
  if (at === 0) return classes;
  const format = r.u16(at);
  if (format === 1) {
    const start = r.u16(at + 2);
    const count = r.u16(at + 4);
    for (let i = 0; i < count && start + i < numGlyphs; i++) classes[start + i] = r.u16(at + 6 + i * 2);
  } else if (format === 2) {
    const count = r.u16(at + 2);
    // Last range first, so that where ranges overlap the first one wins.
    for (let i = count - 1; i >= 0; i--) {
      const record = at + 4 + i * 6;
      const value = r.u16(record + 4);
      for (let glyph = r.u16(record); glyph <= r.u16(record + 2) && glyph < numGlyphs; glyph++) classes[glyph] = value;
    }
  } else r.fail(`unknown class definition format ${format}`);
  return classes;
}

/** A glyph position in font units, as fontkit's GlyphPosition (the fields a value record adjusts). */
export interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** Bytes of a value record of this format (two per field present). */
export function valueSize(format: number): number {
  let size = 0;
  for (let bit = 0; bit < 8; bit++) if (format & (1 << bit)) size += 2;
  return size;
}

/** Adds the value record at `at` (of `format`) to a position: placements, then advances. */
export function addValue(r: TableReader, at: number, format: number, position: Position): void {
  let field = at;
  if (format & 0x1) {
    position.xOffset += r.i16(field);
    field += 2;
  }
  if (format & 0x2) {
    position.yOffset += r.i16(field);
    field += 2;
  }
  if (format & 0x4) {
    position.xAdvance += r.i16(field);
    field += 2;
  }
  if (format & 0x8) position.yAdvance += r.i16(field);
}

/** GDEF glyph classes, and the lookup flags that make a lookup pass over glyphs. */
export interface GlyphClasses {
  /** 1 base, 2 ligature, 3 mark, 4 component; 0 when unclassified. */
  readonly glyphClass: Uint16Array;
  readonly markAttachClass: Uint16Array;
}

export function readGlyphClasses(gdef: Uint8Array, name: string, numGlyphs: number): GlyphClasses {
  const r = new TableReader(gdef, `${name}: 'GDEF'`);
  if (r.u16(0) !== 1) r.fail(`unsupported version ${r.u16(0)}`);
  const glyphClassOffset = r.u16(4);
  if (glyphClassOffset === 0) r.fail('no glyph class definition');
  return {
    glyphClass: readClassDef(r, glyphClassOffset, numGlyphs),
    markAttachClass: readClassDef(r, r.u16(10), numGlyphs),
  };
}

/** Whether a lookup with `flags` passes over `glyph` (fontkit's GlyphIterator#shouldIgnore). */
export function ignores(classes: GlyphClasses, flags: number, glyph: number): boolean {
  const glyphClass = classes.glyphClass[glyph] ?? 0;
  if (flags & 0x8 && glyphClass === 3) return true;
  if (flags & 0x2 && glyphClass === 1) return true;
  if (flags & 0x4 && glyphClass === 2) return true;
  const markAttachmentType = flags >> 8;
  return markAttachmentType !== 0 && glyphClass === 3 && classes.markAttachClass[glyph] !== markAttachmentType;
}

/**
 * OpenType tags of the scripts the fast shaper may set (fontkit's tags for their Unicode scripts),
 * with a test for a character of each. Text in other scripts either needs fontkit's shaper (and
 * fallback.ts sends it there) or is in no built-in face.
 */
const SIMPLE_SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['latn', /\p{Script=Latin}/u],
  ['grek', /\p{Script=Greek}/u],
  ['cyrl', /\p{Script=Cyrillic}/u],
  ['armn', /\p{Script=Armenian}/u],
  ['geor', /\p{Script=Georgian}/u],
];

/** Scripts whose text the fast shaper never sets (fallback.ts sends it to fontkit's shaper). */
// prettier-ignore
const COMPLEX_SCRIPTS = new Set([
  'arab',
  'hebr',
  'syrc',
  'thaa',
  'nko ',
  'deva',
  'dev2',
  'beng',
  'bng2',
  'guru',
  'gur2',
  'gujr',
  'gjr2',
  'orya',
  'ory2',
  'taml',
  'tml2',
  'telu',
  'tel2',
  'knda',
  'knd2',
  'mlym',
  'mlm2',
  'sinh',
  'thai',
  'lao ',
  'khmr',
  'mymr',
  'mym2',
  'tibt',
]);

/** The first character of a script other than Common, Inherited and Unknown (as fontkit's Script.forString). */
const SCRIPT_CHARACTER = /[^\p{Script=Zyyy}\p{Script=Zinh}\p{Script=Zzzz}]/u;

/**
 * The OpenType script tag fontkit chooses for a run of text: that of its first character with a
 * script; null for a script the fast shaper does not set, or for none.
 */
export function scriptTagOf(text: string): string | null {
  const first = SCRIPT_CHARACTER.exec(text)?.[0];
  if (first === undefined) return null;
  for (const [tag, test] of SIMPLE_SCRIPTS) if (test.test(first)) return tag;
  return null;
}

/**
 * For each script of the table, the indices of the lookups a feature applies, in lookup order
 * (fontkit sorts them so), from the script's default language system (fontkit passes no language).
 * A face with a script the fast path cannot tell apart is refused.
 */
export function featureLookupsByScript(r: TableReader, feature: string): Map<string, number[]> {
  const scriptList = r.u16(4);
  const featureList = r.u16(6);
  const byScript = new Map<string, number[]>();
  for (let i = 0; i < r.u16(scriptList); i++) {
    const record = scriptList + 2 + i * 6;
    const script = r.tag(record);
    if (COMPLEX_SCRIPTS.has(script)) continue;
    if (script !== 'DFLT' && script !== 'dflt' && !SIMPLE_SCRIPTS.some(([tag]) => tag === script)) {
      r.fail(`script '${script}' is not supported`);
    }
    const scriptTable = scriptList + r.u16(record + 4);
    const langSys = r.u16(scriptTable);
    let lookups: number[] = [];
    if (langSys !== 0) {
      const at = scriptTable + langSys;
      for (let k = 0; k < r.u16(at + 4); k++) {
        const featureRecord = featureList + 2 + r.u16(at + 6 + k * 2) * 6;
        if (r.tag(featureRecord) !== feature) continue;
        // The last record of the tag wins, as in fontkit.
        const table = featureList + r.u16(featureRecord + 4);
        lookups = Array.from({ length: r.u16(table + 2) }, (_, n) => r.u16(table + 4 + n * 2));
      }
    }
    byScript.set(
      script,
      lookups.sort((a, b) => a - b),
    );
  }
  return byScript;
}

/** The lookups for text of a script: its own, else those of the default script, as fontkit chooses. */
export function lookupsForScript<T>(byScript: ReadonlyMap<string, T>, tag: string | null): T | undefined {
  return (
    (tag === null ? undefined : byScript.get(tag)) ??
    byScript.get('DFLT') ??
    byScript.get('dflt') ??
    byScript.get('latn')
  );
}
