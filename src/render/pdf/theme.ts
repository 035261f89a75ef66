/**
 * Typography, colours and spacing of the PDF reports (points; 72 pt = 1 inch). Margins, colours,
 * body text and headings come from the theme (theme.yaml) through `pdfLook`; the constants here are
 * the look without one, and the proportions (spacing, lists, code, tables) every look shares.
 */
import type { HeadingStyle, Theme } from '../theme/schema.js';
import { FAMILY_FACES, type FamilyFaces } from './fonts.js';

export const PAGE_SIZES = {
  A4: [595.28, 841.89],
  LETTER: [612, 792],
} as const;

export const MARGINS = { top: 66, bottom: 62, left: 64, right: 64 } as const;

export const COLORS = {
  text: '#1a1a1a',
  muted: '#4d4d4d',
  heading: '#1f3a5f',
  link: '#0b57a4',
  rule: '#b9c3cf',
  quoteRule: '#c5cdd8',
  quoteText: '#333333',
  codeBackground: '#f2f4f7',
  inlineCodeBackground: '#eef1f5',
  codeText: '#1d2733',
  tableBorder: '#aab4c0',
  tableHeaderBackground: '#e8edf3',
  headerFooter: '#5c6670',
} as const;

export const BODY = { size: 10, leading: 1.45 } as const;

export interface HeadingTheme {
  size: number;
  leading: number;
  spaceBefore: number;
  spaceAfter: number;
  color: string;
  /** Rule drawn under the heading (thickness in pt), or 0. */
  rule: number;
  /** Set in the bold face (else the regular one: the long goal headings). */
  bold: boolean;
}

export const HEADINGS: Record<1 | 2 | 3 | 4 | 5 | 6, HeadingTheme> = {
  // The report's title.
  1: { size: 21, leading: 1.2, spaceBefore: 0, spaceAfter: 14, color: COLORS.heading, rule: 1.2, bold: true },
  // Policy targets: short, bold, navy, ruled.
  2: { size: 15, leading: 1.25, spaceBefore: 22, spaceAfter: 9, color: COLORS.heading, rule: 0.6, bold: true },
  // Operational goals: long sentences, so a calm regular face in dark text, with room above.
  3: { size: 12.5, leading: 1.35, spaceBefore: 18, spaceAfter: 7, color: COLORS.text, rule: 0, bold: false },
  // Questions: small, bold, navy.
  4: { size: 10.5, leading: 1.35, spaceBefore: 12, spaceAfter: 5, color: COLORS.heading, rule: 0, bold: true },
  // Countries in the consolidated report.
  5: { size: 10, leading: 1.4, spaceBefore: 10, spaceAfter: 4, color: COLORS.text, rule: 0, bold: true },
  6: { size: 10, leading: 1.4, spaceBefore: 10, spaceAfter: 4, color: COLORS.muted, rule: 0, bold: true },
};

export const SPACING = {
  paragraph: 7,
  tightParagraph: 2,
  list: 7,
  listItem: 3,
  tightListItem: 1.5,
  block: 9,
} as const;

export const LIST = {
  /** Width of the bullet column (label + gap). */
  bulletWidth: 15,
  /** Gap between a number label and the item text. */
  labelGap: 5,
  bullets: ['•', '◦', '▪'],
} as const;

export const QUOTE = { indent: 16, ruleWidth: 2.5, ruleOffset: 3 } as const;

export const CODE = { size: 8.6, leading: 1.38, padding: 6, inlineScale: 0.9 } as const;

export const TABLE = { size: 8.8, leading: 1.35, paddingX: 4.5, paddingY: 3.2, border: 0.6 } as const;

export const HEADER_FOOTER = { size: 8, headerOffset: 30, footerOffset: 30 } as const;

/** Containers (lists, quotes) stop indenting once the text column would drop below this share. */
export const MIN_COLUMN_SHARE = 0.55;

/** Lines a heading must keep with it on the same page (of the block that follows). */
export const KEEP_WITH_NEXT_LINES = 3;

/** What the renderer takes from the theme: margins, colours, body text and heading styles. */
export interface PdfLook {
  /** The faces of body text and of headings. */
  fonts: { body: FamilyFaces; heading: FamilyFaces };
  margins: { top: number; bottom: number; left: number; right: number };
  colors: Record<keyof typeof COLORS, string>;
  body: { size: number; leading: number };
  headings: Record<1 | 2 | 3 | 4 | 5 | 6, HeadingTheme>;
}

/** gareport's look before themes: what the renderer uses when it is given none. */
export const DEFAULT_LOOK: PdfLook = {
  fonts: { body: FAMILY_FACES['DejaVu Sans'], heading: FAMILY_FACES['DejaVu Sans'] },
  margins: MARGINS,
  colors: COLORS,
  body: BODY,
  headings: HEADINGS,
};

/**
 * The renderer's look from a theme (theme.yaml): its colours, sizes and margins; spacing, lists,
 * quotes, code and tables keep their proportions. Levels 1–4 are the title, a target, a goal and a
 * question; 5 and 6 (below a question) follow the body text.
 */
export function pdfLook(theme: Theme | undefined): PdfLook {
  if (!theme) return DEFAULT_LOOK;
  const c = theme.colours;
  const colors: PdfLook['colors'] = {
    text: c.text,
    muted: c.muted,
    heading: c.accent,
    link: c.link,
    rule: c.rule,
    quoteRule: c.rule,
    quoteText: c.muted,
    codeBackground: c.shade,
    inlineCodeBackground: c.shade,
    codeText: c.text,
    tableBorder: c.rule,
    tableHeaderBackground: c.shade,
    headerFooter: c.muted,
  };
  const h = theme.headings;
  const level = (style: HeadingStyle, base: HeadingTheme): HeadingTheme => ({
    ...base,
    size: style.size,
    color: style.colour,
    bold: style.weight === 'bold',
  });
  return {
    fonts: { body: FAMILY_FACES[theme.fonts.body], heading: FAMILY_FACES[theme.fonts.heading] },
    margins: { ...theme.margins },
    colors,
    body: { size: theme.size, leading: theme.leading },
    headings: {
      1: level(h.title, HEADINGS[1]),
      2: level(h.target, HEADINGS[2]),
      3: level(h.goal, HEADINGS[3]),
      4: level(h.question, HEADINGS[4]),
      5: { ...HEADINGS[5], size: theme.size, color: c.text },
      6: { ...HEADINGS[6], size: theme.size, color: c.muted },
    },
  };
}
