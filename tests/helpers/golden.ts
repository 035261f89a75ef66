/**
 * Golden files (tests/golden/): the expected output of a command, committed. A test compares its
 * output with them; `UPDATE_GOLDEN=1 npm test` writes the new output there instead and then fails,
 * naming the files, so that an update is never mistaken for a passing run (comparing a file just
 * written with itself proves nothing). Rerun without UPDATE_GOLDEN and review `git diff tests/golden`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from './cli.js';

export const goldenDir = join(repoRoot, 'tests', 'golden');

/** Whether this run writes the golden files (`UPDATE_GOLDEN=1`) instead of comparing with them. */
export const updatingGolden = process.env.UPDATE_GOLDEN === '1';

/**
 * The HTML of a page without the contents of its `<style>` elements: the stylesheet is
 * templates/report.css, inlined as is, and a change to it should not rewrite the golden pages.
 */
export function withoutStyles(html: string): string {
  return html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi, '$1$2');
}

/**
 * Checks each output (file name under tests/golden/ → text) against its golden file; in update
 * mode writes them all and throws "golden files updated: …, rerun without UPDATE_GOLDEN".
 */
export async function expectGolden(
  files: Record<string, string>,
  options: { update?: boolean; dir?: string } = {},
): Promise<void> {
  const { update = updatingGolden, dir = goldenDir } = options;
  if (update) {
    await mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const [name, actual] of Object.entries(files)) {
      const path = join(dir, name);
      const before = await readFile(path, 'utf8').catch(() => undefined);
      await writeFile(path, actual);
      written.push(
        `${relative(repoRoot, path).split('\\').join('/')} (${before === undefined ? 'new' : before === actual ? 'unchanged' : 'changed'})`,
      );
    }
    throw new Error(`golden files updated: ${written.join(', ')}, rerun without UPDATE_GOLDEN`);
  }
  for (const [name, actual] of Object.entries(files)) {
    const expected = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (expected === undefined)
      throw new Error(`no golden file ${name} in ${dir}; run UPDATE_GOLDEN=1 npm test to write it, then review it`);
    expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 npm test to accept the change)`).toBe(
      expected,
    );
  }
}
