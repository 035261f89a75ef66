/**
 * Which characters the PDF can draw, before anything is laid out: the document's `FontPlan`
 * (fallback.ts), and the characters no font has, for the warnings `build` gives (issue 10). This
 * module loads neither PDFKit nor fontkit unless the text needs fontkit.
 */
import { loadBidi } from './bidi.js';
import { createFontPlan, type FallbackOptions, type FontPlan } from './fallback.js';
import { builtInHasGlyph } from './measure.js';
import { hasRtl } from './scripts.js';

/** The fonts for `text`: which face draws each character; loads fontkit and bidi-js only when needed. */
export async function planFonts(text: string, options: FallbackOptions): Promise<FontPlan> {
  const plan = createFontPlan(builtInHasGlyph, options);
  await plan.add(text);
  if (hasRtl(text)) await loadBidi();
  return plan;
}

/** Characters of `text` that no font available to the PDF can draw. */
export async function missingCharacters(text: string, options: FallbackOptions): Promise<number[]> {
  return (await planFonts(text, options)).missing();
}
