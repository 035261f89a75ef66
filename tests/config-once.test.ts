/** A mistake in gareport.config.yaml is said once, however many settings a command reads from it. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, withProject } from './helpers/cli.js';

describe('gareport.config.yaml read once per command', () => {
  it.each([
    [['validate', '2014', 'kosovo']],
    [['validate', '2014', 'kosovo', '--pdf-fonts']],
    [['validate', '2014', 'kosovo', '--pdf-fonts', '--format', 'json']],
  ])('%j names a missing font of the configuration once', async (args) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'gareport.config.yaml'), 'fonts: [fonts/missing.ttf]\nrules: {unanswered: off}\n');
      const result = await runInProcess(args, dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const said = `${result.stdout}${result.stderr}`;
      expect(said.split('there is no font file or folder here').length - 1, said).toBe(1);
      // The rules of the same read apply: no "unanswered" warning.
      expect(said).not.toContain('unanswered');
    });
  });
});
