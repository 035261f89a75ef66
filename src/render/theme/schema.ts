/**
 * The theme: one description of the report's look for HTML and PDF (issue 11): typefaces, sizes,
 * colours, margins, paper and the headings' styles. Written in templates/theme.yaml; a project's
 * theme.yaml is laid over gareport's own, so it holds only what it changes.
 */
import * as z from 'zod';

/** Families the PDF embeds (the `dejavu-fonts-ttf` package); the HTML asks for the same ones first. */
export const FONT_FAMILIES = [
  'DejaVu Sans',
  'DejaVu Serif',
  'DejaVu Sans Condensed',
  'DejaVu Serif Condensed',
] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];

/** The headings a report has, from the largest: the title, a policy target, a goal, a question. */
export const HEADING_LEVELS = ['title', 'target', 'goal', 'question'] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

const colour = z.string().regex(HEX_COLOUR, 'must be a colour written `#rrggbb` or `#rgb`, such as `#1f3a5f`');

const margin = z.number().min(0).max(200);

const headingStyle = z
  .object({
    size: z.number().min(6).max(48).describe('size in points'),
    weight: z.enum(['bold', 'normal']),
    colour,
  })
  .strict();

export const themeSchema = z
  .object({
    cover: z.boolean().describe('a title page opens the PDF, and a cover block the HTML page'),
    paper: z.enum(['a4', 'letter']).describe('PDF paper when neither --paper nor the configuration says'),
    fonts: z.object({ body: z.enum(FONT_FAMILIES), heading: z.enum(FONT_FAMILIES) }).strict(),
    size: z.number().min(6).max(24).describe('body text size in points'),
    leading: z.number().min(1).max(3).describe('line height, a multiple of the size'),
    colours: z
      .object({ text: colour, muted: colour, accent: colour, link: colour, rule: colour, shade: colour })
      .strict(),
    margins: z.object({ top: margin, bottom: margin, left: margin, right: margin }).strict(),
    headings: z
      .object({ title: headingStyle, target: headingStyle, goal: headingStyle, question: headingStyle })
      .strict(),
  })
  .strict();

export type Theme = z.infer<typeof themeSchema>;
export type HeadingStyle = Theme['headings'][HeadingLevel];

/** The keys an object of the schema allows at a path (for "did you mean" on an unknown key). */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = themeSchema;
  for (const segment of path) {
    if (!(schema instanceof z.ZodObject)) return [];
    const next = (schema.shape as Record<string, z.ZodType>)[String(segment)];
    if (!next) return [];
    schema = next;
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}
