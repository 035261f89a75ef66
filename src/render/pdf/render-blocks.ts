/** Block renderers: the dispatch over mdast blocks, and headings, paragraphs, quotes, code and rules. */
import type { Blockquote, Code, Heading, Nodes, Paragraph } from 'mdast';
import { yieldPoint } from '../../load/yield-point.js';
import { headingTheme } from './block-text.js';
import { type BlockContext, indentFor, type RenderContext } from './context.js';
import { drawLine } from './draw-line.js';
import { plainText, stripHtml } from './inline.js';
import { keepHeadingsWithNext } from './keep.js';
import { renderFootnote, renderList } from './lists.js';
import { type Box, EPSILON } from './page-flow.js';
import type { Decoration } from './paint.js';
import { createStruct, type StructElement } from './pdfkit-internals.js';
import { renderTable } from './tables.js';
import { endTarget, newTarget } from './tagging.js';
import { layoutPreformatted, type TextStyle } from './text.js';
import { CODE, QUOTE, SPACING } from './theme.js';

export function renderBlocks(
  r: RenderContext,
  nodes: readonly Nodes[],
  box: Box,
  parent: StructElement,
  ctx: BlockContext,
): void {
  for (let i = 0; i < nodes.length; i++) renderBlockAt(r, nodes, i, box, parent, ctx);
}

/** The block at `i` of `nodes`; a run of headings first kept with what follows it. */
function renderBlockAt(
  r: RenderContext,
  nodes: readonly Nodes[],
  i: number,
  box: Box,
  parent: StructElement,
  ctx: BlockContext,
): void {
  const node = nodes[i];
  if (!node) return;
  if (node.type === 'heading' && nodes[i - 1]?.type !== 'heading') keepHeadingsWithNext(r, nodes, i, box);
  renderBlock(r, node, box, parent, ctx);
}

/**
 * The report's blocks as renderBlocks sets them, with a yield point before each (an answer's
 * blocks one by one), so Ctrl-C is seen while a long report is set on the main thread.
 */
export async function renderBlocksYielding(
  r: RenderContext,
  nodes: readonly Nodes[],
  box: Box,
  parent: StructElement,
  ctx: BlockContext,
): Promise<void> {
  for (let i = 0; i < nodes.length; i++) {
    await yieldPoint();
    const node = nodes[i];
    if (node?.type === 'answer') await renderBlocksYielding(r, node.children, box, parent, ctx);
    else renderBlockAt(r, nodes, i, box, parent, ctx);
  }
}

function renderBlock(r: RenderContext, node: Nodes, box: Box, parent: StructElement, ctx: BlockContext): void {
  switch (node.type) {
    case 'heading':
      renderHeading(r, node, box, parent, ctx);
      return;
    case 'paragraph':
      renderParagraph(r, node, box, parent, ctx);
      return;
    case 'list':
      renderList(r, node, box, parent, ctx);
      return;
    case 'blockquote':
      renderBlockquote(r, node, box, parent, ctx);
      return;
    case 'code':
      renderCode(r, node, box, parent);
      return;
    case 'table':
      renderTable(r, node, box, parent);
      return;
    case 'thematicBreak':
      renderRule(r, box);
      return;
    case 'html': {
      const text = stripHtml(node.value.replace(/\s*\n\s*/g, ' ')).trim();
      if (text) renderParagraph(r, { type: 'paragraph', children: [{ type: 'text', value: text }] }, box, parent, ctx);
      return;
    }
    case 'answer':
      // An answer's own tree; its footnotes come last in it, so they print at the answer's end.
      renderBlocks(r, node.children, box, parent, ctx);
      return;
    case 'footnoteDefinition':
      renderFootnote(r, node, box, parent, ctx);
      return;
    case 'definition':
    case 'yaml':
      return;
    default: {
      // Unknown or unexpected nodes: render block children, or their text as a paragraph.
      const children = 'children' in node && Array.isArray(node.children) ? (node.children as Nodes[]) : null;
      if (children?.some((c) => c.type === 'paragraph' || c.type === 'list' || c.type === 'heading')) {
        renderBlocks(r, children, box, parent, ctx);
        return;
      }
      const text = plainText(node).trim();
      if (text) renderParagraph(r, { type: 'paragraph', children: [{ type: 'text', value: text }] }, box, parent, ctx);
    }
  }
}

function renderHeading(r: RenderContext, node: Heading, box: Box, parent: StructElement, ctx: BlockContext): void {
  const theme = headingTheme(r.look, node.depth);
  const lines = r.text.headingLines(node, box.width);
  if (lines.every((line) => line.pieces.length === 0)) return; // empty heading
  const ruleSpace = theme.rule ? theme.rule + 4 : 0;
  const heights = lines.map((line, i) => line.height + (i === lines.length - 1 ? ruleSpace : 0));
  r.flow.addGap(theme.spaceBefore);
  r.sections.enter(node);

  const el = createStruct(r.doc, `H${Math.min(6, Math.max(1, node.depth))}`);
  parent.add(el);
  const target = newTarget(el, `H${Math.min(6, Math.max(1, node.depth))}`);
  r.flow.placeLines(
    heights,
    (i, top) => {
      const line = lines[i];
      if (!line) return;
      if (i === 0 && ctx.outline) r.outline.add(node, top);
      drawLine(r.paint, line, box.x, top, target, 'left', box.width, lines[i + 1] ?? null);
      if (i === lines.length - 1 && theme.rule) {
        const y = top + line.height + 2 + theme.rule / 2;
        r.paint.artifact(() => r.paint.hLine(box.x, box.x + box.width, y, theme.rule, r.look.colors.rule));
      }
    },
    true,
  );
  endTarget(target);
  el.end();
  r.flow.setGapAfter(theme.spaceAfter);
}

function renderParagraph(r: RenderContext, node: Paragraph, box: Box, parent: StructElement, ctx: BlockContext): void {
  const lines = r.text.paragraphLines(node, box.width);
  if (lines.length === 1 && lines[0]?.pieces.length === 0) return; // nothing to draw
  r.flow.addGap(ctx.tight ? SPACING.tightParagraph : SPACING.paragraph);
  const el = createStruct(r.doc, 'P');
  parent.add(el);
  const target = newTarget(el, 'P');
  r.flow.placeLines(
    lines.map((line) => line.height),
    (i, top) => {
      const line = lines[i];
      if (line) drawLine(r.paint, line, box.x, top, target, 'left', box.width, lines[i + 1] ?? null);
    },
  );
  endTarget(target);
  el.end();
}

function renderBlockquote(
  r: RenderContext,
  node: Blockquote,
  box: Box,
  parent: StructElement,
  ctx: BlockContext,
): void {
  const indent = indentFor(r, box, QUOTE.indent);
  const inner: Box = { x: box.x + indent, width: box.width - indent };
  r.flow.addGap(SPACING.block);
  const el = createStruct(r.doc, 'BlockQuote');
  parent.add(el);
  const deco: Decoration | null =
    indent >= QUOTE.indent - EPSILON ? { x: box.x + QUOTE.ruleOffset, start: null, end: 0 } : null;
  const { decorations } = r.flow;
  if (deco) decorations.push(deco);
  renderBlocks(r, node.children, inner, el, { ...ctx, tight: false, outline: false });
  if (deco) {
    decorations.splice(decorations.indexOf(deco), 1);
    r.paint.drawDecoration(deco);
  }
  el.end();
  r.flow.addGap(SPACING.block);
}

function renderCode(r: RenderContext, node: Code, box: Box, parent: StructElement): void {
  const style: TextStyle = { font: 'mono', size: CODE.size, color: r.look.colors.codeText };
  const pad = CODE.padding;
  const lines = layoutPreformatted(node.value, style, box.width - 2 * pad, CODE.leading, r.m);
  const heights = lines.map((line, i) => line.height + (i === 0 ? pad : 0) + (i === lines.length - 1 ? pad : 0));
  r.flow.addGap(SPACING.block);
  const p = createStruct(r.doc, 'P');
  parent.add(p);
  const code = createStruct(r.doc, 'Code');
  p.add(code);
  const target = newTarget(code, 'Code');
  r.flow.placeLines(
    heights,
    (i, top) => {
      const line = lines[i];
      if (line) drawLine(r.paint, line, box.x + pad, top + (i === 0 ? pad : 0), target);
    },
    false,
    // One background rectangle per page (abutting per-line rectangles show seams in viewers).
    (top, height) =>
      r.paint.artifact(() => r.paint.fillRect(box.x, top, box.width, height, r.look.colors.codeBackground)),
  );
  endTarget(target);
  code.end();
  p.end();
  r.flow.addGap(SPACING.block);
}

function renderRule(r: RenderContext, box: Box): void {
  r.flow.addGap(SPACING.block);
  const height = 6;
  if (r.flow.room() < height) r.flow.newPage();
  const top = r.flow.place(height);
  r.paint.artifact(() => r.paint.hLine(box.x, box.x + box.width, top + height / 2, 0.75, r.look.colors.rule));
  r.flow.addGap(SPACING.block);
}
