/** Page furniture: the running header (pages 2+) and the "Page N of M" footer, as pagination artifacts. */
import type { RenderContext } from './context.js';
import { cleanText, type TextStyle, truncateToWidth } from './text.js';
import { COLORS, HEADER_FOOTER } from './theme.js';

export interface FurnitureText {
  runningHeader: string;
  /** The footer, with `{page}` and `{pages}`. */
  pageLabel: string;
}

export function drawPageFurniture(r: RenderContext, text: FurnitureText): void {
  const { doc, m, paint, flow } = r;
  const range = doc.bufferedPageRange();
  const total = range.count;
  const style: TextStyle = { font: 'regular', size: HEADER_FOOTER.size, color: COLORS.headerFooter };
  const header = cleanText(text.runningHeader).replace(/\s+/g, ' ').trim();
  const headerText = header ? truncateToWidth(header, style, r.contentWidth, m) : '';
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    paint.resetFill();
    paint.artifact(() => {
      if (i > 0 && headerText) {
        const baseline = flow.top - HEADER_FOOTER.headerOffset + HEADER_FOOTER.size;
        paint.drawText(headerText, style, r.left, baseline, m.width(style.font, style.size, headerText));
        paint.hLine(r.left, r.left + r.contentWidth, baseline + 5, 0.5, COLORS.rule);
      }
      const footer = text.pageLabel.replace('{page}', String(i + 1)).replace('{pages}', String(total));
      const width = m.width(style.font, style.size, footer);
      const baseline = flow.bottom + HEADER_FOOTER.footerOffset;
      paint.drawText(footer, style, r.left + (r.contentWidth - width) / 2, baseline, width);
    }, 'Pagination');
  }
}
