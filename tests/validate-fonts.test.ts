import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary, runInProcess, withProject } from './helpers/cli.js';

// Issue 10 item 6: a character no font can draw is found by `validate` too, when asked
// (`--pdf-fonts`), with the position, the characters and the fix; `--strict` makes it an error.
// U+E000 (private use) is drawn by no font here: not the built-in ones, not a system's.
const T1 = 'reports/2014/kosovo/target-1.yaml';

async function withUndrawable(run: (dir: string) => Promise<void>): Promise<void> {
  await withProject({ withKosovo: true }, async ({ dir }) => {
    const file = join(dir, T1);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('In 2013, 4 cases', 'In 2013, \uE000 4 cases'));
    await run(dir);
  });
}

describe.each([
  { name: 'in-process', run: runInProcess },
  { name: 'binary', run: runBinary },
])('validate --pdf-fonts ($name)', ({ run }) => {
  it('warns at the character no font can draw; plain validate does not look', async () => {
    await withUndrawable(async (dir) => {
      const plain = await run(['validate', '2014', 'kosovo'], dir);
      expect(plain.exitCode).toBe(0);
      expect(plain.stdout).not.toContain('no font can draw');
      const checked = await run(['validate', '2014', 'kosovo', '--pdf-fonts'], dir);
      expect(checked.exitCode, checked.stdout + checked.stderr).toBe(0);
      expect(checked.stdout).toMatch(new RegExp(`^${T1}:6:\\d+  warning  no font can draw .* in the PDF`, 'm'));
      expect(checked.stdout).toContain('\uE000');
    });
  });

  it('--strict makes it an error (exit 1)', async () => {
    await withUndrawable(async (dir) => {
      const strict = await run(['validate', '2014', 'kosovo', '--pdf-fonts', '--strict'], dir);
      expect(strict.exitCode).toBe(1);
      expect(strict.stdout).toMatch(new RegExp(`^${T1}:6:\\d+  error  no font can draw`, 'm'));
    });
  });

  it('finds nothing to say about the Kosovo report', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await run(['validate', '2014', 'kosovo', '--pdf-fonts', '--strict'], dir);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('no font');
    });
  });
});
