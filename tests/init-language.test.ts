/** Issue 21 item 19: `init` writes the form's text in its comments in the report's language, where the form has a translation. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, withProject } from './helpers/cli.js';

describe('init in the language of the report', () => {
  it('a French report gets the French form text in its comments', async () => {
    await withProject({}, async ({ dir }) => {
      const folder = join(dir, 'reports', '2014', 'albania');
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'country.yaml'), 'name: Albania\nlanguage: fr\n');
      const result = await runInProcess(['init', '2014', 'albania'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const text = await readFile(join(folder, 'target-1.yaml'), 'utf8');
      expect(text).toContain('Intensifier les efforts visant à identifier les victimes');
      expect(text).toContain('Veuillez indiquer les actions concrètes');
      expect(text).not.toContain('Enhancing efforts to identify victims');
      // Comments only: the keys are the form's ids, and the file validates.
      expect((await runInProcess(['validate', '2014', 'albania'], dir)).exitCode).toBe(0);
    });
  });

  it('an English report keeps the form as it is', async () => {
    await withProject({}, async ({ dir }) => {
      await mkdir(join(dir, 'reports', '2014'), { recursive: true });
      await runInProcess(['init', '2014', 'albania'], dir);
      const text = await readFile(join(dir, 'reports', '2014', 'albania', 'target-1.yaml'), 'utf8');
      expect(text).toContain('Enhancing efforts to identify victims');
    });
  });
});
