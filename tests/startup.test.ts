/**
 * Issue 19, start-up: the binary uses V8's compile cache where Node has one (22.1 and later), in a
 * folder of the user's own cache folder with the user id in its name, and is a no-op on Node 20.
 * Run under another Node with `/path/to/node node_modules/vitest/vitest.mjs run tests/startup.test.ts`.
 */
import { readdir } from 'node:fs/promises';
import module from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBinary, withProject } from './helpers/cli.js';

/** Every file under `dir`, relative; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

// @types/node follows Node 20, which has no module.enableCompileCache.
const hasCompileCache = 'enableCompileCache' in module;
const user = process.getuid?.() ?? 'user';

describe(`the compile cache (Node ${process.version}: ${hasCompileCache ? 'has one' : 'has none'})`, () => {
  it('is written to the user cache folder, per user id, and read by the next run', async () => {
    await withProject({}, async ({ dir }) => {
      const env = { XDG_CACHE_HOME: dir };
      const first = await runBinary(['validate', '2014', 'kosovo'], repoRoot, env);
      expect(first.exitCode).toBe(0);
      const cached = await filesUnder(join(dir, 'gareport', `compile-cache-${user}`));
      if (!hasCompileCache) {
        expect(await filesUnder(dir)).toEqual([]);
        return;
      }
      expect(cached.length).toBeGreaterThan(0);
      expect(await filesUnder(dir)).toEqual(expect.arrayContaining(cached));
      const second = await runBinary(['validate', '2014', 'kosovo'], repoRoot, env);
      expect(second).toEqual(first);
      expect(await filesUnder(join(dir, 'gareport', `compile-cache-${user}`))).toEqual(cached);
    });
  });

  it('is left alone with NODE_DISABLE_COMPILE_CACHE, and NODE_COMPILE_CACHE names another folder', async () => {
    await withProject({}, async ({ dir }) => {
      const off = await runBinary(['validate', '2014', 'kosovo'], repoRoot, {
        XDG_CACHE_HOME: dir,
        NODE_DISABLE_COMPILE_CACHE: '1',
      });
      expect(off.exitCode).toBe(0);
      expect(await filesUnder(dir)).toEqual([]);
      const elsewhere = join(dir, 'mine');
      const own = await runBinary(['validate', '2014', 'kosovo'], repoRoot, {
        XDG_CACHE_HOME: join(dir, 'xdg'),
        NODE_COMPILE_CACHE: elsewhere,
      });
      expect(own.exitCode).toBe(0);
      expect(await filesUnder(join(dir, 'xdg'))).toEqual([]);
      expect((await filesUnder(elsewhere)).length > 0).toBe(hasCompileCache);
    });
  });

  it('is left out when its folder cannot be made (a home that does not exist, a cache under /proc)', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      for (const env of [{ HOME: join(dir, 'no-home') }, { XDG_CACHE_HOME: '/proc/no-cache' }]) {
        const result = await runBinary(['validate', '2014', 'kosovo'], dir, env);
        expect(result.exitCode, JSON.stringify(env)).toBe(0);
        expect(result.stderr).toBe('');
      }
      expect((await readdir(dir)).sort()).toEqual(['reports']);
    });
  });
});
