/**
 * Reading a font file a project names (issue 20): a regular file of at most 64 MiB (never a pipe,
 * never `/dev/zero`), that fontkit opens, with a usable em size, a character map that can be read to
 * its end, and glyphs that lay out. Anything else is a problem worded for the user, never an
 * exception from deep inside fontkit in the middle of a build. Fonts are checked once per process.
 */
import { describeBytes, readRegularFile, readRegularFileSync, UnreadableFileError } from '../../load/regular-file.js';
import { MAX_FONT_BYTES } from '../../project/config-paths.js';
import { type FontkitFont, loadFontkit, openFontkitFaces } from './shaper.js';

const NOT_A_FONT = 'this is not a font file gareport can read (TrueType, OpenType or a collection of them)';

/** The bytes of a font file; throws an `UnreadableFileError` for a pipe, a device or a file too large. */
export function readFontFileSync(path: string): Buffer {
  return readRegularFileSync(path, MAX_FONT_BYTES);
}

/** The characters a face maps, read to the end (a broken map throws here, not during layout). */
function sampleOf(font: FontkitFont): number[] {
  const set = (font as { characterSet?: number[] }).characterSet ?? [];
  const step = Math.max(1, Math.floor(set.length / 64));
  return set.filter((_cp, i) => i % step === 0).slice(0, 64);
}

/**
 * Why a face cannot be used, or undefined when it can. Never throws. `deep` also lays out a sample
 * and reads its outlines: only on a font object of its own, since fontkit keeps the characters of a
 * glyph's first use, which the PDF's text layer then gives it (fallback.ts's faces are not probed so).
 */
export function faceProblem(font: FontkitFont | undefined, deep = false): string | undefined {
  if (!font) return NOT_A_FONT;
  try {
    const em = font.unitsPerEm;
    if (!Number.isFinite(em) || em < 16 || em > 16384)
      return `${NOT_A_FONT}: its em size (unitsPerEm) is ${String(em)}, where 16 to 16384 is allowed`;
    const sample = sampleOf(font);
    if (sample.length === 0) return `${NOT_A_FONT}: it maps no characters`;
    for (const cp of sample) font.hasGlyphForCodePoint(cp);
    if (deep) {
      const text = String.fromCodePoint(...sample.filter((cp) => cp > 32 && cp < 0xd800).slice(0, 32));
      // The outlines too: PDFKit copies them into the PDF.
      for (const glyph of font.layout(text).glyphs) void (glyph as { path?: unknown }).path;
    }
    return undefined;
  } catch {
    // fontkit's own words (`Offset is outside the bounds of the DataView`) tell a user nothing.
    return `${NOT_A_FONT}: its tables are damaged or cut short`;
  }
}

const checked = new Map<string, Promise<string | undefined>>();

/** Why the font file at `path` cannot be used (each face of a collection is checked), or undefined. */
export function fontFileProblem(path: string): Promise<string | undefined> {
  let found = checked.get(path);
  if (!found) {
    found = (async () => {
      let bytes: Buffer;
      try {
        bytes = await readRegularFile(path, MAX_FONT_BYTES);
      } catch (error) {
        if (error instanceof UnreadableFileError)
          return error.reason === 'too-large'
            ? `${error.message} (fonts are limited to ${describeBytes(MAX_FONT_BYTES)})`
            : error.message;
        const code = (error as NodeJS.ErrnoException).code;
        return code === 'ENOENT' ? 'there is no such font file' : `cannot read this font file (${code ?? 'error'})`;
      }
      await loadFontkit();
      const faces = openFontkitFaces(bytes);
      if (faces.length === 0) return NOT_A_FONT;
      for (const face of faces) {
        const problem = faceProblem(face, true);
        if (problem) return problem;
      }
      return undefined;
    })();
    checked.set(path, found);
  }
  return found;
}

/** fontkit's glyph and subset, as far as drawing a glyph into the PDF reads them. */
interface ProbedGlyph {
  id: number;
  advanceWidth: number;
  path?: unknown;
}
interface Subsetting {
  createSubset(): { includeGlyph(id: number): number; encode(): unknown };
}

/** The faces of the font files whose glyphs were checked, opened for that only (never drawn with: see `faceProblem`). */
const probes = new Map<string, FontkitFont[]>();

/** The faces of a font file `fontFileProblem` found usable, opened apart from those the PDF draws with. */
async function probeFaces(path: string): Promise<FontkitFont[]> {
  let faces = probes.get(path);
  if (!faces) {
    const bytes = await readRegularFile(path, MAX_FONT_BYTES).catch(() => undefined);
    faces = bytes ? openFontkitFaces(bytes) : [];
    probes.set(path, faces);
  }
  return faces;
}

/** The code points of each face already checked, and what was found (by `path#index`). */
const glyphsChecked = new Map<string, { codePoints: Set<number>; problem?: string | undefined }>();

/**
 * Why face `index` of a font file (checked by `fontFileProblem` first) cannot draw `codePoints`,
 * or undefined: the glyphs are laid out, their outlines and metrics read and subset as PDFKit
 * embeds them, so a font whose outlines alone are damaged is named before the PDF is made rather
 * than failing in the middle of it. Only the code points not checked before are read. Never throws.
 */
export async function glyphsProblem(
  path: string,
  index: number,
  codePoints: readonly number[],
): Promise<string | undefined> {
  if ((await fontFileProblem(path)) !== undefined) return undefined;
  const key = `${path}#${index}`;
  const seen = glyphsChecked.get(key) ?? { codePoints: new Set<number>() };
  glyphsChecked.set(key, seen);
  const fresh = codePoints.filter((cp) => !seen.codePoints.has(cp));
  if (seen.problem !== undefined || fresh.length === 0) return seen.problem;
  const face = (await probeFaces(path))[index];
  if (!face) return undefined;
  for (const cp of fresh) seen.codePoints.add(cp);
  const damaged: number[] = [];
  const ids = new Set<number>();
  for (const cp of fresh) {
    try {
      for (const glyph of face.layout(String.fromCodePoint(cp)).glyphs as ReadonlyArray<ProbedGlyph>) {
        void glyph.advanceWidth;
        void glyph.path;
        ids.add(glyph.id);
      }
    } catch {
      damaged.push(cp);
    }
  }
  if (damaged.length === 0) {
    try {
      const subset = (face as unknown as Subsetting).createSubset();
      for (const id of ids) subset.includeGlyph(id);
      subset.encode();
    } catch {
      damaged.push(...fresh);
    }
  }
  if (damaged.length === 0) return undefined;
  const named = damaged.slice(0, 8).map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  const which = `${named.join(', ')}${damaged.length > 8 ? ' …' : ''}`;
  seen.problem = `the glyphs of this font for ${which} are damaged or cut short, so the PDF cannot draw them`;
  return seen.problem;
}
