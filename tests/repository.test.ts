import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

// A user's clone has nothing beside it: no file the tests, the code or the README use may reach
// outside the repository (issue 8, item 2).
describe('the repository stands alone', () => {
  it('no tracked source, test, script or README names a path outside the repository', () => {
    const files = execFileSync('git', ['ls-files', 'src', 'tests', 'scripts', 'README.md', '.ci', 'bin'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => f && !f.startsWith('tests/fixtures/'));
    // Spelled from parts, so that this file does not match what it looks for.
    const folder = ['sha', 'red'].join('');
    const outside = new RegExp(`\\.\\./${folder}|'\\.\\.',\\s*'${folder}'|${folder}/seeds`);
    const offenders = files.filter((f) => outside.test(readFileSync(join(repoRoot, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
