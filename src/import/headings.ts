import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { FormDefinition, FormGoal, FormTarget } from '../model/form.js';
import { isCoverLine } from './cover-lines.js';
import type { LineDiagnostic } from './lines.js';
import { isBlank, lineRange, preview, unplacedText } from './lines.js';
import type { TextLine } from './match.js';
import { matchWording, normalizeText, similarity } from './match.js';
import { COUNTRY_LINE } from './report-words.js';

// How much a heading's wording may differ from the form's and still be recognised (0–1, shared words).
const GOAL_LIKENESS = 0.75;
const TARGET_LIKENESS = 0.6;

/** A goal of the form with the target it belongs to. */
export interface GoalOfForm {
  target: FormTarget;
  goal: FormGoal;
  text: string;
}

/**
 * `Policy Target No. 2 was met` in an answer is not a heading: a heading has nothing after
 * it, a colon, or the form's own wording.
 */
export function isHeading(separator: string, rest: string, candidates: readonly { text: string }[]): boolean {
  if (separator || rest.trim() === '') return true;
  const normal = normalizeText(rest);
  return candidates.some((c) => {
    const wanted = normalizeText(c.text);
    return wanted.startsWith(normal) || normal.startsWith(wanted) || similarity(rest, c.text) >= 0.6;
  });
}

function isTitle(text: string, form: FormDefinition): boolean {
  const normal = normalizeText(text);
  return (
    normal === normalizeText(form.title) ||
    similarity(text, form.title) >= 0.6 ||
    normal.includes('global alliance') ||
    normal.includes('reporting form')
  );
}

/** The title and country lines before the first policy target; anything else there is not imported. */
export function readPreamble(
  content: readonly TextLine[],
  form: FormDefinition,
  at: LineDiagnostic,
): { title?: TextLine; country?: TextLine; diagnostics: Diagnostic[] } {
  const out: { title?: TextLine; country?: TextLine; diagnostics: Diagnostic[] } = { diagnostics: [] };
  const rest: TextLine[] = [];
  for (const l of content) {
    if (l.text.trim() === '') {
      rest.push(l);
      continue;
    }
    const country = COUNTRY_LINE.exec(l.text);
    if (!out.title && !out.country && isTitle(l.text, form)) {
      out.title = l;
      const years = [...l.text.matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0]));
      if (years.length && !years.includes(form.year)) {
        out.diagnostics.push(
          at(
            l.line,
            'warning',
            'other-year',
            `this document is titled for ${years.join(', ')}, but it is being imported as the ${form.year} report`,
            'check the year given to `gareport import`',
          ),
        );
      }
    } else if (isCoverLine(l.text)) {
      // gareport's own title page (a report exported to Word): not an answer, nothing to say.
    } else if (!out.country && country?.[1]) {
      out.country = { line: l.line, text: country[1].replace(/[*_]/g, '').trim() };
    } else if (!out.country && l.text.trim().length <= 60) {
      out.country = { line: l.line, text: l.text.replace(/[*_#]/g, '').trim() };
    } else rest.push(l);
  }
  const first = rest.find((l) => l.text.trim() !== '');
  if (first) {
    out.diagnostics.push(
      at(
        first.line,
        'warning',
        'preamble-not-imported',
        `${lineRange(rest)} ("${preview(rest)}") come before the first policy target and are not imported`,
        'only the answers under the questions go into the answer files',
      ),
    );
  }
  return out;
}

/** Checks the text under a `Policy Target No. N` heading: the target's wording, and nothing else. */
export function checkTargetText(
  heading: TextLine,
  number: number,
  target: FormTarget | undefined,
  wording: readonly TextLine[],
  form: FormDefinition,
  at: LineDiagnostic,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (d: Diagnostic | undefined) => {
    if (d) out.push(d);
  };
  if (!target) {
    out.push(
      at(
        heading.line,
        'warning',
        'unknown-target',
        `the ${form.year} form has no policy target ${number}; the goals under this heading are placed by their wording`,
        `the form's policy targets are ${form.targets.map((t) => t.number).join(', ')}`,
      ),
    );
    push(unplacedText(at, wording, `the ${form.year} form has no policy target ${number}`));
    return out;
  }
  if (isBlank(wording)) return out;
  const match = matchWording(wording, [target], TARGET_LIKENESS);
  if (!match) {
    push(
      unplacedText(
        at,
        wording,
        `it is not the wording of policy target ${number}, and it is not under a question`,
        `the form's policy target ${number} reads: "${target.text}"`,
      ),
    );
    return out;
  }
  if (!match.exact) {
    out.push(
      at(
        wording.find((l) => l.text.trim())?.line ?? heading.line,
        'warning',
        'target-wording-differs',
        `the wording of policy target ${number} differs from the ${form.year} form; the form's wording is used in the report`,
      ),
    );
  }
  push(
    unplacedText(
      at,
      wording.slice(match.consumed),
      `it follows the wording of policy target ${number}, not a question`,
    ),
  );
  return out;
}

/** Which goal of the form the text after `Operational Goal:` is, and how many lines its wording takes. */
export function findGoal(
  wording: readonly TextLine[],
  allGoals: readonly GoalOfForm[],
  currentTarget: FormTarget | undefined,
): { goal?: GoalOfForm; consumed: number; exact: boolean; closest?: GoalOfForm } {
  const local = currentTarget ? allGoals.filter((g) => g.target === currentTarget) : [];
  const match =
    matchWording(wording, allGoals, 1) ??
    matchWording(wording, local, GOAL_LIKENESS) ??
    matchWording(wording, allGoals, GOAL_LIKENESS);
  if (match) return { goal: match.candidate, consumed: match.consumed, exact: match.exact };
  const best = allGoals
    .map((g) => ({ g, score: similarity(wording.map((l) => l.text).join(' '), g.text) }))
    .sort((a, b) => b.score - a.score)[0];
  return best && best.score > 0.3 ? { consumed: 0, exact: false, closest: best.g } : { consumed: 0, exact: false };
}
