/** mdast phrasing content → docx runs (text, emphasis, links, footnote references). */
import type { ParagraphChild } from 'docx';
import { ExternalHyperlink, FootnoteReferenceRun, TextRun } from 'docx';
import type { Definition, PhrasingContent } from 'mdast';
import { CODE_STYLES, DOCX_THEME } from './styles.js';

/** Formatting inherited by the runs inside emphasis, strong, delete and links. */
interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  link?: boolean;
  /** BCP 47 language of text in another language than the document's. */
  lang?: string;
}

/** What inline conversion needs from the whole document. */
export interface InlineContext {
  definitions: ReadonlyMap<string, Definition>;
  /** Footnote identifier → the number Word shows; undefined for a reference without a definition. */
  footnoteNumber: (identifier: string) => number | undefined;
}

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

function run(text: string, format: RunFormat, extra: { style?: string } = {}): TextRun {
  return new TextRun({
    // A soft line break in Markdown is a space in the rendered text.
    text: text.replace(/\s*\n\s*/g, ' '),
    bold: format.bold,
    italics: format.italics,
    strike: format.strike,
    style: extra.style ?? (format.link ? 'Hyperlink' : undefined),
    language: format.lang ? { value: format.lang } : undefined,
    // A run has one style: code in a link keeps the code style and takes the link's look directly.
    ...(extra.style && format.link ? { color: DOCX_THEME.link, underline: {} } : {}),
  });
}

function convert(nodes: readonly PhrasingContent[], format: RunFormat, ctx: InlineContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(run(node.value, format));
        break;
      case 'emphasis':
        out.push(...convert(node.children, { ...format, italics: true }, ctx));
        break;
      case 'strong':
        out.push(...convert(node.children, { ...format, bold: true }, ctx));
        break;
      case 'delete':
        out.push(...convert(node.children, { ...format, strike: true }, ctx));
        break;
      case 'inlineCode':
        // A character style, not only a font: the importer reads it back as code.
        out.push(run(node.value, format, { style: CODE_STYLES.inline }));
        break;
      case 'break':
        out.push(new TextRun({ break: 1 }));
        break;
      case 'link':
        out.push(...link(node.url, node.children, format, ctx));
        break;
      case 'linkReference': {
        const definition = ctx.definitions.get(node.identifier);
        if (definition) out.push(...link(definition.url, node.children, format, ctx));
        else out.push(...convert(node.children, format, ctx));
        break;
      }
      case 'image':
      case 'imageReference':
        // Images are not part of reports (validation warns); their description stands in.
        if (node.alt) out.push(run(node.alt, format));
        break;
      case 'footnoteReference': {
        const number = ctx.footnoteNumber(node.identifier);
        if (number !== undefined) out.push(new FootnoteReferenceRun(number));
        break;
      }
      case 'langSpan':
        // The form's own text where it has no translation (issue 11): Word marks its language.
        out.push(...convert(node.children, { ...format, lang: node.lang }, ctx));
        break;
      case 'html':
        // Raw HTML never reaches a report (validation refuses it, HTML output drops it).
        break;
    }
  }
  return out;
}

function link(
  url: string,
  children: readonly PhrasingContent[],
  format: RunFormat,
  ctx: InlineContext,
): ParagraphChild[] {
  // Only the link schemes validation allows become hyperlinks; anything else stays plain text.
  if (!SAFE_URL.test(url)) return convert(children, format, ctx);
  return [new ExternalHyperlink({ link: url, children: convert(children, { ...format, link: true }, ctx) })];
}

/** The runs of a paragraph, heading or table cell. */
export function inlineRuns(
  nodes: readonly PhrasingContent[],
  ctx: InlineContext,
  format: RunFormat = {},
): ParagraphChild[] {
  return convert(nodes, format, ctx);
}
