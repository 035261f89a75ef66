/**
 * Layout and pagination: the vertical cursor, the space between blocks and page breaks.
 *
 * Coordinates are PDFKit's: origin at the top-left of the page, y growing downwards. All content
 * goes through `place()`, which owns the cursor; `placeLines()` breaks pages between lines with
 * orphan and widow control.
 */
import { trace } from '../../load/trace.js';
import type { Decoration, Painter } from './paint.js';
import type { Doc } from './pdfkit-internals.js';

export const EPSILON = 0.01;

/** A column of the page: where blocks go across. */
export interface Box {
  x: number;
  width: number;
}

export class PageFlow {
  y: number;
  /** Index of the current page (0 for the first). */
  page = 0;
  private pendingGap = 0;
  private gapLocked = false;
  /** Decorations open around the content being placed. */
  readonly decorations: Decoration[] = [];

  constructor(
    private readonly doc: Doc,
    private readonly paint: Painter,
    readonly top: number,
    readonly bottom: number,
    /** Called when content is placed, with the index of its page. */
    private readonly onPlace: (page: number) => void = () => {},
  ) {
    this.y = top;
  }

  atPageTop(): boolean {
    return this.y <= this.top + EPSILON;
  }

  /** The space requested before the next content (none at the top of a page). */
  currentGap(): number {
    return this.atPageTop() ? 0 : this.pendingGap;
  }

  /** The space requested before the next content, even at the top of a page. */
  get requestedGap(): number {
    return this.pendingGap;
  }

  /** Requests at least `amount` points of space before the next content. */
  addGap(amount: number): void {
    if (!this.gapLocked) this.pendingGap = Math.max(this.pendingGap, amount);
  }

  /** Sets the space before the next content exactly (after headings), ignoring other requests. */
  setGapAfter(amount: number): void {
    this.pendingGap = amount;
    this.gapLocked = true;
  }

  room(): number {
    return this.bottom - this.y - this.currentGap();
  }

  get pageContentHeight(): number {
    return this.bottom - this.top;
  }

  /** Claims `height` points at the cursor (after the pending gap); returns the top of the area. */
  place(height: number): number {
    const top = this.y + this.currentGap();
    this.y = top + height;
    this.pendingGap = 0;
    this.gapLocked = false;
    this.onPlace(this.page);
    for (const deco of this.decorations) {
      deco.start ??= top;
      deco.end = this.y;
    }
    return top;
  }

  newPage(): void {
    for (const deco of this.decorations) {
      this.paint.drawDecoration(deco);
      deco.start = null;
    }
    this.doc.addPage();
    this.page += 1;
    trace('page', String(this.page + 1));
    this.paint.resetFill();
    this.y = this.top;
    this.pendingGap = 0;
    this.gapLocked = false;
  }

  /**
   * Places a sequence of lines, breaking pages between them with orphan/widow control (at least
   * two lines of a paragraph at the bottom of a page and at the top of the next). With
   * `keepTogether`, all lines go on one page unless they cannot fit on any page.
   */
  placeLines(
    heights: readonly number[],
    draw: (index: number, top: number) => void,
    keepTogether = false,
    onChunk?: (top: number, height: number) => void,
  ): void {
    const n = heights.length;
    let i = 0;
    while (i < n) {
      const k = this.linesForThisPage(heights, i, keepTogether);
      if (k === 0) {
        this.newPage();
        continue;
      }
      if (onChunk) {
        let chunkHeight = 0;
        for (let j = 0; j < k; j++) chunkHeight += heights[i + j] ?? 0;
        onChunk(this.y + this.currentGap(), chunkHeight);
      }
      for (let j = 0; j < k; j++) {
        const height = heights[i + j] ?? 0;
        draw(i + j, this.place(height));
      }
      i += k;
      if (i < n) this.newPage();
    }
  }

  /** How many lines, from line `i` on, go on this page (0: start a new page first). */
  private linesForThisPage(heights: readonly number[], i: number, keepTogether: boolean): number {
    const n = heights.length;
    const room = this.room();
    let k = 0;
    let sum = 0;
    while (i + k < n && sum + (heights[i + k] ?? 0) <= room + EPSILON) {
      sum += heights[i + k] ?? 0;
      k++;
    }
    if (k >= n - i) return k;
    if (!this.atPageTop()) {
      const total = heights.slice(i).reduce((a, b) => a + b, 0);
      if (keepTogether && i === 0 && total <= this.pageContentHeight) return 0;
      if (i === 0 && k < Math.min(2, n)) return 0;
    }
    if (n - i - k === 1 && k > 1) {
      // Avoid a widow: leave two lines for the next page, or (three lines in all) take all three there.
      if (!(i === 0 && k - 1 < 2)) k -= 1;
      else if (!this.atPageTop()) return 0;
    }
    if (k === 0 && this.atPageTop()) return 1; // taller than a page: place it anyway
    return k;
  }
}
