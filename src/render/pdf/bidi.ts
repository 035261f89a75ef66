/**
 * Bidirectional text (issue 10 item 3), by the Unicode Bidirectional Algorithm from `bidi-js`.
 *
 * Levels are resolved on a paragraph's logical text before line breaking (text.ts gives every run
 * a uniform level); each line is then reordered for display by rule L2 (`visualOrder`). bidi-js is
 * loaded only for documents holding right-to-left text (`loadBidi`).
 */

interface Bidi {
  getEmbeddingLevels(
    text: string,
    direction?: 'ltr' | 'rtl' | 'auto',
  ): { levels: Uint8Array; paragraphs: Array<{ start: number; end: number; level: number }> };
}

let bidi: Bidi | undefined;

export async function loadBidi(): Promise<void> {
  if (bidi) return;
  const factory = ((await import('bidi-js')) as unknown as { default: () => Bidi }).default;
  bidi = factory();
}

export interface ParagraphLevels {
  /** Embedding level of each UTF-16 code unit (odd: right to left). */
  readonly levels: Uint8Array;
  /** Level of the paragraph (1 when its first strong character is right to left). */
  readonly base: number;
}

/** Levels of a paragraph's text, its direction taken from its first strong character. */
export function paragraphLevels(text: string): ParagraphLevels {
  if (!bidi) throw new Error('gareport PDF renderer: bidi-js was not loaded');
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text, 'auto');
  return { levels, base: paragraphs[0]?.level ?? 0 };
}

/**
 * Display order of a line's runs from their levels (rule L2): from the highest level down to the
 * lowest odd one, every maximal sequence of runs at that level or above is reversed.
 */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  if (levels.length < 2) return order;
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels.map((l) => (l % 2 === 1 ? l : Number.POSITIVE_INFINITY)));
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    let i = 0;
    while (i < order.length) {
      if ((levels[order[i] ?? 0] ?? 0) >= level) {
        let j = i;
        while (j + 1 < order.length && (levels[order[j + 1] ?? 0] ?? 0) >= level) j++;
        const reversed = order.slice(i, j + 1).reverse();
        order.splice(i, reversed.length, ...reversed);
        i = j + 1;
      } else i++;
    }
  }
  return order;
}
