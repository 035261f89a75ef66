/** A running gareport process (build --watch, preview) whose output can be awaited, never slept on. */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { binPath, testEnv } from './cli.js';

export const TIMEOUT = 30_000;

/** A running process whose output can be awaited. */
export class Watched {
  stdout = '';
  stderr = '';
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited = false;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.exit = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exited = true;
        this.notify();
        resolve({ code, signal });
      });
    });
  }

  /** Starts the binary with `args` in `cwd`, its output piped. */
  static start(args: string[], cwd: string): Watched {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd,
      env: testEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Watched(child);
  }

  /** Ends the process if it still runs (after a failed test). */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves when `condition` holds for the output so far; fails after the timeout or if the process ends first. */
  until(what: string, condition: (w: Watched) => boolean, timeout = TIMEOUT): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for ${what}\n--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`));
      }, timeout);
      const check = () => {
        if (condition(this)) {
          clearTimeout(timer);
          resolve();
        } else if (this.exited) {
          clearTimeout(timer);
          reject(new Error(`the process ended while waiting for ${what}\n${this.stdout}\n${this.stderr}`));
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Number of times `text` occurs in stdout + stderr. */
  count(text: string): number {
    return `${this.stdout}\n${this.stderr}`.split(text).length - 1;
  }
}
