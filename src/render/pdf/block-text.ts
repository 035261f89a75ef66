/** The text of headings and paragraphs: their styles, prepared once and laid out per width (cached). */
import type { Heading, Paragraph } from 'mdast';
import { type InlineContext, toInlines } from './inline.js';
import type { DocMeasurer } from './measure.js';
import { EPSILON } from './page-flow.js';
import { type Inline, type Line, layoutPrepared, type PreparedText, prepareText, type TextStyle } from './text.js';
import type { HeadingTheme, PdfLook } from './theme.js';

/** Body text in the look's size and colour. */
export function bodyStyle(look: PdfLook): TextStyle {
  return { font: look.fonts.body.regular, size: look.body.size, color: look.colors.text };
}

export function headingTheme(look: PdfLook, depth: number): HeadingTheme {
  const clamped = Math.min(6, Math.max(1, depth)) as 1 | 2 | 3 | 4 | 5 | 6;
  return look.headings[clamped];
}

export function linesHeight(lines: readonly Line[]): number {
  let height = 0;
  for (const line of lines) height += line.height;
  return height;
}

function isEmphasisOnly(node: Paragraph): boolean {
  let sawEmphasis = false;
  for (const child of node.children) {
    if (child.type === 'emphasis') sawEmphasis = true;
    else if (child.type === 'text' && child.value.trim() === '') continue;
    else return false;
  }
  return sawEmphasis;
}

export class BlockText {
  private readonly preparedCache = new WeakMap<object, PreparedText>();
  private readonly layoutCache = new WeakMap<object, { width: number; lines: Line[] }>();

  constructor(
    private readonly m: DocMeasurer,
    private readonly inlineCtx: InlineContext,
    private readonly look: PdfLook,
  ) {
    this.body = bodyStyle(look);
  }

  /** One object for all body text, so pieces in it merge by identity. */
  private readonly body: TextStyle;

  headingLines(node: Heading, width: number): Line[] {
    const base = this.headingStyle(node);
    const prepared = this.prepared(node, () => toInlines(node.children, base, this.inlineCtx), base);
    return this.lines(node, prepared, width, headingTheme(this.look, node.depth).leading);
  }

  paragraphLines(node: Paragraph, width: number): Line[] {
    const base = this.paragraphStyle(node);
    const prepared = this.prepared(node, () => toInlines(node.children, base, this.inlineCtx), base);
    return this.lines(node, prepared, width, this.look.body.leading);
  }

  private headingStyle(node: Heading): TextStyle {
    const theme = headingTheme(this.look, node.depth);
    const faces = this.look.fonts.heading;
    const italic = node.depth === 6;
    const font = theme.bold ? (italic ? faces.boldItalic : faces.bold) : italic ? faces.italic : faces.regular;
    return { font, size: theme.size, color: theme.color };
  }

  private paragraphStyle(node: Paragraph): TextStyle {
    return isEmphasisOnly(node) ? { ...this.body, color: this.look.colors.muted } : this.body;
  }

  private prepared(node: object, inlines: () => Inline[], base: TextStyle): PreparedText {
    let prepared = this.preparedCache.get(node);
    if (!prepared) {
      prepared = prepareText(inlines(), base, this.m);
      this.preparedCache.set(node, prepared);
    }
    return prepared;
  }

  private lines(node: object, prepared: PreparedText, width: number, leading: number): Line[] {
    const cached = this.layoutCache.get(node);
    if (cached && Math.abs(cached.width - width) < EPSILON) return cached.lines;
    const lines = layoutPrepared(prepared, width, leading, this.m);
    this.layoutCache.set(node, { width, lines });
    return lines;
  }
}
