import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const toHast = unified().use(remarkRehype).use(rehypeSanitize);
const toHtml = unified().use(rehypeStringify);

function textOf(node: ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as ElementContent)).join('');
  return '';
}

/** Stable, readable ids for headings, unique within the page. */
function slugger(): (text: string) => string {
  const used = new Map<string, number>();
  return (text) => {
    const base =
      text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60)
        .replace(/-$/, '') || 'section';
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  };
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

interface TocEntry {
  id: string;
  text: string;
  children: TocEntry[];
}

function tocList(entries: TocEntry[]): Element {
  return element(
    'ol',
    {},
    entries.map((e) =>
      element('li', {}, [
        element('a', { href: `#${e.id}` }, [{ type: 'text', value: e.text }]),
        ...(e.children.length ? [tocList(e.children)] : []),
      ]),
    ),
  );
}

export interface HtmlParts {
  /** Everything before the first target (title, country). */
  header: string;
  /** The targets, goals, questions and answers. */
  body: string;
  /** A nested list of links to targets and goals. */
  toc: string;
}

/**
 * mdast → sanitised HTML fragments. Raw HTML in the Markdown is dropped by remark-rehype and
 * rehype-sanitize removes scripts, event handlers and `javascript:` URLs that might slip through.
 */
export function renderHtmlParts(tree: Root, goals: readonly { id: string; text: string }[] = []): HtmlParts {
  const root = toHast.runSync(structuredClone(tree)) as HastRoot;
  const slug = slugger();
  const toc: TocEntry[] = [];
  let firstSection = root.children.length;
  let goalId: string | undefined;
  root.children.forEach((node, index) => {
    if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName)) return;
    const text = textOf(node).trim();
    // Readable, stable anchors where the heading is a goal (its id) or a question under one (goal-a).
    if (node.tagName === 'h2') goalId = undefined;
    if (node.tagName === 'h3') goalId = goals.find((g) => text.includes(g.text))?.id;
    const question = node.tagName === 'h4' && goalId ? /^([A-Z])\)/.exec(text)?.[1] : undefined;
    const readable = node.tagName === 'h3' ? goalId : question ? `${goalId}-${question.toLowerCase()}` : undefined;
    const id = slug(readable ?? text);
    node.properties = { ...node.properties, id };
    if (node.tagName === 'h2') {
      if (firstSection === root.children.length) firstSection = index;
      toc.push({ id, text, children: [] });
    } else if (node.tagName === 'h3') {
      toc.at(-1)?.children.push({ id, text, children: [] });
    }
  });
  const fragment = (children: RootContent[]) => toHtml.stringify({ type: 'root', children } as HastRoot).trim();
  return {
    header: fragment(root.children.slice(0, firstSection)),
    body: fragment(root.children.slice(firstSection)),
    toc: toHtml.stringify({ type: 'root', children: [tocList(toc)] }),
  };
}
