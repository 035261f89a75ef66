import { NOTHING_TO_REPORT } from '../model/answers.js';
import type { TextLine } from './match.js';
import { normalizeText } from './match.js';
import { saysNotAnswered, saysNothingToReport } from './report-words.js';

/** An answer taken from a filled-in form, as it will be written to the answer file. */
export interface ImportedAnswer {
  /** Markdown; `--` for nothing to report; empty when the question was left unanswered. */
  markdown: string;
  /** For each line of `markdown`, the line of the document it came from (0 for none). */
  sourceLines: number[];
}

/** What people type for "nothing to report": `--`, and the dashes Word's autocorrect turns it into. */
const NOTHING_MARKS = new Set(['--', '\u2013', '\u2014', '---', '\u2013\u2013', '\u2014\u2014']);

/** Bullets word processors put in plain-text exports; Markdown knows `-`, `*` and `+`. */
const BULLET = /^(\s*)[\u2022\u25CF\u25E6\u25AA\u2023\u2043\u2219\u25A0\u25A1\u25CB\u25C6\u2666\uF0B7]\s*/u;

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;

/** A fence that opens or closes a fenced code block: its character and length. */
const FENCE = /^\s*(`{3,}(?=[^`]*$)|~{3,})/;

/** For each line, whether it is inside a fenced code block (the fences themselves are not). */
function inCode(texts: readonly string[]): boolean[] {
  let open: string | undefined;
  return texts.map((text) => {
    const fence = FENCE.exec(text)?.[1];
    if (open === undefined) {
      if (fence) open = fence;
      return false;
    }
    if (fence?.startsWith(open) && fence[0] === open[0] && text.trim() === fence) {
      open = undefined;
      return false;
    }
    return true;
  });
}

/**
 * Turns the lines between one question and the next into the answer's Markdown.
 * Only layout noise changes (trailing spaces, runs of blank lines, indents that would make
 * code blocks, `•` bullets); every word stays, in order. The lines of a fenced code block stay
 * as they are: there every space and blank line is the answer's.
 */
export function answerFromLines(lines: readonly TextLine[]): ImportedAnswer {
  const code = inCode(lines.map((l) => l.text));
  const kept = lines.map((l, i) => ({ line: l.line, text: code[i] ? l.text : l.text.trimEnd(), code: code[i] }));
  while (kept.length && kept[0]?.text === '') kept.shift();
  while (kept.length && kept.at(-1)?.text === '') kept.pop();
  const compact: { line: number; text: string; code?: boolean | undefined }[] = [];
  for (const l of kept) {
    if (l.text === '' && !l.code && compact.at(-1)?.text === '') continue;
    compact.push(l);
  }
  // A common indent (spaces only) would turn the whole answer into a code block.
  const indents = compact.filter((l) => l.text.trim() !== '').map((l) => /^ */.exec(l.text)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  const body = compact.map((l) => ({
    line: l.line,
    text: l.code
      ? l.text.slice(Math.min(common, /^ */.exec(l.text)?.[0].length ?? 0))
      : l.text.slice(common).replace(BULLET, '$1- '),
    code: l.code,
  }));
  // A paragraph typed with a first-line indent is not meant as a code block; outside a list it loses the indent.
  let inList = false;
  body.forEach((l, i) => {
    if (l.text === '' || l.code) return;
    const startsBlock = i === 0 || body[i - 1]?.text === '';
    if (startsBlock && /^ {4,}\S/.test(l.text) && !inList) l.text = l.text.trimStart();
    if (startsBlock) inList = LIST_ITEM.test(l.text) || (inList && /^\s/.test(l.text));
  });
  const markdown = body.map((l) => l.text).join('\n');
  if (markdown === '') return { markdown: '', sourceLines: [] };
  // What gareport's own reports print for `--` and for an empty answer, in any language, so a built report imports back.
  const said = normalizeText(markdown);
  if (saysNotAnswered(said)) return { markdown: '', sourceLines: [] };
  if (NOTHING_MARKS.has(markdown.trim()) || saysNothingToReport(said))
    return { markdown: NOTHING_TO_REPORT, sourceLines: [body[0]?.line ?? 0] };
  return { markdown, sourceLines: body.map((l) => l.line) };
}
