/**
 * Font selection and text measurement for a PDFKit document, with process-wide caches.
 *
 * Each face is read once per process (fonts.ts reads the file, sfnt.ts its tables) into a
 * `FaceShaper` (shaping.ts), which measures text, and a `PdfkitFont` (pdfkit-internals.ts), which
 * PDFKit draws and embeds with; both shape text with the same `FaceShaper`, so what is drawn is
 * exactly what was measured. Faces nobody uses are never read.
 *
 * Measuring never touches the document. PDFKit instantiates a face when it is first drawn in a
 * document, so its font ids (F1, F2, …, which also seed the subset tags) follow the drawing order,
 * which depends only on the document: output is byte-identical whatever earlier documents of the
 * process measured or drew.
 */
import { type FontKey, fontAlias, fontBytes, fontFileName, formsFLigatures } from './fonts.js';
import { checkPdfkitFont, type Doc, type PdfkitFont, pdfkitFont, registerFontSource } from './pdfkit-internals.js';
import { readSfnt } from './sfnt.js';
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

export class DocMeasurer implements Measurer {
  private selectedFont: FontKey | null = null;
  private selectedSize = -1;
  /** Faces registered with this document. */
  private readonly registered = new Set<FontKey>();

  constructor(private readonly doc: Doc) {}

  /** Makes `font` at `size` the document's current font (no-op if it already is). */
  select(font: FontKey, size: number): void {
    if (this.selectedFont !== font) {
      const alias = fontAlias(font);
      const first = !this.registered.has(font);
      if (first) {
        registerFontSource(this.doc, alias, face(font).pdfkit);
        this.registered.add(font);
      }
      this.doc.font(alias);
      if (first) checkPdfkitFont(this.doc, face(font).pdfkit);
      this.selectedFont = font;
    }
    if (this.selectedSize !== size) {
      this.doc.fontSize(size);
      this.selectedSize = size;
    }
  }

  width(font: FontKey, size: number, text: string): number {
    if (text.length === 0) return 0;
    // The same expression as PDFKit's EmbeddedFont#widthOfString.
    return face(font).shaper.width(text) * (size / 1000);
  }

  hasGlyph(font: FontKey, codePoint: number): boolean {
    return face(font).shaper.hasGlyph(codePoint);
  }

  ascent(font: FontKey): number {
    return face(font).shaper.ascent;
  }

  descent(font: FontKey): number {
    return face(font).shaper.descent;
  }
}
