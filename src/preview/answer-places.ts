/**
 * Where a diagnostic belongs in the preview page: the question (or goal) of the answer file whose
 * lines it points at, as the HTML report's anchor (`notice-and-takedown-a`). Read from the file's
 * YAML with positions, so a diagnostic on any line of a block answer lands at its question.
 */

import type { Document } from 'yaml';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { SourceText } from '../load/source-text.js';
import { positionAt } from '../load/source-text.js';
import { questionAnchor } from '../render/html.js';

/** Lines (1-based, inclusive) of one question's or goal's entry, and the anchor it maps to. */
export interface AnswerPlace {
  anchor: string;
  first: number;
  last: number;
}

/** The places of an answer file's goals and questions; none when the text is not YAML. */
export function answerPlaces(text: string): AnswerPlace[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  return placesIn(doc, (offset) => lines.linePos(offset).line);
}

/** The places of an answer file parsed already (by the load, with its line index): not parsed again. */
export function documentPlaces(source: SourceText, doc: Document): AnswerPlace[] {
  return placesIn(doc, (offset) => positionAt(source, offset).line);
}

function placesIn(doc: Document, line: (offset: number) => number): AnswerPlace[] {
  const goals = isMap(doc.contents) ? doc.contents.get('goals', true) : undefined;
  if (!isMap(goals)) return [];
  const lineOf = (offset: number | undefined) => (offset === undefined ? 0 : line(offset));
  // A range ends after its last character (a block's newline): its last line is the one before.
  const lastLine = (start: number | undefined, end: number | undefined) =>
    end === undefined || start === undefined || end <= start ? lineOf(start) : lineOf(end - 1);
  const places: AnswerPlace[] = [];
  for (const goal of goals.items) {
    if (!isScalar(goal.key)) continue;
    const id = String(goal.key.value);
    const start = goal.key.range?.[0];
    const end = (goal.value as { range?: [number, number, number] } | null)?.range?.[1] ?? goal.key.range?.[1];
    places.push({ anchor: id, first: lineOf(start), last: lastLine(start, end) });
    if (!isMap(goal.value)) continue;
    for (const question of goal.value.items) {
      if (!isScalar(question.key)) continue;
      const qStart = question.key.range?.[0];
      const qEnd =
        (question.value as { range?: [number, number, number] } | null)?.range?.[1] ?? question.key.range?.[1];
      places.push({
        anchor: questionAnchor(id, String(question.key.value)),
        first: lineOf(qStart),
        last: lastLine(qStart, qEnd),
      });
    }
  }
  return places;
}

/** The anchor of the innermost place holding `line`, if any. */
export function anchorAt(places: readonly AnswerPlace[], line: number): string | undefined {
  let best: AnswerPlace | undefined;
  for (const place of places) {
    if (line < place.first || line > place.last) continue;
    if (!best || place.last - place.first < best.last - best.first) best = place;
  }
  return best?.anchor;
}
