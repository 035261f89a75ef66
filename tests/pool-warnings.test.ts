/**
 * A build of many reports prints nothing but its own output: the pool's one stop signal serves every
 * queued task, so Node's "possible EventTarget memory leak" warning (more than 10 listeners on an
 * AbortSignal) must never reach the terminal (found with 19 countries).
 */
import { describe, expect, it } from 'vitest';
import { runBinary, withProject } from './helpers/cli.js';
import { makeCountries } from './helpers/countries.js';

describe('a build of many countries', () => {
  it('prints no Node warning (MaxListenersExceeded) with more queued tasks than ten', async () => {
    await withProject({}, async ({ dir }) => {
      await makeCountries(dir, 14);
      const result = await runBinary(['build', '2014', '--format', 'md'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/\(node:\d+\)|MaxListeners|memory leak/);
    });
  });
});
