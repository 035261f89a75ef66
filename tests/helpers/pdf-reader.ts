/**
 * Test helper: reads a PDF with pdfjs-dist (legacy build, works in Node without a worker setup)
 * and returns what tests usually want to assert on.
 *
 *   const pdf = await readPdf(bytes);
 *   pdf.numPages;                  // 3
 *   pdf.pages[0];                  // text of page 1, lines separated by '\n'
 *   pdf.text;                      // all pages joined with '\n\f\n'
 *   pdf.contentText;               // same without artifacts (running header, page numbers)
 *   pdf.info.Title;                // document information dictionary (+ Language = catalog /Lang)
 *   pdf.outline;                   // [{ title: 'Policy Target No. 1', children: [{ title: …, children: [] }] }]
 *   pdf.tagged;                    // MarkInfo /Marked is true
 *   pdf.structRoles;               // ['Document', 'H1', 'H2', 'P', …] over all pages ([] if untagged)
 *   pdf.pageDetails[0].items;      // positioned text items (PDF points, origin bottom-left), each
 *                                  // with its marked-content tag ('P', 'H2', 'Artifact', …)
 *   pdf.pageDetails[0].links;      // link annotations: [{ url, rect }]
 *   pdf.langSpans;                 // structure elements in another language than the document's:
 *                                  // [{ lang: 'en', text: 'Establish the necessary…' }]
 *
 * The input bytes are copied, so the caller's array stays usable (pdfjs may detach buffers).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text as positioned by the PDF (PDF user space: points, origin at the bottom-left). */
export interface PdfTextItem {
  str: string;
  /** Left edge of the text (transform e). */
  x: number;
  /** Baseline (transform f). */
  y: number;
  width: number;
  height: number;
  fontName: string;
  /** pdfjs detected the end of a line after this item. */
  hasEOL: boolean;
  /** 'rtl' when pdfjs read the item's glyphs as right-to-left text (and put them in logical order). */
  dir: string;
  /** Innermost marked-content tag around the item ('P', 'H2', 'Artifact', …), or null. */
  tag: string | null;
  /** Id of the innermost marked content with an MCID (matches struct tree content ids), or null. */
  mcid: string | null;
  /** Inside an /Artifact marked-content sequence (running header/footer, decorations). */
  artifact: boolean;
}

export interface PdfLink {
  /** Target URL of a URI link annotation (null for internal links). */
  url: string | null;
  /** Annotation rectangle [x1, y1, x2, y2] in PDF points. */
  rect: number[];
}

export interface PdfStructNode {
  role: string;
  /** The element's /Lang, where it has one. */
  lang?: string;
  children: Array<PdfStructNode | PdfStructContent>;
}

export interface PdfStructContent {
  /** 'content' (marked content on a page) or 'object' (e.g. a link annotation). */
  type: string;
  id: string;
}

export interface PdfPageDetails {
  /** 1-based page number. */
  number: number;
  /** Page size in points (viewport at scale 1, so rotation is applied). */
  width: number;
  height: number;
  /** Text of the page: items in content order, '\n' after each line. */
  text: string;
  /** Like `text` but without artifacts (running header/footer): the tagged content only. */
  contentText: string;
  items: PdfTextItem[];
  /** Link annotations on the page. */
  links: PdfLink[];
  /** Structure tree of the page (null when untagged or when `structTree: false`). */
  structTree: PdfStructNode | null;
}

export interface PdfOutlineNode {
  title: string;
  children: PdfOutlineNode[];
  /** Destination as pdfjs reports it (explicit array or named destination). */
  dest: unknown;
  /** URL for link items, else null. */
  url: string | null;
}

export interface PdfInfo {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  /** Raw PDF date strings, e.g. "D:20141201000000Z". */
  CreationDate?: string;
  ModDate?: string;
  /** Catalog /Lang, as exposed by pdfjs. */
  Language?: string | null;
  PDFFormatVersion?: string;
  [key: string]: unknown;
}

export interface PdfMarkInfo {
  Marked: boolean;
  UserProperties: boolean;
  Suspects: boolean;
}

export interface PdfReadResult {
  numPages: number;
  /** Text per page (index 0 = page 1). */
  pages: string[];
  /** All page texts joined with '\n\f\n'. */
  text: string;
  /** All pages' `contentText` joined with '\n' (no page furniture between pages). */
  contentText: string;
  pageDetails: PdfPageDetails[];
  info: PdfInfo;
  /** Raw XMP metadata packet, or null. */
  xmp: string | null;
  outline: PdfOutlineNode[];
  markInfo: PdfMarkInfo | null;
  /** MarkInfo /Marked is true. */
  tagged: boolean;
  /** At least one page has a structure tree. */
  hasStructTree: boolean;
  /** Sorted distinct structure roles over all pages. */
  structRoles: string[];
  /** Structure elements whose /Lang differs from the document's, with the text they hold. */
  langSpans: { lang: string; role: string; text: string }[];
}

export interface ReadPdfOptions {
  /** Fetch per-page structure trees (default true). */
  structTree?: boolean;
}

interface RawOutlineNode {
  title: string;
  dest: unknown;
  url: string | null;
  items: RawOutlineNode[];
}

function convertOutline(items: readonly RawOutlineNode[] | null): PdfOutlineNode[] {
  return (items ?? []).map((item) => ({
    title: item.title,
    dest: item.dest,
    url: item.url ?? null,
    children: convertOutline(item.items),
  }));
}

function collectRoles(node: PdfStructNode | PdfStructContent, into: Set<string>): void {
  if ('role' in node) {
    into.add(node.role);
    for (const child of node.children ?? []) collectRoles(child, into);
  }
}

/** Depth-first list of structure nodes with the given role in a page tree. */
export function findStructNodes(root: PdfStructNode | null, role: string): PdfStructNode[] {
  const found: PdfStructNode[] = [];
  const visit = (node: PdfStructNode | PdfStructContent) => {
    if (!('role' in node)) return;
    if (node.role === role) found.push(node);
    for (const child of node.children ?? []) visit(child);
  };
  if (root) visit(root);
  return found;
}

/** The elements with a /Lang other than `documentLang`, and the text of the marked content under each. */
function langSpansOf(pages: readonly PdfPageDetails[], documentLang: string | null | undefined) {
  const spans: { lang: string; role: string; text: string }[] = [];
  for (const page of pages) {
    const textOf = (node: PdfStructNode | PdfStructContent): string => {
      if (!('role' in node))
        return page.items
          .filter((item) => item.mcid === node.id)
          .map((item) => item.str)
          .join('');
      return (node.children ?? []).map(textOf).join('');
    };
    const visit = (node: PdfStructNode | PdfStructContent) => {
      if (!('role' in node)) return;
      if (node.lang && node.lang !== documentLang) spans.push({ lang: node.lang, role: node.role, text: textOf(node) });
      for (const child of node.children ?? []) visit(child);
    };
    if (page.structTree) visit(page.structTree);
  }
  return spans;
}

/** Collapses all whitespace to single spaces (handy for "contains this sentence" assertions). */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export async function readPdf(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<PdfReadResult> {
  const wantStruct = options.structTree ?? true;
  const task = getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const [metadata, rawOutline, markInfo] = await Promise.all([
      doc.getMetadata(),
      doc.getOutline() as Promise<RawOutlineNode[] | null>,
      doc.getMarkInfo(),
    ]);
    const pageDetails: PdfPageDetails[] = [];
    const roles = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent({ includeMarkedContent: true });
      const items: PdfTextItem[] = [];
      const stack: Array<{ tag: string | null; id: string | null }> = [];
      let text = '';
      let contentText = '';
      for (const item of content.items) {
        if (!('str' in item)) {
          const marked = item as { type: string; id?: string | null; tag?: string | null };
          if (marked.type === 'endMarkedContent') stack.pop();
          else stack.push({ tag: marked.tag ?? null, id: marked.id ?? null });
          continue;
        }
        const transform = item.transform as number[];
        const innermostId = [...stack].reverse().find((entry) => entry.id)?.id ?? null;
        items.push({
          str: item.str,
          x: transform[4] ?? 0,
          y: transform[5] ?? 0,
          width: item.width,
          height: item.height,
          fontName: item.fontName,
          hasEOL: item.hasEOL,
          dir: item.dir,
          tag: stack[stack.length - 1]?.tag ?? null,
          mcid: innermostId,
          artifact: stack.some((entry) => entry.tag === 'Artifact'),
        });
        const piece = item.hasEOL ? `${item.str}\n` : item.str;
        text += piece;
        if (!stack.some((entry) => entry.tag === 'Artifact')) contentText += piece;
      }
      let structTree: PdfStructNode | null = null;
      if (wantStruct) {
        structTree = ((await page.getStructTree()) as PdfStructNode | null) ?? null;
        if (structTree) collectRoles(structTree, roles);
      }
      const annotations = (await page.getAnnotations()) as Array<{
        subtype?: string;
        url?: string;
        unsafeUrl?: string;
        rect?: number[];
      }>;
      const links = annotations
        .filter((a) => a.subtype === 'Link')
        .map((a) => ({ url: a.url ?? a.unsafeUrl ?? null, rect: a.rect ?? [] }));
      pageDetails.push({
        number: n,
        width: viewport.width,
        height: viewport.height,
        text,
        contentText,
        items,
        links,
        structTree,
      });
      page.cleanup();
    }
    const pages = pageDetails.map((p) => p.text);
    return {
      numPages: doc.numPages,
      pages,
      text: pages.join('\n\f\n'),
      contentText: pageDetails.map((p) => p.contentText).join('\n'),
      pageDetails,
      info: metadata.info as PdfInfo,
      xmp: metadata.metadata ? String(metadata.metadata.getRaw()) : null,
      outline: convertOutline(rawOutline),
      markInfo: markInfo ?? null,
      tagged: markInfo?.Marked === true,
      hasStructTree: pageDetails.some((p) => p.structTree !== null),
      structRoles: [...roles].sort(),
      langSpans: langSpansOf(pageDetails, (metadata.info as PdfInfo).Language),
    };
  } finally {
    await doc.destroy();
  }
}
