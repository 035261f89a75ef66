/**
 * Rule settings (gareport.config.yaml `rules:`, in markdownlint-cli2's manner): each warning's rule
 * id set to `off`, `warning` or `error`. Only warnings can be set; an error stays one, since a
 * report cannot be built past it (issue 21 item 15).
 */
import type { Diagnostic } from './diagnostics.js';
import { diagnosticData, diagnosticFromData, isError } from './diagnostics.js';

export const RULE_LEVELS = ['off', 'warning', 'error'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];
export type RuleSettings = Readonly<Record<string, RuleLevel>>;

/** The warnings whose level a project may set, by rule id (the `code` of `--format json`). */
export const WARNING_RULES: Readonly<Record<string, string>> = {
  unanswered: 'a question or goal with no answer yet',
  'comment-in-answer': 'a `#` comment inside an answer, which the report leaves out',
  'missing-country-file': 'a report folder without country.yaml',
  'missing-target-file': 'a target of the form with no answer file',
  'svg-logo': 'an SVG logo, which the PDF and Word files cannot show',
  'translation-missing': "a question the form's translation leaves in the form's language",
  'translation-unknown-id': 'a translation of a target, goal or question the form does not have',
  'unread-file': 'a file in a report folder that gareport does not read',
  'bad-year-folder': 'a folder in reports/ that is not a year (a year mistyped is an error)',
  'unclosed-fence': 'a code block that is never closed',
  'image-in-answer': 'an image, of which the report shows the description only',
  'font-missing': 'a character no font of the PDF can draw',
  'nothing-to-report-spelling': '`N/A`, `—` or "nothing to report" written out, read as `--`',
  'word-bullet': 'lines with a Word bullet and a tab, read as a Markdown list',
  'no-translation-for-year': "a report's language with no translation of its year's form, though another year has one",
};

/** The diagnostics as the settings want them: warnings of a rule set `off` left out, of one set `error` made errors. */
export function applyRules(diagnostics: readonly Diagnostic[], rules: RuleSettings | undefined): Diagnostic[] {
  if (!rules || Object.keys(rules).length === 0) return [...diagnostics];
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = isError(d) || d.ruleId == null ? undefined : rules[d.ruleId];
    if (level === 'off') continue;
    if (level !== 'error') {
      kept.push(d);
      continue;
    }
    const why = `an error because gareport.config.yaml sets \`${d.ruleId}: error\``;
    const raised = diagnosticFromData({
      ...diagnosticData(d),
      severity: 'error',
      hint: d.hint ? `${d.hint}; ${why}` : why,
    });
    raised.place = d.place;
    kept.push(raised);
  }
  return kept;
}
