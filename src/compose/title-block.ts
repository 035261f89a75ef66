/**
 * The title block of a report: the part of the template's text before the first target that the
 * cover page (PDF, HTML, Word) says again: the title and the country line. Under a cover only that
 * is left out; any other text the template puts before the first target is kept in every format
 * (issue 20, item 12).
 *
 * A template ends its title block with the line `<!-- gareport:title-block-end -->` (gareport's own
 * do); the line itself is removed. A template without it has the first `#` heading as its title
 * block, with a paragraph right after it that starts in bold (`**Country** Kosovo`, as templates
 * written before the marker do).
 */
import type { Root, RootContent } from 'mdast';

const END = /^<!--\s*gareport:title-block-end\s*-->$/;

function isTarget(node: RootContent): boolean {
  return node.type === 'heading' && node.depth === 2;
}

declare module 'mdast' {
  interface Data {
    /** Part of the report's title block, which a cover page replaces (title-block.ts). */
    titleBlock?: boolean | undefined;
  }
}

function mark(node: RootContent): void {
  node.data = { ...node.data, titleBlock: true };
}

/** Whether a node of the composed tree is part of the title block. */
export function isTitleBlock(node: RootContent): boolean {
  return node.data?.titleBlock === true;
}

/** Marks the title block's nodes (`data.titleBlock`) and removes the end marker. */
export function markTitleBlock(tree: Root): void {
  const first = tree.children.findIndex(isTarget);
  const before = first < 0 ? tree.children.length : first;
  const end = tree.children.findIndex((node, i) => i < before && node.type === 'html' && END.test(node.value.trim()));
  if (end >= 0) {
    for (const node of tree.children.slice(0, end)) mark(node);
    tree.children.splice(end, 1);
    return;
  }
  const title = tree.children.findIndex((node, i) => i < before && node.type === 'heading' && node.depth === 1);
  if (title < 0) return;
  const heading = tree.children[title];
  if (heading) mark(heading);
  const next = tree.children[title + 1];
  if (title + 1 < before && next?.type === 'paragraph' && next.children[0]?.type === 'strong') mark(next);
}

/** The tree without its title block: what a report shows under its cover. */
export function withoutTitleBlock(tree: Root): Root {
  return { ...tree, children: tree.children.filter((node) => !isTitleBlock(node)) };
}
