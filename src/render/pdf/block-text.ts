/** The text of headings and paragraphs: their styles, prepared once and laid out per width (cached). */
import type { Heading, Paragraph } from 'mdast';
import { type InlineContext, toInlines } from './inline.js';
import type { DocMeasurer } from './measure.js';
import { EPSILON } from './page-flow.js';
import { type Inline, type Line, layoutPrepared, type PreparedText, prepareText, type TextStyle } from './text.js';
import { BODY, COLORS, HEADINGS, type HeadingTheme } from './theme.js';

export const BODY_STYLE: TextStyle = { font: 'regular', size: BODY.size, color: COLORS.text };

export function headingTheme(depth: number): HeadingTheme {
  const clamped = Math.min(6, Math.max(1, depth)) as 1 | 2 | 3 | 4 | 5 | 6;
  return HEADINGS[clamped];
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
  ) {}

  headingLines(node: Heading, width: number): Line[] {
    const base = this.headingStyle(node);
    const prepared = this.prepared(node, () => toInlines(node.children, base, this.inlineCtx), base);
    return this.lines(node, prepared, width, headingTheme(node.depth).leading);
  }

  paragraphLines(node: Paragraph, width: number): Line[] {
    const base = this.paragraphStyle(node);
    const prepared = this.prepared(node, () => toInlines(node.children, base, this.inlineCtx), base);
    return this.lines(node, prepared, width, BODY.leading);
  }

  private headingStyle(node: Heading): TextStyle {
    const theme = headingTheme(node.depth);
    return { font: theme.bold ? 'bold' : 'regular', size: theme.size, color: theme.color };
  }

  private paragraphStyle(node: Paragraph): TextStyle {
    return isEmphasisOnly(node) ? { ...BODY_STYLE, color: COLORS.muted } : BODY_STYLE;
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
