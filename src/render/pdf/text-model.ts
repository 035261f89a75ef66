/**
 * The data of inline text layout: styled runs in, measured pieces and lines out, and the
 * `Measurer` that gives widths. Shared by the steps in prepare.ts, font-runs.ts and line-break.ts.
 */
import type { FaceRef } from './fallback.js';
import type { FontKey } from './fonts.js';

export interface LinkTarget {
  /** Target URL as written in the Markdown. */
  readonly url: string;
  /** Whether an annotation is created (absolute http(s)/mailto/ftp/tel URLs only). */
  readonly clickable: boolean;
  /** Plain text of the link, used as the annotation's /Contents. */
  readonly description: string;
}

export interface TextStyle {
  /** A built-in face, or after font fallback the fontkit face that draws the run. */
  readonly font: FaceRef;
  readonly size: number;
  readonly color: string;
  readonly link?: LinkTarget | undefined;
  readonly underline?: boolean | undefined;
  readonly strike?: boolean | undefined;
  /** Background fill behind the text (inline code). */
  readonly background?: string | undefined;
  /** Bidi embedding level of the run (odd: right to left); absent means 0. */
  readonly level?: number | undefined;
  /** No font has these characters: a visible placeholder is drawn instead (issue 10). */
  readonly missing?: boolean | undefined;
  /** Language of text in another language than the document's (the form's untranslated text, issue 11). */
  readonly lang?: string | undefined;
}

export interface Run {
  readonly text: string;
  readonly style: TextStyle;
}

export interface HardBreak {
  readonly hardBreak: true;
}

export type Inline = Run | HardBreak;

export const HARD_BREAK: HardBreak = { hardBreak: true };

export interface Measurer {
  /** Advance width in points of `text` set in `font` at `size`. */
  width(font: FaceRef, size: number, text: string): number;
  /** Whether the face has a glyph for the code point. */
  hasGlyph(font: FaceRef, codePoint: number): boolean;
  /** Ascender / descender (positive) as a fraction of the font size. */
  ascent(font: FaceRef): number;
  descent(font: FaceRef): number;
  /**
   * The face that draws a character of a run styled `font`, or null when no font has it (see
   * fallback.ts). Without it, only the built-in faces are tried.
   */
  faceFor?(font: FontKey, codePoint: number): FaceRef | null;
}

export interface Piece {
  text: string;
  style: TextStyle;
  width: number;
}

export interface TextSegment {
  /** Inter-word space before this segment; dropped at the start of a line. */
  glue: Piece | null;
  /** Content that must not be broken (unless it is wider than a whole line). */
  pieces: Piece[];
  width: number;
}

export type Segment = TextSegment | HardBreak;

export interface Line {
  pieces: Piece[];
  width: number;
  height: number;
  /** Distance from the top of the line box to the baseline. */
  baseline: number;
  /** The paragraph runs right to left: the line is aligned right. */
  rtl?: boolean;
}

/** Segments of a paragraph, measured once and laid out at any width. */
export interface PreparedText {
  readonly segments: readonly Segment[];
  readonly baseStyle: TextStyle;
  /** Width of the longest line if nothing wrapped. */
  readonly naturalWidth: number;
  /** Width of the widest unbreakable segment. */
  readonly minWidth: number;
  /** The paragraph's direction is right to left (its first strong character is). */
  readonly rtl: boolean;
}

export const EPSILON = 0.01;
export const WHITESPACE = /[\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u205f\u3000]/;
export const TOKEN =
  /([\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u205f\u3000]+)|(\u200b)|([^\t\n\v\f\r \u1680\u2000-\u200a\u2028\u2029\u205f\u3000\u200b]+)/g;
/** Characters after which a line may break inside a word (URLs, paths, compounds). */
export const BREAK_AFTER = new Set(['/', '\\', '-', '\u2010', '\u2013', '\u2014', '?', '&', '=', '_', '|']);
export const HAS_BREAK_AFTER = /[/\\\-\u2010\u2013\u2014?&=_|]/;
/** Characters that should not start a line after a break-after character. */
export const NO_BREAK_BEFORE = /[)\]}.,;:!?'"»”’%\u2010\u2013\u2014/\\\-_|&=]/;
// Controls (except tab/newline handled as whitespace), soft hyphen and BOM are dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const STRIP = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\ufeff]/g;

/**
 * Cleans text from the Markdown tree: strips control characters and soft hyphens, and composes
 * characters (NFC), so that a letter followed by a combining accent is drawn with the font's
 * precomposed glyph (the renderer does no OpenType mark positioning, see shaping.ts).
 */
export function cleanText(text: string): string {
  return text.replace(STRIP, '').normalize('NFC');
}

export function isHardBreak(item: Inline | Segment): item is HardBreak {
  return 'hardBreak' in item;
}
