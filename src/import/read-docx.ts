/**
 * A filled-in form saved from Word: mammoth turns the .docx into HTML (its Markdown output
 * escapes every `.` and `-`, indents nested lists with tabs and lets `<b>` through), and this
 * module turns mammoth's small, regular HTML into the Markdown the text importer reads.
 */

import type { Element, HtmlNode } from './docx-html.js';
import { parseHtml, plainText } from './docx-html.js';
import { DocxNotes } from './docx-notes.js';
import type { DocxLimits } from './docx-unzip.js';
import { unzipDocx } from './docx-unzip.js';
import { TARGET_HEADING } from './report-words.js';
import { MAX_DOCX_ELEMENTS, MAX_DOCX_TEXT, MAX_DOCX_XML_BYTES, zipExpansionProblem } from './zip-limits.js';

export interface DocxText {
  markdown: string;
  /** Things mammoth or the conversion could not carry over (images, unknown styles…). */
  warnings: string[];
}

const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

interface Converter {
  /** Images left out of the answers (those of the title page, before the first policy target, are not counted). */
  images: number;
  /** Whether the first `Policy Target No. N` heading has been read. */
  pastFirstTarget?: boolean;
  /** Whether a table cell's text is the form's own (a target, goal or question): such tables are layout. */
  isFormText?: ((text: string) => boolean) | undefined;
  /** Header rows of layout tables that were left out ("Question | Answer"). */
  headerRows: string[];
  /** The document's footnotes and endnotes, put back into the answers that refer to them. */
  notes?: DocxNotes | undefined;
  /** Whether a table cell's text is being read (a cell holds no answer's end, so no notes' definitions). */
  inCell?: boolean;
}

/** Text as Markdown that reads as the same text: only what would turn into HTML or a heading is escaped. */
function escapeText(text: string): string {
  return text
    .replace(/\s+/g, (s) => (s.includes('\u00A0') && !/[\t\n ]/.test(s) ? s : ' '))
    .replace(/<(?=[A-Za-z/!?])/g, '\\<');
}

/** The text of a node as it is, line breaks included: code keeps every character. */
function rawText(node: HtmlNode): string {
  if (typeof node === 'string') return node;
  return node.tag === 'br' ? '\n' : node.children.map(rawText).join('');
}

/** Inline code, its backtick fence longer than any run of backticks in it. */
function codeSpan(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  // CommonMark takes one space off each end of a code span that begins and ends with one: a space
  // more keeps them, as it keeps a backtick at either end apart from the fence.
  const spaced = text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '';
  const pad = text.startsWith('`') || text.endsWith('`') || spaced ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A code block, fenced with more backticks than any run of them in it. */
function codeBlock(text: string): string {
  const fence = '`'.repeat(Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

function wrap(marker: string, inner: string): string {
  const trimmed = inner.trim();
  if (!trimmed) return inner;
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = inner.slice(inner.trimEnd().length);
  return `${lead}${marker}${trimmed}${marker}${trail}`;
}

function inline(nodes: readonly HtmlNode[], c: Converter): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += escapeText(node);
      continue;
    }
    const inner = () => inline(node.children, c);
    switch (node.tag) {
      case 'strong':
      case 'b':
        out += wrap('**', inner());
        break;
      case 'em':
      case 'i':
        out += wrap('*', inner());
        break;
      case 's':
      case 'del':
        out += wrap('~~', inner());
        break;
      case 'br':
        out += '\\\n';
        break;
      case 'code':
        out += codeSpan(rawText(node));
        break;
      case 'img':
        if (c.pastFirstTarget) c.images++;
        break;
      case 'a': {
        const href = node.attrs.href ?? '';
        const note = c.notes?.reference(href);
        if (note !== undefined) {
          out += note;
          break;
        }
        if (c.notes?.isBackLink(href)) break;
        const text = inner();
        out +=
          SAFE_LINK.test(href) && text.trim()
            ? `[${text}](${href.replace(/[()\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`
            : text;
        break;
      }
      default:
        // sup, sub, u, span and anything else: the text without the styling.
        out += inner();
    }
  }
  return out;
}

/** A paragraph's Markdown: no blank edges, and a leading `#` or `>` kept as text. */
function paragraph(nodes: readonly HtmlNode[], c: Converter): string {
  const text = inline(nodes, c)
    .replace(/\\\n\s*$/, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  return text.replace(/^(#{1,6}(?=\s|$)|>)/, '\\$1');
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : indent + l))
    .join('\n');
}

function list(element: Element, c: Converter): string {
  const ordered = element.tag === 'ol';
  const items = element.children.filter((n): n is Element => typeof n !== 'string' && n.tag === 'li');
  return items
    .map((item, i) => {
      const marker = ordered ? `${i + 1}. ` : '- ';
      const pad = ' '.repeat(marker.length);
      const parts: { text: string; isList: boolean }[] = [];
      let loose: HtmlNode[] = [];
      const flush = () => {
        const text = paragraph(loose, c);
        if (text) parts.push({ text, isList: false });
        loose = [];
      };
      for (const child of item.children) {
        if (typeof child !== 'string' && (child.tag === 'ul' || child.tag === 'ol')) {
          flush();
          parts.push({ text: list(child, c), isList: true });
        } else if (typeof child !== 'string' && child.tag === 'p') {
          flush();
          parts.push({ text: paragraph(child.children, c), isList: false });
        } else loose.push(child);
      }
      flush();
      // gareport's own .docx shows a task list item's box as ☐ or ☒ before its text.
      const first = parts[0];
      if (first && !first.isList)
        first.text = first.text.replace(/^([☐☒])\s+/, (_, box) => (box === '☒' ? '[x] ' : '[ ] '));
      // A nested list follows its item on the next line; a further paragraph of the item after a blank line.
      let body = '';
      parts.forEach((part, k) => {
        const text = indentLines(part.text, pad);
        body += k === 0 ? (part.isList ? `\n${pad}${text}` : text) : `${part.isList ? '\n' : '\n\n'}${pad}${text}`;
      });
      return marker + body;
    })
    .join('\n');
}

function cellText(cell: Element, c: Converter): string {
  const inCell = c.inCell;
  c.inCell = true;
  const cellBlocks = blocks(cell.children, c);
  c.inCell = inCell;
  return cellBlocks.join(' ').replace(/\\\n/g, ' ').replace(/\n+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** The table's rows, each a list of its cells, through `thead`/`tbody`. */
function tableRows(element: Element): Element[][] {
  const rows: Element[][] = [];
  const visit = (e: Element) => {
    for (const child of e.children) {
      if (typeof child === 'string') continue;
      if (child.tag === 'tr') {
        rows.push(
          child.children.filter((n): n is Element => typeof n !== 'string' && (n.tag === 'td' || n.tag === 'th')),
        );
      } else if (child.tag !== 'table') visit(child);
    }
  };
  visit(element);
  return rows;
}

function markdownTable(rows: Element[][], c: Converter): string {
  const cells = rows.map((r) => r.map((cell) => cellText(cell, c)));
  const width = Math.max(1, ...cells.map((r) => r.length));
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => row[i] ?? '').join(' | ')} |`;
  const [withBold = [], ...body] = cells;
  // A header row is bold in Word (gareport's own .docx makes it so) and in every rendering of a
  // Markdown table: bold over a whole header cell says nothing more.
  const head = withBold.map((cell) => cell.replace(/^\*\*((?:(?!\*\*).)+)\*\*$/, '$1'));
  return [line(head), line(Array.from({ length: width }, () => '---')), ...body.map(line)].join('\n');
}

/**
 * A table as Markdown blocks. A form laid out as a table (the question in one cell, the answer in
 * the next) is layout, not a table of the answer: its cells are read in order as paragraphs, so
 * the text importer finds each question and the answer after it. Header rows above the first row
 * of the form's text ("Question | Answer") are left out, and said so.
 */
function tableBlocks(element: Element, c: Converter): string[] {
  const rows = tableRows(element);
  const isForm = (row: Element[]) => row.some((cell) => c.isFormText?.(plainText(cell).replace(/\s+/g, ' ').trim()));
  const first = rows.findIndex(isForm);
  if (first === -1) return [markdownTable(rows, c)];
  const out: string[] = [];
  rows.forEach((row, i) => {
    const words = row.map((cell) => plainText(cell).replace(/\s+/g, ' ').trim());
    if (i < first && words.every((w) => w.split(' ').length <= 3)) {
      c.headerRows.push(words.join(' | '));
      return;
    }
    for (const cell of row) for (const block of blocks(cell.children, c)) out.push(block);
  });
  return out;
}

/** Blocks as a Markdown quotation: every line after `>`. */
function quote(quoted: readonly string[]): string {
  return quoted
    .filter((b) => b !== '')
    .join('\n\n')
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

/** Notes the first policy target: what comes before it is the title page (gareport's logo), not an answer. */
function formLine(text: string, c: Converter): string {
  if (!c.pastFirstTarget && TARGET_HEADING.test(text)) c.pastFirstTarget = true;
  return text;
}

/**
 * The definitions of the notes the answer before `element` referred to, when `element` is the
 * form's own text (a question, goal or target: the answer ends there); [] otherwise.
 */
function notesBefore(element: Element, c: Converter): string[] {
  if (!c.notes?.pending || c.inCell || !c.isFormText?.(plainText(element).replace(/\s+/g, ' ').trim())) return [];
  return c.notes.take((definition) => blocks(definition.children, c));
}

function blocks(nodes: readonly HtmlNode[], c: Converter): string[] {
  const out: string[] = [];
  let loose: HtmlNode[] = [];
  const flush = () => {
    const text = paragraph(loose, c);
    if (text) out.push(text);
    loose = [];
  };
  for (const node of nodes) {
    if (typeof node === 'string') {
      loose.push(node);
      continue;
    }
    switch (node.tag) {
      case 'p':
        flush();
        for (const note of notesBefore(node, c)) out.push(note);
        out.push(formLine(paragraph(node.children, c), c));
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        // Headings are not allowed inside answers; the form's own headings are found by their text.
        flush();
        for (const note of notesBefore(node, c)) out.push(note);
        const text = formLine(paragraph(node.children, c), c);
        if (text) out.push(text.startsWith('**') ? text : `**${text}**`);
        break;
      }
      case 'ul':
      case 'ol': {
        flush();
        // Word turns a typed "B) Please assess…" into a list item: a question all the same.
        const first = node.children.find((n): n is Element => typeof n !== 'string');
        if (first) for (const note of notesBefore(first, c)) out.push(note);
        out.push(list(node, c));
        break;
      }
      case 'table':
        flush();
        for (const block of tableBlocks(node, c)) out.push(block);
        break;
      case 'pre':
        flush();
        out.push(codeBlock(rawText(node)));
        break;
      case 'hr':
        flush();
        out.push('---');
        break;
      case 'blockquote':
        flush();
        out.push(quote(blocks(node.children, c)));
        break;
      case 'div':
      case 'section':
        flush();
        for (const block of blocks(node.children, c)) out.push(block);
        break;
      default:
        loose.push(node);
    }
  }
  flush();
  return out;
}

/** Mammoth's HTML as Markdown: paragraphs apart by a blank line, lists with `-` and `1.`. */
export function htmlToMarkdown(
  html: string,
  isFormText?: (text: string) => boolean,
): { markdown: string; images: number; headerRows: string[] } {
  const root = parseHtml(html);
  const notes = new DocxNotes(root);
  const c: Converter = { images: 0, isFormText, headerRows: [], notes };
  const out = blocks(root.children, c);
  // The notes of the last answer.
  for (const note of notes.take((definition) => blocks(definition.children, c))) out.push(note);
  const markdown = out.filter((b) => b !== '').join('\n\n');
  return { markdown: `${markdown}\n`, images: c.images, headerRows: c.headerRows };
}

/** Converts a .docx file's bytes (refused, with the reason, if it would unpack past the limit); mammoth is loaded only here, when a .docx is imported. */
export async function docxToMarkdown(
  bytes: Uint8Array,
  isFormText?: (text: string) => boolean,
  limits: DocxLimits = {
    xmlBytes: MAX_DOCX_XML_BYTES,
    elements: MAX_DOCX_ELEMENTS,
    textCharacters: MAX_DOCX_TEXT,
  },
): Promise<DocxText> {
  // What the archive declares is checked first (issue 8: a zip bomb took 26 s and 4 GB); what it
  // holds is counted as it is unpacked (issue 20 item 5: the declared sizes may lie).
  const tooLarge = zipExpansionProblem(bytes);
  if (tooLarge) throw new Error(tooLarge);
  const file = unzipDocx(bytes, limits);
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.convertToHtml(
    // mammoth takes an opened archive as `file` (lib/unzip.js), though its types do not say so.
    { file } as unknown as { buffer: Buffer },
    // Images are not part of reports; an empty src keeps their bytes out of the HTML.
    {
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      // Code as pandoc's Word files mark it (and as gareport's own could).
      styleMap: [
        "r[style-name='Verbatim Char'] => code",
        "p[style-name='Source Code'] => pre:separator('\\n')",
        // Quotations as pandoc's Word files and gareport's own mark them.
        "p[style-name='Block Text'] => blockquote > p:fresh",
        "p[style-name='Quotation'] => blockquote > p:fresh",
      ],
    },
  );
  const { markdown, images, headerRows } = htmlToMarkdown(result.value, isFormText);
  const warnings = result.messages
    .filter((m) => m.type === 'error' || !/^Unrecognised (?:paragraph|run) style/.test(m.message))
    .map((m) => m.message);
  if (images) warnings.push(`${images} image${images === 1 ? ' was' : 's were'} left out; reports hold text only`);
  for (const row of headerRows) warnings.push(`the table header row "${row}" was left out`);
  return { markdown, warnings };
}
