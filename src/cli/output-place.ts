/** Where a command's outputs may go: not among the answers (issue 21 item 21). */
import { isAbsolute, relative } from 'node:path';
import { displayPath, reportsRoot } from '../project/paths.js';
import { UserMistake } from '../project/remedy.js';

/**
 * An output folder in reports/ (`--out .` run from reports/2014/kosovo) would put the outputs among
 * the answer files, where the next run takes them for answers or folders of countries: refused.
 */
export function refuseOutputAmongAnswers(root: string, out: string): void {
  const inside = relative(reportsRoot(root), out);
  if (inside.startsWith('..') || isAbsolute(inside)) return;
  throw new UserMistake(
    `the output folder \`${displayPath(root, out)}\` is inside reports/: the outputs would be written among the answers`,
    { kind: 'other-output-folder', example: 'out' },
  );
}
