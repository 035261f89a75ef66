/**
 * The theme: one description of the report's look for HTML and PDF (issue 11): typefaces, sizes,
 * colours, margins, paper and the headings' styles. Written in templates/theme.yaml; a project's
 * theme.yaml is laid over gareport's own, so it holds only what it changes.
 */
import * as z from 'zod';

/** Families the PDF embeds (Noto and DejaVu packages); the HTML asks for the same ones first. */
export const FONT_FAMILIES = [
  'Noto Serif',
  'Noto Sans',
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
    weight: z.enum(['bold', 'normal']).describe('`bold` or `normal`'),
    colour: colour.describe("the heading's colour, `'#rrggbb'` or `'#rgb'` in quotes"),
  })
  .strict();

const family = (what: string) =>
  z.enum(FONT_FAMILIES).describe(`${what}: a typeface the PDF embeds; the HTML asks for the same one first`);

const colourOf = (what: string) => colour.describe(`${what}; written \`'#rrggbb'\` or \`'#rgb'\`, in quotes`);

const marginOf = (side: string) =>
  margin.describe(`the ${side} margin of the PDF's pages and the printed HTML page, in points (72 pt = 25.4 mm)`);

export const themeSchema = z
  .object({
    cover: z.boolean().describe('a title page opens the PDF, and a cover block the HTML page'),
    paper: z.enum(['a4', 'letter']).describe('PDF paper when neither --paper nor the configuration says'),
    fonts: z
      .object({ body: family('body text'), heading: family('headings and the cover') })
      .strict()
      .describe('the typefaces of body text and headings'),
    size: z.number().min(6).max(24).describe('body text size in points'),
    leading: z.number().min(1).max(3).describe('line height, a multiple of the size'),
    colours: z
      .object({
        text: colourOf('body text'),
        muted: colourOf('quieter text: "Not answered.", quotations, the running header and page numbers'),
        accent: colourOf("the rule under the cover's title, list bullets, the HTML's focus ring"),
        link: colourOf('links'),
        rule: colourOf('rules under the title and the targets, table borders, the bar beside a quotation'),
        shade: colourOf("behind code, table headers and the HTML's table of contents"),
      })
      .strict()
      .describe('the colours of text, links, rules and backgrounds'),
    margins: z
      .object({ top: marginOf('top'), bottom: marginOf('bottom'), left: marginOf('left'), right: marginOf('right') })
      .strict()
      .describe("the page's margins in points"),
    headings: z
      .object({
        title: headingStyle.describe("the report's title"),
        target: headingStyle.describe('a policy target'),
        goal: headingStyle.describe('an operational goal'),
        question: headingStyle.describe('a question'),
      })
      .strict()
      .describe("the headings' size, weight and colour, from the largest"),
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

/** The file name of theme.yaml's JSON Schema under schemas/. */
export const THEME_SCHEMA_FILE = 'theme.schema.json';

/** Drops `required` everywhere: a project's theme.yaml holds only what it changes (laid over gareport's own). */
function optionalEverywhere(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(optionalEverywhere);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'required' && Array.isArray(value)))
      .map(([key, value]) => [key, optionalEverywhere(value)]),
  );
}

/** JSON Schema (draft-07) of theme.yaml, for editors, as text with a trailing newline. */
export function themeJsonSchema(): string {
  const generated = z.toJSONSchema(themeSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  const schema = {
    ...(optionalEverywhere(generated) as Record<string, unknown>),
    title: "gareport theme (templates/theme.yaml; a project's own holds only what it changes)",
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
