/**
 * The lines of gareport's own title page, in any of its languages: "Reporting year 2014" and the
 * "Issued by", "Date" and "Contact" lines (render/cover-content.ts). A report exported to Word and
 * imported back carries them before the first target; they are not answers, and not a mistake.
 */
import { STRINGS } from '../compose/strings.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function coverPatterns(): RegExp[] {
  const years = new Set<string>();
  const labels = new Set<string>();
  for (const strings of Object.values(STRINGS)) {
    years.add(escapeRegExp(strings.reporting_year).replace('\\{year\\}', '\\d{4}'));
    for (const label of [strings.issued_by, strings.date, strings.contact]) labels.add(escapeRegExp(label));
  }
  return [
    new RegExp(`^(?:${[...years].join('|')})$`, 'iu'),
    new RegExp(`^(?:${[...labels].join('|')})\\s*:?\\s+\\S`, 'iu'),
  ];
}

let patterns: RegExp[] | undefined;

/** Whether a line of the text before the first target is one of the title page's. */
export function isCoverLine(text: string): boolean {
  patterns ??= coverPatterns();
  const plain = text.replace(/[*_]/g, '').replace(/\s+/g, ' ').trim();
  return patterns.some((p) => p.test(plain)) || /^!\[[^\]]*\]\([^)]*\)$/.test(plain);
}
