/**
 * Ctrl-C during `followup` and `diff` (issue 19): they render through the build's runner (one
 * document on the main thread, which sees the signal at its yield points; several on worker
 * threads), so the signal ends them: exit 130, and nothing of the document written. No timing: the
 * signal goes once the GAREPORT_TRACE hook shows every answer file parsed, when rendering begins.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { binPath, testEnv } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';

/** Every answer of a report many times over: a PDF that takes a second or more to render. */
async function lengthen(dir: string, year: number, times: number): Promise<string[]> {
  const folder = join(dir, 'reports', String(year), 'kosovo');
  const names = (await readdir(folder)).filter((n) => n.startsWith('target-'));
  for (const name of names) {
    const text = await readFile(join(folder, name), 'utf8');
    const longer = text.replace(
      /^( {4}[ABC]: \|\n)((?: {6}.*\n|\n)+)/gm,
      (_, head: string, body: string) => head + body.repeat(times),
    );
    await writeFile(join(folder, name), longer);
  }
  return names.map((n) => join(folder, n));
}

async function interrupted(
  dir: string,
  args: string[],
  parsed: string[],
): Promise<{ code: number | null; output: string }> {
  const trace = join(dir, 'trace.log');
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: dir,
    env: testEnv({ GAREPORT_TRACE: trace }),
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
  const allParsed = async () => {
    const text = existsSync(trace) ? await readFile(trace, 'utf8') : '';
    return parsed.every((file) => text.includes(`yaml\t${file.slice(dir.length + 1)}`));
  };
  while (child.exitCode === null && !(await allParsed())) await tick(10);
  child.kill('SIGINT');
  return { code: await exited, output };
}

/** Starts `args` and sends SIGINT once the trace shows `kind` `after` times; the trace's lines of `kind` when it ended. */
async function interruptedAt(
  dir: string,
  args: string[],
  kind: string,
  after: number,
): Promise<{ code: number | null; output: string; count: number }> {
  const trace = join(dir, 'trace.log');
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: dir,
    env: testEnv({ GAREPORT_TRACE: trace }),
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
  const count = async () =>
    (existsSync(trace) ? await readFile(trace, 'utf8') : '').split('\n').filter((l) => l.startsWith(`${kind}\t`))
      .length;
  while (child.exitCode === null && (await count()) < after) await tick(10);
  child.kill('SIGINT');
  const code = await exited;
  return { code, output, count: await count() };
}

describe('stopping the documents of the reporting cycle', () => {
  it('followup: Ctrl-C once the answers are read: exit 130, nothing written', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const files = [...(await lengthen(dir, 2014, 40)), ...(await lengthen(dir, 2015, 40))];
      const { code, output } = await interrupted(dir, ['followup', 'kosovo', '2015'], files);
      expect(code, output).toBe(130);
      expect(output).toMatch(/stopped/);
      expect(output).not.toMatch(/internal error|wrote/);
      expect(await readdir(join(dir, 'out', '2015', 'followup')).catch(() => [])).toEqual([]);
    });
  });

  it('diff: the same (answers less long: the word diff of long answers takes a while)', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const files = [...(await lengthen(dir, 2014, 8)), ...(await lengthen(dir, 2015, 8))];
      const { code, output } = await interrupted(dir, ['diff', 'kosovo', '2014', '2015'], files);
      expect(code, output).toBe(130);
      expect(output).toMatch(/stopped/);
      expect(output).not.toMatch(/internal error|wrote/);
      expect(await readdir(join(dir, 'out', '2015', 'diff')).catch(() => [])).toEqual([]);
    });
  });

  it('diff: Ctrl-C while long answers are compared stops between two answers (found in review: 2 s later)', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await lengthen(dir, 2014, 60);
      await lengthen(dir, 2015, 60);
      const { code, output, count } = await interruptedAt(dir, ['diff', 'kosovo', '2014', '2015'], 'diff', 1);
      expect(code, output).toBe(130);
      expect(output).not.toMatch(/internal error|wrote/);
      // Six answers are compared in both years, each word diff a few hundred milliseconds: the
      // signal, sent after the first, is seen at the next answer, not after the last.
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(6);
      expect(await readdir(join(dir, 'out', '2015', 'diff')).catch(() => [])).toEqual([]);
    });
  });
});
