import type { Nodes, Parent, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import '../answer-tree.js';

const processor = unified().use(remarkGfm).use(remarkStringify, {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  rule: '-',
  fence: '`',
  fences: true,
  listItemIndent: 'one',
  incrementListMarker: true,
});

/** The tree with each answer's blocks in its place (Markdown has no container for them). */
function flattenAnswers<T extends Nodes>(node: T): T {
  if (!('children' in node)) return node;
  const children = (node as Parent).children.flatMap((child) =>
    child.type === 'answer' ? child.children.map((c) => flattenAnswers(c as Nodes)) : [flattenAnswers(child as Nodes)],
  );
  return { ...node, children };
}

/**
 * The report as standard CommonMark (+ GFM tables, footnotes), normalised by remark-stringify.
 * Serialising the tree (not pasting answers' text) is what keeps each answer whole when the file is
 * read again: an open fence gets its closing fence, a lazy line its `>`, text that would read as a
 * link or footnote reference is escaped, and labels were made unique per answer when composing.
 */
export function renderMarkdown(tree: Root): string {
  return processor.stringify(flattenAnswers(tree));
}
