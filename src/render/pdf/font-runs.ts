/** Font fallback and bidi levels of styled runs: which face draws each character, at which level. */
import { type FaceRef, isFontkitFace } from './fallback.js';
import type { FontKey } from './fonts.js';
import { isDefaultIgnorable } from './shaping.js';
import { cleanText, type Measurer, type Run, type TextStyle, WHITESPACE } from './text-model.js';

const LATIN = /^[\t\n\r\x20-\x7e\u00a0-\u017f\u2010-\u2022\u2026]*$/;

const derivedStyles = new WeakMap<TextStyle, Map<string, TextStyle>>();

/** A style derived from `style` (cached, so pieces of equal derivations merge by identity). */
function derived(style: TextStyle, key: string, make: () => TextStyle): TextStyle {
  let perStyle = derivedStyles.get(style);
  if (!perStyle) {
    perStyle = new Map();
    derivedStyles.set(style, perStyle);
  }
  let variant = perStyle.get(key);
  if (!variant) {
    variant = make();
    perStyle.set(key, variant);
  }
  return variant;
}

function withFace(style: TextStyle, face: FaceRef): TextStyle {
  return face === style.font ? style : derived(style, `face:${face}`, () => ({ ...style, font: face }));
}

function asMissing(style: TextStyle): TextStyle {
  return derived(style, 'missing', () => ({ ...style, missing: true }));
}

export function withLevel(style: TextStyle, level: number): TextStyle {
  return (style.level ?? 0) === level ? style : derived(style, `level:${level}`, () => ({ ...style, level }));
}

const MARK = /\p{M}/u;

/**
 * Splits a run so every character is drawn by a face that has it (per character, see
 * fallback.ts): combining marks and joiners stay with the character before them, so shaping sees
 * whole clusters; a character no font has gets the `missing` style (a visible placeholder);
 * default-ignorable characters (variation selectors, joiners) without a glyph are dropped.
 */
export function withFontFallback(run: Run, m: Measurer): Run[] {
  const { style } = run;
  const text = cleanText(run.text);
  // Fast path: printable ASCII, Latin-1 and Latin Extended-A are in every DejaVu face.
  if (LATIN.test(text) || isFontkitFace(style.font)) return text === run.text ? [run] : [{ text, style }];
  const font = style.font as FontKey;
  const faceFor = (cp: number): FaceRef | null =>
    m.faceFor
      ? m.faceFor(font, cp)
      : m.hasGlyph(font, cp)
        ? font
        : font !== 'regular' && m.hasGlyph('regular', cp)
          ? 'regular'
          : null;
  let allCovered = true;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x20 && faceFor(cp) !== font) {
      allCovered = false;
      break;
    }
  }
  if (allCovered) return text === run.text ? [run] : [{ text, style }];
  const out: Run[] = [];
  let current = '';
  let currentStyle = style;
  const push = (s: TextStyle, chunk: string) => {
    if (s !== currentStyle) {
      if (current) out.push({ text: current, style: currentStyle });
      current = '';
      currentStyle = s;
    }
    current += chunk;
  };
  const chars = Array.from(text);
  chars.forEach((ch, index) => {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp <= 0x20 || WHITESPACE.test(ch)) {
      push(spaceStyle(chars, index, currentStyle, style, faceFor, m), ch);
    } else if (
      current &&
      !currentStyle.missing &&
      (MARK.test(ch) || isDefaultIgnorable(cp)) &&
      (isFontkitFace(currentStyle.font) || m.hasGlyph(currentStyle.font, cp))
    ) {
      push(currentStyle, ch); // a mark or joiner the face of its cluster draws
    } else if (isDefaultIgnorable(cp)) {
      // Invisible (joiners, variation selectors…): dropped when the font has no glyph, as in shaping.
    } else if (current && currentStyle.missing && MARK.test(ch)) {
      push(currentStyle, ch);
    } else {
      const face = faceFor(cp);
      push(face === null ? asMissing(style) : withFace(style, face), ch);
    }
  });
  if (current) out.push({ text: current, style: currentStyle });
  return out;
}

/**
 * The style of a word space in a run with fallback faces: the shaped face of the text before it
 * or else after it, where that face has a space, so that the space is drawn in the run it sits in
 * (a real space in the text a reader gets, issue 22); else the run's own style.
 */
function spaceStyle(
  chars: readonly string[],
  index: number,
  currentStyle: TextStyle,
  style: TextStyle,
  faceFor: (cp: number) => FaceRef | null,
  m: Measurer,
): TextStyle {
  const ch = chars[index] ?? ' ';
  const cp = ch.codePointAt(0) ?? 0x20;
  if (cp !== 0x20) return style;
  if (index > 0 && !currentStyle.missing && isFontkitFace(currentStyle.font) && m.hasGlyph(currentStyle.font, cp))
    return currentStyle;
  let next = index + 1;
  while (next < chars.length && WHITESPACE.test(chars[next] ?? '')) next++;
  const following = chars[next]?.codePointAt(0);
  if (following === undefined) return style;
  const face = faceFor(following);
  return face !== null && isFontkitFace(face) && m.hasGlyph(face, cp) ? withFace(style, face) : style;
}
