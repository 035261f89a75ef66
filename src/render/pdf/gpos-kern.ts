/**
 * Kerning from the OpenType `GPOS` table's `kern` feature, for faces without a legacy TrueType
 * `kern` table (Noto has GPOS only). The fast shaper (shaping.ts) uses it in place of fontkit's
 * shaper, and must position glyphs exactly as fontkit does (tests/pdf-gpos.test.ts compares them):
 *
 * - the `kern` lookups of the default language system of the run's script (that of its first
 *   letter, as fontkit's), in lookup order; every lookup runs over the whole run, glyph by glyph,
 *   and the first of its subtables that applies wins (Noto Serif Italic kerns some pairs only
 *   in Latin, others only in Greek or Cyrillic);
 * - pair adjustment (lookup type 2), formats 1 (glyph pairs) and 2 (class pairs), the second glyph
 *   being the next one the lookup's flags do not pass over (marks, for most kerning lookups);
 * - chained context positioning (type 8) format 3, applying single adjustments (type 1): Noto Sans
 *   has one, for the accent of a dotless i before a closing bracket;
 * - extension lookups (type 9) holding those;
 * - afterwards marks (GDEF class 3) advance by nothing, as fontkit's default shaper sets them.
 *
 * Anything else in the `kern` feature throws when the face is opened: a font change must fail
 * loudly rather than set text differently from fontkit.
 */
import {
  addValue,
  featureLookupsByScript,
  type GlyphClasses,
  ignores,
  lookupsForScript,
  type Position,
  readClassDef,
  readCoverage,
  readGlyphClasses,
  scriptTagOf,
  TableReader,
  valueSize,
} from './opentype-layout.js';
import type { SfntFont } from './sfnt.js';

/** A run being positioned: glyph ids, their positions, and the lookup flags in force. */
interface Run {
  readonly glyphs: readonly number[];
  readonly positions: Position[];
  /** The index `count` glyphs after (or before, if negative) `index`, passing over ignored ones. */
  step(index: number, count: number, flags: number): number;
}

/** A lookup subtable: applies at glyph `index` of the run and says whether it did. */
type Subtable = (run: Run, index: number, flags: number) => boolean;

interface Lookup {
  readonly flags: number;
  readonly subtables: readonly Subtable[];
}

export interface GposKerning {
  /**
   * Adjusts `positions` (font units; advances from `hmtx` on entry) of the glyphs of `text`,
   * a run PDFKit lays out at once (a word with the space after it).
   */
  position(text: string, glyphs: readonly number[], positions: Position[]): void;
}

/** The face's GPOS kerning, or null when it has no `kern` feature. */
export function readGposKerning(font: SfntFont): GposKerning | null {
  const gpos = font.table('GPOS');
  if (!gpos) return null;
  const r = new TableReader(gpos, `${font.name}: 'GPOS'`);
  if (r.u16(0) !== 1) r.fail(`unsupported version ${r.u16(0)}`);
  const byScript = featureLookupsByScript(r, 'kern');
  if ([...byScript.values()].every((indices) => indices.length === 0)) return null;
  const gdef = font.table('GDEF') ?? r.fail("kerning needs the glyph classes of a 'GDEF' table");
  const classes = readGlyphClasses(gdef, font.name, font.numGlyphs);
  const reader = new LookupReader(r, font.numGlyphs);
  const kern = new Map<string, Lookup[]>();
  for (const [script, indices] of byScript)
    kern.set(
      script,
      indices.map((index) => reader.get(index, [2, 8])),
    );
  return {
    position(text, glyphs, positions) {
      const run = runOf(glyphs, positions, classes);
      for (const lookup of lookupsForScript(kern, scriptTagOf(text)) ?? []) {
        // fontkit starts each lookup at the first glyph, even one the lookup passes over.
        for (let i = 0; i < glyphs.length; i = run.step(i, 1, lookup.flags)) {
          for (const subtable of lookup.subtables) if (subtable(run, i, lookup.flags)) break;
        }
      }
      for (let i = 0; i < glyphs.length; i++) {
        const position = positions[i];
        if (position && classes.glyphClass[glyphs[i] ?? 0] === 3) {
          position.xAdvance = 0;
          position.yAdvance = 0;
        }
      }
    },
  };
}

function runOf(glyphs: readonly number[], positions: Position[], classes: GlyphClasses): Run {
  return {
    glyphs,
    positions,
    step(index, count, flags) {
      const direction = count < 0 ? -1 : 1;
      let at = index;
      for (let n = Math.abs(count); n > 0; n--) {
        at += direction;
        while (at >= 0 && at < glyphs.length && ignores(classes, flags, glyphs[at] ?? 0)) at += direction;
      }
      return at;
    },
  };
}

/** Reads lookups on demand (a context lookup names others), each once. */
class LookupReader {
  private readonly lookupList: number;
  private readonly read = new Map<number, Lookup>();

  constructor(
    private readonly r: TableReader,
    private readonly numGlyphs: number,
  ) {
    this.lookupList = r.u16(8);
  }

  /** Lookup `index`, which must be of one of the `types` (after unwrapping extensions). */
  get(index: number, types: readonly number[]): Lookup {
    const known = this.read.get(index);
    if (known) return known;
    const r = this.r;
    if (index >= r.u16(this.lookupList)) r.fail(`no lookup ${index}`);
    const at = this.lookupList + r.u16(this.lookupList + 2 + index * 2);
    const count = r.u16(at + 4);
    const subtables: Subtable[] = [];
    for (let i = 0; i < count; i++) {
      let type = r.u16(at);
      let table = at + r.u16(at + 6 + i * 2);
      if (type === 9) {
        if (r.u16(table) !== 1) r.fail(`unknown extension format ${r.u16(table)}`);
        type = r.u16(table + 2);
        table += r.u32(table + 4);
      }
      if (!types.includes(type)) r.fail(`lookup ${index}: type ${type} is not supported in kerning`);
      subtables.push(this.subtable(type, table, index));
    }
    const lookup = { flags: r.u16(at + 2), subtables };
    this.read.set(index, lookup);
    return lookup;
  }

  private subtable(type: number, at: number, index: number): Subtable {
    const format = this.r.u16(at);
    if (type === 1 && (format === 1 || format === 2)) return this.single(at, format);
    if (type === 2 && format === 1) return this.glyphPairs(at);
    if (type === 2 && format === 2) return this.classPairs(at);
    if (type === 8 && format === 3) return this.chainedContext(at);
    return this.r.fail(`lookup ${index}: type ${type} format ${format} is not supported in kerning`);
  }

  /** Single adjustment (type 1): one value for all covered glyphs, or one each. */
  private single(at: number, format: number): Subtable {
    const r = this.r;
    const coverage = readCoverage(r, at + r.u16(at + 2), this.numGlyphs);
    const valueFormat = r.u16(at + 4);
    const size = valueSize(valueFormat);
    return (run, index) => {
      const covered = coverage[run.glyphs[index] ?? 0] ?? -1;
      const position = run.positions[index];
      if (covered < 0 || !position) return false;
      addValue(r, at + 6 + (format === 2 ? 2 + covered * size : 0), valueFormat, position);
      return true;
    };
  }

  /** Pair adjustment format 1: a list of second glyphs for each covered first glyph. */
  private glyphPairs(at: number): Subtable {
    const r = this.r;
    const coverage = readCoverage(r, at + r.u16(at + 2), this.numGlyphs);
    const [format1, format2] = [r.u16(at + 4), r.u16(at + 6)];
    const recordSize = 2 + valueSize(format1) + valueSize(format2);
    /** Per covered glyph, its pair set as second glyph → record (the first record wins, as in fontkit). */
    const sets: Array<Map<number, number>> = [];
    const setOf = (covered: number) => {
      let set = sets[covered];
      if (!set) {
        set = new Map();
        const start = at + r.u16(at + 10 + covered * 2);
        for (let k = r.u16(start) - 1; k >= 0; k--)
          set.set(r.u16(start + 2 + k * recordSize), start + 2 + k * recordSize);
        sets[covered] = set;
      }
      return set;
    };
    return (run, index, flags) => {
      const covered = coverage[run.glyphs[index] ?? 0] ?? -1;
      const next = run.step(index, 1, flags);
      if (covered < 0 || next >= run.glyphs.length) return false;
      const record = setOf(covered).get(run.glyphs[next] ?? 0);
      if (record === undefined) return false;
      applyPair(r, run, [index, next], [record + 2, format1], [record + 2 + valueSize(format1), format2]);
      return true;
    };
  }

  /** Pair adjustment format 2: a value for each pair of classes of covered first glyphs. */
  private classPairs(at: number): Subtable {
    const r = this.r;
    const coverage = readCoverage(r, at + r.u16(at + 2), this.numGlyphs);
    const [format1, format2] = [r.u16(at + 4), r.u16(at + 6)];
    const class1 = readClassDef(r, at + r.u16(at + 8), this.numGlyphs);
    const class2 = readClassDef(r, at + r.u16(at + 10), this.numGlyphs);
    const [class1Count, class2Count] = [r.u16(at + 12), r.u16(at + 14)];
    if (class1.some((c) => c >= class1Count) || class2.some((c) => c >= class2Count)) r.fail('class out of range');
    const recordSize = valueSize(format1) + valueSize(format2);
    return (run, index, flags) => {
      const first = run.glyphs[index] ?? 0;
      const next = run.step(index, 1, flags);
      if (next >= run.glyphs.length || (coverage[first] ?? -1) < 0) return false;
      const record = at + 16 + ((class1[first] ?? 0) * class2Count + (class2[run.glyphs[next] ?? 0] ?? 0)) * recordSize;
      applyPair(r, run, [index, next], [record, format1], [record + valueSize(format1), format2]);
      return true;
    };
  }

  /**
   * Chained context format 3: coverage tables for the glyphs before, at and after, then lookups at
   * positions in the input. As fontkit, the backtrack coverages are matched from the farthest
   * glyph towards the current one (the same as the specification's order for one glyph).
   */
  private chainedContext(at: number): Subtable {
    const r = this.r;
    const coverages = (start: number) =>
      Array.from({ length: r.u16(start) }, (_, i) => readCoverage(r, at + r.u16(start + 2 + i * 2), this.numGlyphs));
    const backtrack = coverages(at + 2);
    const inputAt = at + 4 + backtrack.length * 2;
    const input = coverages(inputAt);
    const lookaheadAt = inputAt + 2 + input.length * 2;
    const lookahead = coverages(lookaheadAt);
    const recordsAt = lookaheadAt + 2 + lookahead.length * 2;
    const records = Array.from({ length: r.u16(recordsAt) }, (_, i) => ({
      sequenceIndex: r.u16(recordsAt + 2 + i * 4),
      lookup: this.get(r.u16(recordsAt + 4 + i * 4), [1]),
    }));
    return (run, index, flags) => {
      const matches = (from: number, sequence: Int32Array[]) => {
        let glyph = run.step(index, from, flags);
        for (const coverage of sequence) {
          if (glyph < 0 || glyph >= run.glyphs.length || (coverage[run.glyphs[glyph] ?? 0] ?? -1) < 0) return false;
          glyph = run.step(glyph, 1, flags);
        }
        return true;
      };
      if (!matches(-backtrack.length, backtrack) || !matches(0, input) || !matches(input.length, lookahead)) {
        return false;
      }
      for (const { sequenceIndex, lookup } of records) {
        const target = run.step(index, sequenceIndex, flags);
        for (const subtable of lookup.subtables) if (subtable(run, target, lookup.flags)) break;
      }
      return true;
    };
  }
}

/** Applies a pair's two value records (at, format) to the first and the second glyph. */
function applyPair(
  r: TableReader,
  run: Run,
  [first, second]: readonly [number, number],
  [value1, format1]: readonly [number, number],
  [value2, format2]: readonly [number, number],
): void {
  const a = run.positions[first];
  const b = run.positions[second];
  if (a) addValue(r, value1, format1, a);
  if (b) addValue(r, value2, format2, b);
}
