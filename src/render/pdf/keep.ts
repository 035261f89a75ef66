/** Keep-with-next: headings are not left at the foot of a page without the start of what follows. */
import type { Heading, Nodes } from 'mdast';
import { headingTheme } from './block-text.js';
import type { RenderContext } from './context.js';
import { type Box, EPSILON } from './page-flow.js';
import type { Line } from './text.js';
import { BODY, CODE, KEEP_WITH_NEXT_LINES, QUOTE, SPACING } from './theme.js';

/**
 * Before a run of headings: if the headings plus the first lines of the following block do not
 * fit in the rest of the page, start a new page so no heading is stranded at the bottom.
 */
export function keepHeadingsWithNext(r: RenderContext, nodes: readonly Nodes[], index: number, box: Box): void {
  const { flow } = r;
  if (flow.atPageTop()) return;
  let need = 0;
  let j = index;
  let lastAfter = 0;
  for (; j < nodes.length; j++) {
    const node = nodes[j];
    if (node?.type !== 'heading') break;
    const theme = headingTheme(node.depth);
    if (j > index) need += Math.max(theme.spaceBefore, lastAfter);
    need += headingHeight(r, node, box.width);
    lastAfter = theme.spaceAfter;
  }
  const next = nodes[j];
  if (next) need += lastAfter + leadHeight(r, next, box);
  need = Math.min(need, flow.pageContentHeight * 0.6);
  const first = nodes[index] as Heading;
  const gap = Math.max(flow.requestedGap, headingTheme(first.depth).spaceBefore);
  if (flow.y + gap + need > flow.bottom + EPSILON) flow.newPage();
}

export function headingHeight(r: RenderContext, node: Heading, width: number): number {
  const theme = headingTheme(node.depth);
  const lines = r.text.headingLines(node, width);
  return lines.reduce((sum, line) => sum + line.height, 0) + (theme.rule ? theme.rule + 4 : 0);
}

/** Height of the first few lines of a block (what a heading must keep with it). */
function leadHeight(r: RenderContext, node: Nodes, box: Box): number {
  const bodyLine = BODY.size * BODY.leading;
  const firstLines = (lines: Line[]) =>
    lines.slice(0, KEEP_WITH_NEXT_LINES).reduce((sum, line) => sum + line.height, 0);
  switch (node.type) {
    case 'paragraph': {
      const lines = r.text.paragraphLines(node, box.width);
      // A short paragraph must come along entirely (orphan control would move it anyway).
      return lines.length <= KEEP_WITH_NEXT_LINES + 1
        ? lines.reduce((sum, line) => sum + line.height, 0)
        : firstLines(lines);
    }
    case 'heading':
      return headingHeight(r, node, box.width);
    case 'list': {
      const first = node.children[0]?.children[0];
      return SPACING.list + (first ? leadHeight(r, first, { x: box.x + 20, width: box.width - 20 }) : bodyLine);
    }
    case 'blockquote': {
      const first = node.children[0];
      return (
        SPACING.block +
        (first ? leadHeight(r, first, { x: box.x + QUOTE.indent, width: box.width - QUOTE.indent }) : bodyLine)
      );
    }
    case 'code':
      return SPACING.block + CODE.padding + 2 * CODE.size * CODE.leading;
    case 'table':
      return SPACING.block + Math.min(r.tables.of(node, box)?.lead ?? 0, r.flow.pageContentHeight);
    default:
      return 2 * bodyLine;
  }
}
