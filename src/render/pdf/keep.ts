/**
 * Keep-with-next (issue 11 part 3): a heading is not left at the foot of a page without the start
 * of what follows it. A run of headings keeps at least the first lines of its content; a short
 * introduction between a heading and the deeper headings under it (a target's text before its
 * first goal) comes along whole, with those headings, so a target or goal never starts with only
 * its introduction at the foot of a page.
 */
import type { Heading, Nodes } from 'mdast';
import { headingTheme, linesHeight } from './block-text.js';
import type { RenderContext } from './context.js';
import { type Box, EPSILON } from './page-flow.js';
import { CODE, KEEP_WITH_NEXT_LINES, QUOTE, SPACING } from './theme.js';

/** Height of the start of some content, and how many of its lines that is. */
interface Lead {
  height: number;
  lines: number;
}

/** Lines of content a heading keeps with it: the first two at least. */
const MIN_LINES = 2;

/**
 * Before a run of headings: if the headings plus the first lines of what follows do not fit in
 * the rest of the page, start a new page so no heading is stranded at the bottom.
 */
export function keepHeadingsWithNext(r: RenderContext, nodes: readonly Nodes[], index: number, box: Box): void {
  const { flow } = r;
  if (flow.atPageTop()) return;
  const need = Math.min(keptHeight(r, nodes, index, box), flow.pageContentHeight * 0.6);
  const first = nodes[index] as Heading;
  const gap = Math.max(flow.requestedGap, headingTheme(r.look, first.depth).spaceBefore);
  if (flow.y + gap + need > flow.bottom + EPSILON) flow.newPage();
}

/** Height of the headings from `index` on, with their introductions and the start of their content. */
function keptHeight(r: RenderContext, nodes: readonly Nodes[], index: number, box: Box): number {
  let need = 0;
  let j = index;
  let lastAfter = 0;
  let lastDepth = 7;
  for (;;) {
    for (; j < nodes.length; j++) {
      const node = nodes[j];
      if (node?.type !== 'heading') break;
      const theme = headingTheme(r.look, node.depth);
      if (j > index) need += Math.max(theme.spaceBefore, lastAfter);
      need += headingHeight(r, node, box.width);
      lastAfter = theme.spaceAfter;
      lastDepth = node.depth;
    }
    j = nextShown(nodes, j);
    const next = nodes[j];
    const after = nodes[nextShown(nodes, j + 1)];
    // An introduction: a paragraph between a heading and the deeper headings under it.
    if (next?.type === 'paragraph' && after?.type === 'heading' && after.depth > lastDepth) {
      need += lastAfter + linesHeight(r.text.paragraphLines(next, box.width));
      lastAfter = 0;
      j = nextShown(nodes, j + 1);
      continue;
    }
    if (next) need += lastAfter + blocksLead(r, nodes, j, box, MIN_LINES).height;
    return need;
  }
}

/** Index of the first block from `from` on that shows something (link definitions do not). */
function nextShown(nodes: readonly Nodes[], from: number): number {
  let j = from;
  while (j < nodes.length && (nodes[j]?.type === 'definition' || nodes[j]?.type === 'yaml')) j++;
  return j;
}

export function headingHeight(r: RenderContext, node: Heading, width: number): number {
  const theme = headingTheme(r.look, node.depth);
  const lines = r.text.headingLines(node, width);
  return linesHeight(lines) + (theme.rule ? theme.rule + 4 : 0);
}

/**
 * The start of the blocks from `from` on, until `want` lines of content: a one-line block ("Nothing
 * to report.") brings the start of the next block along, up to the next heading.
 */
function blocksLead(r: RenderContext, nodes: readonly Nodes[], from: number, box: Box, want: number): Lead {
  const lead: Lead = { height: 0, lines: 0 };
  for (let j = nextShown(nodes, from); j < nodes.length && lead.lines < want; j = nextShown(nodes, j + 1)) {
    const node = nodes[j];
    if (!node) break;
    if (node.type === 'heading') {
      if (lead.lines > 0) break; // the content ends here: it is all kept
      const theme = headingTheme(r.look, node.depth);
      lead.height += theme.spaceBefore + headingHeight(r, node, box.width) + theme.spaceAfter;
      continue;
    }
    const part =
      node.type === 'answer' ? blocksLead(r, node.children, 0, box, want - lead.lines) : blockLead(r, node, box);
    if (lead.height > 0) lead.height += SPACING.block;
    lead.height += part.height;
    lead.lines += part.lines;
  }
  return lead;
}

/** The first lines of one block (what a heading must keep with it). */
function blockLead(r: RenderContext, node: Nodes, box: Box): Lead {
  const bodyLine = r.look.body.size * r.look.body.leading;
  switch (node.type) {
    case 'paragraph': {
      const lines = r.text.paragraphLines(node, box.width);
      // A short paragraph must come along entirely (orphan control would move it anyway).
      const kept = lines.length <= KEEP_WITH_NEXT_LINES + 1 ? lines : lines.slice(0, KEEP_WITH_NEXT_LINES);
      return { height: linesHeight(kept), lines: kept.length };
    }
    case 'list': {
      // The first items, until they make two lines.
      const inner = { x: box.x + 20, width: box.width - 20 };
      const lead: Lead = { height: SPACING.list, lines: 0 };
      for (const item of node.children) {
        if (lead.lines >= MIN_LINES) break;
        const part = blocksLead(r, item.children, 0, inner, MIN_LINES - lead.lines);
        if (lead.lines > 0) lead.height += SPACING.paragraph;
        lead.height += part.height || bodyLine;
        lead.lines += Math.max(1, part.lines);
      }
      return lead;
    }
    case 'blockquote': {
      const inner = { x: box.x + QUOTE.indent, width: box.width - QUOTE.indent };
      const lead = blocksLead(r, node.children, 0, inner, MIN_LINES);
      return { height: SPACING.block + (lead.height || bodyLine), lines: Math.max(1, lead.lines) };
    }
    case 'code':
      return { height: SPACING.block + CODE.padding + 2 * CODE.size * CODE.leading, lines: MIN_LINES };
    case 'table':
      return {
        height: SPACING.block + Math.min(r.tables.of(node, box)?.lead ?? 0, r.flow.pageContentHeight),
        lines: MIN_LINES,
      };
    default:
      return { height: 2 * bodyLine, lines: MIN_LINES };
  }
}
