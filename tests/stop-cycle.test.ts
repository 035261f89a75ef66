import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCycleProject } from './helpers/cycle.js';
import { interruptWhen } from './helpers/interrupt.js';

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

/** Ctrl-C once the trace shows every file of `parsed` parsed, when rendering begins. */
function interrupted(dir: string, args: string[], parsed: string[]): Promise<{ code: number | null; output: string }> {
  const trace = join(dir, 'trace.log');
  return interruptWhen(dir, args, { GAREPORT_TRACE: trace }, async () => {
    const text = existsSync(trace) ? await readFile(trace, 'utf8') : '';
    return parsed.every((file) => text.includes(`yaml\t${file.slice(dir.length + 1)}`));
  });
}

/** Ctrl-C once the trace shows `kind` `after` times; with the trace's lines of `kind` when it ended. */
async function interruptedAt(
  dir: string,
  args: string[],
  kind: string,
  after: number,
): Promise<{ code: number | null; output: string; count: number }> {
  const trace = join(dir, 'trace.log');
  const count = async () =>
    (existsSync(trace) ? await readFile(trace, 'utf8') : '').split('\n').filter((l) => l.startsWith(`${kind}\t`))
      .length;
  const { code, output } = await interruptWhen(
    dir,
    args,
    { GAREPORT_TRACE: trace },
    async () => (await count()) >= after,
  );
  return { code, output, count: await count() };
}

describe('stopping the documents of the reporting cycle', () => {
  // diff's answers less long: the word diff of long answers takes a while.
  it.each([
    { command: 'followup', args: ['followup', 'kosovo', '2015'], times: 40 },
    { command: 'diff', args: ['diff', 'kosovo', '2014', '2015'], times: 8 },
  ])('$command: Ctrl-C once the answers are read: exit 130, nothing written', async ({ command, args, times }) => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const files = [...(await lengthen(dir, 2014, times)), ...(await lengthen(dir, 2015, times))];
      const { code, output } = await interrupted(dir, args, files);
      expect(code, output).toBe(130);
      expect(output).toMatch(/stopped/);
      expect(output).not.toMatch(/internal error|wrote/);
      expect(await readdir(join(dir, 'out', '2015', command)).catch(() => [])).toEqual([]);
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
