import { isDeepStrictEqual } from 'node:util';
import type { Definition, FootnoteDefinition, Nodes, Parent, Root } from 'mdast';
import { parseMarkdown } from '../load/parse-markdown.js';

/**
 * Whether two answers say the same in Markdown: the same tree once parsed as gareport parses
 * answers, whatever the spelling Markdown leaves to the writer (`*` or `_`, `-` or `*` bullets,
 * fences, a code span's padding, escapes, setext or ATX headings). Beyond the tree's own
 * equivalences, the place of footnote and link definitions does not count (they belong to the
 * whole answer), nor do footnote labels (readers see numbers in the order of the references), nor
 * whether a link is written inline or by reference. Everything else is compared strictly.
 */
export function sameMeaning(a: string, b: string): boolean {
  return a === b || isDeepStrictEqual(meaning(a), meaning(b));
}

/** Takes definitions out of the tree, wherever they stand, first one of a name first. */
function takeDefinitions(
  node: Nodes,
  footnotes: Map<string, FootnoteDefinition>,
  links: Map<string, Definition>,
  extra: Nodes[],
): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  const kept: Nodes[] = [];
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'footnoteDefinition' || child.type === 'definition') {
      const seen: Map<string, Nodes> = child.type === 'definition' ? links : footnotes;
      // Only the first definition of a name counts; a later one is kept apart, in order, so that it still compares.
      if (seen.has(child.identifier)) extra.push(child);
      else seen.set(child.identifier, child);
      if (child.type === 'footnoteDefinition') takeDefinitions(child, footnotes, links, extra);
      continue;
    }
    takeDefinitions(child, footnotes, links, extra);
    kept.push(child);
  }
  parent.children = kept as Parent['children'];
}

/** The tree of `markdown` in a form two spellings of the same answer share. */
function meaning(markdown: string): unknown {
  const root: Root = parseMarkdown(markdown);
  const footnotes = new Map<string, FootnoteDefinition>();
  const links = new Map<string, Definition>();
  const extra: Nodes[] = [];
  takeDefinitions(root, footnotes, links, extra);
  // Footnotes are numbered by their first reference: in the answer, then in the notes in that order.
  const numbers = new Map<string, string>();
  const queue: FootnoteDefinition[] = [];
  const number = (identifier: string): string => {
    let n = numbers.get(identifier);
    if (n === undefined) {
      n = String(numbers.size + 1);
      numbers.set(identifier, n);
      const definition = footnotes.get(identifier);
      if (definition) queue.push(definition);
    }
    return n;
  };
  const context: Context = { links, usedLinks: new Set(), number };
  const body = plain(root, context);
  const notes: unknown[] = [];
  for (let i = 0; i < queue.length; i++) notes.push(plain(queue[i] as FootnoteDefinition, context));
  // Notes no reference leads to are not shown, but they are the writer's text: compared by their own name.
  const unused = [...footnotes].filter(([id]) => !numbers.has(id)).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    body,
    notes,
    unused: unused.map(([id, node]) => [id, plain(node, context)]),
    // Link definitions no reference uses are not shown either, and compared the same way.
    unusedLinks: [...links.values()].filter((d) => !context.usedLinks.has(d.identifier)).map((d) => plain(d, context)),
    extra: extra.map((node) => plain(node, context)),
  };
}

interface Context {
  links: ReadonlyMap<string, Definition>;
  usedLinks: Set<string>;
  /** The number a footnote's first reference gives it. */
  number: (identifier: string) => string;
}

/** A node as plain data without positions, footnotes renumbered, references to a link written as the link. */
function plain(node: Nodes, context: Context): unknown {
  if (node.type === 'linkReference' || node.type === 'imageReference') {
    const definition = context.links.get(node.identifier);
    if (definition) {
      context.usedLinks.add(node.identifier);
      const { url, title } = definition;
      if (node.type === 'imageReference') return { type: 'image', url, title: title ?? null, alt: node.alt ?? null };
      return { type: 'link', url, title: title ?? null, children: node.children.map((c) => plain(c, context)) };
    }
  }
  if (node.type === 'footnoteReference') return { type: node.type, n: context.number(node.identifier) };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'position' || key === 'data') continue;
    if (node.type === 'footnoteDefinition' && (key === 'identifier' || key === 'label')) continue;
    if (key === 'children') out[key] = (value as Nodes[]).map((c) => plain(c, context));
    else out[key] = value ?? null;
  }
  if ((node.type === 'link' || node.type === 'image') && !('title' in out)) out.title = null;
  return out;
}
