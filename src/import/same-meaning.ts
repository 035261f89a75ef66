import { isDeepStrictEqual } from 'node:util';
import type { Definition, FootnoteDefinition, Nodes, Parent, Root } from 'mdast';
import { parseMarkdown } from '../load/parse-markdown.js';

/**
 * Whether two answers say the same in Markdown: the same tree once parsed as gareport parses
 * answers, whatever the spelling Markdown leaves to the writer (`*` or `_`, `-` or `*` bullets,
 * fences, a code span's padding, escapes, setext or ATX headings). Beyond the tree's own
 * equivalences: a soft line break is a space (a paragraph may be wrapped anywhere); the place of
 * footnote and link definitions does not count (they belong to the whole answer), nor do footnote
 * labels (the report numbers footnotes in the order of their references), nor whether a link is
 * written inline or by reference. Everything else is compared strictly: a difference that could
 * show in any output (two spaces for one, a code block's language) is a change.
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
      takeDefinitions(child, footnotes, links, extra);
      continue;
    }
    takeDefinitions(child, footnotes, links, extra);
    kept.push(child);
  }
  parent.children = kept as Parent['children'];
}

/** Every node of a tree in document order, parents before their children. */
function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children as Nodes[]) walk(child, visit);
}

/** The tree of `markdown` in a form two spellings of the same answer share. */
function meaning(markdown: string): unknown {
  const root: Root = parseMarkdown(markdown);
  // Footnotes are numbered as the report numbers them (compose/answer-tree.ts): by their first
  // reference in the answer's order, then the notes no reference leads to, in their order.
  const numbers = new Map<string, string>();
  const number = (identifier: string): void => {
    if (!numbers.has(identifier)) numbers.set(identifier, String(numbers.size + 1));
  };
  const defined = new Set<string>();
  walk(root, (node) => {
    if (node.type === 'footnoteDefinition') defined.add(node.identifier);
  });
  walk(root, (node) => {
    if (node.type === 'footnoteReference' && defined.has(node.identifier)) number(node.identifier);
  });
  for (const identifier of defined) number(identifier);

  const footnotes = new Map<string, FootnoteDefinition>();
  const links = new Map<string, Definition>();
  const extra: Nodes[] = [];
  takeDefinitions(root, footnotes, links, extra);
  const context: Context = { links, usedLinks: new Set(), numbers };
  const body = plain(root, context);
  const notes = [...footnotes.values()]
    .sort((a, b) => Number(numbers.get(a.identifier)) - Number(numbers.get(b.identifier)))
    .map((note) => plain(note, context));
  return {
    body,
    notes,
    extra: extra.map((node) => ['identifier' in node ? node.identifier : '', plain(node, context)]),
    // Link definitions no reference uses are not shown, but they are the writer's text.
    unusedLinks: [...links.values()].filter((d) => !context.usedLinks.has(d.identifier)).map((d) => plain(d, context)),
  };
}

interface Context {
  links: ReadonlyMap<string, Definition>;
  usedLinks: Set<string>;
  /** Each footnote's number in the report. */
  numbers: ReadonlyMap<string, string>;
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
  if (node.type === 'footnoteReference' && context.numbers.has(node.identifier))
    return { type: node.type, n: context.numbers.get(node.identifier) };
  // A soft line break is a space in every output (HTML, PDF, Word): a paragraph wrapped differently says the same.
  if (node.type === 'text') return { type: 'text', value: node.value.replace(/\n/g, ' ') };
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
