/**
 * Runs the real binary in a pseudo-terminal (node-pty), as a user at a terminal does, and reads
 * what the terminal shows with a headless xterm: carriage returns and erase-line codes are applied,
 * so a progress line rewritten in place reads as one line.
 */
import xterm from '@xterm/headless';
import { spawn } from 'node-pty';
import { binPath, testEnv } from './cli.js';

export interface TerminalRun {
  /** Resolves once the process has exited and its output is on the screen. */
  exited: Promise<{ exitCode: number; signal: number | undefined }>;
  /** Resolves when the output so far (raw bytes, escape codes included) matches. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Types into the terminal (e.g. `\x03`, Ctrl-C). */
  type(data: string): void;
  /** Sends a signal to the process itself. */
  kill(signal: NodeJS.Signals): void;
  /** The screen's lines (scrollback included), trailing blanks trimmed. */
  screen(): string[];
  /** Everything the process wrote. */
  raw(): string;
  pid: number;
}

export function runInTerminal(
  args: string[],
  cwd: string,
  options: { cols?: number; rows?: number; env?: Record<string, string> } = {},
): TerminalRun {
  const cols = options.cols ?? 100;
  const rows = options.rows ?? 30;
  const terminal = new xterm.Terminal({ cols, rows, scrollback: 10_000, allowProposedApi: true });
  // A terminal session, not CI: CI turns the in-place progress line off.
  const env = testEnv({ CI: undefined, TERM: 'xterm-256color', ...options.env });
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd,
    cols,
    rows,
    name: 'xterm-256color',
    env,
  });
  let raw = '';
  let written = Promise.resolve();
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.onData((data) => {
    raw += data;
    written = written.then(() => new Promise<void>((resolve) => terminal.write(data, resolve)));
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(raw)) w.resolve();
      else waiters.push(w);
    }
  });
  const exited = new Promise<{ exitCode: number; signal: number | undefined }>((resolve) => {
    child.onExit(({ exitCode, signal }) => {
      void written.then(() => resolve({ exitCode, signal: signal || undefined }));
    });
  });
  return {
    exited,
    pid: child.pid,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(raw)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then(() => {
          if (pattern.test(raw)) resolve();
          else reject(new Error(`the process exited before printing ${pattern}; it printed:\n${raw}`));
        });
      }),
    type: (data) => child.write(data),
    kill: (signal) => process.kill(child.pid, signal),
    raw: () => raw,
    screen: () => {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
      while (lines.length && lines.at(-1) === '') lines.pop();
      return lines;
    },
  };
}
