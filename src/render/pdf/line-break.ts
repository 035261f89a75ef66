/** Lines from prepared text (greedy breaking), from preformatted text, and truncation with an ellipsis. */
import { graphemes } from './breaks.js';
import { withFontFallback } from './font-runs.js';
import { prepareText } from './prepare.js';
import {
  EPSILON,
  type Inline,
  isHardBreak,
  type Line,
  type Measurer,
  type Piece,
  type PreparedText,
  type TextStyle,
} from './text-model.js';

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
