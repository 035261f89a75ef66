/**
 * The words gareport's own reports print around the form, in each of their languages
 * (compose/strings.ts): "Policy Target No. 1", "Operational Goal:", "Not answered.". A report
 * exported to Word and imported back carries them; they are recognised whatever the language.
 */
import { STRINGS } from '../compose/strings.js';
import { normalizeText } from './match.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number sign before a target's number: No. n° Nr. n.º №, and what people type for it. */
const NUMBER_SIGN = String.raw`(?:no\.?|n[°º]|n\.\s?º|nr\.?|№|number|#)`;

/** After a label: not in the middle of a word (`\b` knows only ASCII letters). */
const WORD_END = String.raw`(?![\p{L}\p{N}])`;

/** A label as a pattern: its words in any spacing (a no-break space too), without its number sign or colon. */
function labelPattern(label: string, dropNumberSign: boolean): string {
  let words = label
    .replace(/[\s:]+$/u, '')
    .trim()
    .split(/\s+/u);
  if (dropNumberSign && new RegExp(`^${NUMBER_SIGN}$`, 'iu').test(words.at(-1) ?? '')) words = words.slice(0, -1);
  return words.map(escapeRegExp).join(String.raw`\s+`);
}

/** One alternative per distinct label of every language. */
function alternatives(labels: readonly string[], dropNumberSign: boolean): string {
  return [...new Set(labels.map((l) => labelPattern(l, dropNumberSign)))].join('|');
}

const languages = Object.values(STRINGS);
const targetLabels = alternatives(
  languages.map((s) => s.policy_target.split('{number}')[0] ?? s.policy_target),
  true,
);
const goalLabels = alternatives(
  languages.map((s) => s.operational_goal),
  false,
);
const countryLabels = alternatives(['country', 'state', 'country name', ...languages.map((s) => s.country)], false);

/** `Policy Target No. 2: text`, `Objectif politique n° 2`: [1] the number, [2] the separator, [3] the rest. */
export const TARGET_HEADING = new RegExp(
  String.raw`^\s{0,3}(?:#{1,6}\s+)?[*_]{0,3}\s*(?:${targetLabels})\s*${NUMBER_SIGN}?\s*(\d+)(?![\d.])[*_]{0,3}\s*([:.\-–—]?)[*_]{0,3}\s*(.*)$`,
  'iu',
);

/** `Operational Goal: text`, `Operatives Ziel: text`: [1] the separator, [2] the rest. */
export const GOAL_HEADING = new RegExp(
  String.raw`^\s{0,3}(?:#{1,6}\s+)?[*_]{0,3}\s*(?:${goalLabels})${WORD_END}(?:\s*(?:no\.?\s*)?\d+(?:\.\d+)*)?[\s*_]*([:.\-–—]?)[\s*_]*(.*)$`,
  'iu',
);

/** `Country: Kosovo`, `Pays : Kosovo`: [1] the name. */
export const COUNTRY_LINE = new RegExp(
  String.raw`^\s*[*_]{0,3}(?:${countryLabels})[*_]{0,3}\s*[:\-–][*_]{0,3}\s*(.+)$`,
  'iu',
);

const NOT_ANSWERED = new Set(['not answered', ...languages.map((s) => normalizeText(s.not_answered))]);
const NOTHING_TO_REPORT = new Set(['nothing to report', ...languages.map((s) => normalizeText(s.nothing_to_report))]);

/** What a report prints for an unanswered question, in any language (`said` is normalised). */
export function saysNotAnswered(said: string): boolean {
  return NOT_ANSWERED.has(said);
}

/** What a report prints for `--`, in any language (`said` is normalised). */
export function saysNothingToReport(said: string): boolean {
  return NOTHING_TO_REPORT.has(said);
}
