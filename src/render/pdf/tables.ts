/**
 * Tables: rows placed on pages (a row taller than what is left is split between lines), the header
 * row repeated on continuation pages, cells tagged TH/TD.
 */
import type { Table } from 'mdast';
import { linesHeight } from './block-text.js';
import type { RenderContext } from './context.js';
import { drawLine } from './draw-line.js';
import { type Box, EPSILON } from './page-flow.js';
import { createStruct, type StructElement } from './pdfkit-internals.js';
import type { TableLayout } from './table-layout.js';
import { endTarget, newTarget, type TagTarget } from './tagging.js';
import type { Line } from './text.js';
import { SPACING, TABLE } from './theme.js';

export function renderTable(r: RenderContext, node: Table, box: Box, parent: StructElement): void {
  const layout = r.tables.of(node, box);
  if (!layout) return;
  const { flow } = r;
  flow.addGap(SPACING.block);
  // Keep the header with (the start of) the first body row.
  if (!flow.atPageTop() && flow.room() < layout.lead && layout.lead <= flow.pageContentHeight) flow.newPage();

  const tableEl = createStruct(r.doc, 'Table');
  parent.add(tableEl);
  const writer = new TableWriter(r, layout, box);
  layout.cells.forEach((rowCells, row) => {
    const tr = createStruct(r.doc, 'TR');
    tableEl.add(tr);
    const targets = Array.from({ length: layout.columns }, () => {
      const cellEl = createStruct(r.doc, row === 0 ? 'TH' : 'TD', row === 0 ? { scope: 'Column' } : {});
      tr.add(cellEl);
      return newTarget(cellEl, row === 0 ? 'TH' : 'TD');
    });
    writer.placeRow(row, rowCells, targets);
    for (const target of targets) {
      endTarget(target);
      target.el.end();
    }
    tr.end();
  });
  tableEl.end();
  flow.addGap(SPACING.block);
}

/** Height of the lines `from`..`to` of a cell. */
function contentHeight(lines: Line[], from = 0, to = lines.length): number {
  return linesHeight(lines.slice(from, to));
}

class TableWriter {
  private readonly headerHeight: number;
  /** Repeat the header row on continuation pages, unless it is unreasonably tall. */
  private readonly repeatHeader: boolean;
  /** The cursor after the last repeated header (a page holding only that is a fresh page). */
  private continuationTop = -1;

  constructor(
    private readonly r: RenderContext,
    private readonly layout: TableLayout,
    private readonly box: Box,
  ) {
    this.headerHeight = layout.rowHeights[0] ?? 0;
    this.repeatHeader = this.headerHeight <= r.flow.pageContentHeight / 3;
  }

  /** Places row `row`, over as many pages as it takes. */
  placeRow(row: number, rowCells: Line[][], targets: TagTarget[]): void {
    const { flow } = this.r;
    const from = rowCells.map(() => 0);
    const ends = rowCells.map((lines) => lines.length);
    for (;;) {
      const remaining = this.partHeight(rowCells, from, ends);
      if (remaining <= flow.room() + EPSILON) {
        const top = flow.place(remaining);
        this.drawRowPart(row, from, ends, top, remaining, targets);
        return;
      }
      const to = this.linesForThisPage(row, rowCells, from, ends, remaining);
      if (!to) {
        this.nextPage(row);
        continue;
      }
      const used = this.partHeight(rowCells, from, to);
      const top = flow.place(used);
      this.drawRowPart(row, from, to, top, used, targets);
      for (let c = 0; c < to.length; c++) from[c] = to[c] ?? 0;
      if (from.every((f, c) => f >= (ends[c] ?? 0))) return;
      this.nextPage(row);
    }
  }

  private partHeight(rowCells: Line[][], from: number[], to: number[]): number {
    return Math.max(...rowCells.map((lines, c) => contentHeight(lines, from[c], to[c]))) + 2 * this.layout.padY;
  }

  /**
   * Where each cell's part on this page ends, for a row that does not fit in what is left of the
   * page; null to move the whole row to the next page first.
   */
  private linesForThisPage(
    row: number,
    rowCells: Line[][],
    from: number[],
    ends: number[],
    remaining: number,
  ): number[] | null {
    const { flow } = this.r;
    const room = flow.room();
    const freshPage = flow.atPageTop() || Math.abs(flow.y - this.continuationTop) < EPSILON;
    const pageRoom = flow.pageContentHeight - (row > 0 && this.repeatHeader ? this.headerHeight : 0);
    if (!freshPage && remaining <= pageRoom) return null;
    // The row is taller than a page (or than what is left of a fresh one): split it by lines.
    const to = rowCells.map((lines, c) => {
      let height = 2 * this.layout.padY;
      let l = from[c] ?? 0;
      while (l < (ends[c] ?? 0) && height + (lines[l]?.height ?? 0) <= room + EPSILON) {
        height += lines[l]?.height ?? 0;
        l++;
      }
      return l;
    });
    // Split only if a useful part of the row fits here (three lines of its tallest cell).
    const placed = Math.max(...to.map((t, c) => t - (from[c] ?? 0)));
    const tallest = Math.max(...ends.map((e, c) => e - (from[c] ?? 0)));
    if (!freshPage && placed < Math.min(3, tallest)) return null;
    if (placed <= 0) {
      if (!freshPage) return null;
      // Not even one line fits on an empty page: force one line per cell.
      for (let c = 0; c < to.length; c++) to[c] = Math.min(ends[c] ?? 0, (from[c] ?? 0) + 1);
    }
    return to;
  }

  private nextPage(row: number): void {
    this.r.flow.newPage();
    if (row > 0) this.drawRepeatedHeader();
  }

  private drawRepeatedHeader(): void {
    if (!this.repeatHeader) return;
    const all = (this.layout.cells[0] ?? []).map((lines) => lines.length);
    const top = this.r.flow.place(this.headerHeight);
    this.drawRowPart(
      0,
      all.map(() => 0),
      all,
      top,
      this.headerHeight,
      null,
    );
    this.continuationTop = this.r.flow.y;
  }

  /** Draws lines `from`..`to` of a row's cells, with borders; `targets` null for a repeated header. */
  private drawRowPart(
    row: number,
    from: number[],
    to: number[],
    top: number,
    height: number,
    targets: TagTarget[] | null,
  ): void {
    const { paint } = this.r;
    const { columns, xs, widths } = this.layout;
    paint.artifact(() => {
      for (let c = 0; c < columns; c++) {
        const x = xs[c] ?? this.box.x;
        const w = widths[c] ?? 0;
        if (row === 0) paint.fillRect(x, top, w, height, this.r.look.colors.tableHeaderBackground);
        paint.doc
          .save()
          .lineWidth(TABLE.border)
          .strokeColor(this.r.look.colors.tableBorder)
          .rect(x, top, w, height)
          .stroke()
          .restore();
      }
    });
    if (targets) this.drawCells(row, from, to, top, targets);
    else paint.artifact(() => this.drawCells(row, from, to, top, null), 'Pagination');
  }

  private drawCells(row: number, from: number[], to: number[], top: number, targets: TagTarget[] | null): void {
    const { columns, xs, widths, padX, padY, align, cells } = this.layout;
    for (let c = 0; c < columns; c++) {
      const lines = cells[row]?.[c] ?? [];
      let y = top + padY;
      const cellAlign = align[c] ?? null;
      for (let l = from[c] ?? 0; l < (to[c] ?? 0); l++) {
        const line = lines[l];
        if (!line) continue;
        const target = targets?.[c] ?? null;
        const x = (xs[c] ?? this.box.x) + padX;
        drawLine(
          this.r.paint,
          line,
          x,
          y,
          target,
          cellAlign ?? 'left',
          (widths[c] ?? 0) - 2 * padX,
          lines[l + 1] ?? null,
        );
        y += line.height;
      }
    }
  }
}
