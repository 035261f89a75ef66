/** Ctrl-C sent to the real binary at a chosen moment, told by its output or its trace, never by a sleep. */
import { spawn } from 'node:child_process';
import { setTimeout as tick } from 'node:timers/promises';
import { binPath, testEnv } from './cli.js';

/**
 * Runs gareport with `args` in `dir` and sends SIGINT once `ready()` holds (asked every 10 ms) or the
 * process has ended; resolves with its exit code and its output (stdout and stderr together).
 */
export async function interruptWhen(
  dir: string,
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: dir,
    env: testEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (data) => {
    output += data;
  });
  child.stderr.on('data', (data) => {
    output += data;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  while (child.exitCode === null && !(await ready())) await tick(10);
  child.kill('SIGINT');
  return { code: await exited, output };
}
