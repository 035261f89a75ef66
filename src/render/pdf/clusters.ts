/**
 * Glyph clusters for logical text (issue 22): shaped glyphs grouped with the characters they
 * stand for, so that every reader gets the text as written.
 *
 * fontkit's layout gives each glyph the code points it came from (a ligature all of them, a glyph
 * split off a decomposed character none) but not its cluster. A cluster here is the shortest run
 * of glyphs, in logical order, that stands for a run of characters no other glyph touches: one
 * glyph for a plain letter; a reordered Devanagari syllable, a Khmer consonant with its subscript
 * ro and vowel, Thai SARA AM's two glyphs; the lam-alef ligature.
 *
 * A cluster is "plain" when its glyphs, read in drawing order (right-to-left runs are drawn in
 * visual order and put back by readers), give exactly its characters. Any other cluster gets the
 * whole of its text on one glyph and nothing on the rest (per occurrence, pdfkit-internals.ts
 * gives such glyphs their own character ids), and an `/ActualText` span for readers that place
 * glyphs by position.
 */

/** A shaped glyph (font units), as fontkit's GlyphRun gives it. */
export interface ShapedGlyphInfo {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

export interface GlyphPosition {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

/** A glyph to draw: its id, what its character id maps to (ToUnicode) and its position. */
export interface DrawnGlyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly unicode: readonly number[];
  readonly position: GlyphPosition;
}

export interface GlyphCluster {
  /** Glyphs in drawing order (visual order, left to right). */
  readonly glyphs: readonly DrawnGlyph[];
  /** Its glyphs read back as its characters, each glyph as its own (see `plain` above). */
  readonly plain: boolean;
  /**
   * The characters as written, for an `/ActualText` span: set for a left-to-right cluster that is
   * not plain. Not for right to left: poppler lays an ActualText's characters out left to right
   * over the glyphs' box and then reverses right-to-left text, so it would read them backwards;
   * there the first glyph's ToUnicode (reversed, as readers reverse it back) does the work.
   */
  readonly actualText: string | null;
  /** Its last glyph is an invisible one at its end (see `makeCluster`). */
  readonly endMarker: boolean;
}

/**
 * What the other glyphs of a cluster that is not plain read as: WORD JOINER, a format character
 * pdf.js skips (it would read a glyph mapped to nothing as its character code), and one that
 * changes nothing where a reader keeps it. Inside an /ActualText span it is not read at all.
 */
export const CONTINUATION = 0x2060;

/** Char index (in code points) of each glyph's first character, -1 for a glyph with none. */
function charIndices(chars: readonly number[], glyphs: readonly ShapedGlyphInfo[]): number[] {
  const at = new Map<number, number[]>();
  chars.forEach((cp, i) => {
    const list = at.get(cp);
    if (list) list.push(i);
    else at.set(cp, [i]);
  });
  return glyphs.map((glyph) => {
    const first = glyph.codePoints[0];
    return first === undefined ? -1 : (at.get(first)?.shift() ?? -1);
  });
}

/**
 * Groups a shaped chunk's glyphs into clusters. `glyphs`/`positions` are in fontkit's order
 * (visual: reversed for a right-to-left run, `rtl`); `text` is the chunk as written.
 */
export function clusterGlyphs(
  text: string,
  glyphs: readonly ShapedGlyphInfo[],
  positions: readonly GlyphPosition[],
  rtl: boolean,
  blank: number | null = null,
): GlyphCluster[] {
  const chars = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  // Work in logical order; a right-to-left run's glyphs are reversed back at the end.
  const order = glyphs.map((_, i) => (rtl ? glyphs.length - 1 - i : i));
  const logical = order.map((i) => glyphs[i] as ShapedGlyphInfo);
  const firstChar = charIndices(chars, logical);
  // The first character at or after each index that some glyph stands for (joiners are drawn by none).
  const drawnChar = new Array<boolean>(chars.length).fill(false);
  logical.forEach((glyph, g) => {
    const first = firstChar[g] ?? -1;
    if (first >= 0) for (let k = 0; k < glyph.codePoints.length; k++) drawnChar[first + k] = true;
  });
  const nextDrawn: number[] = [];
  for (let i = chars.length, next = chars.length; i >= 0; i--) {
    if (drawnChar[i]) next = i;
    nextDrawn[i] = next;
  }
  const clusters: GlyphCluster[] = [];
  let start = 0;
  let done = 0; // characters given to earlier clusters
  let low = Number.POSITIVE_INFINITY;
  let high = -1;
  for (let g = 0; g < logical.length; g++) {
    const glyph = logical[g] as ShapedGlyphInfo;
    const first = firstChar[g] ?? -1;
    if (first >= 0) {
      low = Math.min(low, first);
      high = Math.max(high, first + glyph.codePoints.length - 1);
    }
    const next = logical[g + 1];
    // A glyph without characters belongs with the glyph before it; so do code points no glyph drew
    // (joiners), which end up inside the cluster's character range.
    if (next && next.codePoints.length === 0) continue;
    // It ends where it starts at the first character not yet given out and the next glyph's
    // characters all come after its own.
    const closes = high < 0 ? !next : low === nextDrawn[done] && (!next || (firstChar[g + 1] ?? -1) > high);
    if (!closes) continue;
    const end = !next ? chars.length : high + 1;
    clusters.push(makeCluster(chars.slice(done, end), order.slice(start, g + 1), glyphs, positions, rtl, blank));
    done = end;
    start = g + 1;
    low = Number.POSITIVE_INFINITY;
    high = -1;
  }
  if (rtl) clusters.reverse();
  return clusters;
}

function makeCluster(
  chars: readonly number[],
  glyphIndices: readonly number[],
  glyphs: readonly ShapedGlyphInfo[],
  positions: readonly GlyphPosition[],
  rtl: boolean,
  blank: number | null,
): GlyphCluster {
  // Drawing order: visual, left to right.
  const drawn = rtl ? [...glyphIndices].reverse() : [...glyphIndices];
  const text = String.fromCodePoint(...chars);
  // What a reader gets from the glyphs alone: drawing order, reversed back for right to left.
  const read = drawn.map((i) => glyphs[i]?.codePoints ?? []);
  const readText = (rtl ? [...read].reverse() : read).map((cps) => String.fromCodePoint(...cps)).join('');
  const plain = readText === text && read.every((cps) => cps.length > 0);
  const out: DrawnGlyph[] = drawn.map((i, k) => {
    const glyph = glyphs[i] as ShapedGlyphInfo;
    let unicode: readonly number[];
    if (plain) unicode = rtl && glyph.codePoints.length > 1 ? [...glyph.codePoints].reverse() : glyph.codePoints;
    else if (k === 0) unicode = rtl ? [...chars].reverse() : chars;
    else unicode = [CONTINUATION];
    return { id: glyph.id, advanceWidth: glyph.advanceWidth, unicode, position: positions[i] as GlyphPosition };
  });
  if (!rtl && blank !== null) splitMarks(out, blank);
  // poppler ends an /ActualText span where its last glyph ends: an invisible glyph at the end of
  // the cluster (read as nothing) makes that the cluster's end whatever order the glyphs are in.
  const endMarker = !plain && !rtl && blank !== null;
  if (endMarker && blank !== null) out.push({ id: blank, advanceWidth: 0, unicode: [CONTINUATION], position: NO_MOVE });
  return { glyphs: out, plain, actualText: plain || rtl ? null : text, endMarker };
}

const NONSPACING_MARK = /\p{Mn}/u;
const NO_MOVE: GlyphPosition = { xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0 };

/**
 * pdf.js takes a glyph whose characters include a nonspacing mark (a Devanagari half form, read
 * as consonant and virama; a Khmer consonant with its COENG) for a zero-width mark: it does not
 * advance over it, and then reads the next gap as a second word space. Such a glyph reads as the
 * characters before the first mark, and an invisible zero-width glyph (`blank`: the space's,
 * which has no outline) drawn right after it reads as the rest.
 */
function splitMarks(glyphs: DrawnGlyph[], blank: number): void {
  for (let k = glyphs.length - 1; k >= 0; k--) {
    const glyph = glyphs[k] as DrawnGlyph;
    const text = String.fromCodePoint(...glyph.unicode);
    const at = text.search(NONSPACING_MARK);
    if (at <= 0) continue;
    const head = Array.from(text.slice(0, at), (c) => c.codePointAt(0) ?? 0);
    const tail = Array.from(text.slice(at), (c) => c.codePointAt(0) ?? 0);
    glyphs.splice(k, 1, { ...glyph, unicode: head }, { id: blank, advanceWidth: 0, unicode: tail, position: NO_MOVE });
  }
}

/**
 * A right-to-left run's clusters (visual order) with a space at its logical start carried by the
 * glyph beside it (issue 22): that glyph reads as its character and the space and spans both; the
 * space's own glyph, which draws nothing, is left out. pdf.js reads a run that starts a new text
 * item (after a run in another font or direction, drawn elsewhere on the line) from its first
 * non-space glyph, so a space glyph at either edge of the run is lost; a space inside a glyph's
 * characters is kept. Only the logical start can be carried: pdf.js drops a glyph whose
 * characters begin with a space, and the logical end is where the run's drawing begins.
 */
export function carryLeadingSpace(clusters: readonly GlyphCluster[]): GlyphCluster[] {
  const last = clusters.length - 1;
  const space = clusters[last];
  const letter = clusters[last - 1];
  const spaceGlyph = space?.glyphs[0];
  const glyph = letter?.glyphs[0];
  if (!space || !letter || !spaceGlyph || !glyph || space.glyphs.length !== 1 || letter.glyphs.length !== 1)
    return [...clusters];
  if (spaceGlyph.unicode.length !== 1 || spaceGlyph.unicode[0] !== 0x20 || !letter.plain || glyph.unicode.length === 0)
    return [...clusters];
  const p = glyph.position;
  if (p.xOffset !== 0 || p.yOffset !== 0 || p.xAdvance !== glyph.advanceWidth) return [...clusters];
  const advance = spaceGlyph.position.xAdvance;
  // Characters in drawing order, as every right-to-left glyph's (readers reverse them).
  const carried: DrawnGlyph = {
    id: glyph.id,
    advanceWidth: glyph.advanceWidth + advance,
    unicode: [...glyph.unicode, 0x20],
    position: { ...p, xAdvance: p.xAdvance + advance },
  };
  return [...clusters.slice(0, last - 1), { ...letter, glyphs: [carried] }];
}
