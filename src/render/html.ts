import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { FootnoteDefinition, FootnoteReference, Heading, Nodes, Root } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Options as Schema } from 'rehype-sanitize';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { AnnouncedNode } from '../compose/announced-note.js';
import type { AnswerNode, Section } from '../compose/answer-tree.js';
import { copyNodes } from '../compose/copy-nodes.js';
import type { LangSpan } from '../compose/localize.js';
import type { Strings } from '../compose/strings.js';
import { fill, STRINGS } from '../compose/strings.js';
import { scriptLanguage } from './script-language.js';

/**
 * Ids are kept as made here (no `user-content-` prefix, which broke footnote links): nothing in an
 * answer can produce an id, raw HTML being dropped. Footnote sections get an accessible name; a
 * country's heading in the consolidated report its class.
 */
const schema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    section: ['dataFootnotes', ['className', 'footnotes'], 'ariaLabel'],
    h5: [['className', 'country']],
    details: [['className', 'announced']],
    span: [...(defaultSchema.attributes?.span ?? []), 'lang'],
  },
};

/** The page's own words the HTML renderer writes (accessible names), in the report's language. */
export type HtmlLabels = Pick<Strings, 'footnotes' | 'back_to_reference' | 'operational_goal'>;

/** One answer: its blocks, then its footnotes (numbered through the report), linked both ways. */
function answerHandler(state: State, node: AnswerNode, labels: HtmlLabels): ElementContent[] {
  const flow = state.all({ ...node, children: node.children.filter((c) => c.type !== 'footnoteDefinition') });
  const notes = node.children.filter((c): c is FootnoteDefinition => c.type === 'footnoteDefinition');
  if (notes.length === 0) return flow;
  const referenced = new Set<string>();
  const visit = (n: Nodes) => {
    if (n.type === 'footnoteReference') referenced.add(n.identifier);
    if ('children' in n) for (const c of n.children) visit(c as Nodes);
  };
  visit(node);
  const items = notes.map((note): Element => {
    const children = state.all(note);
    if (referenced.has(note.identifier)) {
      const back = element(
        'a',
        {
          href: `#fnref-${note.identifier}`,
          dataFootnoteBackref: true,
          ariaLabel: fill(labels.back_to_reference, { number: note.identifier }),
        },
        [{ type: 'text', value: '↩' }],
      );
      const last = children.at(-1);
      if (last?.type === 'element' && last.tagName === 'p') last.children.push({ type: 'text', value: ' ' }, back);
      else children.push(back);
    }
    return element('li', { id: `fn-${note.identifier}` }, children);
  });
  return [
    ...flow,
    element('section', { dataFootnotes: true, className: ['footnotes'], ariaLabel: labels.footnotes }, [
      element('ol', { start: Number(notes[0]?.identifier ?? 1) }, items),
    ]),
  ];
}

/** What the country announced the year before (HTML country report): a note, closed until opened. */
function announcedHandler(state: State, node: AnnouncedNode): Element {
  return element('details', { className: ['announced'] }, [
    element('summary', {}, [{ type: 'text', value: node.data.summary }]),
    ...state.all({ type: 'root', children: node.children }),
  ]);
}

function footnoteReferenceHandler(state: State, node: FootnoteReference): Element {
  const seen = (state.footnoteCounts.get(node.identifier) ?? 0) + 1;
  state.footnoteCounts.set(node.identifier, seen);
  const id = `fnref-${node.identifier}${seen > 1 ? `-${seen}` : ''}`;
  return element('sup', {}, [
    element('a', { href: `#fn-${node.identifier}`, id, dataFootnoteRef: true }, [
      { type: 'text', value: node.identifier },
    ]),
  ]);
}

/** Text in another language than the page's (the form's own text where it has no translation). */
function langSpanHandler(state: State, node: LangSpan): Element {
  return element('span', { lang: node.lang }, state.all(node));
}

/** mdast → sanitised hast, with the labels of a language (made once per strings table). */
const toHastFor = new WeakMap<HtmlLabels, ReturnType<typeof makeToHast>>();

function makeToHast(labels: HtmlLabels) {
  return unified()
    .use(remarkRehype, {
      handlers: {
        answer: ((state: State, node: AnswerNode) => answerHandler(state, node, labels)) as never,
        announced: announcedHandler as never,
        langSpan: langSpanHandler as never,
        footnoteReference: footnoteReferenceHandler as never,
      },
    })
    .use(rehypeSanitize, schema);
}

function toHast(labels: HtmlLabels) {
  let processor = toHastFor.get(labels);
  if (!processor) {
    processor = makeToHast(labels);
    toHastFor.set(labels, processor);
  }
  return processor;
}
const toHtml = unified().use(rehypeStringify);

function textOf(node: ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as ElementContent)).join('');
  return '';
}

/** Stable, readable ids for headings, unique within the page. */
function slugger(taken: Iterable<string>): (text: string) => string {
  const used = new Map<string, number>();
  for (const id of taken) used.set(id, 1);
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

/** The text of a heading, as a reader sees it. */
function mdastText(node: Nodes): string {
  if ('value' in node && node.type !== 'html') return node.value;
  if ('children' in node) return node.children.map((c) => mdastText(c as Nodes)).join('');
  return '';
}

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const TEXT_BLOCKS = new Set([
  'p',
  'li',
  'td',
  'th',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'dt',
  'dd',
  'pre',
]);

/**
 * `dir="auto"` on every block holding right-to-left text, so the browser sets a Hebrew or Arabic
 * answer right to left (from its first strong character) and the rest as before (issue 10); and
 * `lang` on every block written in another language's script than the page's `lang` (issue 22),
 * so that a screen reader reads a Thai answer in an English report with a Thai voice.
 */
function markScriptBlocks(node: HastRoot | Element, lang: string | undefined): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (TEXT_BLOCKS.has(child.tagName)) {
      const text = textOf(child);
      if (RTL.test(text)) child.properties = { ...child.properties, dir: 'auto' };
      const language = lang && child.properties.lang === undefined ? scriptLanguage(text, lang) : null;
      if (language) child.properties = { ...child.properties, lang: language };
    }
    markScriptBlocks(child, lang);
  }
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

/** The anchor of a question's heading: `notice-and-takedown-a`. */
export function questionAnchor(goal: string, question: string): string {
  return `${goal}-${question.toLowerCase()}`;
}

/** A heading's readable anchor from what it stands for: the goal id, `goal-a` for a question. */
function readableAnchor(section: Section | undefined): string | undefined {
  switch (section?.kind) {
    case 'goal':
      return section.goal;
    case 'question':
      return questionAnchor(section.goal, section.question);
    case 'country':
      return section.goal && section.question
        ? `${questionAnchor(section.goal, section.question)}-${section.country}`
        : section.country;
    default:
      return undefined;
  }
}

/** Gives every heading its id (in document order), reserving the footnotes' ids, and a country's its class. */
function anchorHeadings(tree: Root): void {
  const taken: string[] = [];
  const headings: Heading[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'heading') headings.push(node);
    if (node.type === 'footnoteDefinition') taken.push(`fn-${node.identifier}`, `fnref-${node.identifier}`);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  const slug = slugger(taken);
  for (const heading of headings) {
    const id = slug(readableAnchor(heading.data?.section) ?? mdastText(heading).trim());
    // A country's heading (consolidated report) is styled apart from the questions (issue 11, part 5).
    const className = heading.data?.section?.kind === 'country' ? { className: ['country'] } : {};
    heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id, ...className } };
  }
}

interface TocEntry {
  id: string;
  /** The heading's content (a `<span lang>` of untranslated form text included). */
  content: ElementContent[];
  children: TocEntry[];
}

function tocList(entries: TocEntry[]): Element {
  return element(
    'ol',
    {},
    entries.map((e) =>
      element('li', {}, [
        element('a', { href: `#${e.id}` }, e.content),
        ...(e.children.length ? [tocList(e.children)] : []),
      ]),
    ),
  );
}

const SPACE = /[\s\u00A0\u202F]/;

/** `text` without `label` at its start, whatever spaces either has (French "Objectif opérationnel :"). */
function withoutLabel(text: string, label: string): string {
  const wanted = [...label].filter((c) => !SPACE.test(c)).join('');
  let seen = '';
  for (let i = 0; i < text.length && wanted; i++) {
    const c = text[i] ?? '';
    if (!SPACE.test(c)) seen += c;
    if (seen === wanted) return text.slice(i + 1).trimStart();
    if (!wanted.startsWith(seen)) break;
  }
  return text;
}

/**
 * A heading's content for its contents entry: its text, keeping language spans, trimmed. A goal's
 * entry leaves out the "Operational Goal:" label (`drop`): it stands under its target, and on a
 * narrow screen the label would be all its one line shows.
 */
function tocContent(heading: Element, drop = ''): ElementContent[] {
  const content = structuredClone(heading.children).flatMap((child): ElementContent[] => {
    if (child.type === 'text') return [child];
    if (child.type === 'element' && child.tagName === 'span' && child.properties.lang)
      return [element('span', { lang: child.properties.lang }, [{ type: 'text', value: textOf(child) }])];
    const text = textOf(child);
    return text ? [{ type: 'text', value: text }] : [];
  });
  const first = content[0];
  if (first?.type === 'text') {
    first.value = first.value.trimStart();
    if (drop) first.value = withoutLabel(first.value, drop);
  }
  const last = content.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
  return content.filter((c) => c.type !== 'text' || c.value !== '');
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
 * The composed report (mdast) → sanitised HTML fragments. Raw HTML in the Markdown is dropped by
 * remark-rehype and rehype-sanitize removes scripts, event handlers and `javascript:` URLs that
 * might slip through. Headings get ids from their identity (`data.section`), not their text.
 */
export function renderHtmlParts(
  tree: Root,
  labels: HtmlLabels = STRINGS.en as Strings,
  /** The page's language (BCP 47): blocks in another language's script get their own `lang`. */
  lang?: string,
  options: { underCover?: boolean } = {},
): HtmlParts {
  const copy = copyNodes(tree);
  anchorHeadings(copy);
  const root = toHast(labels).runSync(copy) as HastRoot;
  markScriptBlocks(root, lang);
  const toc: TocEntry[] = [];
  let firstSection = root.children.length;
  root.children.forEach((node, index) => {
    if (node.type !== 'element' || (node.tagName !== 'h2' && node.tagName !== 'h3')) return;
    const label = node.tagName === 'h3' ? labels.operational_goal : '';
    const entry = { id: String(node.properties.id ?? ''), content: tocContent(node, label), children: [] };
    if (node.tagName === 'h2') {
      if (firstSection === root.children.length) firstSection = index;
      toc.push(entry);
    } else {
      toc.at(-1)?.children.push(entry);
    }
  });
  // Under a cover (which replaces the header), text before the first target opens the body.
  if (options.underCover) firstSection = 0;
  const fragment = (children: RootContent[]) => toHtml.stringify({ type: 'root', children } as HastRoot).trim();
  return {
    header: fragment(root.children.slice(0, firstSection)),
    body: fragment(root.children.slice(firstSection)),
    toc: toHtml.stringify({ type: 'root', children: [tocList(toc)] }),
  };
}
