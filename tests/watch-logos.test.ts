/**
 * `build --watch` and `preview` watch the logos the country.yaml files name (watch-sources.ts). A
 * country.yaml saved is read again, alone: found in review re-reading every country.yaml of the
 * year at each save. In-process, with the reads counted through the file reader.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { withProject } from './helpers/cli.js';

const reads: string[] = [];
vi.mock('../src/load/regular-file.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/load/regular-file.js')>();
  return {
    ...original,
    readRegularFile: (path: string, limit: number) => {
      reads.push(path);
      return original.readRegularFile(path, limit);
    },
  };
});

const COUNTRIES = ['albania', 'ghana', 'peru'];

// Test files share their modules (vitest.config.ts: isolate false): watch-sources.ts may have been
// loaded with the real reader by another file. Load it afresh, so that it imports the one above.
let watchSources: typeof import('../src/project/watch-sources.js').watchSources;
beforeAll(async () => {
  vi.resetModules();
  ({ watchSources } = await import('../src/project/watch-sources.js'));
});

describe('the logos a year’s country.yaml files name', () => {
  it('a country.yaml saved is the only one read again, and the logo it now names is known', async () => {
    await withProject({}, async ({ dir }) => {
      for (const country of COUNTRIES) {
        await mkdir(join(dir, 'reports', '2014', country), { recursive: true });
        await writeFile(
          join(dir, 'reports', '2014', country, 'country.yaml'),
          `name: ${country}\nlogo: ${country}.png\n`,
        );
        // Logos that are there: chokidar says it is ready before it watches a path that is not.
        await writeFile(join(dir, `${country}.png`), '');
      }
      const changes: string[][] = [];
      let changed: () => void = () => {};
      const watch = await watchSources(
        { cwd: dir, year: 2014, settleMs: 20 },
        (files) => {
          changes.push(files);
          changed();
        },
        (error) => {
          throw error;
        },
      );
      try {
        const countryReads = () => reads.filter((r) => r.endsWith('country.yaml')).sort();
        expect(countryReads()).toEqual(COUNTRIES.map((c) => join(dir, 'reports', '2014', c, 'country.yaml')));
        expect(watch.files).toEqual(COUNTRIES.map((c) => join(dir, `${c}.png`)));
        reads.length = 0;
        const saved = new Promise<void>((resolve) => {
          changed = resolve;
        });
        await writeFile(join(dir, 'reports', '2014', 'ghana', 'country.yaml'), 'name: Ghana\nlogo: assets/ghana.svg\n');
        await saved;
        expect(changes.flat()).toEqual(['reports/2014/ghana/country.yaml']);
        expect(countryReads()).toEqual([join(dir, 'reports', '2014', 'ghana', 'country.yaml')]);
        expect(watch.logos()).toEqual(
          [join(dir, 'albania.png'), join(dir, 'assets', 'ghana.svg'), join(dir, 'peru.png')].sort(),
        );
      } finally {
        await watch.close();
      }
    });
  }, 30_000);
});
