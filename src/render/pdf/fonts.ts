/**
 * Font files for the PDF renderer: Noto Serif and Noto Sans (the `@expo-google-fonts/noto-serif`
 * and `@expo-google-fonts/noto-sans` npm packages, SIL Open Font License) for the default look,
 * and DejaVu (`dejavu-fonts-ttf`) for the other families a theme may choose, for code, and as the
 * first fallback for characters Noto lacks (☑ ☐ ◦ ▪ arrows, Armenian, Georgian, Hebrew, Arabic).
 *
 * The TTF files are resolved through Node's module resolution relative to this module, so the
 * same code works from `src/` (vitest) and from a bundled `dist/` file, as long as the packages
 * are installed next to it (they are runtime dependencies). Each file is read once per process
 * and kept in memory; a batch build rendering many reports pays the I/O once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { FontFamily } from '../theme/schema.js';

/**
 * The faces the renderer uses: DejaVu Sans (`regular`, `bold`…, also the first fallback), the
 * other families a theme may choose (`notoSerif`, `serif`, `serifBold`…), and the monospaced face
 * of code.
 */
export type FontKey =
  | 'notoSerif'
  | 'notoSerifBold'
  | 'notoSerifItalic'
  | 'notoSerifBoldItalic'
  | 'notoSans'
  | 'notoSansBold'
  | 'notoSansItalic'
  | 'notoSansBoldItalic'
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

const NOTO_SERIF = '@expo-google-fonts/noto-serif';
const NOTO_SANS = '@expo-google-fonts/noto-sans';

/** Each face's file, as a module path (package and file). */
const FONT_FILES: Record<FontKey, string> = {
  notoSerif: `${NOTO_SERIF}/400Regular/NotoSerif_400Regular.ttf`,
  notoSerifBold: `${NOTO_SERIF}/700Bold/NotoSerif_700Bold.ttf`,
  notoSerifItalic: `${NOTO_SERIF}/400Regular_Italic/NotoSerif_400Regular_Italic.ttf`,
  notoSerifBoldItalic: `${NOTO_SERIF}/700Bold_Italic/NotoSerif_700Bold_Italic.ttf`,
  notoSans: `${NOTO_SANS}/400Regular/NotoSans_400Regular.ttf`,
  notoSansBold: `${NOTO_SANS}/700Bold/NotoSans_700Bold.ttf`,
  notoSansItalic: `${NOTO_SANS}/400Regular_Italic/NotoSans_400Regular_Italic.ttf`,
  notoSansBoldItalic: `${NOTO_SANS}/700Bold_Italic/NotoSans_700Bold_Italic.ttf`,
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
  'Noto Serif': {
    regular: 'notoSerif',
    bold: 'notoSerifBold',
    italic: 'notoSerifItalic',
    boldItalic: 'notoSerifBoldItalic',
  },
  'Noto Sans': {
    regular: 'notoSans',
    bold: 'notoSansBold',
    italic: 'notoSansItalic',
    boldItalic: 'notoSansBoldItalic',
  },
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

/** The module path of a face's TTF file: DejaVu's are named by their file alone. */
function moduleOf(key: FontKey): string {
  const file = FONT_FILES[key];
  return file.startsWith('@') ? file : `dejavu-fonts-ttf/ttf/${file}`;
}

/** File name of a face's TTF file (for messages). */
export function fontFileName(key: FontKey): string {
  return moduleOf(key).slice(moduleOf(key).lastIndexOf('/') + 1);
}

const bytesCache = new Map<FontKey, Uint8Array>();
let resolver: NodeJS.Require | undefined;

/** Absolute path of the TTF file for a face. Throws a descriptive error if the package is missing. */
export function fontPath(key: FontKey): string {
  resolver ??= createRequire(import.meta.url);
  const spec = moduleOf(key);
  try {
    return resolver.resolve(spec);
  } catch (error) {
    const packageName = spec
      .split('/')
      .slice(0, spec.startsWith('@') ? 2 : 1)
      .join('/');
    throw new Error(
      `PDF rendering needs the npm package "${packageName}" (could not resolve ${spec}): ${(error as Error).message}`,
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
