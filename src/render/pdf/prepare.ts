/** Styled runs -> measured, unbreakable segments (`PreparedText`), laid out later at any width. */
import { paragraphLevels } from './bidi.js';
import { breakUnits } from './breaks.js';
import { withFontFallback, withLevel } from './font-runs.js';
import { hasRtl } from './scripts.js';
import {
  BREAK_AFTER,
  HARD_BREAK,
  HAS_BREAK_AFTER,
  type HardBreak,
  type Inline,
  isHardBreak,
  type Measurer,
  NO_BREAK_BEFORE,
  type Piece,
  type PreparedText,
  type Run,
  type Segment,
  type TextSegment,
  type TextStyle,
  TOKEN,
  WHITESPACE,
} from './text-model.js';

function canBreakInside(beforePrev: string | undefined, prev: string, next: string): boolean {
  if (!BREAK_AFTER.has(prev)) return false;
  if (beforePrev === undefined || BREAK_AFTER.has(beforePrev) || beforePrev === ':') return false;
  return !NO_BREAK_BEFORE.test(next) && !WHITESPACE.test(next);
}

/** Collects the segments of one paragraph, run by run. */
class SegmentBuilder {
  readonly segments: Segment[] = [];
  private current: TextSegment | null = null;
  private pendingGlue: Piece | null = null;
  /** Last two characters of the current segment, for intra-word break decisions. */
  private tail = '';

  constructor(private readonly m: Measurer) {}

  closeSegment(): void {
    if (this.current) this.segments.push(this.current);
    this.current = null;
    this.tail = '';
  }

  hardBreak(): void {
    this.closeSegment();
    this.pendingGlue = null;
    this.segments.push(HARD_BREAK);
  }

  /** Splits a run into words, spaces (glue) and zero-width break opportunities. */
  addRun(run: Run): void {
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(run.text); match; match = TOKEN.exec(run.text)) {
      if (match[1] !== undefined) {
        this.closeSegment();
        this.pendingGlue ??= { text: ' ', style: run.style, width: this.m.width(run.style.font, run.style.size, ' ') };
      } else if (match[2] !== undefined) {
        this.closeSegment();
      } else if (match[3] !== undefined) {
        const units = breakUnits(match[3]);
        units.forEach((unit, index) => {
          if (index > 0) this.closeSegment();
          this.appendWord(unit, run.style);
        });
      }
    }
  }

  private appendText(text: string, style: TextStyle): void {
    if (!this.current) {
      this.current = { glue: this.pendingGlue, pieces: [], width: 0 };
      this.pendingGlue = null;
    }
    const current = this.current;
    const width = this.m.width(style.font, style.size, text);
    const last = current.pieces[current.pieces.length - 1];
    if (last && last.style === style) {
      last.text += text;
      last.width += width;
    } else {
      current.pieces.push({ text, style, width });
    }
    current.width += width;
    this.tail = (this.tail + text).slice(-2);
  }

  private appendWord(word: string, style: TextStyle): void {
    // Break opportunity at a run boundary ("foo-" followed by "bar" in another style)?
    if (this.current && this.tail) {
      const chars = Array.from(this.tail);
      if (canBreakInside(chars.length > 1 ? chars[0] : undefined, chars[chars.length - 1] ?? '', word[0] ?? '')) {
        this.closeSegment();
      }
    }
    if (!HAS_BREAK_AFTER.test(word)) {
      this.appendText(word, style);
      return;
    }
    const chars = Array.from(word);
    let start = 0;
    for (let i = 0; i < chars.length - 1; i++) {
      const prev = chars[i] ?? '';
      const next = chars[i + 1] ?? '';
      const beforePrev = i > 0 ? chars[i - 1] : Array.from(this.tail).pop();
      // Keep at least two characters before and three after a break ("follow-up", "and/or" stay whole).
      if (i - start >= 1 && chars.length - i - 1 >= 3 && canBreakInside(beforePrev, prev, next)) {
        this.appendText(chars.slice(start, i + 1).join(''), style);
        this.closeSegment();
        start = i + 1;
      }
    }
    this.appendText(chars.slice(start).join(''), style);
  }
}

/** Width of the longest line if nothing wrapped, and of the widest segment. */
function measureSegments(segments: readonly Segment[]): { naturalWidth: number; minWidth: number } {
  let natural = 0;
  let lineWidth = 0;
  let minWidth = 0;
  for (const seg of segments) {
    if (isHardBreak(seg)) {
      natural = Math.max(natural, lineWidth);
      lineWidth = 0;
      continue;
    }
    lineWidth += (lineWidth > 0 && seg.glue ? seg.glue.width : 0) + seg.width;
    minWidth = Math.max(minWidth, seg.width);
  }
  return { naturalWidth: Math.max(natural, lineWidth), minWidth };
}

/** Turns inline runs into measured, unbreakable segments. */
export function prepareText(inlines: readonly Inline[], baseStyle: TextStyle, m: Measurer): PreparedText {
  const builder = new SegmentBuilder(m);
  const { items, rtl } = bidiRuns(
    inlines.flatMap((item): Inline[] => (isHardBreak(item) ? [item] : withFontFallback(item, m))),
  );
  for (const item of items) {
    if (isHardBreak(item)) builder.hardBreak();
    else builder.addRun(item);
  }
  builder.closeSegment();
  const { segments } = builder;
  return { segments, baseStyle, ...measureSegments(segments), rtl };
}

/**
 * Gives every run a uniform bidi embedding level (runs are split where the level changes), from
 * the levels of the paragraph's logical text. Paragraphs without right-to-left text are level 0.
 */
function bidiRuns(items: ReadonlyArray<Run | HardBreak>): { items: ReadonlyArray<Run | HardBreak>; rtl: boolean } {
  if (!items.some((item) => !isHardBreak(item) && hasRtl(item.text))) return { items, rtl: false };
  const text = items.map((item) => (isHardBreak(item) ? '\u2029' : item.text)).join('');
  const { levels, base } = paragraphLevels(text);
  const out: Array<Run | HardBreak> = [];
  let offset = 0;
  for (const item of items) {
    if (isHardBreak(item)) {
      out.push(item);
      offset += 1;
      continue;
    }
    let start = 0;
    for (let i = 1; i <= item.text.length; i++) {
      const level = levels[offset + start] ?? base;
      if (i === item.text.length || levels[offset + i] !== level) {
        out.push({ text: item.text.slice(start, i), style: withLevel(item.style, level) });
        start = i;
      }
    }
    offset += item.text.length;
  }
  return { items: out, rtl: base % 2 === 1 };
}
