/**
 * The diff of one answer, block by block (issue 21 item 7): paragraphs, list items and table cells
 * are aligned first, then compared word by word within each, so a changed list stays a list and no
 * mark runs over the next item's `-`. Each block's own Markdown is shown as written, as before.
 */
import type { Change } from 'diff';
import { diffArrays } from 'diff';
import type { List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent, Table, TableRow, Text } from 'mdast';
import { parseMarkdown } from '../load/parse-markdown.js';
import { renderMarkdown } from '../render/markdown.js';
import { wordDiff } from './answer-diff.js';

/** A block of an answer: a paragraph (or any block but a list or table), a list item's part, a table row. */
interface Block {
  kind: 'paragraph' | 'item' | 'row';
  depth: number;
  ordered: boolean;
  /** A second paragraph of the same list item. */
  continued: boolean;
  /** The text of each cell (one for a paragraph or item): the block's own Markdown, lines joined. */
  cells: string[];
}

const key = (b: Block) => `${b.kind}:${b.depth}:${b.ordered}:${b.continued}:${b.cells.join('\u0000')}`;

function sliceOf(markdown: string, nodes: readonly Nodes[]): string {
  const start = nodes[0]?.position?.start.offset;
  const end = nodes.at(-1)?.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return markdown.slice(start, end).replace(/[ \t]*\r?\n[ \t]*/g, ' ');
}

function listBlocks(markdown: string, list: List, depth: number, out: Block[]): void {
  for (const item of list.children) {
    let continued = false;
    for (const child of item.children) {
      if (child.type === 'list') listBlocks(markdown, child, depth + 1, out);
      else {
        out.push({
          kind: 'item',
          depth,
          ordered: Boolean(list.ordered),
          continued,
          cells: [sliceOf(markdown, [child])],
        });
        continued = true;
      }
    }
    // An empty item (`-` alone) is still an item.
    if (item.children.length === 0)
      out.push({ kind: 'item', depth, ordered: Boolean(list.ordered), continued, cells: [''] });
  }
}

/** The blocks of an answer's Markdown, in order. */
export function blocksOf(markdown: string): Block[] {
  const out: Block[] = [];
  for (const node of parseMarkdown(markdown).children) {
    if (node.type === 'list') listBlocks(markdown, node, 0, out);
    else if (node.type === 'table') {
      for (const row of node.children)
        out.push({
          kind: 'row',
          depth: 0,
          ordered: false,
          continued: false,
          cells: row.children.map((cell) => sliceOf(markdown, cell.children)),
        });
    } else
      out.push({ kind: 'paragraph', depth: 0, ordered: false, continued: false, cells: [sliceOf(markdown, [node])] });
  }
  return out;
}

/** Kept words as text, removed struck through, added in bold; a space between a removed and an added word. */
export function inlineChanges(changes: readonly Change[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const change of changes) {
    const value = change.value.replace(/\s*\n\s*/g, ' ');
    if (value === '') continue;
    if (!change.removed && !change.added) {
      out.push({ type: 'text', value });
      continue;
    }
    // Spaces stay outside the marks: `**word** ` reads back as it was written, `**word **` does not.
    const core = value.trim();
    const lead = value.slice(0, value.indexOf(core));
    const trail = value.slice(lead.length + core.length);
    const last = out.at(-1);
    // `~~4~~**6**` would read "46" once printed: a space keeps the two apart.
    if (!lead && last && (last.type === 'delete' || last.type === 'strong')) out.push({ type: 'text', value: ' ' });
    if (lead) out.push({ type: 'text', value: lead });
    if (core) {
      const text: Text = { type: 'text', value: core };
      out.push(change.removed ? { type: 'delete', children: [text] } : { type: 'strong', children: [text] });
    }
    if (trail) out.push({ type: 'text', value: trail });
  }
  return out;
}

interface ShownBlock extends Omit<Block, 'cells'> {
  cells: PhrasingContent[][];
}

const whole = (text: string, mark: 'delete' | 'strong'): PhrasingContent[] =>
  text ? [{ type: mark, children: [{ type: 'text', value: text }] }] : [];

/** The blocks of both versions, aligned: kept, changed (word by word), only before, only after. */
function alignedBlocks(before: Block[], after: Block[]): ShownBlock[] {
  const shown: ShownBlock[] = [];
  let removed: Block[] = [];
  const flush = (added: Block[]) => {
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const was = removed[i];
      const now = added[i];
      if (i < pairs && was && now && was.kind === now.kind && was.cells.length === now.cells.length) {
        shown.push({ ...now, cells: now.cells.map((c, j) => inlineChanges(wordDiff(was.cells[j] ?? '', c))) });
        continue;
      }
      if (was) shown.push({ ...was, cells: was.cells.map((c) => whole(c, 'delete')) });
      if (now) shown.push({ ...now, cells: now.cells.map((c) => whole(c, 'strong')) });
    }
    removed = [];
  };
  for (const change of diffArrays(before, after, { comparator: (a, b) => key(a) === key(b) })) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) flush(change.value);
    else {
      flush([]);
      for (const b of change.value)
        shown.push({ ...b, cells: b.cells.map((c) => (c ? [{ type: 'text', value: c }] : [])) });
    }
  }
  flush([]);
  return shown;
}

/** Shown blocks as Markdown nodes: items gathered into (nested) lists, rows into tables. */
function toTree(blocks: readonly ShownBlock[]): RootContent[] {
  const root: RootContent[] = [];
  // The list item open at each depth, while items follow one another.
  let open: ListItem[] = [];
  const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
  for (const b of blocks) {
    if (b.kind !== 'item') open = [];
    if (b.kind === 'paragraph') root.push(paragraph(b.cells[0] ?? []));
    else if (b.kind === 'row') {
      const row: TableRow = { type: 'tableRow', children: b.cells.map((c) => ({ type: 'tableCell', children: c })) };
      const last = root.at(-1);
      if (last?.type === 'table' && last.children[0]?.children.length === row.children.length) last.children.push(row);
      else root.push({ type: 'table', align: row.children.map(() => null), children: [row] } satisfies Table);
    } else if (b.continued && open[b.depth]) open[b.depth]?.children.push(paragraph(b.cells[0] ?? []));
    else {
      const item: ListItem = { type: 'listItem', spread: false, children: [paragraph(b.cells[0] ?? [])] };
      const parent = b.depth === 0 ? undefined : open[b.depth - 1];
      const siblings = parent ? parent.children : root;
      const last = siblings.at(-1);
      if (last?.type === 'list' && Boolean(last.ordered) === b.ordered && open[b.depth]) last.children.push(item);
      else siblings.push({ type: 'list', ordered: b.ordered, spread: false, children: [item] } as List);
      open = [...open.slice(0, b.depth), item];
    }
  }
  return root;
}

/** The changes between two answers as Markdown, block by block. */
export function answerDiffMarkdown(before: string, after: string): string {
  const children = toTree(alignedBlocks(blocksOf(before), blocksOf(after)));
  return renderMarkdown({ type: 'root', children: children as RootContent[] });
}
