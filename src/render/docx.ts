/**
 * mdast → Word (.docx), with the `docx` package. The same tree the Markdown, HTML and PDF renderers
 * take: headings become Word's Heading 1–6 styles (the navigation pane's outline), lists Word lists,
 * tables Word tables. What comes before the first target heading (title, country) is the cover,
 * on a page of its own; the other pages carry the running header and "Page N of M" in the footer.
 * Output is reproducible: the same tree and options give the same bytes.
 */
import type { FileChild, ISectionOptions } from 'docx';
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { Definition, FootnoteDefinition, Nodes, Root, RootContent } from 'mdast';
import { isTitleBlock } from '../compose/title-block.js';
import type { CoverData } from './cover-content.js';
import type { DocumentMeta } from './document-meta.js';
import { blocks } from './docx/blocks.js';
import { createNumbering } from './docx/numbering.js';
import { reproducibleDocx } from './docx/package.js';
import { DOCX_THEME, documentStyles } from './docx/styles.js';
import { coverChildren } from './docx/title-page.js';

export interface DocxOptions extends DocumentMeta {
  /** The title page (as in the PDF); without it, what comes before the first target is the cover. */
  cover?: CoverData | undefined;
}

/** Page sizes and margins in twips (1/20 pt). */
const PAGES = {
  A4: { width: 11906, height: 16838 },
  LETTER: { width: 12240, height: 15840 },
} as const;
const MARGIN = { top: 1320, bottom: 1240, left: 1280, right: 1280, header: 600, footer: 600 } as const;

/** "Page {page} of {pages}" as runs, the numbers as Word fields. */
function pageNumberRuns(label: string): TextRun {
  const children: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = [];
  for (const part of label.split(/(\{page\}|\{pages\})/)) {
    if (part === '{page}') children.push(PageNumber.CURRENT);
    else if (part === '{pages}') children.push(PageNumber.TOTAL_PAGES);
    else if (part) children.push(part);
  }
  return new TextRun({ children, size: 16, color: DOCX_THEME.muted });
}

/** Every node of the tree, depth first, in document order. */
function* walk(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* walk(child);
}

/** Footnote definitions numbered in the order they are first referenced, as Word numbers them. */
function collectFootnotes(tree: Root): { numberOf: Map<string, number>; definitions: Map<string, FootnoteDefinition> } {
  const definitions = new Map<string, FootnoteDefinition>();
  for (const node of walk(tree)) {
    if (node.type === 'footnoteDefinition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  }
  const numberOf = new Map<string, number>();
  for (const node of walk(tree)) {
    if (node.type === 'footnoteReference' && definitions.has(node.identifier) && !numberOf.has(node.identifier)) {
      numberOf.set(node.identifier, numberOf.size + 1);
    }
  }
  return { numberOf, definitions };
}

/** Renders a report tree to .docx bytes. */
export async function renderDocx(tree: Root, options: DocxOptions): Promise<Uint8Array> {
  if (!(options.creationDate instanceof Date) || Number.isNaN(options.creationDate.getTime())) {
    throw new TypeError('renderDocx: options.creationDate must be a valid Date');
  }
  const definitions = new Map<string, Definition>();
  for (const node of walk(tree)) {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  }
  const footnotes = collectFootnotes(tree);
  const numbering = createNumbering();
  const ctx = {
    definitions,
    footnoteNumber: (id: string) => footnotes.numberOf.get(id),
    numbering,
    indent: 0,
    quote: false,
    listLevel: 0,
    ruleColor: DOCX_THEME.rule,
  };
  const convert = (nodes: readonly RootContent[]): FileChild[] => blocks(nodes, ctx);

  const firstTarget = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 2);
  const coverNodes = firstTarget > 0 ? tree.children.slice(0, firstTarget) : [];
  // Under the title page, the text before the first target that is not the title block stays.
  const bodyNodes = options.cover
    ? tree.children.filter((node) => !isTitleBlock(node))
    : firstTarget > 0
      ? tree.children.slice(firstTarget)
      : tree.children;
  const page = {
    size: PAGES[options.paper],
    margin: MARGIN,
  };
  const sections: ISectionOptions[] = [];
  if (options.cover) {
    sections.push({ properties: { page }, children: await coverChildren(options.cover) });
  } else if (coverNodes.length) {
    sections.push({
      properties: { page, verticalAlign: 'center' },
      children: convert(coverNodes),
    });
  }
  sections.push({
    properties: { page },
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: options.runningHeader, size: 16, color: DOCX_THEME.muted })],
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [pageNumberRuns(options.pageLabel ?? 'Page {page} of {pages}')],
          }),
        ],
      }),
    },
    children: convert(bodyNodes),
  });

  const notes: Record<number, { children: Paragraph[] }> = {};
  for (const [id, number] of footnotes.numberOf) {
    const definition = footnotes.definitions.get(id);
    if (!definition) continue;
    notes[number] = {
      children: convert(definition.children).filter((c): c is Paragraph => c instanceof Paragraph),
    };
  }

  const doc = new Document({
    title: options.title,
    subject: options.subject,
    creator: options.author ?? 'gareport',
    lastModifiedBy: 'gareport',
    keywords: options.keywords,
    description: options.subject,
    styles: documentStyles(options.lang),
    numbering: { config: numbering.config() },
    footnotes: notes,
    sections,
  });
  const packed = await Packer.toBuffer(doc);
  return reproducibleDocx(
    new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength),
    options.creationDate,
    options.lang,
  );
}
