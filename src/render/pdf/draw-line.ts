/** Drawing one laid-out line: bidi order, inline code backgrounds, underlines, tagged text and links. */
import { scriptLanguage } from '../script-language.js';
import { visualOrder } from './bidi.js';
import type { Painter } from './paint.js';
import { addLinkAnnotation, createStruct, drawCarrierGlyph, type StructElement } from './pdfkit-internals.js';
import { endLinksBefore, linkElement, type TagTarget } from './tagging.js';
import type { Line, Piece } from './text.js';

export type Align = 'left' | 'center' | 'right';

/**
 * Draws one laid-out line with its top at `top`. Text is marked as content of `target`
 * (links become Link elements with annotations); with `target` null the caller has opened an
 * Artifact and the text is drawn as is.
 */
export function drawLine(
  paint: Painter,
  line: Line,
  x: number,
  top: number,
  target: TagTarget | null,
  align: Align = 'left',
  width = 0,
  next: Line | null = null,
): void {
  const baseline = top + line.baseline;
  if (target) paint.flushLabels(baseline);
  // A right-to-left paragraph's lines start at the right edge of their box (`width`).
  if (line.rtl && align === 'left' && width > 0) align = 'right';
  let startX = x;
  if (align === 'right') startX = x + Math.max(0, width - line.width);
  else if (align === 'center') startX = x + Math.max(0, (width - line.width) / 2);

  const pieceX = piecePositions(line, startX);
  // Inline code backgrounds first, so text is painted over them.
  if (line.pieces.some((p) => p.style.background)) {
    const paintBackgrounds = () => drawBackgrounds(paint, line, pieceX, startX, baseline);
    if (target) paint.artifact(paintBackgrounds);
    else paintBackgrounds();
  }

  let px = startX;
  let index = 0;
  const pieces = line.pieces;
  while (index < pieces.length) {
    const first = pieces[index];
    if (!first) break;
    const link = first.style.link;
    const lang = pieceLang(paint, first);
    let end = index;
    while (
      end + 1 < pieces.length &&
      pieces[end + 1]?.style.link === link &&
      pieceLang(paint, pieces[end + 1]) === lang
    )
      end++;
    const groupX = pieceX[index] ?? px;
    let content: PDFKit.PDFStructureContent | null = null;
    let linkEl: StructElement | undefined;
    let langEl: StructElement | undefined;
    if (target) {
      if (link) linkEl = linkElement(paint.doc, target, link);
      else if (lang) {
        // Text in another language: a Span with its /Lang, so a screen reader switches voice (issue 11).
        langEl = createStruct(paint.doc, 'Span', { lang });
        target.el.add(langEl);
      }
      content = paint.doc.markStructureContent(link ? 'Link' : langEl ? 'Span' : target.tag);
    }
    px = drawPieces(paint, line, index, end, pieceX, px, baseline);
    if (target && content) {
      paint.doc.endMarkedContent();
      (linkEl ?? langEl ?? target.el).add(content);
      langEl?.end();
    }
    if (link?.clickable) {
      const rect = { x: groupX, y: top, width: px - groupX, height: line.height };
      addLinkAnnotation(paint.doc, rect, link.url, link.description, linkEl);
    }
    index = end + 1;
  }
  if (target) endLinksBefore(target, next);
}

/**
 * The language of a piece when it is not the document's: the form's untranslated text (issue 11),
 * or text in another language's script (a Hebrew answer in an English report, issue 22).
 */
function pieceLang(paint: Painter, piece: Piece | undefined): string | undefined {
  if (!piece) return undefined;
  return piece.style.lang ?? (paint.lang ? (scriptLanguage(piece.text, paint.lang) ?? undefined) : undefined);
}

/** Where each piece goes: runs reordered for display by their bidi levels (rule L2). */
function piecePositions(line: Line, startX: number): number[] {
  const pieceX: number[] = [];
  let vx = startX;
  for (const i of visualOrder(line.pieces.map((p) => p.style.level ?? 0))) {
    pieceX[i] = vx;
    vx += line.pieces[i]?.width ?? 0;
  }
  return pieceX;
}

function drawBackgrounds(paint: Painter, line: Line, pieceX: number[], startX: number, baseline: number): void {
  line.pieces.forEach((piece, i) => {
    const px = pieceX[i] ?? startX;
    if (piece.style.background) {
      const size = piece.style.size;
      const asc = paint.m.ascent(piece.style.font) * size;
      const desc = paint.m.descent(piece.style.font) * size;
      paint.fillRect(px - 1, baseline - asc - 0.5, piece.width + 2, asc + desc + 1, piece.style.background);
    }
  });
}

/**
 * Draws piece `i` of `line` at `x`, with the direction marks that keep readers from moving a
 * space or bracket across a change of direction (issue 22; README "Scripts in the PDF"):
 *
 * - where a run of the other direction ends and the line goes on, a mark of the paragraph's
 *   direction (poppler reorders by its own rules, in which spaces and brackets go with the run
 *   beside them): on the run's right edge in a left-to-right paragraph, just left of its left edge
 *   in a right-to-left one (so that a reader sorting by position puts it on the right side);
 * - the word space that ends a right-to-left run before numbers or Latin words inside it reads as
 *   a right-to-left mark and the space: pdf.js starts such a run's text at its first glyph that
 *   is not a space, and keeps a space only inside a glyph's characters.
 */
function drawPiece(paint: Painter, line: Line, i: number, x: number, baseline: number): void {
  const piece = line.pieces[i] as Piece;
  const { style } = piece;
  const next = line.pieces[i + 1];
  const mark = next !== undefined && isEmbedded(line, i) && !isEmbedded(line, i + 1);
  if (style.missing || !next || (!mark && !spaceBeforeNestedRun(piece, next))) {
    paint.drawText(piece.text, style, x, baseline, piece.width);
    return;
  }
  const top = baseline - paint.m.ascent(style.font) * style.size;
  if (spaceBeforeNestedRun(piece, next)) {
    const space = paint.m.width(style.font, style.size, ' ');
    paint.m.select(style.font, style.size);
    drawCarrierGlyph(paint.doc, [RLM, 0x20], x, top, space);
    const rest = piece.text.slice(0, -1);
    if (rest) paint.drawText(rest, style, x + space, baseline, piece.width - space);
  } else paint.drawText(piece.text, style, x, baseline, piece.width);
  if (mark) {
    if (line.rtl) drawCarrierGlyph(paint.doc, [RLM], x - MARK_NUDGE, top);
    else drawCarrierGlyph(paint.doc, [LRM], x + piece.width, top);
  }
}

/** Whether `piece` is right to left and ends with a space before numbers or Latin words inside it. */
function spaceBeforeNestedRun(piece: Piece, next: Piece): boolean {
  const level = piece.style.level ?? 0;
  const nextLevel = next.style.level ?? 0;
  return level % 2 === 1 && nextLevel > level && piece.text.endsWith(' ');
}

const LRM = 0x200e;
const RLM = 0x200f;

/** How far left of a run a right-to-left mark goes (points). */
const MARK_NUDGE = 0.01;

/** Whether piece `i` is set in the other direction than its paragraph's (false past the line's end). */
function isEmbedded(line: Line, i: number): boolean {
  const piece = line.pieces[i];
  return piece !== undefined && (piece.style.level ?? 0) % 2 !== (line.rtl ? 1 : 0);
}

/** Draws pieces `from`..`to` (with underline and strike-through); returns the x after the last. */
function drawPieces(
  paint: Painter,
  line: Line,
  from: number,
  to: number,
  pieceX: number[],
  startX: number,
  baseline: number,
): number {
  let px = startX;
  const pieces = line.pieces;
  for (let i = from; i <= to; i++) {
    const piece = pieces[i];
    if (!piece) continue;
    px = pieceX[i] ?? px;
    drawPiece(paint, line, i, px, baseline);
    const size = piece.style.size;
    if (piece.style.underline) {
      paint.hLine(px, px + piece.width, baseline + size * 0.12, Math.max(0.4, size * 0.055), piece.style.color);
    }
    if (piece.style.strike) {
      paint.hLine(px, px + piece.width, baseline - size * 0.3, Math.max(0.4, size * 0.055), piece.style.color);
    }
    px += piece.width;
  }
  return px;
}
