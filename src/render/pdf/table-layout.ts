/** Table layout: column widths, the lines of every cell and row heights, for a given width (cached). */
import type { Table } from 'mdast';
import { linesHeight } from './block-text.js';
import { type InlineContext, toInlines } from './inline.js';
import type { DocMeasurer } from './measure.js';
import { type Box, EPSILON } from './page-flow.js';
import { type Line, layoutPrepared, type PreparedText, prepareText, type TextStyle } from './text.js';
import { type PdfLook, TABLE } from './theme.js';

export interface TableLayout {
  width: number;
  columns: number;
  align: ReadonlyArray<'left' | 'right' | 'center' | null | undefined>;
  padX: number;
  padY: number;
  widths: number[];
  xs: number[];
  /** Lines of every cell, by row then column (row 0 is the header). */
  cells: Line[][][];
  rowHeights: number[];
  /** Height that must fit before the table may start on a page. */
  lead: number;
}

/** Table layouts of one document, cached by table node. */
export class TableLayouts {
  private readonly cache = new WeakMap<Table, TableLayout>();

  constructor(
    private readonly m: DocMeasurer,
    private readonly inlineCtx: InlineContext,
    private readonly look: PdfLook,
  ) {}

  /** Column widths, cell lines and row heights of a table at a given width (cached). */
  of(node: Table, box: Box): TableLayout | null {
    const cached = this.cache.get(node);
    if (cached && Math.abs(cached.width - box.width) < EPSILON && Math.abs((cached.xs[0] ?? box.x) - box.x) < EPSILON) {
      return cached;
    }
    const layout = tableLayout(node, box, this.m, this.inlineCtx, this.look);
    if (layout) this.cache.set(node, layout);
    return layout;
  }
}

function tableLayout(
  node: Table,
  box: Box,
  m: DocMeasurer,
  inlineCtx: InlineContext,
  look: PdfLook,
): TableLayout | null {
  const rows = node.children.filter((row) => row.children.length > 0);
  if (rows.length === 0) return null;
  const columns = Math.max(...rows.map((row) => row.children.length));
  const padX = Math.min(TABLE.paddingX, box.width / columns / 8);
  const padY = TABLE.paddingY;
  const bodyStyle: TextStyle = { font: look.fonts.body.regular, size: TABLE.size, color: look.colors.text };
  const headStyle: TextStyle = { font: look.fonts.body.bold, size: TABLE.size, color: look.colors.text };

  const prepared = rows.map((row, ri) =>
    Array.from({ length: columns }, (_, c) => {
      const cell = row.children[c];
      const style = ri === 0 ? headStyle : bodyStyle;
      return prepareText(cell ? toInlines(cell.children, style, inlineCtx) : [], style, m);
    }),
  );
  const widths = columnWidths(prepared, box.width, padX);
  const xs: number[] = [];
  let cursor = box.x;
  for (const width of widths) {
    xs.push(cursor);
    cursor += width;
  }
  const cells = prepared.map((row) =>
    row.map((p, c) => layoutPrepared(p, Math.max(1, (widths[c] ?? 0) - 2 * padX), TABLE.leading, m)),
  );
  const rowHeights = cells.map((row) => Math.max(...row.map((lines) => linesHeight(lines))) + 2 * padY);
  const layout: TableLayout = {
    width: box.width,
    columns,
    align: node.align ?? [],
    padX,
    padY,
    widths,
    xs,
    cells,
    rowHeights,
    // Header plus (the start of) the first body row: what must stay together.
    lead:
      (rowHeights[0] ?? 0) +
      (rows.length > 1 ? Math.min(rowHeights[1] ?? 0, 2 * padY + 3 * TABLE.size * TABLE.leading) : 0),
  };
  return layout;
}

/**
 * Column widths filling `available`: natural widths when everything fits on one line, otherwise
 * at least the widest unbreakable word (capped) per column, with the remaining space shared in
 * proportion to how much each column would like to grow.
 */
function columnWidths(prepared: PreparedText[][], available: number, padX: number): number[] {
  const columns = prepared[0]?.length ?? 0;
  const natural: number[] = new Array(columns).fill(0);
  const minimum: number[] = new Array(columns).fill(0);
  // A word wider than this is split between characters rather than widening its column further.
  const longestWord = Math.max(available / columns, available * 0.15);
  for (const row of prepared) {
    row.forEach((cell, c) => {
      natural[c] = Math.max(natural[c] ?? 0, cell.naturalWidth + 2 * padX);
      minimum[c] = Math.max(minimum[c] ?? 0, Math.min(cell.minWidth, longestWord) + 2 * padX);
    });
  }
  const floor = Math.min(available / columns, 2 * padX + 14);
  for (let c = 0; c < columns; c++) {
    minimum[c] = Math.max(minimum[c] ?? 0, floor);
    natural[c] = Math.max(natural[c] ?? 0, minimum[c] ?? 0);
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const naturalSum = sum(natural);
  const minimumSum = sum(minimum);
  if (naturalSum <= available) {
    return natural.map((n) => (n / naturalSum) * available);
  }
  if (minimumSum <= available) {
    const spare = available - minimumSum;
    const wants = natural.map((n, c) => n - (minimum[c] ?? 0));
    const wantSum = sum(wants) || 1;
    return minimum.map((m, c) => m + (spare * (wants[c] ?? 0)) / wantSum);
  }
  return minimum.map((m) => (m / minimumSum) * available);
}
