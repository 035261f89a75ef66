import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import { leadsOut } from './leads-out.js';

/**
 * The project's own templates/ is read for every report: a committed link that leads out of the
 * project (`templates -> /etc`) would let a template include any file of the machine (issue 20).
 */
export async function checkProjectTemplates(cwd: string): Promise<void> {
  const info = await lstat(join(cwd, 'templates')).catch(() => undefined);
  if (!info?.isSymbolicLink()) return;
  const why = await leadsOut(cwd, 'templates');
  if (why !== undefined)
    throw new UsageError(
      `the project's templates folder is not read: ${why}`,
      'copy the templates into the project instead of linking to them; a folder elsewhere can be given with `--templates`',
    );
}
