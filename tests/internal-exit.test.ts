/**
 * Issue 20, item 13: a report that fails in a way gareport did not foresee (a bug) makes `build`
 * exit 2, as the README's exit codes say of internal failures, not 1 (the answers' errors), and
 * says it is a bug; a file that cannot be read still exits 3, invalid answers 1.
 */
import { describe, expect, it } from 'vitest';
import type { BuildFailure } from '../src/batch/batch-options.js';
import { printBuild } from '../src/cli/build-report.js';
import { painter } from '../src/cli/colour.js';

function exitCodeOf(failed: BuildFailure[]): { code: number; stderr: string } {
  let stderr = '';
  const io = {
    cwd: '/p',
    env: {},
    stdout: () => {},
    stderr: (t: string) => {
      stderr += t;
    },
  };
  const result = {
    diagnostics: [],
    built: [],
    skipped: [],
    failed,
    stopped: false,
    yearFiles: [],
    upToDateWarnings: 0,
  };
  const code = printBuild(io, '/p', '/p/out', result, { quiet: true }, painter({}, {}));
  return { code, stderr };
}

describe('exit code of a build with failed reports', () => {
  const invalid: BuildFailure = { year: 2014, country: 'albania', reason: 'the answers have errors' };
  const io: BuildFailure = { year: 2014, country: 'andorra', reason: 'cannot read x', io: true };
  const internal: BuildFailure = { year: 2014, country: 'kosovo', reason: 'internal error: boom', internal: true };

  it('is 2 for an internal failure, with or without other failures, and says it is a bug', () => {
    for (const failed of [[internal], [invalid, internal], [io, internal]]) {
      const { code, stderr } = exitCodeOf(failed);
      expect(code).toBe(2);
      expect(stderr).toContain('not built 2014 kosovo: internal error: boom');
      expect(stderr).toContain('This is a bug in gareport');
    }
  });

  it('is 3 for a file that cannot be read, 1 for invalid answers', () => {
    expect(exitCodeOf([invalid, io]).code).toBe(3);
    expect(exitCodeOf([invalid]).code).toBe(1);
    expect(exitCodeOf([invalid]).stderr).not.toContain('bug');
  });
});
