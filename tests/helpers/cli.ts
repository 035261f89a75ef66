import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const binPath = join(repoRoot, 'bin', 'gareport.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The whole environment of a process a test starts: the caller's own variables (NO_COLOR,
 * FORCE_COLOR, CI, TZ, LANG, GAREPORT_*, GIT_*, NODE_OPTIONS…) never reach it, so a test's result
 * cannot depend on the shell that runs the suite. `overrides` adds variables; `undefined` removes one.
 */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    TMPDIR: tmpdir(),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    CI: 'true',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * Runs gareport in-process, as the binary would, in `cwd`; `packageRoot` is where the binary would
 * be installed (this repository, or a copy of its layout whose own templates/ a test changes).
 */
export async function runInProcess(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
  packageRoot: string = repoRoot,
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    cwd,
    env,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    packageRoot,
  });
  return { exitCode, stdout, stderr };
}

/** Runs the real binary (bin/gareport.js over the bundled dist/) in `cwd`, with `testEnv(env)`. */
export async function runBinary(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [binPath, ...args], {
      cwd,
      env: testEnv(env),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A scratch project folder; `withKosovo` copies the Kosovo 2014 report into it. */
export async function makeProject(
  options: { withKosovo?: boolean } = {},
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gareport-test-'));
  if (options.withKosovo) {
    await cp(join(repoRoot, 'reports', '2014', 'kosovo'), join(dir, 'reports', '2014', 'kosovo'), { recursive: true });
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `fn` with a scratch project (see makeProject), removed afterwards whatever happens. */
export async function withProject<T>(
  options: { withKosovo?: boolean },
  fn: (project: { dir: string }) => Promise<T>,
): Promise<T> {
  const project = await makeProject(options);
  try {
    return await fn(project);
  } finally {
    await project.cleanup();
  }
}
