/** mdast block content → docx paragraphs and tables, with Word's own heading and list styles. */
import type { FileChild, IParagraphOptions } from 'docx';
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { BlockContent, DefinitionContent, List, Table as MdTable, PhrasingContent, RootContent } from 'mdast';
import type { Numbering } from './numbering.js';
import type { InlineContext } from './runs.js';
import { inlineRuns } from './runs.js';
import { CODE_STYLES, QUOTE_STYLE } from './styles.js';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** Twips (1/20 pt) a blockquote or a list item's continuation is indented per level. */
export const INDENT_STEP = 360;

export interface BlockContext extends InlineContext {
  numbering: Numbering;
  /** Left indent in twips of the container (list item, quote). */
  indent: number;
  /** Inside a blockquote: a rule on the left, quieter text. */
  quote: boolean;
  /** Nesting depth of lists (0 outside any list). */
  listLevel: number;
  /** Colour of the blockquote rule (hex without #). */
  ruleColor: string;
}

function containerOptions(ctx: BlockContext): Partial<IParagraphOptions> {
  return {
    // No single line of a paragraph alone at the top or bottom of a page.
    widowControl: true,
    indent: ctx.indent ? { left: ctx.indent } : undefined,
    border: ctx.quote ? { left: { style: BorderStyle.SINGLE, size: 12, space: 8, color: ctx.ruleColor } } : undefined,
  };
}

function table(node: MdTable, ctx: BlockContext): Table {
  const alignment = (i: number) => {
    const a = node.align?.[i];
    return a === 'center' ? AlignmentType.CENTER : a === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: node.children.map(
      (row, r) =>
        new TableRow({
          tableHeader: r === 0,
          cantSplit: true,
          children: row.children.map(
            (cell, c) =>
              new TableCell({
                shading: r === 0 ? { type: ShadingType.CLEAR, fill: 'E8EDF3', color: 'auto' } : undefined,
                children: [
                  new Paragraph({
                    alignment: alignment(c),
                    children: inlineRuns(cell.children, ctx, r === 0 ? { bold: true } : {}),
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

function list(node: List, ctx: BlockContext): FileChild[] {
  const numbering = ctx.numbering.forList(node.ordered === true, node.start ?? 1);
  const level = Math.min(ctx.listLevel, 8);
  const out: FileChild[] = [];
  for (const item of node.children) {
    const inner: BlockContext = { ...ctx, indent: ctx.indent + INDENT_STEP * 2, listLevel: ctx.listLevel + 1 };
    const task = item.checked === true ? '☒ ' : item.checked === false ? '☐ ' : '';
    const marker = (children: readonly PhrasingContent[]) =>
      new Paragraph({
        // The indent comes from the numbering level (as Word and pandoc expect of a list paragraph).
        ...containerOptions({ ...ctx, indent: 0 }),
        numbering: { ...numbering, level },
        spacing: { after: node.spread ? 120 : 40 },
        children: [...(task ? [new TextRun(task)] : []), ...inlineRuns(children, ctx)],
      });
    const [first, ...rest] = item.children;
    // The item's first paragraph carries the bullet or number; later blocks are indented under it.
    if (first?.type === 'paragraph') out.push(marker(first.children), ...blocks(rest, inner));
    else out.push(marker([]), ...blocks(item.children, inner));
  }
  return out;
}

/** Converts block nodes; unknown or invisible nodes (definitions, HTML) produce nothing. */
export function blocks(
  nodes: readonly (RootContent | BlockContent | DefinitionContent)[],
  ctx: BlockContext,
): FileChild[] {
  const out: FileChild[] = [];
  let previous: (typeof nodes)[number] | undefined;
  for (const node of nodes) {
    block(node, previous, ctx, out);
    previous = node;
  }
  return out;
}

function block(
  node: RootContent | BlockContent | DefinitionContent,
  previous: RootContent | BlockContent | DefinitionContent | undefined,
  ctx: BlockContext,
  out: FileChild[],
): void {
  switch (node.type) {
    case 'heading':
      out.push(
        new Paragraph({
          heading: HEADINGS[node.depth - 1],
          keepNext: true,
          keepLines: true,
          children: inlineRuns(node.children, ctx),
        }),
      );
      break;
    case 'paragraph':
      out.push(
        new Paragraph({
          ...containerOptions(ctx),
          // A quotation's paragraphs carry the "Quotation" style, which the importer reads back as `>`.
          style: ctx.quote ? QUOTE_STYLE : undefined,
          children: inlineRuns(node.children, ctx),
        }),
      );
      break;
    case 'blockquote':
      out.push(...blocks(node.children, { ...ctx, indent: ctx.indent + INDENT_STEP, quote: true }));
      break;
    case 'list':
      out.push(...list(node, ctx));
      break;
    case 'code':
      // Two shaded code paragraphs in a row look like one block in Word: an empty paragraph keeps them
      // apart on the page (the importer still reads them as one, as mammoth joins paragraphs of one style).
      if (previous?.type === 'code') out.push(new Paragraph({ children: [] }));
      out.push(
        new Paragraph({
          ...containerOptions(ctx),
          // A paragraph style (font and size), not only a font: the importer reads it back as a code block.
          style: CODE_STYLES.block,
          shading: { type: ShadingType.CLEAR, fill: 'F2F4F7', color: 'auto' },
          children: node.value.split('\n').map((line, i) => new TextRun({ text: line, break: i ? 1 : 0 })),
        }),
      );
      break;
    case 'table':
      out.push(table(node, ctx));
      // Two tables in a row would merge into one in Word; an empty paragraph keeps them apart.
      out.push(new Paragraph({ children: [] }));
      break;
    case 'answer':
      // One answer's own tree (issue 9); its footnote definitions are collected beforehand.
      out.push(...blocks(node.children, ctx));
      break;
    case 'thematicBreak':
      out.push(
        new Paragraph({
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, space: 1, color: ctx.ruleColor } },
          children: [],
        }),
      );
      break;
    default:
      // definition, footnoteDefinition (collected beforehand), html, yaml: nothing on the page.
      break;
  }
}
