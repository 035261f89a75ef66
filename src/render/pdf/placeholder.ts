/**
 * The visible placeholder for characters no available font can draw (issue 10 item 6): a crossed
 * box per character, drawn as vector graphics, so nothing on the page looks like (or extracts
 * as) text. `build` reports the characters with their place in the answers and how to get a font.
 */
import type { Doc } from './pdfkit-internals.js';
import type { Measurer, TextStyle } from './text.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function drawPlaceholders(
  doc: Doc,
  text: string,
  style: TextStyle,
  x: number,
  baseline: number,
  width: number,
  m: Measurer,
): void {
  const clusters = Array.from(graphemes.segment(text), (s) => s.segment).filter((c) => c.trim());
  if (clusters.length === 0) return;
  const ascent = m.ascent(style.font) * style.size * 0.75;
  const step = width / clusters.length;
  const lineWidth = Math.max(0.4, style.size * 0.05);
  doc.save().lineWidth(lineWidth).strokeColor(style.color);
  for (let i = 0; i < clusters.length; i++) {
    const left = x + i * step + step * 0.1;
    const boxWidth = step * 0.8;
    const top = baseline - ascent;
    doc.rect(left, top, boxWidth, ascent).stroke();
    doc
      .moveTo(left, top)
      .lineTo(left + boxWidth, baseline)
      .stroke();
    doc
      .moveTo(left, baseline)
      .lineTo(left + boxWidth, top)
      .stroke();
  }
  doc.restore();
}
