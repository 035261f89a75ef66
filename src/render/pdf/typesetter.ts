/**
 * The PDF document of a report: sets up PDFKit, lays the tree's blocks out on pages and adds the
 * page furniture.
 *
 * Every drawing of real content is wrapped in marked content attached to a structure element, and
 * every decoration (rules, backgrounds, borders, running header/footer) is marked as an Artifact.
 * The steps: page-flow.ts (cursor and page breaks), render-blocks.ts, lists.ts and tables.ts (block
 * renderers), keep.ts (keep-with-next), draw-line.ts and paint.ts (drawing), tagging.ts (structure
 * tree and outline), furniture.ts and running-sections.ts
 * (running header and footer).
 */
import type { Nodes, Root } from 'mdast';
import PDFDocument from 'pdfkit';
import { isTitleBlock } from '../../compose/title-block.js';
import { yieldPoint } from '../../load/yield-point.js';
import type { DocumentMeta } from '../document-meta.js';
import { BlockText } from './block-text.js';
import type { BlockContext, RenderContext } from './context.js';
import { type CoverToDraw, drawCover } from './cover.js';
import type { FontPlan } from './fallback.js';
import { drawPageFurniture } from './furniture.js';
import type { InlineContext } from './inline.js';
import { DocMeasurer } from './measure.js';
import { type Box, PageFlow } from './page-flow.js';
import { Painter } from './paint.js';
import { createStruct, type Doc, escapeXmpMetadata, type StructElement } from './pdfkit-internals.js';
import { renderBlocks, renderBlocksYielding } from './render-blocks.js';
import { RunningSections } from './running-sections.js';
import { TableLayouts } from './table-layout.js';
import { Outline } from './tagging.js';
import { PAGE_SIZES, type PdfLook } from './theme.js';

export interface RenderSettings extends DocumentMeta {
  /** The footer in the report's language, with `{page}` and `{pages}`. */
  pageLabel: string;
  /** Faces for characters the built-in fonts lack (fallback.ts); without it only DejaVu is used. */
  fonts?: FontPlan | undefined;
  /** Margins, colours, body text and headings (theme.yaml, through pdfLook). */
  look: PdfLook;
  /** A title page first; the tree's own title block (what comes before its first target) is left out. */
  cover?: CoverToDraw | undefined;
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

function createDocument(settings: RenderSettings, width: number, height: number): Doc {
  const margins = settings.look.margins;
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

  return new PDFDocument({
    size: [width, height],
    margins: { top: margins.top, bottom: margins.bottom, left: margins.left, right: margins.right },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    // PDF/UA-1 (issue 22): declared in the XMP metadata (pdfuaid:part 1); PDFKit also writes a
    // CIDSet for each font.
    // @types/pdfkit (0.17) does not list PDFKit 0.20's 'PDF/UA' subset.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang: settings.lang,
    displayTitle: true,
    info,
    // No default font: PDFKit would otherwise load its Helvetica metrics (unavailable when
    // bundled, and without Unicode coverage). DocMeasurer registers each face on first use.
    font: null as unknown as string,
  });
}

/** Typesets one tree into one PDF document (use once). */
export class PdfTypesetter implements RenderContext {
  readonly doc: Doc;
  readonly m: DocMeasurer;
  readonly flow: PageFlow;
  readonly paint: Painter;
  readonly text: BlockText;
  readonly outline: Outline;
  readonly sections: RunningSections;
  readonly tables: TableLayouts;
  readonly inlineCtx: InlineContext;
  readonly left: number;
  readonly look: PdfLook;
  readonly contentWidth: number;
  private readonly structRoot: StructElement;

  constructor(
    private readonly tree: Root,
    private readonly settings: RenderSettings,
  ) {
    const [width, height] = PAGE_SIZES[settings.paper];
    this.look = settings.look;
    const margins = settings.look.margins;
    this.left = margins.left;
    this.contentWidth = width - margins.left - margins.right;
    this.doc = createDocument(settings, width, height);
    escapeXmpMetadata(this.doc);
    this.m = new DocMeasurer(this.doc, settings.fonts);
    this.inlineCtx = { definitions: collectDefinitions(tree), colors: settings.look.colors };
    this.paint = new Painter(this.doc, this.m, settings.look.colors, settings.lang);
    this.sections = new RunningSections(tree);
    const sections = this.sections;
    this.flow = new PageFlow(this.doc, this.paint, margins.top, height - margins.bottom, (page) =>
      sections.placed(page),
    );
    this.text = new BlockText(this.m, this.inlineCtx, this.look);
    this.tables = new TableLayouts(this.m, this.inlineCtx, this.look);
    this.outline = new Outline(this.doc);
    this.structRoot = createStruct(this.doc, 'Document');
    this.doc.addStructure(this.structRoot);
  }

  renderBlocks(nodes: readonly Nodes[], box: Box, parent: StructElement, ctx: BlockContext): void {
    renderBlocks(this, nodes, box, parent, ctx);
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

    let blocks = this.tree.children;
    const { cover } = this.settings;
    if (cover) {
      drawCover(this, cover, this.structRoot);
      // The cover says what the title block said; other text before the first target stays.
      blocks = blocks.filter((node) => !isTitleBlock(node));
    }
    await renderBlocksYielding(this, blocks, { x: this.left, width: this.contentWidth }, this.structRoot, {
      tight: false,
      listDepth: 0,
      outline: true,
    });
    await yieldPoint();
    this.structRoot.end();
    drawPageFurniture(this, { ...this.settings, coverPage: Boolean(cover) });
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
}
