/**
 * The default output folder may not be a link out of the project (issue 20, item 1): a folder sent
 * in with `out -> /elsewhere` must not make `build` write outside it. `--out` is the user's choice.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeProject, runBinary, runInProcess } from './helpers/cli.js';

describe('a committed link as the output folder', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let elsewhere: string;
  beforeEach(async () => {
    project = await makeProject({ withKosovo: true });
    elsewhere = await mkdtemp(join(tmpdir(), 'gareport-elsewhere-'));
    await symlink(elsewhere, join(project.dir, 'out'));
  });
  afterEach(async () => {
    await project.cleanup();
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('is refused by build (exit 2), which writes nothing there', async () => {
    const result = await runBinary(['build', '2014', 'kosovo', '--format', 'md'], project.dir);
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain(
      'the output folder `out` is not written: it leads outside the project through a symbolic link',
    );
    expect(result.stderr).toContain('--out');
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it("is the user's own choice when named with --out", async () => {
    const chosen = await runInProcess(['build', '2014', 'kosovo', '--format', 'md', '--out', 'out'], project.dir);
    expect(chosen.exitCode, chosen.stderr).toBe(0);
    expect(existsSync(join(elsewhere, '2014', 'kosovo.md'))).toBe(true);
  });
});
