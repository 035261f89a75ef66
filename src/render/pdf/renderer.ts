/**
 * Block layout, pagination, tagging and outline for the PDF renderer.
 *
 * Coordinates are PDFKit's: origin at the top-left of the page, y growing downwards.
 * All content goes through `place()`, which owns the vertical cursor and page breaks; every
 * drawing of real content is wrapped in marked content attached to a structure element, and
 * every decoration (rules, backgrounds, borders, running header/footer) is marked as an Artifact.
 */
import type { Blockquote, Code, FootnoteDefinition, Heading, List, Nodes, Paragraph, Root, Table } from 'mdast';
import PDFDocument from 'pdfkit';
import { visualOrder } from './bidi.js';
import type { FontPlan } from './fallback.js';
import { type InlineContext, plainText, stripHtml, toInlines } from './inline.js';
import { DocMeasurer } from './measure.js';
import {
  addLinkAnnotation,
  addOutlineItem,
  createStruct,
  type Doc,
  drawTextLine,
  escapeXmpMetadata,
  type OutlineItem,
  type StructElement,
  setOutlineDestination,
} from './pdfkit-internals.js';
import { drawPlaceholders } from './placeholder.js';
import {
  cleanText,
  type Inline,
  type Line,
  type LinkTarget,
  layoutPreformatted,
  layoutPrepared,
  type PreparedText,
  prepareText,
  type TextStyle,
  truncateToWidth,
} from './text.js';
import {
  BODY,
  CODE,
  COLORS,
  HEADER_FOOTER,
  HEADINGS,
  type HeadingTheme,
  KEEP_WITH_NEXT_LINES,
  LIST,
  MARGINS,
  MIN_COLUMN_SHARE,
  PAGE_SIZES,
  QUOTE,
  SPACING,
  TABLE,
} from './theme.js';

export interface RenderSettings {
  title: string;
  subject: string;
  author?: string | undefined;
  keywords?: string | undefined;
  lang: string;
  runningHeader: string;
  /** The footer in the report's language, with `{page}` and `{pages}`. */
  pageLabel: string;
  paper: 'A4' | 'LETTER';
  creationDate: Date;
  /** Faces for characters the built-in fonts lack (fallback.ts); without it only DejaVu is used. */
  fonts?: FontPlan | undefined;
}

interface Box {
  x: number;
  width: number;
}

interface BlockContext {
  /** Inside a tight list item: paragraphs are not separated by blank space. */
  tight: boolean;
  /** Nesting depth of lists (for bullet shapes). */
  listDepth: number;
  /** Headings at this level go into the PDF outline. */
  outline: boolean;
}

/** Where drawn text is attached in the structure tree. */
interface TagTarget {
  el: StructElement;
  /** Marked-content tag of the text, normally the element's structure type. */
  tag: string;
  /** Link elements created for links in this block, by link. */
  links: Map<LinkTarget, StructElement>;
}

interface PendingLabel {
  text: string;
  style: TextStyle;
  /** x where the label text ends (labels are right-aligned in their column). */
  right: number;
  el: StructElement;
}

interface Decoration {
  x: number;
  start: number | null;
  end: number;
}

interface TableLayout {
  width: number;
  columns: number;
  align: ReadonlyArray<'left' | 'right' | 'center' | null | undefined>;
  padX: number;
  padY: number;
  widths: number[];
  xs: number[];
  /** Lines of every cell, by row then column (row 0 is the header). */
  cells: Line[][][];
  rowHeights: number[];
  /** Height that must fit before the table may start on a page. */
  lead: number;
}

const EPSILON = 0.01;

function linesHeight(lines: readonly Line[]): number {
  let height = 0;
  for (const line of lines) height += line.height;
  return height;
}

const BODY_STYLE: TextStyle = { font: 'regular', size: BODY.size, color: COLORS.text };

function headingTheme(depth: number): HeadingTheme {
  const clamped = Math.min(6, Math.max(1, depth)) as 1 | 2 | 3 | 4 | 5 | 6;
  return HEADINGS[clamped];
}

function isEmphasisOnly(node: Paragraph): boolean {
  let sawEmphasis = false;
  for (const child of node.children) {
    if (child.type === 'emphasis') sawEmphasis = true;
    else if (child.type === 'text' && child.value.trim() === '') continue;
    else return false;
  }
  return sawEmphasis;
}

function collectDefinitions(tree: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition') {
      const id = node.identifier.toLowerCase();
      if (!definitions.has(id)) definitions.set(id, node.url);
    }
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return definitions;
}

export class PdfRenderer {
  private readonly doc: Doc;
  private readonly m: DocMeasurer;
  private readonly top = MARGINS.top;
  private readonly bottom: number;
  private readonly left = MARGINS.left;
  private readonly contentWidth: number;
  private readonly inlineCtx: InlineContext;

  private y: number = MARGINS.top;
  private pendingGap = 0;
  private gapLocked = false;
  private fill: string | null = null;
  private readonly decorations: Decoration[] = [];
  private labels: PendingLabel[] = [];
  private outlineParent: OutlineItem | null = null;
  private readonly structRoot: StructElement;

  private readonly preparedCache = new WeakMap<object, PreparedText>();
  private readonly layoutCache = new WeakMap<object, { width: number; lines: Line[] }>();
  private readonly tableCache = new WeakMap<Table, TableLayout>();

  constructor(
    private readonly tree: Root,
    private readonly settings: RenderSettings,
  ) {
    const [width, height] = PAGE_SIZES[settings.paper];
    this.bottom = height - MARGINS.bottom;
    this.contentWidth = width - MARGINS.left - MARGINS.right;

    const info: PDFKit.DocumentInfo = {
      Title: settings.title,
      Subject: settings.subject,
      Creator: 'gareport',
      Producer: 'gareport (PDFKit)',
      CreationDate: settings.creationDate,
      ModDate: settings.creationDate,
    };
    // Absent keys must not be present at all: PDFKit hashes every info value into the file ID.
    if (settings.author) info.Author = settings.author;
    if (settings.keywords) info.Keywords = settings.keywords;

    this.doc = new PDFDocument({
      size: [width, height],
      margins: { top: MARGINS.top, bottom: MARGINS.bottom, left: MARGINS.left, right: MARGINS.right },
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      tagged: true,
      lang: settings.lang,
      displayTitle: true,
      info,
      // No default font: PDFKit would otherwise load its Helvetica metrics (unavailable when
      // bundled, and without Unicode coverage). DocMeasurer registers each face on first use.
      font: null as unknown as string,
    });
    escapeXmpMetadata(this.doc);
    this.m = new DocMeasurer(this.doc, settings.fonts);
    this.inlineCtx = { definitions: collectDefinitions(tree) };
    this.structRoot = createStruct(this.doc, 'Document');
    this.doc.addStructure(this.structRoot);
  }

  /** Renders the tree and resolves with the PDF bytes. */
  async render(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('data', (chunk: Uint8Array) => {
        chunks.push(chunk);
        total += chunk.length;
      });
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });

    this.renderBlocks(this.tree.children, { x: this.left, width: this.contentWidth }, this.structRoot, {
      tight: false,
      listDepth: 0,
      outline: true,
    });
    this.structRoot.end();
    this.drawPageFurniture();
    this.doc.end();
    await done;

    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  // ---------------------------------------------------------------- vertical cursor & pages

  private atPageTop(): boolean {
    return this.y <= this.top + EPSILON;
  }

  private currentGap(): number {
    return this.atPageTop() ? 0 : this.pendingGap;
  }

  /** Requests at least `amount` points of space before the next content. */
  private addGap(amount: number): void {
    if (!this.gapLocked) this.pendingGap = Math.max(this.pendingGap, amount);
  }

  /** Sets the space before the next content exactly (after headings), ignoring other requests. */
  private setGapAfter(amount: number): void {
    this.pendingGap = amount;
    this.gapLocked = true;
  }

  private room(): number {
    return this.bottom - this.y - this.currentGap();
  }

  private get pageContentHeight(): number {
    return this.bottom - this.top;
  }

  /** Claims `height` points at the cursor (after the pending gap); returns the top of the area. */
  private place(height: number): number {
    const top = this.y + this.currentGap();
    this.y = top + height;
    this.pendingGap = 0;
    this.gapLocked = false;
    for (const deco of this.decorations) {
      deco.start ??= top;
      deco.end = this.y;
    }
    return top;
  }

  private newPage(): void {
    for (const deco of this.decorations) {
      this.drawDecoration(deco);
      deco.start = null;
    }
    this.doc.addPage();
    this.fill = null;
    this.y = this.top;
    this.pendingGap = 0;
    this.gapLocked = false;
  }

  /**
   * Places a sequence of lines, breaking pages between them with orphan/widow control (at least
   * two lines of a paragraph at the bottom of a page and at the top of the next). With
   * `keepTogether`, all lines go on one page unless they cannot fit on any page.
   */
  private placeLines(
    heights: readonly number[],
    draw: (index: number, top: number) => void,
    keepTogether = false,
    onChunk?: (top: number, height: number) => void,
  ): void {
    const n = heights.length;
    let i = 0;
    while (i < n) {
      const room = this.room();
      let k = 0;
      let sum = 0;
      while (i + k < n && sum + (heights[i + k] ?? 0) <= room + EPSILON) {
        sum += heights[i + k] ?? 0;
        k++;
      }
      if (k < n - i) {
        if (!this.atPageTop()) {
          const total = heights.slice(i).reduce((a, b) => a + b, 0);
          if (keepTogether && i === 0 && total <= this.pageContentHeight) {
            this.newPage();
            continue;
          }
          if (i === 0 && k < Math.min(2, n)) {
            this.newPage();
            continue;
          }
        }
        if (n - i - k === 1 && k > 1 && !(i === 0 && k - 1 < 2)) k -= 1; // avoid a widow
        if (k === 0) {
          if (this.atPageTop())
            k = 1; // taller than a page: place it anyway
          else {
            this.newPage();
            continue;
          }
        }
      }
      if (onChunk) {
        let chunkHeight = 0;
        for (let j = 0; j < k; j++) chunkHeight += heights[i + j] ?? 0;
        onChunk(this.y + this.currentGap(), chunkHeight);
      }
      for (let j = 0; j < k; j++) {
        const height = heights[i + j] ?? 0;
        draw(i + j, this.place(height));
      }
      i += k;
      if (i < n) this.newPage();
    }
  }

  // ---------------------------------------------------------------- drawing primitives

  private setFill(color: string): void {
    if (this.fill !== color) {
      this.doc.fillColor(color);
      this.fill = color;
    }
  }

  private artifact(draw: () => void, type?: 'Pagination' | 'Layout'): void {
    this.doc.markContent('Artifact', type ? { type } : undefined);
    draw();
    this.doc.endMarkedContent();
  }

  private fillRect(x: number, y: number, width: number, height: number, color: string): void {
    this.doc.rect(x, y, width, height).fill(color);
    this.fill = color;
  }

  private hLine(x1: number, x2: number, y: number, width: number, color: string): void {
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  private drawDecoration(deco: Decoration): void {
    if (deco.start === null || deco.end <= deco.start) return;
    const { start, end } = deco;
    this.artifact(() => this.fillRect(deco.x, start, QUOTE.ruleWidth, end - start, COLORS.quoteRule));
  }

  /** Draws a single-style run of text whose width the measurer gave as `width`. */
  private drawText(text: string, style: TextStyle, x: number, baseline: number, width: number): void {
    if (style.missing) {
      drawPlaceholders(this.doc, text, style, x, baseline, width, this.m);
      this.fill = null;
      return;
    }
    this.m.select(style.font, style.size);
    this.setFill(style.color);
    const top = baseline - this.m.ascent(style.font) * style.size;
    if ((style.level ?? 0) % 2 === 0) {
      drawTextLine(this.doc, text, x, top, width);
      return;
    }
    // Right to left: words from the right edge, in logical order (so text extraction and screen
    // readers get them as written); fontkit returns each word's glyphs in visual order.
    let right = x + width;
    for (const part of text.split(/( +)/)) {
      if (!part) continue;
      const partWidth = this.m.width(style.font, style.size, part);
      right -= partWidth;
      if (part.trim()) {
        this.doc.markContent('Span', { actual: part } as PDFKit.Mixins.MarkingOptions);
        drawTextLine(this.doc, part, right, top, partWidth);
        this.doc.endMarkedContent();
      }
    }
  }

  private newTarget(el: StructElement, tag: string): TagTarget {
    return { el, tag, links: new Map() };
  }

  private endTarget(target: TagTarget): void {
    for (const link of target.links.values()) link.end();
    target.links.clear();
  }

  /** Draws pending list labels on the baseline of the first line of their item. */
  private flushLabels(baseline: number): void {
    if (this.labels.length === 0) return;
    const labels = this.labels;
    this.labels = [];
    for (const label of labels) {
      const width = this.m.width(label.style.font, label.style.size, label.text);
      const content = this.doc.markStructureContent('Lbl');
      this.drawText(label.text, label.style, label.right - width, baseline, width);
      this.doc.endMarkedContent();
      label.el.add(content);
      label.el.end();
    }
  }

  /**
   * Draws one laid-out line with its top at `top`. Text is marked as content of `target`
   * (links become Link elements with annotations); with `target` null the caller has opened an
   * Artifact and the text is drawn as is.
   */
  private drawLine(
    line: Line,
    x: number,
    top: number,
    target: TagTarget | null,
    align: 'left' | 'center' | 'right' = 'left',
    width = 0,
    next: Line | null = null,
  ): void {
    const baseline = top + line.baseline;
    if (target) this.flushLabels(baseline);
    // A right-to-left paragraph's lines start at the right edge of their box (`width`).
    if (line.rtl && align === 'left' && width > 0) align = 'right';
    let startX = x;
    if (align === 'right') startX = x + Math.max(0, width - line.width);
    else if (align === 'center') startX = x + Math.max(0, (width - line.width) / 2);

    // Where each piece goes: runs reordered for display by their bidi levels (rule L2).
    const pieceX: number[] = [];
    let vx = startX;
    for (const i of visualOrder(line.pieces.map((p) => p.style.level ?? 0))) {
      pieceX[i] = vx;
      vx += line.pieces[i]?.width ?? 0;
    }

    // Inline code backgrounds first, so text is painted over them.
    if (line.pieces.some((p) => p.style.background)) {
      const paint = () => {
        line.pieces.forEach((piece, i) => {
          const px = pieceX[i] ?? startX;
          if (piece.style.background) {
            const size = piece.style.size;
            const asc = this.m.ascent(piece.style.font) * size;
            const desc = this.m.descent(piece.style.font) * size;
            this.fillRect(px - 1, baseline - asc - 0.5, piece.width + 2, asc + desc + 1, piece.style.background);
          }
        });
      };
      if (target) this.artifact(paint);
      else paint();
    }

    let px = startX;
    let index = 0;
    const pieces = line.pieces;
    while (index < pieces.length) {
      const first = pieces[index];
      if (!first) break;
      const link = first.style.link;
      const lang = first.style.lang;
      let end = index;
      while (end + 1 < pieces.length && pieces[end + 1]?.style.link === link && pieces[end + 1]?.style.lang === lang)
        end++;
      const groupX = pieceX[index] ?? px;
      let content: PDFKit.PDFStructureContent | null = null;
      let linkEl: StructElement | undefined;
      let langEl: StructElement | undefined;
      if (target) {
        if (link) {
          linkEl = target.links.get(link);
          if (!linkEl) {
            linkEl = createStruct(this.doc, 'Link');
            target.el.add(linkEl);
            target.links.set(link, linkEl);
          }
        }
        if (lang && !link) {
          // Text in another language: a Span with its /Lang, so a screen reader switches voice (issue 11).
          langEl = createStruct(this.doc, 'Span', { lang });
          target.el.add(langEl);
        }
        content = this.doc.markStructureContent(link ? 'Link' : langEl ? 'Span' : target.tag);
      }
      for (let i = index; i <= end; i++) {
        const piece = pieces[i];
        if (!piece) continue;
        px = pieceX[i] ?? px;
        this.drawText(piece.text, piece.style, px, baseline, piece.width);
        const size = piece.style.size;
        if (piece.style.underline) {
          this.hLine(px, px + piece.width, baseline + size * 0.12, Math.max(0.4, size * 0.055), piece.style.color);
        }
        if (piece.style.strike) {
          this.hLine(px, px + piece.width, baseline - size * 0.3, Math.max(0.4, size * 0.055), piece.style.color);
        }
        px += piece.width;
      }
      if (target && content) {
        this.doc.endMarkedContent();
        (linkEl ?? langEl ?? target.el).add(content);
        langEl?.end();
      }
      if (link?.clickable) {
        addLinkAnnotation(
          this.doc,
          { x: groupX, y: top, width: px - groupX, height: line.height },
          link.url,
          link.description,
          linkEl,
        );
      }
      index = end + 1;
    }
    // End Link elements whose text does not continue on the next line, while still on the page of
    // their last annotation (PDFKit records the current page in the annotation's OBJR).
    if (target) {
      for (const [link, el] of target.links) {
        if (!next?.pieces.some((piece) => piece.style.link === link)) {
          el.end();
          target.links.delete(link);
        }
      }
    }
  }

  // ---------------------------------------------------------------- text preparation

  private prepared(node: object, inlines: () => Inline[], base: TextStyle): PreparedText {
    let prepared = this.preparedCache.get(node);
    if (!prepared) {
      prepared = prepareText(inlines(), base, this.m);
      this.preparedCache.set(node, prepared);
    }
    return prepared;
  }

  private lines(node: object, prepared: PreparedText, width: number, leading: number): Line[] {
    const cached = this.layoutCache.get(node);
    if (cached && Math.abs(cached.width - width) < EPSILON) return cached.lines;
    const lines = layoutPrepared(prepared, width, leading, this.m);
    this.layoutCache.set(node, { width, lines });
    return lines;
  }

  private headingStyle(node: Heading): TextStyle {
    const theme = headingTheme(node.depth);
    return { font: node.depth === 6 ? 'boldItalic' : 'bold', size: theme.size, color: theme.color };
  }

  private headingLines(node: Heading, width: number): Line[] {
    const base = this.headingStyle(node);
    const prepared = this.prepared(node, () => toInlines(node.children, base, this.inlineCtx), base);
    return this.lines(node, prepared, width, headingTheme(node.depth).leading);
  }

  private paragraphStyle(node: Paragraph): TextStyle {
    return isEmphasisOnly(node) ? { ...BODY_STYLE, color: COLORS.muted } : BODY_STYLE;
  }

  private paragraphLines(node: Paragraph, width: number): Line[] {
    const base = this.paragraphStyle(node);
    const prepared = this.prepared(node, () => toInlines(node.children, base, this.inlineCtx), base);
    return this.lines(node, prepared, width, BODY.leading);
  }

  /** Container indent, reduced so the text column keeps a minimum share of the page width. */
  private indentFor(box: Box, amount: number): number {
    const minWidth = this.contentWidth * MIN_COLUMN_SHARE;
    return Math.max(0, Math.min(amount, box.width - minWidth));
  }

  // ---------------------------------------------------------------- blocks

  private renderBlocks(nodes: readonly Nodes[], box: Box, parent: StructElement, ctx: BlockContext): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      if (node.type === 'heading' && nodes[i - 1]?.type !== 'heading') this.keepHeadingsWithNext(nodes, i, box);
      this.renderBlock(node, box, parent, ctx);
    }
  }

  /**
   * Before a run of headings: if the headings plus the first lines of the following block do not
   * fit in the rest of the page, start a new page so no heading is stranded at the bottom.
   */
  private keepHeadingsWithNext(nodes: readonly Nodes[], index: number, box: Box): void {
    if (this.atPageTop()) return;
    let need = 0;
    let j = index;
    let lastAfter = 0;
    for (; j < nodes.length; j++) {
      const node = nodes[j];
      if (node?.type !== 'heading') break;
      const theme = headingTheme(node.depth);
      if (j > index) need += Math.max(theme.spaceBefore, lastAfter);
      need += this.headingHeight(node, box.width);
      lastAfter = theme.spaceAfter;
    }
    const next = nodes[j];
    if (next) need += lastAfter + this.leadHeight(next, box);
    need = Math.min(need, this.pageContentHeight * 0.6);
    const first = nodes[index] as Heading;
    const gap = Math.max(this.pendingGap, headingTheme(first.depth).spaceBefore);
    if (this.y + gap + need > this.bottom + EPSILON) this.newPage();
  }

  private headingHeight(node: Heading, width: number): number {
    const theme = headingTheme(node.depth);
    const lines = this.headingLines(node, width);
    return lines.reduce((sum, line) => sum + line.height, 0) + (theme.rule ? theme.rule + 4 : 0);
  }

  /** Height of the first few lines of a block (what a heading must keep with it). */
  private leadHeight(node: Nodes, box: Box): number {
    const bodyLine = BODY.size * BODY.leading;
    const firstLines = (lines: Line[]) =>
      lines.slice(0, KEEP_WITH_NEXT_LINES).reduce((sum, line) => sum + line.height, 0);
    switch (node.type) {
      case 'paragraph': {
        const lines = this.paragraphLines(node, box.width);
        // A short paragraph must come along entirely (orphan control would move it anyway).
        return lines.length <= KEEP_WITH_NEXT_LINES + 1
          ? lines.reduce((sum, line) => sum + line.height, 0)
          : firstLines(lines);
      }
      case 'heading':
        return this.headingHeight(node, box.width);
      case 'list': {
        const first = node.children[0]?.children[0];
        return SPACING.list + (first ? this.leadHeight(first, { x: box.x + 20, width: box.width - 20 }) : bodyLine);
      }
      case 'blockquote': {
        const first = node.children[0];
        return (
          SPACING.block +
          (first ? this.leadHeight(first, { x: box.x + QUOTE.indent, width: box.width - QUOTE.indent }) : bodyLine)
        );
      }
      case 'code':
        return SPACING.block + CODE.padding + 2 * CODE.size * CODE.leading;
      case 'table':
        return SPACING.block + Math.min(this.tableLayout(node, box)?.lead ?? 0, this.pageContentHeight);
      default:
        return 2 * bodyLine;
    }
  }

  private renderBlock(node: Nodes, box: Box, parent: StructElement, ctx: BlockContext): void {
    switch (node.type) {
      case 'heading':
        this.renderHeading(node, box, parent, ctx);
        return;
      case 'paragraph':
        this.renderParagraph(node, box, parent, ctx);
        return;
      case 'list':
        this.renderList(node, box, parent, ctx);
        return;
      case 'blockquote':
        this.renderBlockquote(node, box, parent, ctx);
        return;
      case 'code':
        this.renderCode(node, box, parent);
        return;
      case 'table':
        this.renderTable(node, box, parent);
        return;
      case 'thematicBreak':
        this.renderRule(box);
        return;
      case 'html': {
        const text = stripHtml(node.value.replace(/\s*\n\s*/g, ' ')).trim();
        if (text)
          this.renderParagraph({ type: 'paragraph', children: [{ type: 'text', value: text }] }, box, parent, ctx);
        return;
      }
      case 'answer':
        // An answer's own tree; its footnotes come last in it, so they print at the answer's end.
        this.renderBlocks(node.children, box, parent, ctx);
        return;
      case 'footnoteDefinition':
        this.renderFootnote(node, box, parent, ctx);
        return;
      case 'definition':
      case 'yaml':
        return;
      default: {
        // Unknown or unexpected nodes: render block children, or their text as a paragraph.
        const children = 'children' in node && Array.isArray(node.children) ? (node.children as Nodes[]) : null;
        if (children?.some((c) => c.type === 'paragraph' || c.type === 'list' || c.type === 'heading')) {
          this.renderBlocks(children, box, parent, ctx);
          return;
        }
        const text = plainText(node).trim();
        if (text)
          this.renderParagraph({ type: 'paragraph', children: [{ type: 'text', value: text }] }, box, parent, ctx);
      }
    }
  }

  private renderHeading(node: Heading, box: Box, parent: StructElement, ctx: BlockContext): void {
    const theme = headingTheme(node.depth);
    const lines = this.headingLines(node, box.width);
    if (lines.every((line) => line.pieces.length === 0)) return; // empty heading
    const ruleSpace = theme.rule ? theme.rule + 4 : 0;
    const heights = lines.map((line, i) => line.height + (i === lines.length - 1 ? ruleSpace : 0));
    this.addGap(theme.spaceBefore);

    const el = createStruct(this.doc, `H${Math.min(6, Math.max(1, node.depth))}`);
    parent.add(el);
    const target = this.newTarget(el, `H${Math.min(6, Math.max(1, node.depth))}`);
    this.placeLines(
      heights,
      (i, top) => {
        const line = lines[i];
        if (!line) return;
        if (i === 0 && ctx.outline) this.addToOutline(node, top);
        this.drawLine(line, box.x, top, target, 'left', box.width, lines[i + 1] ?? null);
        if (i === lines.length - 1 && theme.rule) {
          const y = top + line.height + 2 + theme.rule / 2;
          this.artifact(() => this.hLine(box.x, box.x + box.width, y, theme.rule, COLORS.rule));
        }
      },
      true,
    );
    this.endTarget(target);
    el.end();
    this.setGapAfter(theme.spaceAfter);
  }

  private addToOutline(node: Heading, top: number): void {
    if (node.depth !== 2 && node.depth !== 3) return;
    const title = plainText(node).replace(/\s+/g, ' ').trim();
    if (!title) return;
    const shortTitle = title.length > 200 ? `${title.slice(0, 199)}…` : title;
    if (node.depth === 2) {
      this.outlineParent = addOutlineItem(this.doc.outline, shortTitle, true);
      setOutlineDestination(this.outlineParent, this.doc, top);
    } else {
      const item = addOutlineItem(this.outlineParent ?? this.doc.outline, shortTitle, false);
      setOutlineDestination(item, this.doc, top);
    }
  }

  private renderParagraph(node: Paragraph, box: Box, parent: StructElement, ctx: BlockContext): void {
    const lines = this.paragraphLines(node, box.width);
    if (lines.length === 1 && lines[0]?.pieces.length === 0) return; // nothing to draw
    this.addGap(ctx.tight ? SPACING.tightParagraph : SPACING.paragraph);
    const el = createStruct(this.doc, 'P');
    parent.add(el);
    const target = this.newTarget(el, 'P');
    this.placeLines(
      lines.map((line) => line.height),
      (i, top) => {
        const line = lines[i];
        if (line) this.drawLine(line, box.x, top, target, 'left', box.width, lines[i + 1] ?? null);
      },
    );
    this.endTarget(target);
    el.end();
  }

  private renderList(node: List, box: Box, parent: StructElement, ctx: BlockContext): void {
    const items = node.children;
    if (items.length === 0) return;
    const ordered = node.ordered === true;
    const start = typeof node.start === 'number' ? node.start : 1;
    const labelStyle: TextStyle = ordered ? BODY_STYLE : { ...BODY_STYLE, color: COLORS.heading };
    const bullet = LIST.bullets[ctx.listDepth % LIST.bullets.length] ?? '•';
    const labels = items.map((item, i) => {
      if (typeof item.checked === 'boolean') return item.checked ? '☑' : '☐';
      return ordered ? `${start + i}.` : bullet;
    });
    const widest = Math.max(...labels.map((text) => this.m.width(labelStyle.font, labelStyle.size, text)));
    const column = ordered
      ? Math.max(LIST.bulletWidth, widest + LIST.labelGap)
      : Math.max(LIST.bulletWidth, widest + 6);
    const indent = this.indentFor(box, column);
    const body: Box = { x: box.x + indent, width: box.width - indent };
    const loose = node.spread === true || items.some((item) => item.spread === true);

    this.addGap(ctx.tight ? SPACING.tightListItem : SPACING.list);
    const listEl = createStruct(this.doc, 'L');
    parent.add(listEl);
    items.forEach((item, i) => {
      if (i > 0) this.addGap(loose ? SPACING.paragraph : SPACING.tightListItem);
      const li = createStruct(this.doc, 'LI');
      listEl.add(li);
      const lbl = createStruct(this.doc, 'Lbl');
      const lbody = createStruct(this.doc, 'LBody');
      li.add(lbl);
      li.add(lbody);
      const text = labels[i] ?? bullet;
      this.labels.push({ text, style: labelStyle, right: body.x - (ordered ? LIST.labelGap : 6), el: lbl });
      this.renderBlocks(item.children, body, lbody, {
        tight: !loose,
        listDepth: ctx.listDepth + 1,
        outline: false,
      });
      if (this.labels.some((label) => label.el === lbl)) this.placeLabelLine(); // empty item
      lbody.end();
      li.end();
    });
    listEl.end();
    this.addGap(ctx.tight ? SPACING.tightListItem : SPACING.list);
  }

  /** Gives pending labels a body-text line of their own (list item or footnote without text). */
  private placeLabelLine(): void {
    const height = BODY.size * BODY.leading;
    const ascent = this.m.ascent('regular') * BODY.size;
    const descent = this.m.descent('regular') * BODY.size;
    this.placeLines([height], (_, top) => this.flushLabels(top + (height - ascent - descent) / 2 + ascent));
  }

  private renderBlockquote(node: Blockquote, box: Box, parent: StructElement, ctx: BlockContext): void {
    const indent = this.indentFor(box, QUOTE.indent);
    const inner: Box = { x: box.x + indent, width: box.width - indent };
    this.addGap(SPACING.block);
    const el = createStruct(this.doc, 'BlockQuote');
    parent.add(el);
    const deco: Decoration | null =
      indent >= QUOTE.indent - EPSILON ? { x: box.x + QUOTE.ruleOffset, start: null, end: 0 } : null;
    if (deco) this.decorations.push(deco);
    this.renderBlocks(node.children, inner, el, { ...ctx, tight: false, outline: false });
    if (deco) {
      this.decorations.splice(this.decorations.indexOf(deco), 1);
      this.drawDecoration(deco);
    }
    el.end();
    this.addGap(SPACING.block);
  }

  private renderFootnote(node: FootnoteDefinition, box: Box, parent: StructElement, ctx: BlockContext): void {
    const labelText = cleanText(`[${node.label ?? node.identifier}]`);
    const style: TextStyle = { ...BODY_STYLE, color: COLORS.muted };
    const width = this.m.width(style.font, style.size, labelText) + LIST.labelGap;
    const indent = this.indentFor(box, width);
    const el = createStruct(this.doc, 'Note');
    parent.add(el);
    const lbl = createStruct(this.doc, 'Lbl');
    el.add(lbl);
    this.addGap(SPACING.paragraph);
    this.labels.push({ text: labelText, style, right: box.x + indent - LIST.labelGap, el: lbl });
    this.renderBlocks(node.children, { x: box.x + indent, width: box.width - indent }, el, { ...ctx, outline: false });
    if (this.labels.some((label) => label.el === lbl)) this.placeLabelLine();
    el.end();
  }

  private renderCode(node: Code, box: Box, parent: StructElement): void {
    const style: TextStyle = { font: 'mono', size: CODE.size, color: COLORS.codeText };
    const pad = CODE.padding;
    const lines = layoutPreformatted(node.value, style, box.width - 2 * pad, CODE.leading, this.m);
    const heights = lines.map((line, i) => line.height + (i === 0 ? pad : 0) + (i === lines.length - 1 ? pad : 0));
    this.addGap(SPACING.block);
    const p = createStruct(this.doc, 'P');
    parent.add(p);
    const code = createStruct(this.doc, 'Code');
    p.add(code);
    const target = this.newTarget(code, 'Code');
    this.placeLines(
      heights,
      (i, top) => {
        const line = lines[i];
        if (line) this.drawLine(line, box.x + pad, top + (i === 0 ? pad : 0), target);
      },
      false,
      // One background rectangle per page (abutting per-line rectangles show seams in viewers).
      (top, height) => this.artifact(() => this.fillRect(box.x, top, box.width, height, COLORS.codeBackground)),
    );
    this.endTarget(target);
    code.end();
    p.end();
    this.addGap(SPACING.block);
  }

  private renderRule(box: Box): void {
    this.addGap(SPACING.block);
    const height = 6;
    if (this.room() < height) this.newPage();
    const top = this.place(height);
    this.artifact(() => this.hLine(box.x, box.x + box.width, top + height / 2, 0.75, COLORS.rule));
    this.addGap(SPACING.block);
  }

  // ---------------------------------------------------------------- tables

  /** Column widths, cell lines and row heights of a table at a given width (cached). */
  private tableLayout(node: Table, box: Box): TableLayout | null {
    const cached = this.tableCache.get(node);
    if (cached && Math.abs(cached.width - box.width) < EPSILON && Math.abs((cached.xs[0] ?? box.x) - box.x) < EPSILON) {
      return cached;
    }
    const rows = node.children.filter((row) => row.children.length > 0);
    if (rows.length === 0) return null;
    const columns = Math.max(...rows.map((row) => row.children.length));
    const padX = Math.min(TABLE.paddingX, box.width / columns / 8);
    const padY = TABLE.paddingY;
    const bodyStyle: TextStyle = { font: 'regular', size: TABLE.size, color: COLORS.text };
    const headStyle: TextStyle = { font: 'bold', size: TABLE.size, color: COLORS.text };

    const prepared = rows.map((row, r) =>
      Array.from({ length: columns }, (_, c) => {
        const cell = row.children[c];
        const style = r === 0 ? headStyle : bodyStyle;
        return prepareText(cell ? toInlines(cell.children, style, this.inlineCtx) : [], style, this.m);
      }),
    );
    const widths = this.columnWidths(prepared, box.width, padX);
    const xs: number[] = [];
    let cursor = box.x;
    for (const width of widths) {
      xs.push(cursor);
      cursor += width;
    }
    const cells = prepared.map((row) =>
      row.map((p, c) => layoutPrepared(p, Math.max(1, (widths[c] ?? 0) - 2 * padX), TABLE.leading, this.m)),
    );
    const rowHeights = cells.map((row) => Math.max(...row.map((lines) => linesHeight(lines))) + 2 * padY);
    const layout: TableLayout = {
      width: box.width,
      columns,
      align: node.align ?? [],
      padX,
      padY,
      widths,
      xs,
      cells,
      rowHeights,
      // Header plus (the start of) the first body row: what must stay together.
      lead:
        (rowHeights[0] ?? 0) +
        (rows.length > 1 ? Math.min(rowHeights[1] ?? 0, 2 * padY + 3 * TABLE.size * TABLE.leading) : 0),
    };
    this.tableCache.set(node, layout);
    return layout;
  }

  private renderTable(node: Table, box: Box, parent: StructElement): void {
    const layout = this.tableLayout(node, box);
    if (!layout) return;
    const { columns, align, padX, padY, widths, xs, cells } = layout;
    const contentHeight = (lines: Line[], from = 0, to = lines.length) => linesHeight(lines.slice(from, to));
    const headerHeight = layout.rowHeights[0] ?? 0;

    this.addGap(SPACING.block);
    // Keep the header with (the start of) the first body row.
    if (!this.atPageTop() && this.room() < layout.lead && layout.lead <= this.pageContentHeight) this.newPage();

    const tableEl = createStruct(this.doc, 'Table');
    parent.add(tableEl);
    let continuationTop = -1;

    const drawRowPart = (
      r: number,
      from: number[],
      to: number[],
      top: number,
      height: number,
      targets: TagTarget[] | null,
    ) => {
      const isHeader = r === 0;
      this.artifact(() => {
        for (let c = 0; c < columns; c++) {
          const x = xs[c] ?? box.x;
          const w = widths[c] ?? 0;
          if (isHeader) this.fillRect(x, top, w, height, COLORS.tableHeaderBackground);
          this.doc
            .save()
            .lineWidth(TABLE.border)
            .strokeColor(COLORS.tableBorder)
            .rect(x, top, w, height)
            .stroke()
            .restore();
        }
      });
      const drawCells = (withTags: boolean) => {
        for (let c = 0; c < columns; c++) {
          const lines = cells[r]?.[c] ?? [];
          let y = top + padY;
          const cellAlign = align[c] ?? null;
          for (let l = from[c] ?? 0; l < (to[c] ?? 0); l++) {
            const line = lines[l];
            if (!line) continue;
            const target = withTags ? (targets?.[c] ?? null) : null;
            const x = (xs[c] ?? box.x) + padX;
            this.drawLine(line, x, y, target, cellAlign ?? 'left', (widths[c] ?? 0) - 2 * padX, lines[l + 1] ?? null);
            y += line.height;
          }
        }
      };
      if (targets) drawCells(true);
      else this.artifact(() => drawCells(false), 'Pagination');
    };

    // Repeat the header row on continuation pages, unless it is unreasonably tall.
    const repeatHeader = headerHeight <= this.pageContentHeight / 3;
    const drawRepeatedHeader = () => {
      if (!repeatHeader) return;
      const all = (cells[0] ?? []).map((lines) => lines.length);
      const top = this.place(headerHeight);
      drawRowPart(
        0,
        all.map(() => 0),
        all,
        top,
        headerHeight,
        null,
      );
      continuationTop = this.y;
    };

    cells.forEach((rowCells, r) => {
      const tr = createStruct(this.doc, 'TR');
      tableEl.add(tr);
      const targets = Array.from({ length: columns }, () => {
        const cellEl = createStruct(this.doc, r === 0 ? 'TH' : 'TD', r === 0 ? { scope: 'Column' } : {});
        tr.add(cellEl);
        return this.newTarget(cellEl, r === 0 ? 'TH' : 'TD');
      });
      const from = rowCells.map(() => 0);
      const ends = rowCells.map((lines) => lines.length);
      for (;;) {
        const remaining = Math.max(...rowCells.map((lines, c) => contentHeight(lines, from[c], ends[c]))) + 2 * padY;
        const room = this.room();
        if (remaining <= room + EPSILON) {
          const top = this.place(remaining);
          drawRowPart(r, from, ends, top, remaining, targets);
          break;
        }
        const freshPage = this.atPageTop() || Math.abs(this.y - continuationTop) < EPSILON;
        const pageRoom = this.pageContentHeight - (r > 0 && repeatHeader ? headerHeight : 0);
        if (!freshPage && remaining <= pageRoom) {
          this.newPage();
          if (r > 0) drawRepeatedHeader();
          continue;
        }
        // The row is taller than a page (or than what is left of a fresh one): split it by lines.
        const to = rowCells.map((lines, c) => {
          let height = 2 * padY;
          let l = from[c] ?? 0;
          while (l < (ends[c] ?? 0) && height + (lines[l]?.height ?? 0) <= room + EPSILON) {
            height += lines[l]?.height ?? 0;
            l++;
          }
          return l;
        });
        // Split only if a useful part of the row fits here (three lines of its tallest cell).
        const placed = Math.max(...to.map((t, c) => t - (from[c] ?? 0)));
        const tallest = Math.max(...ends.map((e, c) => e - (from[c] ?? 0)));
        if (!freshPage && placed < Math.min(3, tallest)) {
          this.newPage();
          if (r > 0) drawRepeatedHeader();
          continue;
        }
        const progress = placed > 0;
        if (!progress) {
          if (freshPage) {
            // Not even one line fits on an empty page: force one line per cell.
            for (let c = 0; c < to.length; c++) to[c] = Math.min(ends[c] ?? 0, (from[c] ?? 0) + 1);
          } else {
            this.newPage();
            if (r > 0) drawRepeatedHeader();
            continue;
          }
        }
        const used = Math.max(...rowCells.map((lines, c) => contentHeight(lines, from[c], to[c]))) + 2 * padY;
        const top = this.place(used);
        drawRowPart(r, from, to, top, used, targets);
        for (let c = 0; c < to.length; c++) from[c] = to[c] ?? 0;
        if (from.every((f, c) => f >= (ends[c] ?? 0))) break;
        this.newPage();
        if (r > 0) drawRepeatedHeader();
      }
      for (const target of targets) {
        this.endTarget(target);
        target.el.end();
      }
      tr.end();
    });
    tableEl.end();
    this.addGap(SPACING.block);
  }

  /**
   * Column widths filling `available`: natural widths when everything fits on one line, otherwise
   * at least the widest unbreakable word (capped) per column, with the remaining space shared in
   * proportion to how much each column would like to grow.
   */
  private columnWidths(prepared: PreparedText[][], available: number, padX: number): number[] {
    const columns = prepared[0]?.length ?? 0;
    const natural: number[] = new Array(columns).fill(0);
    const minimum: number[] = new Array(columns).fill(0);
    // A word wider than this is split between characters rather than widening its column further.
    const longestWord = Math.max(available / columns, available * 0.15);
    for (const row of prepared) {
      row.forEach((cell, c) => {
        natural[c] = Math.max(natural[c] ?? 0, cell.naturalWidth + 2 * padX);
        minimum[c] = Math.max(minimum[c] ?? 0, Math.min(cell.minWidth, longestWord) + 2 * padX);
      });
    }
    const floor = Math.min(available / columns, 2 * padX + 14);
    for (let c = 0; c < columns; c++) {
      minimum[c] = Math.max(minimum[c] ?? 0, floor);
      natural[c] = Math.max(natural[c] ?? 0, minimum[c] ?? 0);
    }
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const naturalSum = sum(natural);
    const minimumSum = sum(minimum);
    if (naturalSum <= available) {
      return natural.map((n) => (n / naturalSum) * available);
    }
    if (minimumSum <= available) {
      const spare = available - minimumSum;
      const wants = natural.map((n, c) => n - (minimum[c] ?? 0));
      const wantSum = sum(wants) || 1;
      return minimum.map((m, c) => m + (spare * (wants[c] ?? 0)) / wantSum);
    }
    return minimum.map((m) => (m / minimumSum) * available);
  }

  // ---------------------------------------------------------------- page furniture

  /** Running header (pages 2+) and "Page N of M" footer, as pagination artifacts. */
  private drawPageFurniture(): void {
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    const style: TextStyle = { font: 'regular', size: HEADER_FOOTER.size, color: COLORS.headerFooter };
    const header = cleanText(this.settings.runningHeader).replace(/\s+/g, ' ').trim();
    const headerText = header ? truncateToWidth(header, style, this.contentWidth, this.m) : '';
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.fill = null;
      this.artifact(() => {
        if (i > 0 && headerText) {
          const baseline = this.top - HEADER_FOOTER.headerOffset + HEADER_FOOTER.size;
          this.drawText(headerText, style, this.left, baseline, this.m.width(style.font, style.size, headerText));
          this.hLine(this.left, this.left + this.contentWidth, baseline + 5, 0.5, COLORS.rule);
        }
        const footer = this.settings.pageLabel.replace('{page}', String(i + 1)).replace('{pages}', String(total));
        const width = this.m.width(style.font, style.size, footer);
        const baseline = this.bottom + HEADER_FOOTER.footerOffset;
        this.drawText(footer, style, this.left + (this.contentWidth - width) / 2, baseline, width);
      }, 'Pagination');
    }
  }
}
