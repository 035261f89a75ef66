/**
 * Edit distance with swapped neighbours as one edit (optimal string alignment), for "did you mean"
 * hints on short identifiers: `pfd` is one edit from `pdf`, two from `md`.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** The candidate closest to `input`, if it is close enough to be a plausible typo. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    let score = editDistance(needle, hay);
    // A prefix or a contained word ("takedown" for "notice-and-takedown") is a strong hint too.
    if (needle.length >= 4 && (hay.startsWith(needle) || hay.includes(needle))) score = Math.min(score, 1);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return bestScore <= limit ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = closest(input, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every two-letter language code Intl can name, with its name in English and in itself. */
function languageNames(): Map<string, string> {
  const names = new Map<string, string>();
  const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  for (const a of LETTERS)
    for (const b of LETTERS) {
      const code = a + b;
      const name = english.of(code);
      if (name === undefined) continue;
      names.set(name.toLowerCase(), code);
      try {
        const own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
        if (own && !names.has(own.toLowerCase())) names.set(own.toLowerCase(), code);
      } catch {
        // No locale data for the language itself: its English name is enough.
      }
    }
  return names;
}

let knownLanguages: Map<string, string> | undefined;

/**
 * The language code of a language's name (`German`, `Deutsch`, `français` → `de`, `de`, `fr`), or
 * of a name close to one; for "did you mean" where a code such as `de` is wanted.
 */
export function languageCodeFor(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (wanted.length < 3) return undefined;
  knownLanguages ??= languageNames();
  const exact = knownLanguages.get(wanted);
  if (exact !== undefined) return exact;
  const near = closest(wanted, knownLanguages.keys());
  return near === undefined ? undefined : knownLanguages.get(near);
}
