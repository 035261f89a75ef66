/** Word styles of the .docx reports: sizes in half-points, spacing in twips, colours as hex. */
import type { IStylesOptions } from 'docx';

export const DOCX_THEME = {
  text: '1A1A1A',
  muted: '5C6670',
  heading: '1F3A5F',
  link: '0B57A4',
  rule: 'B9C3CF',
  monospace: 'Consolas',
} as const;

const heading = (size: number, before: number, after: number, extra: { italics?: boolean; color?: string } = {}) => ({
  run: { size, bold: !extra.italics, italics: extra.italics, color: extra.color ?? DOCX_THEME.heading },
  paragraph: { spacing: { before, after }, keepNext: true, keepLines: true },
});

/**
 * Style ids of code, by pandoc's names ("Verbatim Char", "Source Code"): Word shows them in the
 * monospace font, and gareport's importer (like pandoc's) reads them back as Markdown code.
 */
export const CODE_STYLES = { inline: 'VerbatimChar', block: 'SourceCode' } as const;

/**
 * Style of a quotation's paragraphs, for the importer; its look is the paragraph's own (indent,
 * rule). Not pandoc's "Block Text": pandoc reads an indented paragraph as a quotation already, and
 * would nest one quotation in another.
 */
export const QUOTE_STYLE = 'Quotation';

/** Document defaults (the report's language for spelling and hyphenation), the heading and the code styles. */
export function documentStyles(lang: string): IStylesOptions {
  return {
    default: {
      document: {
        run: { size: 21, color: DOCX_THEME.text, language: { value: lang } },
        paragraph: { spacing: { after: 120, line: 276 } },
      },
      heading1: heading(40, 0, 240),
      heading2: heading(30, 360, 160),
      heading3: heading(25, 280, 120),
      heading4: heading(21, 220, 80, { italics: true, color: DOCX_THEME.text }),
      heading5: heading(21, 200, 80),
      heading6: heading(21, 200, 80, { italics: true, color: DOCX_THEME.muted }),
      hyperlink: { run: { color: DOCX_THEME.link, underline: {} } },
    },
    characterStyles: [
      {
        id: CODE_STYLES.inline,
        name: 'Verbatim Char',
        run: { font: DOCX_THEME.monospace },
      },
    ],
    paragraphStyles: [
      {
        id: CODE_STYLES.block,
        name: 'Source Code',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: DOCX_THEME.monospace, size: 18 },
      },
      { id: QUOTE_STYLE, name: 'Quotation', basedOn: 'Normal', next: 'Normal' },
    ],
  };
}
