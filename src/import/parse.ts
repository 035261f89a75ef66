import type { Diagnostic, Severity } from '../diagnostics.js';
import type { FormDefinition, FormGoal, FormQuestion, FormTarget } from '../form.js';
import type { ImportedAnswer } from './content.js';
import { answerFromLines } from './content.js';
import type { TextLine } from './match.js';
import { afterNormalizedPrefix, matchWording, normalizeText, similarity } from './match.js';

/** One operational goal found in the document, with the answers under its questions. */
export interface ImportedGoal {
  target: FormTarget;
  goal: FormGoal;
  /** Line of its `Operational Goal:` heading. */
  line: number;
  answers: Map<string, ImportedAnswer>;
}

export interface FilledForm {
  /** The document's title line and country line, when it has them. */
  title?: TextLine;
  country?: TextLine;
  /** Goals by id, in document order. */
  goals: Map<string, ImportedGoal>;
  diagnostics: Diagnostic[];
}

// How much a heading's wording may differ from the form's and still be recognised (0–1, shared words).
const GOAL_LIKENESS = 0.75;
const TARGET_LIKENESS = 0.6;
const QUESTION_LIKENESS = 0.6;

const TARGET_HEADING =
  /^\s{0,3}(?:#{1,6}\s+)?[*_]{0,3}\s*policy\s+target\s*(?:no\.?|n[°º]|nr\.?|number|#)?\s*(\d+)(?![\d.])[*_]{0,3}\s*([:.\-–—]?)[*_]{0,3}\s*(.*)$/iu;
const GOAL_HEADING =
  /^\s{0,3}(?:#{1,6}\s+)?[*_]{0,3}\s*operational\s+goal\b(?:\s*(?:no\.?\s*)?\d+(?:\.\d+)*)?[\s*_]*([:.\-–—]?)[\s*_]*(.*)$/iu;
const QUESTION_MARKER = /^\s{0,3}(?:#{1,6}\s+)?[*_]{0,3}\s*\(?([A-Za-z])\s*([).:])[*_]{0,3}\s*(.*)$/u;
const COUNTRY_LINE = /^\s*[*_]{0,3}(?:country|state|country name)[*_]{0,3}\s*[:\-–][*_]{0,3}\s*(.+)$/iu;

/** The document's text with a BOM dropped and every line ending made `\n`; line numbers stay the same. */
export function documentLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
}

function lineRange(lines: readonly TextLine[]): string {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  const first = nonBlank[0]?.line ?? 0;
  const last = nonBlank.at(-1)?.line ?? first;
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

function preview(lines: readonly TextLine[]): string {
  const text = lines
    .map((l) => l.text.trim())
    .filter(Boolean)
    .join(' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Region =
  | { kind: 'preamble' }
  | { kind: 'target-text'; heading: TextLine; target?: FormTarget; number: number; rest?: TextLine }
  | { kind: 'goal-text'; heading: TextLine; rest?: TextLine }
  | { kind: 'answer'; goal: ImportedGoal; question: FormQuestion; first?: TextLine }
  | { kind: 'lost'; marker: TextLine; why: string; hint?: string };

interface QuestionFound {
  question: FormQuestion;
  /** Index of the first line after the question's wording. */
  next: number;
  /** Answer text written on the same line, after the question. */
  remainder?: TextLine;
  differs: boolean;
}

/**
 * Reads a filled-in form laid out like the form itself (title, country, `Policy Target No. N`,
 * `Operational Goal: …`, `A) question` with the answer below) and finds each answer's place in
 * the form by the wording of its goal and question. Everything it cannot place is a diagnostic.
 */
export function parseFilledForm(text: string, form: FormDefinition, file: string): FilledForm {
  const raw = documentLines(text);
  const diagnostics: Diagnostic[] = [];
  // Page breaks (form feeds) and other invisible control characters are not text; YAML cannot hold most of them.
  const lines = raw.map((l) => l.replace(/(?![\t\n])\p{Cc}/gu, ''));
  const controlLine = raw.findIndex((l) => /(?![\t\n\f])\p{Cc}/u.test(l));

  const at = (line: number, severity: Severity, code: string, message: string, hint?: string): Diagnostic => {
    const excerpt = lines[line - 1] ?? '';
    const column = line > 0 ? excerpt.length - excerpt.trimStart().length + 1 : 0;
    const d: Diagnostic = { severity, file, line, column, code, message };
    if (line > 0) d.excerpt = excerpt;
    if (hint) d.hint = hint;
    return d;
  };
  if (controlLine !== -1) {
    diagnostics.push(
      at(controlLine + 1, 'warning', 'control-characters', 'invisible control characters were removed from the text'),
    );
  }

  const allGoals = form.targets.flatMap((t) => t.goals.map((g) => ({ target: t, goal: g, text: g.text })));
  const questionsByText = new Map<string, FormQuestion>();
  for (const { goal } of allGoals) for (const q of goal.questions) questionsByText.set(`${q.id}\0${q.text}`, q);
  const anyQuestions = [...questionsByText.values()];

  const result: FilledForm = { goals: new Map(), diagnostics };
  let region: Region = { kind: 'preamble' };
  let buffer: TextLine[] = [];
  let currentTarget: FormTarget | undefined;
  let currentGoal: ImportedGoal | undefined;
  let lastQuestion: FormQuestion | undefined;

  const unplaced = (content: readonly TextLine[], why: string, hint?: string) => {
    const first = content.find((l) => l.text.trim() !== '');
    if (!first) return;
    diagnostics.push(
      at(
        first.line,
        'error',
        'unplaced-text',
        `${lineRange(content)} ("${preview(content)}") cannot be placed: ${why}`,
        hint ?? 'move the text under the question it answers, or delete it if it is not part of an answer',
      ),
    );
  };

  const closePreamble = (content: TextLine[]) => {
    const rest: TextLine[] = [];
    for (const l of content) {
      if (l.text.trim() === '') {
        rest.push(l);
        continue;
      }
      const country = COUNTRY_LINE.exec(l.text);
      if (!result.title && !result.country && isTitle(l.text, form)) {
        result.title = l;
        const years = [...l.text.matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0]));
        if (years.length && !years.includes(form.year)) {
          diagnostics.push(
            at(
              l.line,
              'warning',
              'other-year',
              `this document is titled for ${years.join(', ')}, but it is being imported as the ${form.year} report`,
              'check the year given to `gareport import`',
            ),
          );
        }
      } else if (!result.country && country?.[1]) {
        result.country = { line: l.line, text: country[1].replace(/[*_]/g, '').trim() };
      } else if (!result.country && l.text.trim().length <= 60) {
        result.country = { line: l.line, text: l.text.replace(/[*_#]/g, '').trim() };
      } else rest.push(l);
    }
    if (rest.some((l) => l.text.trim() !== '')) {
      const first = rest.find((l) => l.text.trim() !== '');
      diagnostics.push(
        at(
          first?.line ?? 0,
          'warning',
          'preamble-not-imported',
          `${lineRange(rest)} ("${preview(rest)}") come before the first policy target and are not imported`,
          'only the answers under the questions go into the answer files',
        ),
      );
    }
  };

  const closeTargetText = (r: Extract<Region, { kind: 'target-text' }>, content: TextLine[]) => {
    const wording = r.rest ? [r.rest, ...content] : content;
    if (!r.target) {
      diagnostics.push(
        at(
          r.heading.line,
          'warning',
          'unknown-target',
          `the ${form.year} form has no policy target ${r.number}; the goals under this heading are placed by their wording`,
          `the form's policy targets are ${form.targets.map((t) => t.number).join(', ')}`,
        ),
      );
      unplaced(wording, `the ${form.year} form has no policy target ${r.number}`);
      return;
    }
    if (wording.every((l) => l.text.trim() === '')) return;
    const match = matchWording(wording, [r.target], TARGET_LIKENESS);
    if (!match) {
      unplaced(
        wording,
        `it is not the wording of policy target ${r.number}, and it is not under a question`,
        `the form's policy target ${r.number} reads: "${r.target.text}"`,
      );
      return;
    }
    if (!match.exact) {
      diagnostics.push(
        at(
          wording.find((l) => l.text.trim())?.line ?? r.heading.line,
          'warning',
          'target-wording-differs',
          `the wording of policy target ${r.number} differs from the ${form.year} form; the form's wording is used in the report`,
        ),
      );
    }
    unplaced(wording.slice(match.consumed), `it follows the wording of policy target ${r.number}, not a question`);
  };

  const closeGoalText = (r: Extract<Region, { kind: 'goal-text' }>, content: TextLine[]) => {
    const wording = r.rest ? [r.rest, ...content] : content;
    const local = currentTarget ? allGoals.filter((g) => g.target === currentTarget) : [];
    const match =
      matchWording(wording, allGoals, 1) ??
      matchWording(wording, local, GOAL_LIKENESS) ??
      matchWording(wording, allGoals, GOAL_LIKENESS);
    if (!match) {
      const best = allGoals
        .map((g) => ({ g, score: similarity(wording.map((l) => l.text).join(' '), g.text) }))
        .sort((a, b) => b.score - a.score)[0];
      diagnostics.push(
        at(
          r.heading.line,
          'error',
          'unknown-goal',
          `this operational goal is not in the ${form.year} form, so the answers under it cannot be placed`,
          best && best.score > 0.3
            ? `the closest goal in the form is \`${best.g.goal.id}\`: "${best.g.goal.text}"`
            : `check that the document is the ${form.year} form`,
        ),
      );
      currentGoal = undefined;
      return;
    }
    const { target, goal } = match.candidate;
    const seen = result.goals.get(goal.id);
    if (seen) {
      diagnostics.push(
        at(
          r.heading.line,
          'error',
          'duplicate-goal',
          `operational goal \`${goal.id}\` appears a second time (first at line ${seen.line}); the answers under it cannot be placed`,
          'merge the two sections into one',
        ),
      );
      currentGoal = undefined;
      return;
    }
    if (!match.exact) {
      diagnostics.push(
        at(
          r.heading.line,
          'warning',
          'goal-wording-differs',
          `the wording of this operational goal differs from the ${form.year} form; imported as goal \`${goal.id}\``,
          `the form reads: "${goal.text}"`,
        ),
      );
    }
    if (currentTarget && currentTarget !== target) {
      diagnostics.push(
        at(
          r.heading.line,
          'warning',
          'goal-under-other-target',
          `goal \`${goal.id}\` belongs to policy target ${target.number} in the form, not ${currentTarget.number}; its answers go to target-${target.number}.yaml`,
        ),
      );
    }
    currentGoal = { target, goal, line: r.heading.line, answers: new Map() };
    result.goals.set(goal.id, currentGoal);
    unplaced(
      wording.slice(match.consumed),
      `it follows the wording of goal \`${goal.id}\` but comes before its first question`,
    );
  };

  const close = () => {
    const content = buffer;
    buffer = [];
    switch (region.kind) {
      case 'preamble':
        return closePreamble(content);
      case 'target-text':
        return closeTargetText(region, content);
      case 'goal-text':
        return closeGoalText(region, content);
      case 'answer': {
        const answer = answerFromLines(region.first ? [region.first, ...content] : content);
        region.goal.answers.set(region.question.id, answer);
        return;
      }
      case 'lost':
        if (content.some((l) => l.text.trim() !== '')) unplaced(content, region.why, region.hint);
        else diagnostics.push(at(region.marker.line, 'warning', 'unplaced-question', region.why));
        return;
    }
  };

  /** Is line `i` a question of the form, and where does its wording end? */
  const questionAt = (i: number): QuestionFound | undefined => {
    const text = lines[i] ?? '';
    if (text.trim() === '') return undefined;
    const marker = QUESTION_MARKER.exec(text);
    const letter = marker?.[1]?.toUpperCase();
    const rest = marker ? (marker[3] ?? '') : text;
    const pool = currentGoal && region.kind !== 'goal-text' ? currentGoal.goal.questions : anyQuestions;
    const candidates = letter ? pool.filter((q) => q.id === letter) : pool;
    const expected =
      currentGoal?.goal.questions[lastQuestion ? currentGoal.goal.questions.indexOf(lastQuestion) + 1 : 0];
    const restNormal = normalizeText(rest);
    if (!restNormal) return undefined;
    for (const q of candidates) {
      const wanted = normalizeText(q.text);
      if (restNormal === wanted) return { question: q, next: i + 1, differs: false };
      if (letter || q === expected) {
        const after = afterNormalizedPrefix(rest, q.text);
        if (after) {
          return {
            question: q,
            next: i + 1,
            differs: false,
            remainder: { line: i + 1, text: after },
          };
        }
      }
      // The question's wording broken over several lines or paragraphs.
      if ((letter || restNormal.split(' ').length >= 4) && wanted.startsWith(`${restNormal} `)) {
        let joined = rest;
        for (let j = i + 1; j < lines.length && j <= i + 8; j++) {
          const next = lines[j] ?? '';
          if (next.trim() === '') continue;
          joined = `${joined} ${next}`;
          const normal = normalizeText(joined);
          if (normal === wanted) return { question: q, next: j + 1, differs: false };
          if (!wanted.startsWith(`${normal} `)) break;
        }
      }
    }
    // Other wording is accepted only in the form's own layout: the next question's capital letter and `)`.
    if (letter && letter === marker?.[1] && marker?.[2] === ')') {
      const q = currentGoal ? candidates.find((c) => c === expected) : candidates[0];
      if (q && similarity(rest, q.text) >= QUESTION_LIKENESS) return { question: q, next: i + 1, differs: true };
    }
    return undefined;
  };

  const startQuestion = (found: QuestionFound, markerLine: TextLine) => {
    if (found.differs) {
      diagnostics.push(
        at(
          markerLine.line,
          'warning',
          'question-wording-differs',
          `the wording of question ${found.question.id} differs from the ${form.year} form; the text below it is imported as the answer to ${found.question.id}`,
          `the form reads: "${found.question.text}"`,
        ),
      );
    }
    if (!currentGoal) {
      region = {
        kind: 'lost',
        marker: markerLine,
        why: `question ${found.question.id} at line ${markerLine.line} is not under an operational goal of the ${form.year} form`,
        hint: 'check the `Operational Goal:` heading above it against the form',
      };
      return;
    }
    const question = currentGoal.goal.questions.find((q) => q.id === found.question.id);
    if (!question) {
      region = {
        kind: 'lost',
        marker: markerLine,
        why: `goal \`${currentGoal.goal.id}\` has no question ${found.question.id}`,
      };
      return;
    }
    if (currentGoal.answers.has(question.id)) {
      region = {
        kind: 'lost',
        marker: markerLine,
        why: `question ${question.id} of goal \`${currentGoal.goal.id}\` appears a second time (line ${markerLine.line})`,
        hint: 'merge the two answers under one question',
      };
      return;
    }
    lastQuestion = question;
    region = { kind: 'answer', goal: currentGoal, question };
    if (found.remainder) region.first = found.remainder;
  };

  for (let i = 0; i < lines.length; ) {
    const text = lines[i] ?? '';
    const line: TextLine = { line: i + 1, text };
    const target = TARGET_HEADING.exec(text);
    if (target && isHeading(target[2] ?? '', target[3] ?? '', form.targets)) {
      close();
      const number = Number(target[1]);
      const formTarget = form.targets.find((t) => t.number === number);
      region = { kind: 'target-text', heading: line, number };
      if (formTarget) region.target = formTarget;
      if (target[3]) region.rest = { line: i + 1, text: target[3] };
      currentTarget = formTarget;
      currentGoal = undefined;
      lastQuestion = undefined;
      i++;
      continue;
    }
    const goal = GOAL_HEADING.exec(text);
    if (goal && isHeading(goal[1] ?? '', goal[2] ?? '', allGoals)) {
      close();
      region = { kind: 'goal-text', heading: line };
      if (goal[2]) region.rest = { line: i + 1, text: goal[2] };
      currentGoal = undefined;
      lastQuestion = undefined;
      i++;
      continue;
    }
    const question = questionAt(i);
    if (question) {
      close();
      startQuestion(question, line);
      i = question.next;
      continue;
    }
    buffer.push(line);
    i++;
  }
  close();

  for (const target of form.targets) {
    for (const goal of target.goals) {
      const found = result.goals.get(goal.id);
      if (!found) {
        diagnostics.push({
          severity: 'warning',
          file,
          line: 0,
          column: 0,
          code: 'goal-not-in-document',
          message: `operational goal \`${goal.id}\` (policy target ${target.number}) is not in the document; its questions stay unanswered`,
        });
        continue;
      }
      const missing = goal.questions.filter((q) => !found.answers.has(q.id)).map((q) => q.id);
      if (missing.length) {
        diagnostics.push(
          at(
            found.line,
            'warning',
            'question-not-in-document',
            `question${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of goal \`${goal.id}\` ${missing.length === 1 ? 'is' : 'are'} not in the document and stay${missing.length === 1 ? 's' : ''} unanswered`,
          ),
        );
      }
    }
  }
  return result;
}

/**
 * `Policy Target No. 2 was met` in an answer is not a heading: a heading has nothing after
 * it, a colon, or the form's own wording.
 */
function isHeading(separator: string, rest: string, candidates: readonly { text: string }[]): boolean {
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
