/**
 * Drawing primitives: fills, rules, runs of text, list labels and artifacts (decoration marked as
 * such, so that assistive technology skips it).
 */
import { fontkitFace, isFontkitFace } from './fallback.js';
import type { DocMeasurer } from './measure.js';
import { type Doc, drawGlyphClusters, drawTextLine, type StructElement } from './pdfkit-internals.js';
import { drawPlaceholders } from './placeholder.js';
import type { TextStyle } from './text.js';
import { COLORS, type PdfLook, QUOTE } from './theme.js';

/** A rule beside content that grows with it (block quotes), drawn at each page break and at its end. */
export interface Decoration {
  x: number;
  start: number | null;
  end: number;
}

/** A list or footnote label, drawn on the baseline of the first line of its item. */
export interface PendingLabel {
  text: string;
  style: TextStyle;
  /** x where the label text ends (labels are right-aligned in their column). */
  right: number;
  el: StructElement;
}

export class Painter {
  /** The current fill colour, so that it is set only when it changes. */
  private fill: string | null = null;
  /** Labels waiting for the first line of their item. */
  labels: PendingLabel[] = [];

  constructor(
    readonly doc: Doc,
    readonly m: DocMeasurer,
    private readonly colors: PdfLook['colors'] = COLORS,
    /** The document's language: text in another language's script gets a Span with its own. */
    readonly lang = '',
  ) {}

  /** Forgets the fill colour (a new page, or drawing that set it behind our back). */
  resetFill(): void {
    this.fill = null;
  }

  setFill(color: string): void {
    if (this.fill !== color) {
      this.doc.fillColor(color);
      this.fill = color;
    }
  }

  artifact(draw: () => void, type?: 'Pagination' | 'Layout'): void {
    this.doc.markContent('Artifact', type ? { type } : undefined);
    draw();
    this.doc.endMarkedContent();
  }

  fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.doc.rect(x, y, width, height).fill(color);
    this.fill = color;
  }

  hLine(x1: number, x2: number, y: number, width: number, color: string): void {
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  drawDecoration(deco: Decoration): void {
    if (deco.start === null || deco.end <= deco.start) return;
    const { start, end } = deco;
    this.artifact(() => this.fillRect(deco.x, start, QUOTE.ruleWidth, end - start, this.colors.quoteRule));
  }

  /** Draws a single-style run of text whose width the measurer gave as `width`. */
  drawText(text: string, style: TextStyle, x: number, baseline: number, width: number): void {
    if (style.missing) {
      drawPlaceholders(this.doc, text, style, x, baseline, width, this.m);
      this.fill = null;
      return;
    }
    this.m.select(style.font, style.size);
    this.setFill(style.color);
    const top = baseline - this.m.ascent(style.font) * style.size;
    const rtl = (style.level ?? 0) % 2 === 1;
    if (isFontkitFace(style.font)) {
      // Shaped text: clusters with their logical text (issue 22), a right-to-left run in visual order.
      drawGlyphClusters(this.doc, fontkitFace(style.font).clusters(text, rtl), x, top);
      return;
    }
    if (!rtl) {
      drawTextLine(this.doc, text, x, top, width);
      return;
    }
    // Right to left in a built-in face (neutral characters between right-to-left words): words
    // and spaces from the right edge, in logical order.
    let right = x + width;
    for (const part of text.split(/( +)/)) {
      if (!part) continue;
      const partWidth = this.m.width(style.font, style.size, part);
      right -= partWidth;
      // Spaces too: word spaces are characters of the text, not only gaps (issue 22).
      drawTextLine(this.doc, part, right, top, partWidth);
    }
  }

  /** Draws pending list labels on the baseline of the first line of their item. */
  flushLabels(baseline: number): void {
    if (this.labels.length === 0) return;
    const labels = this.labels;
    this.labels = [];
    for (const label of labels) {
      const width = this.m.width(label.style.font, label.style.size, label.text);
      const content = this.doc.markStructureContent('Lbl');
      this.drawText(label.text, label.style, label.right - width, baseline, width);
      this.doc.endMarkedContent();
      label.el.add(content);
      label.el.end();
    }
  }
}
