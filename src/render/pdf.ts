/**
 * mdast -> PDF renderer (PDFKit).
 *
 * Renders a remark tree (`unified().use(remarkParse).use(remarkGfm).parse(markdown)`) into a
 * tagged, bookmarked PDF with embedded DejaVu fonts. Output is deterministic: identical tree and
 * options give byte-identical files (no clock or randomness is involved; `creationDate` seeds the
 * dates and the file ID).
 *
 * Layout, pagination and tagging start in ./pdf/typesetter.ts; inline line breaking in ./pdf/text.ts.
 */
import type { Nodes, Root } from 'mdast';
import { type Logo, readLogo } from '../model/country-logo.js';
import type { CoverData } from './cover-content.js';
import type { DocumentMeta } from './document-meta.js';
import { planFonts } from './pdf/coverage.js';
import { isSimpleLatin } from './pdf/scripts.js';
import { pdfLook } from './pdf/theme.js';
import { PdfTypesetter } from './pdf/typesetter.js';
import type { Theme } from './theme/schema.js';

export { missingCharacters } from './pdf/coverage.js';

export interface PdfOptions extends DocumentMeta {
  /**
   * Fonts for characters the built-in ones lack (issue 10): font files, folders or npm font
   * packages, tried in order before the system's fonts. Relative entries are looked up from
   * `fontsBaseDir`.
   */
  fonts?: readonly string[] | undefined;
  fontsBaseDir?: string | undefined;
  /** Look at the system's fonts too (default true). */
  systemFonts?: boolean | undefined;
  /** Fonts, colours, sizes and margins (theme.yaml); gareport's own look when not given. */
  theme?: Theme | undefined;
  /** A title page before the report, which then starts at its first target (issue 11). */
  cover?: CoverData | undefined;
}

/** All text a tree shows (for choosing fonts before layout). */
function textOf(node: Nodes, out: string[]): void {
  if ('value' in node && typeof node.value === 'string') out.push(node.value);
  if ('alt' in node && typeof node.alt === 'string') out.push(node.alt);
  if ('label' in node && typeof node.label === 'string') out.push(node.label);
  if ('children' in node) for (const child of node.children) textOf(child as Nodes, out);
}

/** Renders a Markdown (mdast) tree to PDF bytes. */
export async function renderPdf(tree: Root, options: PdfOptions): Promise<Uint8Array> {
  if (!(options.creationDate instanceof Date) || Number.isNaN(options.creationDate.getTime())) {
    throw new TypeError('renderPdf: options.creationDate must be a valid Date');
  }
  const { cover } = options;
  const texts = [options.title, options.subject, options.runningHeader];
  if (cover) texts.push(cover.title, cover.country, cover.year, ...cover.lines.flatMap((l) => [l.label, l.text]));
  textOf(tree, texts);
  const text = texts.join('\n');
  // Text of only simple Latin (most reports): the built-in faces draw everything, nothing to plan.
  const fonts = isSimpleLatin(text)
    ? undefined
    : await planFonts(text, { fonts: options.fonts, baseDir: options.fontsBaseDir, systemFonts: options.systemFonts });
  const typesetter = new PdfTypesetter(tree, {
    fonts,
    title: options.title,
    subject: options.subject,
    author: options.author,
    keywords: options.keywords,
    lang: options.lang,
    runningHeader: options.runningHeader,
    pageLabel: options.pageLabel ?? 'Page {page} of {pages}',
    paper: options.paper === 'LETTER' ? 'LETTER' : 'A4',
    creationDate: options.creationDate,
    look: pdfLook(options.theme),
    cover: cover && {
      ...cover,
      // PDFKit draws PNG and JPEG; an SVG logo is left out (validate warns about it). Read checked:
      // a logo that changed since it was loaded and is no longer fit is left out, never decoded.
      logo: cover.logo && cover.logo.type !== 'svg' ? await readLogoArray(cover.logo) : undefined,
    },
  });
  return typesetter.render();
}

/** The logo's bytes as PDFKit takes them. */
async function readLogoArray(logo: Logo): Promise<Uint8Array | undefined> {
  const bytes = await readLogo(logo);
  return bytes && new Uint8Array(bytes);
}
