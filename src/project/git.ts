import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../diagnostics/errors.js';

/**
 * The reports ("<year>/<country>") whose files changed since a git ref, for CI on a pull request.
 * A change to a form, template or country list affects every report: then `undefined` (all).
 */
export async function changedReports(cwd: string, ref: string): Promise<Set<string> | undefined> {
  if (!/^[\w./~^@{}-]+$/.test(ref) || ref.startsWith('-')) {
    throw new UsageError(`\`${ref}\` is not a git commit or branch name`);
  }
  let output: string;
  try {
    const run = promisify(execFile);
    // Committed changes since the merge base, plus what is changed in the working tree, plus new
    // files not yet added (a country just started). -z: names as they are (git quotes non-ASCII ones).
    const { stdout } = await run('git', ['diff', '--name-only', '-z', '--relative', `${ref}...HEAD`], { cwd });
    const { stdout: local } = await run('git', ['diff', '--name-only', '-z', '--relative', 'HEAD'], { cwd });
    const { stdout: added } = await run('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd });
    output = `${stdout}\0${local}\0${added}`;
  } catch (error) {
    const message = (error as { stderr?: string }).stderr?.split('\n')[0] || (error as Error).message;
    throw new UsageError(
      `cannot compare with \`${ref}\`: ${message}`,
      'run from a git checkout that has that commit (in CI, fetch with enough depth)',
    );
  }
  const changed = new Set<string>();
  for (const file of output.split('\0').filter(Boolean)) {
    const report = /^reports\/(\d{4})\/([^/]+)\//.exec(file);
    if (report) {
      changed.add(`${report[1]}/${report[2]}`);
      // The next year's HTML report shows what this year's announced (issue 12, part 2).
      changed.add(`${Number(report[1]) + 1}/${report[2]}`);
    } else if (/^(forms|templates|data)\//.test(file)) return undefined;
  }
  return changed;
}
