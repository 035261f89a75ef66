/**
 * One test of "is this path inside that folder" (src/project/inside.ts), found in review written
 * out about ten times, some of them calling a file named `..x` outside.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInside } from '../src/project/inside.js';
import { displayPath } from '../src/project/paths.js';

/** Where a list of path segments leads from a folder: depth below it, or negative once it climbs out. */
function staysInside(segments: readonly string[]): boolean {
  let depth = 0;
  for (const segment of segments) {
    if (segment === '..') depth--;
    else if (segment !== '.' && segment !== '') depth++;
    if (depth < 0) return false;
  }
  return true;
}

const SEGMENTS = ['..', '.', '', 'a', 'b', '..x', 'x..', '...', '.hidden', 'a b'];
const segments = fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 8 });

describe('isInside', () => {
  it('knows `..x` from `..`', () => {
    expect(isInside('/p', '/p/..x')).toBe(true);
    expect(isInside('/p', '/p/..x/y')).toBe(true);
    expect(isInside('/p', '/p')).toBe(true);
    expect(isInside('/p', '/p/a/../..')).toBe(false);
    expect(isInside('/p', '/p/../x')).toBe(false);
    expect(isInside('/p', '/px')).toBe(false);
    expect(isInside('C:\\p', 'C:\\p\\..x', path.win32)).toBe(true);
    expect(isInside('C:\\p', 'D:\\p\\x', path.win32)).toBe(false);
    expect(isInside('C:\\p', 'C:/p/a/../../q', path.win32)).toBe(false);
  });

  it('agrees with walking the segments, on POSIX and Windows paths', () => {
    fc.assert(
      fc.property(segments, (parts) => {
        expect(isInside('/project/reports', path.posix.join('/project/reports', ...parts), path.posix)).toBe(
          staysInside(parts),
        );
        // Windows: backslashes or forward slashes, a drive, any case of the drive letter.
        const dir = 'C:\\project\\reports';
        expect(isInside(dir, path.win32.join(dir, ...parts), path.win32)).toBe(staysInside(parts));
        expect(isInside(dir, `c:/project/reports/${parts.join('/')}`, path.win32)).toBe(staysInside(parts));
      }),
      { numRuns: 500 },
    );
  });

  it('shows a file named `..x` of the working folder by its relative name', () => {
    expect(displayPath('/p', '/p/..x/a.yaml')).toBe('..x/a.yaml');
    expect(displayPath('/p', '/q/a.yaml')).toBe('/q/a.yaml');
  });
});
