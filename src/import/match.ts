/**
 * Comparing a document's text with the form's: the same wording survives retyping,
 * Word's autocorrect and Markdown emphasis, so both sides are reduced to plain words first.
 */

const EMPHASIS = /[*_~`]/g;
const BACKSLASH_ESCAPE = /\\(?=[\p{P}\p{S}]|$)/gu;
const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u00AB': '"',
  '\u00BB': '"',
};
const DASHES = /[\u2010-\u2015\u2212]/g;

/** Lower-case words separated by single spaces: no emphasis, escapes, curly quotes or trailing punctuation. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(BACKSLASH_ESCAPE, '')
    .replace(EMPHASIS, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u201C\u201D\u201E\u00AB\u00BB]/g, (c) => QUOTES[c] ?? c)
    .replace(DASHES, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s:.;,]+$/, '');
}

function words(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);
}

/** How alike two texts are, 0–1, by the words they share (Dice coefficient over word multisets). */
export function similarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of left) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of right) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(w, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** A heading's wording spread over one or more lines of the document. */
export interface TextLine {
  /** 1-based line number in the document. */
  line: number;
  text: string;
}

export interface HeadingMatch<T> {
  candidate: T;
  /** How many of the given lines (blank ones included) the wording takes up. */
  consumed: number;
  exact: boolean;
  score: number;
}

/**
 * Finds which candidate's wording the first lines spell out. An exact match (after
 * normalising) on the shortest run of lines wins; otherwise the most similar run of
 * lines, if it is at least `threshold` alike. Lines after the match are not part of it.
 */
export function matchWording<T extends { text: string }>(
  lines: readonly TextLine[],
  candidates: readonly T[],
  threshold: number,
): HeadingMatch<T> | undefined {
  const wanted = candidates.map((c) => ({ candidate: c, text: normalizeText(c.text) }));
  let best: HeadingMatch<T> | undefined;
  let joined = '';
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    if (text.trim() === '') continue;
    joined = joined ? `${joined} ${text}` : text;
    const normal = normalizeText(joined);
    const exact = wanted.find((w) => w.text === normal);
    if (exact) return { candidate: exact.candidate, consumed: i + 1, exact: true, score: 1 };
    for (const w of wanted) {
      const score = similarity(joined, w.candidate.text);
      if (score >= threshold && (!best || score > best.score))
        best = { candidate: w.candidate, consumed: i + 1, exact: false, score };
    }
    // Once the text is longer than every candidate's wording, more lines cannot help.
    if (wanted.every((w) => normal.length > w.text.length + 20)) break;
  }
  return best;
}

/** Whether `text` begins with `prefix` (both normalised), and where in `text` the rest starts. */
export function afterNormalizedPrefix(text: string, prefix: string): string | undefined {
  const target = normalizeText(prefix);
  if (!target) return undefined;
  // Grow the original text word by word until its normalised form covers the prefix.
  const parts = text.split(/(?<=\s)/);
  let taken = '';
  for (let i = 0; i < parts.length; i++) {
    taken += parts[i] ?? '';
    const normal = normalizeText(taken);
    if (normal === target) {
      const rest = text.slice(taken.length);
      // Closing emphasis or punctuation that belonged to the question text.
      return rest.replace(/^[*_\s]*[:.\-–—]?[*_]*\s*/, '');
    }
    if (normal.length > target.length + 2 && !normal.startsWith(target)) return undefined;
  }
  return undefined;
}
