/**
 * The watcher of `build --watch` and `preview`, in-process: a country.yaml that names another logo
 * makes that logo watched before the change is handed on, so a save of the logo right after the
 * rebuild is never missed (a race seen under load: the rebuild ran, the logo was saved, and
 * chokidar was not yet watching it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchSources } from '../src/project/watch-sources.js';
import { withProject } from './helpers/cli.js';
import { useCoverFixture } from './helpers/cover-fixture.js';
import { validPng } from './helpers/logo-bytes.js';

/** The changes reported, and a way to wait for the next one that satisfies a condition. */
function changes() {
  const seen: string[][] = [];
  const waiters: (() => void)[] = [];
  return {
    seen,
    onChange: (files: string[]) => {
      seen.push(files);
      for (const waiter of waiters.splice(0)) waiter();
    },
    until(condition: () => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => (condition() ? resolve() : waiters.push(check));
        check();
      });
    },
  };
}

describe('watchSources', () => {
  it('watches the logo a saved country.yaml names before it reports the change', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await useCoverFixture(dir);
      await writeFile(join(dir, 'assets', 'other.png'), validPng(12, 8));
      const country = join(dir, 'reports', '2014', 'kosovo', 'country.yaml');
      const seen = changes();
      // No settling time: the change is handed on as soon as it is seen, the harshest case.
      const watch = await watchSources({ cwd: dir, year: 2014, country: 'kosovo', settleMs: 0 }, seen.onChange, (e) => {
        throw e;
      });
      try {
        await writeFile(country, (await readFile(country, 'utf8')).replace('assets/logo.png', 'assets/other.png'));
        await seen.until(() => seen.seen.some((f) => f.includes('reports/2014/kosovo/country.yaml')));
        // At once, as a user saving the logo the moment the rebuild is done.
        await writeFile(join(dir, 'assets', 'other.png'), validPng(30, 9));
        await seen.until(() => seen.seen.some((f) => f.includes('assets/other.png')));
        expect(seen.seen.flat()).toContain('assets/other.png');
      } finally {
        await watch.close();
      }
    });
  }, 20_000);
});
