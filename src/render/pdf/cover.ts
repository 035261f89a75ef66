/**
 * The title page (issue 11): the logo, the form's title, the country in large type, the reporting
 * year, and at the foot of the page who issues the report, its date and the contact. The title is
 * the document's H1, as it is in the HTML; the page has no running header and no page number.
 */
import type { CoverData } from '../cover-content.js';
import type { RenderContext } from './context.js';
import { drawLine } from './draw-line.js';
import { createStruct, type StructElement } from './pdfkit-internals.js';
import { endTarget, newTarget } from './tagging.js';
import { cleanText, type Line, layoutPrepared, prepareText, type TextStyle } from './text.js';

/** Sizes of the title page, in points. */
export const COVER = {
  logoHeight: 72,
  logoWidth: 180,
  /** Where the title block starts, as a share of the page's content height. */
  titleAt: 0.28,
  titleSize: 14,
  countrySize: 34,
  yearSize: 15,
  detailSize: 10,
  ruleWidth: 2,
} as const;

/** A cover whose logo bytes were read (renderPdf reads them; the typesetter draws synchronously). */
export interface CoverToDraw extends Omit<CoverData, 'logo'> {
  logo?: Uint8Array | undefined;
}

function linesOf(r: RenderContext, text: string, style: TextStyle, width: number, leading: number): Line[] {
  return layoutPrepared(prepareText([{ text: cleanText(text), style }], style, r.m), width, leading, r.m);
}

/** Draws `lines` tagged as one `tag` element under `parent`; returns the height used. */
function drawTagged(
  r: RenderContext,
  lines: Line[],
  x: number,
  top: number,
  width: number,
  parent: StructElement,
  tag: string,
  lang?: string | undefined,
): number {
  const el = createStruct(r.doc, tag, lang ? { lang } : {});
  parent.add(el);
  const target = newTarget(el, tag);
  let y = top;
  lines.forEach((line, i) => {
    drawLine(r.paint, line, x, y, target, 'left', width, lines[i + 1] ?? null);
    y += line.height;
  });
  endTarget(target);
  el.end();
  return y - top;
}

/** Draws the title page on the current (first) page and starts the next one. */
export function drawCover(r: RenderContext, cover: CoverToDraw, parent: StructElement): void {
  const { doc, flow, look, paint } = r;
  const left = r.left;
  const width = r.contentWidth;
  const title = look.headings[1];

  if (cover.logo) {
    // PDFKit's openImage is untyped: it reads the size, and the same image object is then drawn.
    const image = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(
      Buffer.from(cover.logo),
    );
    const scale = Math.min(COVER.logoHeight / image.height, COVER.logoWidth / image.width, 1);
    // Alternative text (PDF/UA): the logo stands for the country's authority; no file names it.
    const figure = createStruct(doc, 'Figure', { alt: `Logo of ${cover.country}` });
    parent.add(figure);
    const content = doc.markStructureContent('Figure');
    doc.image(image as unknown as Buffer, left, flow.top, { width: image.width * scale, height: image.height * scale });
    doc.endMarkedContent();
    figure.add(content);
    figure.end();
    paint.resetFill();
  }

  let y = flow.top + (flow.bottom - flow.top) * COVER.titleAt;
  const heading = look.fonts.heading;
  const titleStyle: TextStyle = { font: heading.regular, size: COVER.titleSize, color: title.color };
  y += drawTagged(r, linesOf(r, cover.title, titleStyle, width, 1.3), left, y, width, parent, 'H1', cover.titleLang);
  y += 18;
  const countryStyle: TextStyle = { font: heading.bold, size: COVER.countrySize, color: title.color };
  y += drawTagged(r, linesOf(r, cover.country, countryStyle, width, 1.15), left, y, width, parent, 'P');
  y += 6;
  const yearStyle: TextStyle = { font: heading.regular, size: COVER.yearSize, color: look.colors.text };
  y += drawTagged(r, linesOf(r, cover.year, yearStyle, width, 1.3), left, y, width, parent, 'P');
  y += 14;
  paint.artifact(() => paint.hLine(left, left + width, y, COVER.ruleWidth, look.colors.heading), 'Layout');

  // Authority, date and contact at the foot of the page: labels in a column of their own.
  const body = look.fonts.body;
  const labelStyle: TextStyle = { font: body.bold, size: COVER.detailSize, color: look.colors.muted };
  const textStyle: TextStyle = { font: body.regular, size: COVER.detailSize, color: look.colors.text };
  const labelWidth =
    Math.max(0, ...cover.lines.map((l) => r.m.width(body.bold, COVER.detailSize, cleanText(l.label)))) + 14;
  const rows = cover.lines.map((l) => ({
    label: linesOf(r, l.label, labelStyle, labelWidth, 1.45),
    text: linesOf(r, l.text, textStyle, width - labelWidth, 1.45),
  }));
  const heightOf = (lines: Line[]) => lines.reduce((sum, line) => sum + line.height, 0);
  const rowGap = 3;
  const total = rows.reduce((sum, row) => sum + Math.max(heightOf(row.label), heightOf(row.text)) + rowGap, 0);
  let detail = flow.bottom - total;
  for (const row of rows) {
    const el = createStruct(doc, 'P');
    parent.add(el);
    drawTagged(r, row.label, left, detail, labelWidth, el, 'Span');
    drawTagged(r, row.text, left + labelWidth, detail, width - labelWidth, el, 'Span');
    el.end();
    detail += Math.max(heightOf(row.label), heightOf(row.text)) + rowGap;
  }
  flow.newPage();
}
