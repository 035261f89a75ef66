/** Where a command's outputs may go: not among the answers (issue 21 item 21). */
import { relative } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import type { Setting } from '../project/config.js';
import { isInside } from '../project/inside.js';
import { leadsOut } from '../project/leads-out.js';
import { displayPath, reportsRoot } from '../project/paths.js';
import { UserMistake } from '../project/remedy.js';

/**
 * An output folder in reports/ (`--out .` run from reports/2014/kosovo) would put the outputs among
 * the answer files, where the next run takes them for answers or folders of countries: refused.
 */
export function refuseOutputAmongAnswers(root: string, out: string): void {
  if (!isInside(reportsRoot(root), out)) return;
  throw new UserMistake(
    `the output folder \`${displayPath(root, out)}\` is inside reports/: the outputs would be written among the answers`,
    { kind: 'other-output-folder', example: 'out' },
  );
}

/**
 * The default output folder (`out`, chosen by no flag, variable or config) is the project's own: a
 * committed link `out -> /elsewhere` would make a build of a folder someone sent in write outside
 * the project (issue 20, item 1). `--out` names any folder: that is the user's own choice.
 */
export async function refuseDefaultOutputLinkedOut(root: string, out: Setting<string>): Promise<void> {
  if (out.origin.kind !== 'default') return;
  const why = await leadsOut(root, relative(root, out.value));
  if (why === undefined) return;
  throw new UsageError(
    `the output folder \`${displayPath(root, out.value)}\` is not written: ${why}`,
    'remove the link, or name the output folder yourself with `--out`',
  );
}
