/**
 * Page furniture, as pagination artifacts: the running header on pages 2+ (the report's name on
 * the left, the sections the page belongs to on the right, see running-sections.ts) and the
 * "Page N of M" footer. A title page has neither.
 */
import type { RenderContext } from './context.js';
import { drawLine } from './draw-line.js';
import { cleanText, type Line, layoutText, type TextStyle, truncateToWidth } from './text.js';
import { HEADER_FOOTER } from './theme.js';

export interface FurnitureText {
  runningHeader: string;
  /** The footer, with `{page}` and `{pages}`. */
  pageLabel: string;
  /** The first page is a title page: no page number on it. */
  coverPage?: boolean | undefined;
}

/** Between the report's name and the section titles in the header. */
const HEADER_GAP = 18;

export function drawPageFurniture(r: RenderContext, text: FurnitureText): void {
  const { doc, m, paint, flow } = r;
  const range = doc.bufferedPageRange();
  const total = range.count;
  // The headings' family: the theme's typeface, not a third one embedded for two lines a page.
  const style: TextStyle = {
    font: r.look.fonts.heading.regular,
    size: HEADER_FOOTER.size,
    color: r.look.colors.headerFooter,
  };
  const header = oneLine(text.runningHeader);
  const headerWidth = header ? m.width(style.font, style.size, header) : 0;
  for (let i = range.start; i < range.start + range.count; i++) {
    if (i === range.start && text.coverPage) continue;
    doc.switchToPage(i);
    paint.resetFill();
    paint.artifact(() => {
      if (i > 0) drawRunningHeader(r, style, header, headerWidth, r.sections.titlesOf(i));
      const footer = text.pageLabel.replace('{page}', String(i + 1)).replace('{pages}', String(total));
      const width = m.width(style.font, style.size, footer);
      const baseline = flow.bottom + HEADER_FOOTER.footerOffset;
      paint.drawText(footer, style, r.left + (r.contentWidth - width) / 2, baseline, width);
    }, 'Pagination');
  }
}

function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** The report's name on the left and the page's sections on the right, each shortened to fit. */
function drawRunningHeader(
  r: RenderContext,
  style: TextStyle,
  header: string,
  headerWidth: number,
  titles: readonly string[],
): void {
  const sections = oneLine(titles.join(' · '));
  if (!header && !sections) return;
  const width = r.contentWidth;
  // The sections get what the name leaves, and at least 60% of the line.
  const sectionsRoom = header ? Math.max(width * 0.6, width - headerWidth - HEADER_GAP) : width;
  const right = sections ? headerLine(r, style, sections, sectionsRoom) : null;
  const left = header ? headerLine(r, style, header, right ? width - right.width - HEADER_GAP : width) : null;
  const baseline = r.flow.top - HEADER_FOOTER.headerOffset + HEADER_FOOTER.size;
  if (left) drawLine(r.paint, left, r.left, baseline - left.baseline, null, 'left', width);
  if (right) drawLine(r.paint, right, r.left, baseline - right.baseline, null, 'right', width);
  r.paint.hLine(r.left, r.left + width, baseline + 5, 0.5, r.look.colors.rule);
}

/** `text` as one line of header type no wider than `room` (shortened with an ellipsis). */
function headerLine(r: RenderContext, style: TextStyle, text: string, room: number): Line | null {
  const lay = (t: string) => layoutText([{ text: t, style }], style, Number.MAX_SAFE_INTEGER, 1, r.m)[0];
  let line = lay(text);
  if (line && line.width > room) line = lay(truncateToWidth(text, style, room, r.m));
  return line && line.pieces.length > 0 ? line : null;
}
