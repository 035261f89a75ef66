/**
 * A templates folder's fonts.yaml names fonts as the configuration does, and its entries are checked
 * the same way (found in review: a font file listed there that is not there passed without a word,
 * where the same entry in gareport.config.yaml is a warning at its place).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, withProject } from './helpers/cli.js';

const ENV = { NO_COLOR: '1' };

describe('templates/fonts.yaml', () => {
  it('a font file that is not there: a warning at its place, as in the config (it is left out)', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'templates'));
      await writeFile(join(dir, 'templates', 'fonts.yaml'), 'fonts:\n  - fonts/Nope.ttf\n');
      const result = await runInProcess(['validate', '2014', 'kosovo'], dir, ENV);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toMatch(
        /^templates\/fonts\.yaml:2:5 {2}warning {2}there is no font file or folder here, so it is left out$/m,
      );
    });
  });

  it('an entry that is no font: an error at its place (exit 1)', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'templates'));
      await writeFile(join(dir, 'templates', 'notes.txt'), 'not a font\n');
      await writeFile(join(dir, 'templates', 'fonts.yaml'), 'fonts:\n  - notes.txt\n');
      const result = await runInProcess(['validate', '2014', 'kosovo'], dir, ENV);
      expect(result.exitCode).toBe(1);
      expect(result.stdout + result.stderr).toMatch(
        /^templates\/fonts\.yaml:2:5 {2}error {2}this is not a font file \(TrueType, OpenType or a collection of them\)$/m,
      );
    });
  });
});
