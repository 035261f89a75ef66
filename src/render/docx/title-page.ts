/**
 * The Word report's title page (issue 11): the same cover the PDF and HTML show (render/cover-content.ts),
 * on a page of its own before the first target: the logo, the form's title as the document's
 * Heading 1, the country in large type, the reporting year, and who issues the report, its date and
 * the contact.
 */
import type { FileChild, ParagraphChild } from 'docx';
import { HeadingLevel, ImageRun, Paragraph, TextRun } from 'docx';
import { readLogo } from '../../model/country-logo.js';
import type { CoverData } from '../cover-content.js';
import { imageSize } from '../image-size.js';
import { DOCX_THEME } from './styles.js';

/** The logo's box on the title page, in pixels at 96 dpi (Word's unit for images here): about 54 × 135 pt. */
const LOGO_BOX = { width: 180, height: 72 };

async function logoParagraph(cover: CoverData): Promise<Paragraph | undefined> {
  const logo = cover.logo;
  // An SVG logo is left out, as in the PDF (validate warns about it).
  if (!logo || logo.type === 'svg') return undefined;
  // Read checked (issue 20): a logo no longer fit since it was loaded is left out.
  const data = await readLogo(logo);
  const size = data && imageSize(data, logo.type);
  if (!data || !size) return undefined;
  const scale = Math.min(LOGO_BOX.height / size.height, LOGO_BOX.width / size.width, 1);
  const image = new ImageRun({
    type: logo.type === 'jpeg' ? 'jpg' : 'png',
    data,
    transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
    // The drawing's id, given: docx would count on from the last document made in this thread, so
    // a country's file would depend on which reports its worker rendered before (the only drawing).
    altText: { id: '1', name: 'Logo', description: 'Logo', title: 'Logo' },
  });
  return new Paragraph({ children: [image], spacing: { after: 1200 } });
}

function line(label: string, text: string): Paragraph {
  const children: ParagraphChild[] = [
    new TextRun({ text: `${label}\t`, bold: true, size: 18, color: DOCX_THEME.muted }),
    new TextRun({ text, size: 18, color: DOCX_THEME.muted }),
  ];
  return new Paragraph({ children, tabStops: [{ type: 'left', position: 1400 }], spacing: { after: 40 } });
}

/** The title page's paragraphs; the section that holds them ends with a page break. */
export async function coverChildren(cover: CoverData): Promise<FileChild[]> {
  const logo = await logoParagraph(cover);
  const title = new Paragraph({
    heading: HeadingLevel.HEADING_1,
    children: [
      new TextRun({
        text: cover.title,
        size: 28,
        bold: false,
        ...(cover.titleLang ? { language: { value: cover.titleLang } } : {}),
      }),
    ],
    spacing: { before: logo ? 0 : 2400, after: 240 },
  });
  const country = new Paragraph({
    children: [new TextRun({ text: cover.country, size: 68, bold: true, color: DOCX_THEME.heading })],
    spacing: { after: 120 },
  });
  const year = new Paragraph({
    children: [new TextRun({ text: cover.year, size: 26 })],
    border: { bottom: { style: 'single', size: 8, color: DOCX_THEME.heading, space: 8 } },
    spacing: { after: 2400 },
  });
  return [...(logo ? [logo] : []), title, country, year, ...cover.lines.map((l) => line(l.label, l.text))];
}
