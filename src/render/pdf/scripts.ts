/**
 * What the PDF renderer needs to know about Unicode scripts: which need complex shaping (fontkit's
 * shaper, see shaper.ts), which run right to left, and, for a character no font can draw, the
 * script's name and the Debian package of a font that covers it (build warnings, issue 10).
 */

interface ScriptInfo {
  readonly name: string;
  /** Inclusive code point ranges. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
  /** Needs OpenType shaping beyond one glyph per character (joining, reordering, marks). */
  readonly complex: boolean;
  /** Debian package with a font covering the script. */
  readonly debian: string;
}

const SCRIPTS: readonly ScriptInfo[] = [
  {
    name: 'Hebrew',
    ranges: [
      [0x0590, 0x05ff],
      [0xfb1d, 0xfb4f],
    ],
    complex: true,
    debian: 'fonts-noto-core',
  },
  {
    name: 'Arabic',
    ranges: [
      [0x0600, 0x06ff],
      [0x0750, 0x077f],
      [0x0870, 0x08ff],
      [0xfb50, 0xfdff],
      [0xfe70, 0xfeff],
    ],
    complex: true,
    debian: 'fonts-noto-core',
  },
  { name: 'Syriac', ranges: [[0x0700, 0x074f]], complex: true, debian: 'fonts-noto-extra' },
  { name: 'Thaana', ranges: [[0x0780, 0x07bf]], complex: true, debian: 'fonts-noto-core' },
  {
    name: 'Devanagari',
    ranges: [
      [0x0900, 0x097f],
      [0xa8e0, 0xa8ff],
    ],
    complex: true,
    debian: 'fonts-noto-core',
  },
  { name: 'Bengali', ranges: [[0x0980, 0x09ff]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Gurmukhi', ranges: [[0x0a00, 0x0a7f]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Gujarati', ranges: [[0x0a80, 0x0aff]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Oriya', ranges: [[0x0b00, 0x0b7f]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Tamil', ranges: [[0x0b80, 0x0bff]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Telugu', ranges: [[0x0c00, 0x0c7f]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Kannada', ranges: [[0x0c80, 0x0cff]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Malayalam', ranges: [[0x0d00, 0x0d7f]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Sinhala', ranges: [[0x0d80, 0x0dff]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Thai', ranges: [[0x0e00, 0x0e7f]], complex: true, debian: 'fonts-thai-tlwg' },
  { name: 'Lao', ranges: [[0x0e80, 0x0eff]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Tibetan', ranges: [[0x0f00, 0x0fff]], complex: true, debian: 'fonts-noto-core' },
  {
    name: 'Myanmar',
    ranges: [
      [0x1000, 0x109f],
      [0xa9e0, 0xa9ff],
      [0xaa60, 0xaa7f],
    ],
    complex: true,
    debian: 'fonts-noto-core',
  },
  {
    name: 'Georgian',
    ranges: [
      [0x10a0, 0x10ff],
      [0x1c90, 0x1cbf],
      [0x2d00, 0x2d2f],
    ],
    complex: false,
    debian: 'fonts-noto-core',
  },
  {
    name: 'Hangul',
    ranges: [
      [0x1100, 0x11ff],
      [0x3130, 0x318f],
      [0xa960, 0xa97f],
      [0xac00, 0xd7ff],
    ],
    complex: true,
    debian: 'fonts-noto-cjk',
  },
  { name: 'Ethiopic', ranges: [[0x1200, 0x139f]], complex: false, debian: 'fonts-noto-core' },
  {
    name: 'Khmer',
    ranges: [
      [0x1780, 0x17ff],
      [0x19e0, 0x19ff],
    ],
    complex: true,
    debian: 'fonts-noto-core',
  },
  { name: 'Mongolian', ranges: [[0x1800, 0x18af]], complex: true, debian: 'fonts-noto-core' },
  { name: 'Armenian', ranges: [[0x0530, 0x058f]], complex: false, debian: 'fonts-noto-core' },
  {
    name: 'Japanese kana',
    ranges: [
      [0x3040, 0x30ff],
      [0x31f0, 0x31ff],
      [0xff66, 0xff9f],
    ],
    complex: false,
    debian: 'fonts-noto-cjk',
  },
  {
    name: 'Han (Chinese, Japanese kanji)',
    ranges: [
      [0x2e80, 0x2fdf],
      [0x3000, 0x303f],
      [0x3100, 0x312f],
      [0x3190, 0x31ef],
      [0x3200, 0x33ff],
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
      [0xf900, 0xfaff],
      [0xfe30, 0xfe4f],
      [0xff00, 0xff65],
      [0x20000, 0x3134f],
    ],
    complex: false,
    debian: 'fonts-noto-cjk',
  },
  {
    name: 'emoji',
    ranges: [
      [0x1f000, 0x1faff],
      [0x2600, 0x27bf],
    ],
    complex: true,
    debian: 'fonts-noto-color-emoji',
  },
];

function infoOf(cp: number): ScriptInfo | undefined {
  for (const script of SCRIPTS) {
    for (const [from, to] of script.ranges) if (cp >= from && cp <= to) return script;
  }
  return undefined;
}

/** Name of the script of a code point, for messages ('Thai', 'Han (Chinese, Japanese kanji)', …). */
export function scriptName(cp: number): string {
  return infoOf(cp)?.name ?? 'other';
}

/** Debian package of a font covering the code point's script (fonts-noto-core when unknown). */
export function debianFontPackage(cp: number): string {
  return infoOf(cp)?.debian ?? 'fonts-noto-core';
}

/** Characters the fast path sets in every DejaVu face: text of only these needs no font plan. */
const SIMPLE_LATIN = /^[\t\n\r\x20-\x7e\u00a0-\u024f\u2010-\u2027\u2030-\u205e]*$/;

export function isSimpleLatin(text: string): boolean {
  return SIMPLE_LATIN.test(text);
}

/** Characters of scripts that the in-house fast shaper cannot set (see shaper.ts). */
const COMPLEX =
  /[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1100-\u11ff\u1780-\u18af\u19e0-\u19ff\ua8e0-\ua8ff\ua960-\ua97f\ua9e0-\ua9ff\uaa60-\uaa7f\uac00-\ud7af\ufb1d-\ufdff\ufe70-\ufeff]/;

/** Whether the text holds characters that need complex shaping (or right-to-left glyph order). */
export function needsComplexShaping(text: string): boolean {
  return COMPLEX.test(text);
}

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo … and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function hasRtl(text: string): boolean {
  return RTL.test(text);
}
