/**
 * Font files for the PDF renderer (DejaVu, from the `dejavu-fonts-ttf` npm package).
 *
 * The TTF files are resolved through Node's module resolution relative to this module, so the
 * same code works from `src/` (vitest) and from a bundled `dist/` file, as long as
 * `dejavu-fonts-ttf` is installed next to it (it is a runtime dependency). Each file is read once
 * per process and kept in memory; a batch build rendering many reports pays the I/O once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { FontFamily } from '../theme/schema.js';

/**
 * The faces the renderer uses: DejaVu Sans (`regular`, `bold`…, gareport's own look), the other
 * families a theme may choose (`serif`, `serifBold`…), and the monospaced face of code.
 */
export type FontKey =
  | 'regular'
  | 'bold'
  | 'italic'
  | 'boldItalic'
  | 'mono'
  | 'serif'
  | 'serifBold'
  | 'serifItalic'
  | 'serifBoldItalic'
  | 'condensed'
  | 'condensedBold'
  | 'condensedItalic'
  | 'condensedBoldItalic'
  | 'serifCondensed'
  | 'serifCondensedBold'
  | 'serifCondensedItalic'
  | 'serifCondensedBoldItalic';

const FONT_FILES: Record<FontKey, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  serifBoldItalic: 'DejaVuSerif-BoldItalic.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
  condensedItalic: 'DejaVuSansCondensed-Oblique.ttf',
  condensedBoldItalic: 'DejaVuSansCondensed-BoldOblique.ttf',
  serifCondensed: 'DejaVuSerifCondensed.ttf',
  serifCondensedBold: 'DejaVuSerifCondensed-Bold.ttf',
  serifCondensedItalic: 'DejaVuSerifCondensed-Italic.ttf',
  serifCondensedBoldItalic: 'DejaVuSerifCondensed-BoldItalic.ttf',
};

export const FONT_KEYS = Object.keys(FONT_FILES) as readonly FontKey[];

/** The four faces of a family. */
export interface FamilyFaces {
  regular: FontKey;
  bold: FontKey;
  italic: FontKey;
  boldItalic: FontKey;
}

/** The faces of each family a theme may name (theme.yaml `fonts:`). */
export const FAMILY_FACES: Record<FontFamily, FamilyFaces> = {
  'DejaVu Sans': { regular: 'regular', bold: 'bold', italic: 'italic', boldItalic: 'boldItalic' },
  'DejaVu Serif': { regular: 'serif', bold: 'serifBold', italic: 'serifItalic', boldItalic: 'serifBoldItalic' },
  'DejaVu Sans Condensed': {
    regular: 'condensed',
    bold: 'condensedBold',
    italic: 'condensedItalic',
    boldItalic: 'condensedBoldItalic',
  },
  'DejaVu Serif Condensed': {
    regular: 'serifCondensed',
    bold: 'serifCondensedBold',
    italic: 'serifCondensedItalic',
    boldItalic: 'serifCondensedBoldItalic',
  },
};

/** A bold face (for the weight of a fallback font). */
export function isBoldFace(key: FontKey): boolean {
  return /bold/i.test(key);
}

/**
 * Faces whose OpenType `liga` feature forms the f-ligatures from their U+FB00–FB04 glyphs (see
 * shaping.ts; tests/pdf.test.ts checks this against fontkit for every face).
 */
export function formsFLigatures(key: FontKey): boolean | readonly string[] {
  if (key === 'mono') return false;
  // DejaVu Serif's `liga` sets "ffi" as ff + i.
  return key.startsWith('serif') ? ['ffl', 'ff', 'fi', 'fl'] : true;
}

/**
 * Name under which each face is registered in a PDFKit document. Prefixed so it can never collide
 * with a PDFKit standard-font name or a file path.
 */
export function fontAlias(key: FontKey): string {
  return `gareport-${key}`;
}

/** File name of a face's TTF file (for messages). */
export function fontFileName(key: FontKey): string {
  return FONT_FILES[key];
}

const bytesCache = new Map<FontKey, Uint8Array>();
let resolver: NodeJS.Require | undefined;

/** Absolute path of the TTF file for a face. Throws a descriptive error if the package is missing. */
export function fontPath(key: FontKey): string {
  resolver ??= createRequire(import.meta.url);
  const spec = `dejavu-fonts-ttf/ttf/${FONT_FILES[key]}`;
  try {
    return resolver.resolve(spec);
  } catch (error) {
    throw new Error(
      `PDF rendering needs the npm package "dejavu-fonts-ttf" (could not resolve ${spec}): ${(error as Error).message}`,
    );
  }
}

/** The bytes of a face's TTF file, read from disk on first use and cached for the process. */
export function fontBytes(key: FontKey): Uint8Array {
  let bytes = bytesCache.get(key);
  if (!bytes) {
    bytes = readFileSync(fontPath(key));
    bytesCache.set(key, bytes);
  }
  return bytes;
}
