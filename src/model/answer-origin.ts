import type { Scalar } from 'yaml';
import { scalarSourceOffsets } from '../load/scalars.js';
import type { SourceText } from '../load/source-text.js';
import { positionAt } from '../load/source-text.js';

/** Where an answer's text sits in its YAML file, so its Markdown tree can point there (diagnostics). */
export interface AnswerOrigin {
  /** The answer file as shown in diagnostics. */
  file: string;
  /** For each line of the answer: where its first character is in the file (1-based line and column). */
  lines: { line: number; column: number; offset: number }[];
}

export function answerOrigin(source: SourceText, node: Scalar, markdown: string): AnswerOrigin {
  const offsetOf = scalarSourceOffsets(source, node);
  const lines: AnswerOrigin['lines'] = [];
  let index = 0;
  for (const text of markdown.split('\n')) {
    const offset = offsetOf(index);
    lines.push({ ...positionAt(source, offset), offset });
    index += text.length + 1;
  }
  return { file: source.file, lines };
}
