/**
 * Font fallback, per character (issue 10). Before a document is laid out, `planFonts` looks at
 * every character it holds and decides which face draws it:
 *
 * 1. the built-in DejaVu face of the text's style, through the fast in-house shaper, for the simple
 *    scripts it covers (Latin with Vietnamese, Greek, Cyrillic, Armenian, Georgian);
 * 2. the same DejaVu file through fontkit's shaper for the complex scripts it covers (Hebrew,
 *    Arabic joining);
 * 3. the project's fonts (`fonts:` list), then the system's fonts (font-sources.ts), through
 *    fontkit, for everything else;
 * 4. nothing: the character is "missing", drawn as a visible placeholder and reported.
 *
 * fontkit is loaded only when step 2 or 3 is needed. Faces are kept for the process, so a batch
 * opens each font file once. Layout then asks `faceFor` synchronously.
 */
import { faceProblem, readFontFileSync } from './font-file.js';
import { type FontFile, projectFontFiles, systemFontCandidates } from './font-sources.js';
import { type FontKey, fontPath, isBoldFace } from './fonts.js';
import { isSimpleLatin, needsComplexShaping } from './scripts.js';
import { FontkitShaper, loadFontkit, openFontkitFont } from './shaper.js';
import { isDefaultIgnorable } from './shaping.js';

/** A face drawn through fontkit: `fk:` + file path + `#` + index in the collection. */
export type FontkitFaceRef = `fk:${string}`;
export type FaceRef = FontKey | FontkitFaceRef;

export function isFontkitFace(ref: FaceRef): ref is FontkitFaceRef {
  return ref.startsWith('fk:');
}

const opened = new Map<FontkitFaceRef, FontkitShaper | null>();

function refOf(file: FontFile): FontkitFaceRef {
  return `fk:${file.path}#${file.index}`;
}

/** The font file and face behind a ref. */
export function fontFileOf(ref: FontkitFaceRef): FontFile {
  const hash = ref.lastIndexOf('#');
  return { path: ref.slice(3, hash), index: Number(ref.slice(hash + 1)) };
}

/** The fontkit face behind a ref (opened by `planFonts`). */
export function fontkitFace(ref: FontkitFaceRef): FontkitShaper {
  const face = opened.get(ref);
  if (!face) throw new Error(`gareport PDF renderer: font ${ref.slice(3)} was not opened`);
  return face;
}

function open(file: FontFile): FontkitShaper | null {
  const ref = refOf(file);
  let face = opened.get(ref);
  if (face === undefined) {
    let bytes: Uint8Array | undefined;
    try {
      // A regular file within the size limit: never a pipe or /dev/zero (issue 20).
      bytes = readFontFileSync(file.path);
    } catch {
      bytes = undefined;
    }
    const font = bytes ? openFontkitFont(bytes, file.index) : undefined;
    // A face that cannot be read to the end (a broken character map, an em of 0) is not used;
    // `validate` and `build` name the file (batch/font-check.ts).
    face = font && faceProblem(font) === undefined ? new FontkitShaper(font) : null;
    opened.set(ref, face);
  }
  return face;
}

/** Characters never looked up: whitespace, controls, invisible format characters. */
const SKIP = /[\s\p{Cc}]/u;

export interface FallbackOptions {
  /** `fonts:` entries: font files, folders or npm font packages. */
  readonly fonts?: readonly string[] | undefined;
  /** Where relative `fonts:` entries and npm packages are looked up from. */
  readonly baseDir?: string | undefined;
  /** Look at the system's fonts (default true; tests turn it off). */
  readonly systemFonts?: boolean | undefined;
}

type Weight = 'regular' | 'bold';

function weightOf(font: FontKey): Weight {
  return isBoldFace(font) ? 'bold' : 'regular';
}

export class FontPlan {
  /** `${weight}:${codePoint}` → face, or null when no font has the character. */
  private readonly faces = new Map<string, FontkitFaceRef | null>();
  /** System fonts chosen so far, by weight: tried before asking fontconfig again. */
  private readonly chosen: Record<Weight, FontFile[]> = { regular: [], bold: [] };

  constructor(
    private readonly fastHasGlyph: (font: FontKey, codePoint: number) => boolean,
    private readonly candidates: (weight: Weight) => Iterable<FontFile>,
    private readonly systemFonts: boolean,
  ) {}

  /**
   * The face that draws `codePoint` in a run styled `font`: the style's own face when the fast
   * shaper can set it, else a fontkit face, else null (no font has it).
   */
  faceFor(font: FontKey, codePoint: number): FaceRef | null {
    const complex = needsComplexShaping(String.fromCodePoint(codePoint));
    if (!complex && this.fastHasGlyph(font, codePoint)) return font;
    if (!complex && font !== 'regular' && this.fastHasGlyph('regular', codePoint)) return 'regular';
    return this.faces.get(`${weightOf(font)}:${codePoint}`) ?? null;
  }

  /** Decides the faces of the characters of `text`; loads fontkit and fonts as needed. */
  async add(text: string): Promise<void> {
    if (isSimpleLatin(text)) return;
    const seen = new Set<number>();
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (seen.has(cp) || SKIP.test(ch) || isDefaultIgnorable(cp)) continue;
      seen.add(cp);
      const complex = needsComplexShaping(ch);
      if (!complex && this.fastHasGlyph('regular', cp) && this.fastHasGlyph('bold', cp)) continue;
      await loadFontkit();
      for (const weight of ['regular', 'bold'] as const) this.resolve(weight, cp);
    }
  }

  private resolve(weight: Weight, cp: number): void {
    const key = `${weight}:${cp}`;
    if (this.faces.has(key)) return;
    const tried = new Set<string>();
    const attempt = (file: FontFile): boolean => {
      const ref = refOf(file);
      if (tried.has(ref)) return false;
      tried.add(ref);
      if (open(file)?.hasGlyph(cp)) {
        this.faces.set(key, ref);
        return true;
      }
      return false;
    };
    for (const file of this.candidates(weight)) if (attempt(file)) return;
    if (!this.systemFonts) {
      this.faces.set(key, null);
      return;
    }
    for (const file of this.chosen[weight]) if (attempt(file)) return;
    for (const file of systemFontCandidates(cp, weight === 'bold')) {
      if (attempt(file)) {
        this.chosen[weight].push(file);
        return;
      }
    }
    this.faces.set(key, null);
  }

  /** The fontkit faces chosen, each with the code points it draws (in order of first appearance). */
  fontkitFaces(): Map<FontkitFaceRef, number[]> {
    const out = new Map<FontkitFaceRef, Set<number>>();
    for (const [key, ref] of this.faces) {
      if (ref === null) continue;
      const codePoints = out.get(ref) ?? new Set<number>();
      codePoints.add(Number(key.slice(key.indexOf(':') + 1)));
      out.set(ref, codePoints);
    }
    return new Map([...out].map(([ref, codePoints]) => [ref, [...codePoints]]));
  }

  /** Code points no font could draw, in order of first appearance. */
  missing(): number[] {
    const out = new Set<number>();
    for (const [key, ref] of this.faces) if (ref === null) out.add(Number(key.slice(key.indexOf(':') + 1)));
    return [...out];
  }
}

/**
 * A plan for text in the built-in faces plus the `fonts:` list (and the system's fonts). Call
 * `add` with all text of the document before layout.
 */
export function createFontPlan(
  fastHasGlyph: (font: FontKey, codePoint: number) => boolean,
  options: FallbackOptions,
): FontPlan {
  const project = projectFontFiles(options.fonts ?? [], options.baseDir ?? '.').files.map((path) => ({
    path,
    index: 0,
  }));
  const builtIn: Record<Weight, FontFile> = {
    regular: { path: fontPath('regular'), index: 0 },
    bold: { path: fontPath('bold'), index: 0 },
  };
  // Complex scripts DejaVu covers are shaped by fontkit from the same DejaVu file first.
  const candidates = (weight: Weight) => [builtIn[weight], ...project, ...(weight === 'bold' ? [builtIn.regular] : [])];
  return new FontPlan(fastHasGlyph, candidates, options.systemFonts ?? true);
}
