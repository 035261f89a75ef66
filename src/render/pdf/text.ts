/**
 * Inline text layout: styled runs -> unbreakable segments -> lines.
 *
 * PDFKit's own line wrapper cannot mix fonts on one line reliably, breaks only at spaces (with a
 * crude fallback for over-long words) and cannot be measured without drawing, which we need for
 * keep-with-next, widow/orphan control and table row heights. So lines are computed here and
 * drawn fragment by fragment with `lineBreak: false`.
 *
 * Pure functions over a `Measurer`; no PDFKit import. The steps live in their own modules:
 * text-model.ts (the types), font-runs.ts (font fallback and bidi levels of runs), prepare.ts
 * (runs -> segments) and line-break.ts (segments -> lines).
 */
export { segmentText } from './breaks.js';
export { withFontFallback, withLevel } from './font-runs.js';
export { layoutPreformatted, layoutPrepared, layoutText, truncateToWidth } from './line-break.js';
export { prepareText } from './prepare.js';
export {
  cleanText,
  HARD_BREAK,
  type HardBreak,
  type Inline,
  type Line,
  type LinkTarget,
  type Measurer,
  type Piece,
  type PreparedText,
  type Run,
  type TextStyle,
} from './text-model.js';
