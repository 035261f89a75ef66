/**
 * Whole answers that mean "nothing to report" in the usual spellings (`N/A`, `—`, "Rien à signaler"):
 * read as `--` (issue 21 item 5). The list is data (data/nothing-to-report.json), one entry per
 * language; every language's spellings are accepted, since a report quoting another language's
 * form still means the same.
 */
import spellings from '../../data/nothing-to-report.json' with { type: 'json' };

/** Lower case, no surrounding quotes or emphasis, no final full stop, spaces collapsed. */
export function normalizeNothing(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .replace(/^["'“”«»*_\s]+|["'“”«»*_\s]+$/gu, '')
    .replace(/[.!。]+$/u, '')
    .replace(/\s+/gu, ' ')
    .toLowerCase();
}

const NOTHING = new Set(
  Object.entries(spellings as Record<string, string | string[]>)
    .filter(([key]) => !key.startsWith('$'))
    .flatMap(([, list]) => (Array.isArray(list) ? list : []))
    .map(normalizeNothing)
    .filter((s) => s !== ''),
);

/** `N/A`, `—`, "Nothing to report.", "Néant": an answer that says there is nothing to report (not `--` itself). */
export function meansNothingToReport(text: string): boolean {
  const said = normalizeNothing(text);
  // A bare `.` or `"` normalises to nothing: not one of these.
  return said !== '' && NOTHING.has(said);
}
