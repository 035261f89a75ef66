/**
 * Two builds into the same output folder (issue 8, item 4), as two real processes: the second
 * waits for the first, so the outputs and the build record are all one build's; a lock left by a
 * build that was killed is taken over. (Giving up after GAREPORT_LOCK_TIMEOUT: tests/io-faults.test.ts.)
 * No waiting for the clock: the killed build's lock is made fresh, then, once the next build waits
 * for it, older than STALE_MS (its mtime set back), as if STALE_MS had passed without a refresh.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_NAME, STALE_MS } from '../src/batch/lock.js';
import { binPath, makeProject, repoRoot, runBinary, testEnv } from './helpers/cli.js';
import { makeCountries } from './helpers/countries.js';

const COUNTRIES = 8;
const MARKER = 'TEMPLATE-A-MARKER';
type Project = Awaited<ReturnType<typeof makeProject>>;

interface Started {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves when standard error matches. */
  printed: (pattern: RegExp) => Promise<void>;
  exited: Promise<number | null>;
}

function start(args: string[], cwd: string): Started {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd,
    env: testEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr?.on('data', (data) => {
    stderr += data;
    for (const w of waiters.splice(0)) (w.pattern.test(stderr) ? w.resolve : () => waiters.push(w))();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    stderr: () => stderr,
    exited,
    printed: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then(() =>
          pattern.test(stderr) ? resolve() : reject(new Error(`never printed ${pattern}:\n${stderr}`)),
        );
      }),
  };
}

async function markdownOutputs(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'out', '2014'))).filter((name) => name.endsWith('.md'));
}

describe('one build at a time in an output folder', () => {
  let project: Project;
  beforeEach(async () => {
    project = await makeProject();
    await makeCountries(project.dir, COUNTRIES, { kosovo: true });
    // Templates A: the built-in report template with a marker line.
    await cp(join(repoRoot, 'templates', 'report.md.liquid'), join(project.dir, 'A', 'report.md.liquid'));
    const template = await readFile(join(project.dir, 'A', 'report.md.liquid'), 'utf8');
    await writeFile(join(project.dir, 'A', 'report.md.liquid'), `${template}\n${MARKER}\n`);
  });
  afterEach(() => project.cleanup());

  it('a second build waits for the first, and the folder then holds its outputs alone', async () => {
    const first = start(['build', '2014', '--format', 'md,pdf', '--templates', 'A'], project.dir);
    await first.printed(/^\[\s*1\//m);
    const second = start(['build', '2014', '--format', 'md'], project.dir);
    await second.printed(/^waiting for another gareport build writing to out to finish…$/m);
    expect(await first.exited).toBe(0);
    expect(await second.exited).toBe(0);
    expect(second.stderr()).not.toMatch(/error/);

    // The second build came last: every Markdown file is its own (no template A), and a third
    // build with its settings finds everything up to date.
    for (const name of await markdownOutputs(project.dir)) {
      expect(await readFile(join(project.dir, 'out', '2014', name), 'utf8'), name).not.toContain(MARKER);
    }
    const third = await runBinary(['build', '2014', '--format', 'md'], project.dir);
    expect(third.exitCode).toBe(0);
    expect(third.stdout).toMatch(new RegExp(`^0 reports built, ${COUNTRIES} up to date$`, 'm'));
  });

  it('a lock left by a build that was killed is taken over', async () => {
    const killed = start(['build', '2014', '--format', 'md,html'], project.dir);
    await killed.printed(/^\[\s*1\//m);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const lock = join(project.dir, 'out', LOCK_NAME);
    expect(existsSync(lock)).toBe(true);

    // Fresh, as a build that has just been killed leaves it: the next build waits for it…
    const now = Date.now() / 1000;
    await utimes(lock, now, now);
    const next = start(['build', '2014', '--format', 'md,html'], project.dir);
    await next.printed(/^waiting for another gareport build writing to out to finish…$/m);
    // …and takes it over once it has not been refreshed for STALE_MS.
    const old = now - (2 * STALE_MS) / 1000;
    await utimes(lock, old, old);
    expect(await next.exited).toBe(0);
    expect(next.stderr()).not.toMatch(/error|not built/);
    expect(existsSync(lock)).toBe(false);
    const names = await readdir(join(project.dir, 'out', '2014'));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names.filter((n) => /\.(md|html|pdf)$/.test(n))).toHaveLength(COUNTRIES * 2 + 3);
  });
});
