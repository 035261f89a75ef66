/** The 2014 + 2015 project of the reporting-cycle tests: Kosovo's real 2014 report, the rest written for the tests. */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, runInProcess, withProject } from './cli.js';

export const cycleFixture = join(repoRoot, 'tests', 'fixtures', 'cycle');

/** Runs `fn` in a scratch copy of the fixture; with `form2015`, after `gareport form new 2015 --from 2014`. */
export async function withCycleProject<T>(
  options: { form2015?: boolean },
  fn: (project: { dir: string }) => Promise<T>,
): Promise<T> {
  return withProject({ withKosovo: true }, async (project) => {
    await cp(join(cycleFixture, 'reports'), join(project.dir, 'reports'), { recursive: true });
    if (options.form2015) {
      const made = await runInProcess(['form', 'new', '2015', '--from', '2014'], project.dir);
      if (made.exitCode !== 0) throw new Error(`form new failed: ${made.stderr}`);
    }
    return fn(project);
  });
}
