/**
 * Font selection and text measurement for a PDFKit document, with process-wide caches.
 *
 * Two kinds of faces, one `Shaper` contract (shaper.ts):
 * - the built-in DejaVu faces, read once per process (fonts.ts reads the file, sfnt.ts its tables)
 *   into a `FaceShaper` (shaping.ts), which measures text, and a `PdfkitFont`
 *   (pdfkit-internals.ts), which PDFKit draws and embeds with; both shape with the same
 *   `FaceShaper`, so what is drawn is exactly what was measured;
 * - fontkit faces (fallback.ts): DejaVu for the complex scripts it covers, and fallback fonts,
 *   opened by the document's `FontPlan` before layout; PDFKit embeds them through fontkit.
 *
 * Measuring never touches the document. PDFKit instantiates a face when it is first drawn in a
 * document, so its font ids (F1, F2, …, which also seed the subset tags) follow the drawing order,
 * which depends only on the document: output is byte-identical whatever earlier documents of the
 * process measured or drew.
 */
import { type FaceRef, type FontPlan, fontkitFace, isFontkitFace } from './fallback.js';
import { type FontKey, fontAlias, fontBytes, fontFileName, formsFLigatures } from './fonts.js';
import { installFastEncode } from './pdfkit-encode.js';
import { checkPdfkitFont, type Doc, type PdfkitFont, pdfkitFont, registerFontSource } from './pdfkit-internals.js';
import { readSfnt } from './sfnt.js';
import type { Shaper } from './shaper.js';
import { FaceShaper } from './shaping.js';
import type { Measurer } from './text.js';

interface Face {
  shaper: FaceShaper;
  pdfkit: PdfkitFont;
}

const faces = new Map<FontKey, Face>();

/** A face, read from its file on first use in the process. */
function face(key: FontKey): Face {
  let loaded = faces.get(key);
  if (!loaded) {
    const font = readSfnt(fontBytes(key), fontFileName(key));
    const shaper = new FaceShaper(font, { fLigatures: formsFLigatures(key) });
    loaded = { shaper, pdfkit: pdfkitFont(font, shaper) };
    faces.set(key, loaded);
  }
  return loaded;
}

function shaperOf(ref: FaceRef): Shaper {
  return isFontkitFace(ref) ? fontkitFace(ref) : face(ref).shaper;
}

export class DocMeasurer implements Measurer {
  private selectedFont: FaceRef | null = null;
  private selectedSize = -1;
  /** Faces registered with this document, by alias. */
  private readonly registered = new Map<FaceRef, string>();

  constructor(
    private readonly doc: Doc,
    private readonly plan?: FontPlan,
  ) {}

  /** Makes `font` at `size` the document's current font (no-op if it already is). */
  select(font: FaceRef, size: number): void {
    if (this.selectedFont !== font) {
      let alias = this.registered.get(font);
      const first = alias === undefined;
      if (alias === undefined) {
        // Fallback faces are named in order of first use: the same document gives the same names.
        alias = isFontkitFace(font) ? `gareport-fallback-${this.registered.size}` : fontAlias(font);
        registerFontSource(this.doc, alias, isFontkitFace(font) ? fontkitFace(font).pdfkit : face(font).pdfkit);
        this.registered.set(font, alias);
      }
      this.doc.font(alias);
      if (first && !isFontkitFace(font)) {
        checkPdfkitFont(this.doc, face(font).pdfkit);
        installFastEncode(this.doc);
      }
      this.selectedFont = font;
    }
    if (this.selectedSize !== size) {
      this.doc.fontSize(size);
      this.selectedSize = size;
    }
  }

  width(font: FaceRef, size: number, text: string): number {
    if (text.length === 0) return 0;
    // The same expression as PDFKit's EmbeddedFont#widthOfString.
    return shaperOf(font).width(text) * (size / 1000);
  }

  hasGlyph(font: FaceRef, codePoint: number): boolean {
    return shaperOf(font).hasGlyph(codePoint);
  }

  faceFor(font: FontKey, codePoint: number): FaceRef | null {
    if (this.plan) return this.plan.faceFor(font, codePoint);
    if (face(font).shaper.hasGlyph(codePoint)) return font;
    return font !== 'regular' && face('regular').shaper.hasGlyph(codePoint) ? 'regular' : null;
  }

  ascent(font: FaceRef): number {
    return shaperOf(font).ascent;
  }

  descent(font: FaceRef): number {
    return shaperOf(font).descent;
  }
}

/** Whether the built-in face `key` has a glyph for the code point (for the font plan). */
export function builtInHasGlyph(key: FontKey, codePoint: number): boolean {
  return face(key).shaper.hasGlyph(codePoint);
}
