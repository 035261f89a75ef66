/** What the block renderers share: the document, the cursor, the painter and the caches. */
import type { Nodes } from 'mdast';
import type { BlockText } from './block-text.js';
import type { InlineContext } from './inline.js';
import type { DocMeasurer } from './measure.js';
import type { Box, PageFlow } from './page-flow.js';
import type { Painter } from './paint.js';
import type { Doc, StructElement } from './pdfkit-internals.js';
import type { RunningSections } from './running-sections.js';
import type { TableLayouts } from './table-layout.js';
import type { Outline } from './tagging.js';
import { MIN_COLUMN_SHARE, type PdfLook } from './theme.js';

export interface BlockContext {
  /** Inside a tight list item: paragraphs are not separated by blank space. */
  tight: boolean;
  /** Nesting depth of lists (for bullet shapes). */
  listDepth: number;
  /** Headings at this level go into the PDF outline. */
  outline: boolean;
}

export interface RenderContext {
  readonly doc: Doc;
  readonly m: DocMeasurer;
  readonly flow: PageFlow;
  readonly paint: Painter;
  readonly text: BlockText;
  readonly outline: Outline;
  /** The sections each page belongs to, for the running header. */
  readonly sections: RunningSections;
  readonly tables: TableLayouts;
  readonly inlineCtx: InlineContext;
  /** Margins, colours, body text and headings (from the theme). */
  readonly look: PdfLook;
  readonly left: number;
  readonly contentWidth: number;
  /** Renders blocks (containers call it for their children). */
  renderBlocks(nodes: readonly Nodes[], box: Box, parent: StructElement, ctx: BlockContext): void;
}

/** Container indent, reduced so the text column keeps a minimum share of the page width. */
export function indentFor(r: RenderContext, box: Box, amount: number): number {
  const minWidth = r.contentWidth * MIN_COLUMN_SHARE;
  return Math.max(0, Math.min(amount, box.width - minWidth));
}
