import { isScalar, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { withHint } from '../diagnostics/diagnostics.js';
import { checkAnswerText } from '../model/answers.js';
import type { FormTarget } from '../model/form.js';
import { displayPath } from '../project/paths.js';
import type { FilledForm } from './parse.js';
import type { PlannedFile } from './project.js';

/**
 * Runs the checks of `gareport validate` on the answer files before they are written, and
 * points each problem in an answer back at the document line it came from.
 */
export async function validateAnswerFiles(
  files: readonly { file: PlannedFile; target: FormTarget }[],
  cwd: string,
  parsed: FilledForm,
  shownInput: string,
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const { file, target } of files) {
    const shown = displayPath(cwd, file.path);
    const { diagnostics } = await checkAnswerText(file.content, shown, target);
    const origins = answerOrigins(file.content, parsed, target);
    for (const d of diagnostics) {
      // Empty sections are counted in the summary instead.
      if (d.ruleId === 'unanswered') continue;
      const from = origins.get(d.line ?? 0);
      out.push(from ? withHint(d, `${d.hint ? `${d.hint}; ` : ''}imported from ${shownInput}:${from}`) : d);
    }
  }
  return out;
}

/** Line of the answer file → line of the document, for every line of every `|` answer taken from it. */
function answerOrigins(content: string, parsed: FilledForm, target: FormTarget): Map<number, number> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter });
  const origins = new Map<number, number>();
  for (const goal of target.goals) {
    const found = parsed.goals.get(goal.id);
    if (!found) continue;
    for (const [questionId, answer] of found.answers) {
      const node = doc.getIn(['goals', goal.id, questionId], true);
      if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || !node.range) continue;
      // An answer the file keeps (the document left the question unanswered) did not come from the document.
      if (node.value !== `${answer.markdown}\n`) continue;
      const header = lineCounter.linePos(node.range[0]).line;
      answer.sourceLines.forEach((sourceLine, k) => {
        if (sourceLine > 0) origins.set(header + 1 + k, sourceLine);
      });
    }
  }
  return origins;
}
