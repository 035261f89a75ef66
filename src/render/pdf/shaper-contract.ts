/**
 * What measuring and drawing need of a face (issue 10), implemented by the fast `FaceShaper`
 * (shaping.ts) and by `FontkitShaper` (shaper.ts). On its own, so that neither implementation's
 * module imports the other's for it.
 */
export interface Shaper {
  /** Width of `text` in 1/1000 em. */
  width(text: string): number;
  /** Whether the face has a glyph for the code point. */
  hasGlyph(codePoint: number): boolean;
  /** Ascender and descender (positive) as a fraction of the font size. */
  readonly ascent: number;
  readonly descent: number;
}
