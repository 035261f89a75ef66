import type { FormQuestion } from '../model/form.js';
import type { TextLine } from './match.js';
import { afterNormalizedPrefix, normalizeText, similarity } from './match.js';

const QUESTION_LIKENESS = 0.6;
const LETTER_MARKER = /^\s{0,3}(?:#{1,6}\s+)?[*_]{0,3}\s*\(?([A-Za-z])\s*([).:])[*_]{0,3}\s*(.*)$/u;
/** `1.` or `2)`: Word's automatic list numbering comes out of mammoth as `1.`, whatever Word showed. */
const NUMBER_MARKER = /^\s{0,3}(?:#{1,6}\s+)?[*_]{0,3}\s*\(?(\d{1,2})\s*([).])[*_]{0,3}\s*(.*)$/u;

interface Marker {
  /** The question's letter, upper-case, when the line starts with one. */
  letter?: string;
  /** Written as the form writes it: a capital letter and `)`. */
  formStyle: boolean;
  /** A number, which says nothing about which question it is. */
  numbered: boolean;
  /** That number. */
  number?: number;
  rest: string;
}

/** The marker a line starts with (`A)`, `a.`, `(b)`, `1.`, `1. A)`), and the text after it. */
function markerOf(text: string): Marker {
  const number = NUMBER_MARKER.exec(text);
  const afterNumber = number ? (number[3] ?? '') : text;
  const letter = LETTER_MARKER.exec(afterNumber);
  if (letter?.[1]) {
    return {
      letter: letter[1].toUpperCase(),
      formStyle: letter[1] === letter[1].toUpperCase() && letter[2] === ')',
      numbered: false,
      rest: letter[3] ?? '',
    };
  }
  return number
    ? { formStyle: false, numbered: true, number: Number(number[1]), rest: afterNumber }
    : { formStyle: false, numbered: false, rest: afterNumber };
}

export interface QuestionFound {
  question: FormQuestion;
  /** Index of the first line after the question's wording. */
  next: number;
  /** Answer text written on the same line, after the question. */
  remainder?: TextLine;
  differs: boolean;
  /** The list number the question had (Word's automatic numbering), which a list right after it may continue. */
  listNumber?: number;
}

/**
 * Whether line `i` is one of the questions in `pool`, and where its wording ends. A question is
 * recognised by its text, after any marker; `expected` (the question after the last one found)
 * may also have an answer on the same line, or a reworded text under the form's own marker.
 */
export function findQuestion(
  lines: readonly string[],
  i: number,
  pool: readonly FormQuestion[],
  expected: FormQuestion | undefined,
  inGoal: boolean,
): QuestionFound | undefined {
  const text = lines[i] ?? '';
  if (text.trim() === '') return undefined;
  const marker = markerOf(text);
  const { letter, rest } = marker;
  const marked = letter !== undefined || marker.numbered;
  const found = (f: QuestionFound): QuestionFound =>
    marker.number === undefined ? f : { ...f, listNumber: marker.number };
  const candidates = letter ? pool.filter((q) => q.id === letter) : pool;
  const restNormal = normalizeText(rest);
  if (!restNormal) return undefined;
  for (const q of candidates) {
    const wanted = normalizeText(q.text);
    if (restNormal === wanted) return found({ question: q, next: i + 1, differs: false });
    if (letter || q === expected) {
      const after = afterNormalizedPrefix(rest, q.text);
      if (after) return found({ question: q, next: i + 1, differs: false, remainder: { line: i + 1, text: after } });
    }
    // The question's wording broken over several lines or paragraphs.
    if ((marked || restNormal.split(' ').length >= 4) && wanted.startsWith(`${restNormal} `)) {
      const end = wordingEnd(lines, i, rest, wanted);
      if (end !== undefined) return found({ question: q, next: end, differs: false });
    }
    const fewestWords = letter ? 2 : q !== expected ? undefined : marked ? 2 : 4;
    if (fewestWords && isShortenedLabel(restNormal, wanted, fewestWords))
      return found({ question: q, next: i + 1, differs: false });
  }
  // Other wording is accepted only under a marker: the form's own (`C)`), or a list number for the expected question.
  if (marker.formStyle || marker.numbered) {
    const q = inGoal ? candidates.find((c) => c === expected) : marker.numbered ? undefined : candidates[0];
    if (q && similarity(rest, q.text) >= QUESTION_LIKENESS) return found({ question: q, next: i + 1, differs: true });
  }
  return undefined;
}

/**
 * A question's first words standing for it, as forms are often filled in ("B) Please assess
 * progress made", "B) Please assess progress made…"; issue 21 item 12): two words or more after
 * the question's letter (or a list number, for the question expected next), four or more
 * without either, for the question expected next.
 */
function isShortenedLabel(restNormal: string, wanted: string, fewestWords: number): boolean {
  const label = restNormal.replace(/\s*(?:…|\.\.\.)$/u, '').replace(/[\s:.;,]+$/, '');
  return label.split(' ').length >= fewestWords && wanted.startsWith(`${label} `);
}

/** The index after the last line of a question's wording that starts at line `i`, if the lines spell all of it. */
function wordingEnd(lines: readonly string[], i: number, first: string, wanted: string): number | undefined {
  let joined = first;
  for (let j = i + 1; j < lines.length && j <= i + 8; j++) {
    const next = lines[j] ?? '';
    if (next.trim() === '') continue;
    joined = `${joined} ${next}`;
    const normal = normalizeText(joined);
    if (normal === wanted) return j + 1;
    if (!wanted.startsWith(`${normal} `)) return undefined;
  }
  return undefined;
}

const ORDERED_ITEM = /^(\d{1,9})([.)])(?=\s|$)/;

/**
 * When Word numbers a question and the list of its answer right after it, mammoth makes them one
 * list: the question is "1." and the answer's items go on "2.", "3.". The answer's list is
 * numbered from 1 again, as Word showed it. `after` is the question's number.
 */
export function restartContinuedList(lines: readonly TextLine[], after: number): TextLine[] {
  const start = lines.findIndex((l) => l.text.trim() !== '');
  const first = ORDERED_ITEM.exec(lines[start]?.text ?? '');
  if (!first || Number(first[1]) !== after + 1) return [...lines];
  let expected = after + 1;
  return lines.map((l, i) => {
    if (i < start || expected < 0) return l;
    const item = ORDERED_ITEM.exec(l.text);
    if (item && Number(item[1]) === expected) {
      expected++;
      return { line: l.line, text: `${expected - 1 - after}${l.text.slice(item[1]?.length ?? 0)}` };
    }
    // The list goes on over indented lines and blank lines; anything else ends it.
    if (l.text.trim() !== '' && !/^\s/.test(l.text)) expected = -1;
    return l;
  });
}
