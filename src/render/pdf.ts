/**
 * mdast -> PDF renderer (PDFKit).
 *
 * Renders a remark tree (`unified().use(remarkParse).use(remarkGfm).parse(markdown)`) into a
 * tagged, bookmarked PDF with embedded DejaVu fonts. Output is deterministic: identical tree and
 * options give byte-identical files (no clock or randomness is involved; `creationDate` seeds the
 * dates and the file ID).
 *
 * Layout, pagination and tagging live in ./pdf/renderer.ts; inline line breaking in ./pdf/text.ts.
 */
import type { Root } from 'mdast';
import { PdfRenderer } from './pdf/renderer.js';

export interface PdfOptions {
  /** Document title (metadata Title, shown by viewers in the title bar). */
  title: string;
  /** Metadata Subject. */
  subject: string;
  /** Metadata Author. */
  author?: string;
  /** Metadata Keywords. */
  keywords?: string;
  /** BCP 47 language tag of the content, e.g. 'en' (document /Lang). */
  lang: string;
  /** Printed small at the top of every page except the first, e.g. 'Kosovo — 2014 progress report'. */
  runningHeader: string;
  paper: 'A4' | 'LETTER';
  /** The footer, with `{page}` and `{pages}` where the numbers go; "Page {page} of {pages}" by default. */
  pageLabel?: string | undefined;
  /** Used for CreationDate and ModDate (and the file ID); fix it for reproducible output. */
  creationDate: Date;
}

/** Renders a Markdown (mdast) tree to PDF bytes. */
export async function renderPdf(tree: Root, options: PdfOptions): Promise<Uint8Array> {
  if (!(options.creationDate instanceof Date) || Number.isNaN(options.creationDate.getTime())) {
    throw new TypeError('renderPdf: options.creationDate must be a valid Date');
  }
  const renderer = new PdfRenderer(tree, {
    title: options.title,
    subject: options.subject,
    author: options.author,
    keywords: options.keywords,
    lang: options.lang,
    runningHeader: options.runningHeader,
    pageLabel: options.pageLabel ?? 'Page {page} of {pages}',
    paper: options.paper === 'LETTER' ? 'LETTER' : 'A4',
    creationDate: options.creationDate,
  });
  return renderer.render();
}
