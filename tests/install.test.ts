/**
 * Issue 21 item 20: `npm ci` in a fresh clone prints no warning. Read from package-lock.json
 * rather than by installing (a minute, and the registry): npm warns about a package whose
 * `engines` exclude the running Node (EBADENGINE) and about a package with install scripts that
 * `allowScripts` does not cover.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

interface LockPackage {
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
}

const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockPackage>;
};
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};

/** Numbers of a version, `x` or missing parts as 0: `20.x` → [20, 0, 0]. */
const parts = (version: string): [number, number, number] => {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  return [major, minor, patch];
};
const compare = (a: [number, number, number], b: [number, number, number]) =>
  (a[0] - b[0]) * 1e6 + (a[1] - b[1]) * 1e3 + (a[2] - b[2]);

/** Whether `version` satisfies an npm `engines` range made of `||`, `>=`, `^` and plain versions. */
function satisfies(version: string, range: string): boolean {
  const v = parts(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|\^)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => {
        if (comparator === '' || comparator === '*') return true;
        const m = /^(>=|\^)?v?([\dx.]+)$/.exec(comparator);
        if (!m) throw new Error(`a range this test does not read: ${comparator} (in ${range})`);
        const bound = parts(m[2] as string);
        if (m[1] === '>=') return compare(v, bound) >= 0;
        if (m[1] === '^') return v[0] === bound[0] && compare(v, bound) >= 0;
        return (m[2] as string).split('.').every((p, i) => p === 'x' || Number(p) === v[i]);
      }),
  );
}

describe('npm ci prints no warning', () => {
  it('reads the ranges the lock holds', () => {
    expect(satisfies('20.20.2', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.10.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.20.2', '^22 || ^24 || >=26')).toBe(false);
    expect(satisfies('24.1.0', '>= 14.16.0')).toBe(true);
    expect(satisfies('20.1.0', '>=20.x')).toBe(true);
  });

  it.each([process.versions.node, '22.13.0', '24.0.0'])(
    'every package of the lock, and gareport, accept Node %s (no EBADENGINE)',
    (version) => {
      const refusing = Object.entries(lock.packages)
        .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node)
        .filter(([, p]) => !satisfies(version, (p.engines as { node: string }).node))
        .map(([path, p]) => `${path} (${(p.engines as { node: string }).node})`);
      expect(refusing).toEqual([]);
      expect(satisfies(version, pkg.engines.node)).toBe(true);
    },
  );

  it('every package with install scripts is in allowScripts', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => pkg.allowScripts?.[name] === undefined)).toEqual([]);
  });
});
