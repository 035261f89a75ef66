import type { Link, Nodes, Parent, Root } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import { defaultHandlers } from 'mdast-util-to-markdown';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import '../compose/answer-tree.js';
import type { LangSpan } from '../compose/localize.js';

/** What CommonMark reads as an autolink `<…>`: a URI with a scheme, or an e-mail address. */
const AUTOLINK_URI = /^[a-z][a-z0-9+.-]{1,31}:[^\s<>\p{Cc}]*$/iu;
const AUTOLINK_EMAIL =
  /^mailto:[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * remark-stringify writes a link whose text is its URL as `<…>`, also when CommonMark would not read
 * that back as a link (GFM finds `-@_www.example.org` in text, CommonMark has no such e-mail
 * autolink): those are written `[text](url)`, so the file reads back as the answer was.
 */
const link: Handle = Object.assign(
  (node: Link, parent: Parameters<Handle>[1], state: Parameters<Handle>[2], info: Parameters<Handle>[3]) => {
    const valid = node.url.startsWith('mailto:') ? AUTOLINK_EMAIL.test(node.url) : AUTOLINK_URI.test(node.url);
    if (valid) return defaultHandlers.link(node, parent, state, info);
    const resourceLink = state.options.resourceLink;
    state.options.resourceLink = true;
    try {
      return defaultHandlers.link(node, parent, state, info);
    } finally {
      state.options.resourceLink = resourceLink;
    }
  },
  { peek: defaultHandlers.link.peek },
);

/** Markdown cannot say which language a stretch of text is in: the text is written as it is. */
const langSpan: Handle = (node: LangSpan, _parent, state, info) => state.containerPhrasing(node, info);

const processor = unified().use(remarkGfm).use(remarkStringify, {
  handlers: { link, langSpan },
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
