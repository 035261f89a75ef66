/**
 * Inline text layout: styled runs -> unbreakable segments -> lines.
 *
 * PDFKit's own line wrapper cannot mix fonts on one line reliably, breaks only at spaces (with a
 * crude fallback for over-long words) and cannot be measured without drawing, which we need for
 * keep-with-next, widow/orphan control and table row heights. So lines are computed here and
 * drawn fragment by fragment with `lineBreak: false`.
 *
 * Pure functions over a `Measurer`; no PDFKit import.
 */
import { paragraphLevels } from './bidi.js';
import { breakUnits, graphemes } from './breaks.js';
import { type FaceRef, isFontkitFace } from './fallback.js';
import type { FontKey } from './fonts.js';
import { hasRtl } from './scripts.js';
import { isDefaultIgnorable } from './shaping.js';

export { segmentText } from './breaks.js';

export interface LinkTarget {
  /** Target URL as written in the Markdown. */
  readonly url: string;
  /** Whether an annotation is created (absolute http(s)/mailto/ftp/tel URLs only). */
  readonly clickable: boolean;
  /** Plain text of the link, used as the annotation's /Contents. */
  readonly description: string;
}

export interface TextStyle {
  /** A built-in face, or after font fallback the fontkit face that draws the run. */
  readonly font: FaceRef;
  readonly size: number;
  readonly color: string;
  readonly link?: LinkTarget | undefined;
  readonly underline?: boolean | undefined;
  readonly strike?: boolean | undefined;
  /** Background fill behind the text (inline code). */
  readonly background?: string | undefined;
  /** Bidi embedding level of the run (odd: right to left); absent means 0. */
  readonly level?: number | undefined;
  /** No font has these characters: a visible placeholder is drawn instead (issue 10). */
  readonly missing?: boolean | undefined;
  /** Language of text in another language than the document's (the form's untranslated text, issue 11). */
  readonly lang?: string | undefined;
}

export interface Run {
  readonly text: string;
  readonly style: TextStyle;
}

export interface HardBreak {
  readonly hardBreak: true;
}

export type Inline = Run | HardBreak;

export const HARD_BREAK: HardBreak = { hardBreak: true };

export interface Measurer {
  /** Advance width in points of `text` set in `font` at `size`. */
  width(font: FaceRef, size: number, text: string): number;
  /** Whether the face has a glyph for the code point. */
  hasGlyph(font: FaceRef, codePoint: number): boolean;
  /** Ascender / descender (positive) as a fraction of the font size. */
  ascent(font: FaceRef): number;
  descent(font: FaceRef): number;
  /**
   * The face that draws a character of a run styled `font`, or null when no font has it (see
   * fallback.ts). Without it, only the built-in faces are tried.
   */
  faceFor?(font: FontKey, codePoint: number): FaceRef | null;
}

export interface Piece {
  text: string;
  style: TextStyle;
  width: number;
}

interface TextSegment {
  /** Inter-word space before this segment; dropped at the start of a line. */
  glue: Piece | null;
  /** Content that must not be broken (unless it is wider than a whole line). */
  pieces: Piece[];
  width: number;
}

type Segment = TextSegment | HardBreak;

export interface Line {
  pieces: Piece[];
  width: number;
  height: number;
  /** Distance from the top of the line box to the baseline. */
  baseline: number;
  /** The paragraph runs right to left: the line is aligned right. */
  rtl?: boolean;
}

/** Segments of a paragraph, measured once and laid out at any width. */
export interface PreparedText {
  readonly segments: readonly Segment[];
  readonly baseStyle: TextStyle;
  /** Width of the longest line if nothing wrapped. */
  readonly naturalWidth: number;
  /** Width of the widest unbreakable segment. */
  readonly minWidth: number;
  /** The paragraph's direction is right to left (its first strong character is). */
  readonly rtl: boolean;
}

const EPSILON = 0.01;
const WHITESPACE = /[\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u205f\u3000]/;
const TOKEN =
  /([\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u205f\u3000]+)|(\u200b)|([^\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u205f\u3000\u200b]+)/g;
/** Characters after which a line may break inside a word (URLs, paths, compounds). */
const BREAK_AFTER = new Set(['/', '\\', '-', '\u2010', '\u2013', '\u2014', '?', '&', '=', '_', '|']);
const HAS_BREAK_AFTER = /[/\\\-\u2010\u2013\u2014?&=_|]/;
/** Characters that should not start a line after a break-after character. */
const NO_BREAK_BEFORE = /[)\]}.,;:!?'"»”’%\u2010\u2013\u2014/\\\-_|&=]/;
// Controls (except tab/newline handled as whitespace), soft hyphen and BOM are dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const STRIP = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\ufeff]/g;

/**
 * Cleans text from the Markdown tree: strips control characters and soft hyphens, and composes
 * characters (NFC), so that a letter followed by a combining accent is drawn with the font's
 * precomposed glyph (the renderer does no OpenType mark positioning, see shaping.ts).
 */
export function cleanText(text: string): string {
  return text.replace(STRIP, '').normalize('NFC');
}

const LATIN = /^[\t\n\r\x20-\x7e\u00a0-\u017f\u2010-\u2022\u2026]*$/;

const derivedStyles = new WeakMap<TextStyle, Map<string, TextStyle>>();

/** A style derived from `style` (cached, so pieces of equal derivations merge by identity). */
function derived(style: TextStyle, key: string, make: () => TextStyle): TextStyle {
  let perStyle = derivedStyles.get(style);
  if (!perStyle) {
    perStyle = new Map();
    derivedStyles.set(style, perStyle);
  }
  let variant = perStyle.get(key);
  if (!variant) {
    variant = make();
    perStyle.set(key, variant);
  }
  return variant;
}

function withFace(style: TextStyle, face: FaceRef): TextStyle {
  return face === style.font ? style : derived(style, `face:${face}`, () => ({ ...style, font: face }));
}

function asMissing(style: TextStyle): TextStyle {
  return derived(style, 'missing', () => ({ ...style, missing: true }));
}

export function withLevel(style: TextStyle, level: number): TextStyle {
  return (style.level ?? 0) === level ? style : derived(style, `level:${level}`, () => ({ ...style, level }));
}

const MARK = /\p{M}/u;

/**
 * Splits a run so every character is drawn by a face that has it (per character, see
 * fallback.ts): combining marks and joiners stay with the character before them, so shaping sees
 * whole clusters; a character no font has gets the `missing` style (a visible placeholder);
 * default-ignorable characters (variation selectors, joiners) without a glyph are dropped.
 */
export function withFontFallback(run: Run, m: Measurer): Run[] {
  const { style } = run;
  const text = cleanText(run.text);
  // Fast path: printable ASCII, Latin-1 and Latin Extended-A are in every DejaVu face.
  if (LATIN.test(text) || isFontkitFace(style.font)) return text === run.text ? [run] : [{ text, style }];
  const font = style.font as FontKey;
  const faceFor = (cp: number): FaceRef | null =>
    m.faceFor
      ? m.faceFor(font, cp)
      : m.hasGlyph(font, cp)
        ? font
        : font !== 'regular' && m.hasGlyph('regular', cp)
          ? 'regular'
          : null;
  let allCovered = true;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x20 && faceFor(cp) !== font) {
      allCovered = false;
      break;
    }
  }
  if (allCovered) return text === run.text ? [run] : [{ text, style }];
  const out: Run[] = [];
  let current = '';
  let currentStyle = style;
  const push = (s: TextStyle, chunk: string) => {
    if (s !== currentStyle) {
      if (current) out.push({ text: current, style: currentStyle });
      current = '';
      currentStyle = s;
    }
    current += chunk;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp <= 0x20 || WHITESPACE.test(ch)) {
      push(style, ch);
    } else if (
      current &&
      !currentStyle.missing &&
      (MARK.test(ch) || isDefaultIgnorable(cp)) &&
      (isFontkitFace(currentStyle.font) || m.hasGlyph(currentStyle.font, cp))
    ) {
      push(currentStyle, ch); // a mark or joiner the face of its cluster draws
    } else if (isDefaultIgnorable(cp)) {
      // Invisible (joiners, variation selectors…): dropped when the font has no glyph, as in shaping.
    } else if (current && currentStyle.missing && MARK.test(ch)) {
      push(currentStyle, ch);
    } else {
      const face = faceFor(cp);
      push(face === null ? asMissing(style) : withFace(style, face), ch);
    }
  }
  if (current) out.push({ text: current, style: currentStyle });
  return out;
}

function isHardBreak(item: Inline | Segment): item is HardBreak {
  return 'hardBreak' in item;
}

function canBreakInside(beforePrev: string | undefined, prev: string, next: string): boolean {
  if (!BREAK_AFTER.has(prev)) return false;
  if (beforePrev === undefined || BREAK_AFTER.has(beforePrev) || beforePrev === ':') return false;
  return !NO_BREAK_BEFORE.test(next) && !WHITESPACE.test(next);
}

/** Turns inline runs into measured, unbreakable segments. */
export function prepareText(inlines: readonly Inline[], baseStyle: TextStyle, m: Measurer): PreparedText {
  const segments: Segment[] = [];
  let current: TextSegment | null = null;
  let pendingGlue: Piece | null = null;
  /** Last two characters of the current segment, for intra-word break decisions. */
  let tail = '';

  const closeSegment = () => {
    if (current) segments.push(current);
    current = null;
    tail = '';
  };
  const appendText = (text: string, style: TextStyle) => {
    if (!current) {
      current = { glue: pendingGlue, pieces: [], width: 0 };
      pendingGlue = null;
    }
    const width = m.width(style.font, style.size, text);
    const last = current.pieces[current.pieces.length - 1];
    if (last && last.style === style) {
      last.text += text;
      last.width += width;
    } else {
      current.pieces.push({ text, style, width });
    }
    current.width += width;
    tail = (tail + text).slice(-2);
  };
  const appendWord = (word: string, style: TextStyle) => {
    // Break opportunity at a run boundary ("foo-" followed by "bar" in another style)?
    if (current && tail) {
      const chars = Array.from(tail);
      if (canBreakInside(chars.length > 1 ? chars[0] : undefined, chars[chars.length - 1] ?? '', word[0] ?? '')) {
        closeSegment();
      }
    }
    if (!HAS_BREAK_AFTER.test(word)) {
      appendText(word, style);
      return;
    }
    const chars = Array.from(word);
    let start = 0;
    for (let i = 0; i < chars.length - 1; i++) {
      const prev = chars[i] ?? '';
      const next = chars[i + 1] ?? '';
      const beforePrev = i > 0 ? chars[i - 1] : Array.from(tail).pop();
      // Keep at least two characters before and three after a break ("follow-up", "and/or" stay whole).
      if (i - start >= 1 && chars.length - i - 1 >= 3 && canBreakInside(beforePrev, prev, next)) {
        appendText(chars.slice(start, i + 1).join(''), style);
        closeSegment();
        start = i + 1;
      }
    }
    appendText(chars.slice(start).join(''), style);
  };

  const { items, rtl } = bidiRuns(
    inlines.flatMap((item): Inline[] => (isHardBreak(item) ? [item] : withFontFallback(item, m))),
  );
  for (const item of items) {
    if (isHardBreak(item)) {
      closeSegment();
      pendingGlue = null;
      segments.push(HARD_BREAK);
      continue;
    }
    {
      const run = item;
      TOKEN.lastIndex = 0;
      for (let match = TOKEN.exec(run.text); match; match = TOKEN.exec(run.text)) {
        if (match[1] !== undefined) {
          closeSegment();
          pendingGlue ??= { text: ' ', style: run.style, width: m.width(run.style.font, run.style.size, ' ') };
        } else if (match[2] !== undefined) {
          closeSegment();
        } else if (match[3] !== undefined) {
          const units = breakUnits(match[3]);
          units.forEach((unit, index) => {
            if (index > 0) closeSegment();
            appendWord(unit, run.style);
          });
        }
      }
    }
  }
  closeSegment();

  let natural = 0;
  let lineWidth = 0;
  let minWidth = 0;
  for (const seg of segments) {
    if (isHardBreak(seg)) {
      natural = Math.max(natural, lineWidth);
      lineWidth = 0;
      continue;
    }
    lineWidth += (lineWidth > 0 && seg.glue ? seg.glue.width : 0) + seg.width;
    minWidth = Math.max(minWidth, seg.width);
  }
  natural = Math.max(natural, lineWidth);
  return { segments, baseStyle, naturalWidth: natural, minWidth, rtl };
}

/**
 * Gives every run a uniform bidi embedding level (runs are split where the level changes), from
 * the levels of the paragraph's logical text. Paragraphs without right-to-left text are level 0.
 */
function bidiRuns(items: ReadonlyArray<Run | HardBreak>): { items: ReadonlyArray<Run | HardBreak>; rtl: boolean } {
  if (!items.some((item) => !isHardBreak(item) && hasRtl(item.text))) return { items, rtl: false };
  const text = items.map((item) => (isHardBreak(item) ? '\u2029' : item.text)).join('');
  const { levels, base } = paragraphLevels(text);
  const out: Array<Run | HardBreak> = [];
  let offset = 0;
  for (const item of items) {
    if (isHardBreak(item)) {
      out.push(item);
      offset += 1;
      continue;
    }
    let start = 0;
    for (let i = 1; i <= item.text.length; i++) {
      const level = levels[offset + start] ?? base;
      if (i === item.text.length || levels[offset + i] !== level) {
        out.push({ text: item.text.slice(start, i), style: withLevel(item.style, level) });
        start = i;
      }
    }
    offset += item.text.length;
  }
  return { items: out, rtl: base % 2 === 1 };
}

interface LineBuilder {
  pieces: Piece[];
  width: number;
}

function appendPiece(line: LineBuilder, piece: Piece): void {
  const last = line.pieces[line.pieces.length - 1];
  if (last && last.style === piece.style) {
    last.text += piece.text;
    last.width += piece.width;
  } else {
    line.pieces.push({ ...piece });
  }
  line.width += piece.width;
}

function finishLine(line: LineBuilder, baseStyle: TextStyle, leading: number, m: Measurer): Line {
  let size = baseStyle.size;
  let ascent = baseStyle.size * m.ascent(baseStyle.font);
  let descent = baseStyle.size * m.descent(baseStyle.font);
  for (const piece of line.pieces) {
    size = Math.max(size, piece.style.size);
    ascent = Math.max(ascent, piece.style.size * m.ascent(piece.style.font));
    descent = Math.max(descent, piece.style.size * m.descent(piece.style.font));
  }
  const height = Math.max(size * leading, ascent + descent);
  return { pieces: line.pieces, width: line.width, height, baseline: (height - (ascent + descent)) / 2 + ascent };
}

/**
 * Largest number of graphemes of `parts`, from `start` on, whose joined width fits `space`.
 *
 * Galloping search (1, 2, 4, … graphemes, then bisection between the last two tries): every
 * measurement is of a string at most about twice as long as what fits, so cutting a word of n
 * characters into lines costs O(n log line) rather than O(n²) from measuring the whole rest of the
 * word at every line (#8 item 11). The width of a prefix grows with its length apart from
 * negligible kerning effects, which is what makes the search valid.
 */
function fittingPrefix(parts: readonly string[], start: number, style: TextStyle, space: number, m: Measurer): number {
  const available = parts.length - start;
  const fits = (count: number) =>
    m.width(style.font, style.size, parts.slice(start, start + count).join('')) <= space + EPSILON;
  let lo = 0; // known to fit
  let hi = 1; // next candidate
  while (hi <= available && fits(hi)) {
    lo = hi;
    if (hi === available) return available;
    hi = Math.min(hi * 2, available);
  }
  if (hi > available) return lo;
  hi -= 1; // the candidate did not fit: the answer is in [lo, hi - 1]
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Greedy line breaking. Segments wider than `maxWidth` (long URLs, identifiers) are split between
 * grapheme clusters so nothing ever runs past the right edge.
 */
export function layoutPrepared(prepared: PreparedText, maxWidth: number, leading: number, m: Measurer): Line[] {
  const { baseStyle } = prepared;
  const width = Math.max(maxWidth, 1);
  const lines: Line[] = [];
  let line: LineBuilder = { pieces: [], width: 0 };
  const pushLine = () => {
    const finished = finishLine(line, baseStyle, leading, m);
    if (prepared.rtl) finished.rtl = true;
    lines.push(finished);
    line = { pieces: [], width: 0 };
  };

  for (const seg of prepared.segments) {
    if (isHardBreak(seg)) {
      pushLine();
      continue;
    }
    const glueWidth = line.pieces.length > 0 && seg.glue ? seg.glue.width : 0;
    if (line.width + glueWidth + seg.width <= width + EPSILON) {
      if (glueWidth && seg.glue) appendPiece(line, seg.glue);
      for (const piece of seg.pieces) appendPiece(line, piece);
      continue;
    }
    if (seg.width <= width + EPSILON) {
      if (line.pieces.length > 0) pushLine();
      for (const piece of seg.pieces) appendPiece(line, piece);
      continue;
    }
    // Over-long segment: continue on the current line if a useful amount of room is left.
    if (line.pieces.length > 0) {
      if (width - line.width - glueWidth >= width * 0.3 && seg.glue) {
        appendPiece(line, seg.glue);
      } else {
        pushLine();
      }
    }
    for (const piece of seg.pieces) {
      const parts = graphemes(piece.text);
      let start = 0;
      while (start < parts.length) {
        const space = width - line.width;
        let count = fittingPrefix(parts, start, piece.style, space, m);
        if (count === 0) {
          if (line.pieces.length > 0) {
            pushLine();
            continue;
          }
          count = 1; // a single glyph wider than the column: place it anyway
        }
        const text = parts.slice(start, start + count).join('');
        appendPiece(line, { text, style: piece.style, width: m.width(piece.style.font, piece.style.size, text) });
        start += count;
        if (start < parts.length) pushLine();
      }
    }
  }
  if (line.pieces.length > 0 || lines.length === 0) pushLine();
  return lines;
}

/** Convenience: prepare and lay out in one go. */
export function layoutText(
  inlines: readonly Inline[],
  baseStyle: TextStyle,
  maxWidth: number,
  leading: number,
  m: Measurer,
): Line[] {
  return layoutPrepared(prepareText(inlines, baseStyle, m), maxWidth, leading, m);
}

/**
 * Lays out preformatted text (code blocks): every source line is kept, whitespace is preserved,
 * tabs expand to 4 columns and lines wider than `maxWidth` wrap between grapheme clusters.
 */
export function layoutPreformatted(
  text: string,
  style: TextStyle,
  maxWidth: number,
  leading: number,
  m: Measurer,
): Line[] {
  const width = Math.max(maxWidth, 1);
  const lines: Line[] = [];
  const sourceLines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const raw of sourceLines) {
    let expanded = '';
    for (const ch of raw) {
      if (ch === '\t') expanded += ' '.repeat(4 - (Array.from(expanded).length % 4));
      else expanded += ch;
    }
    const runs = withFontFallback({ text: expanded, style }, m);
    let line: LineBuilder = { pieces: [], width: 0 };
    for (const run of runs) {
      const runWidth = m.width(run.style.font, run.style.size, run.text);
      if (line.width + runWidth <= width + EPSILON) {
        appendPiece(line, { text: run.text, style: run.style, width: runWidth });
        continue;
      }
      const parts = graphemes(run.text);
      let start = 0;
      while (start < parts.length) {
        let count = fittingPrefix(parts, start, run.style, width - line.width, m);
        if (count === 0) {
          if (line.pieces.length > 0) {
            lines.push(finishLine(line, style, leading, m));
            line = { pieces: [], width: 0 };
            continue;
          }
          count = 1;
        }
        const chunk = parts.slice(start, start + count).join('');
        appendPiece(line, { text: chunk, style: run.style, width: m.width(run.style.font, run.style.size, chunk) });
        start += count;
        if (start < parts.length) {
          lines.push(finishLine(line, style, leading, m));
          line = { pieces: [], width: 0 };
        }
      }
    }
    lines.push(finishLine(line, style, leading, m));
  }
  return lines;
}

/** Width of a string of graphemes ending with an ellipsis so that it fits `maxWidth`. */
export function truncateToWidth(text: string, style: TextStyle, maxWidth: number, m: Measurer): string {
  if (m.width(style.font, style.size, text) <= maxWidth) return text;
  const parts = graphemes(text);
  const ellipsis = '…';
  const room = maxWidth - m.width(style.font, style.size, ellipsis);
  const count = fittingPrefix(parts, 0, style, room, m);
  return `${parts.slice(0, count).join('').trimEnd()}${ellipsis}`;
}
