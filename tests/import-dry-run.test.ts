/**
 * Issue 21 item 18: `import --dry-run` says what would change (per file, answers added, changed
 * and removed, and a unified diff of the YAML) instead of printing every file in full; and the
 * backups in `.gareport/` are ignored by git in a project that gareport started.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBinary, runInProcess, withProject } from './helpers/cli.js';

const EXAMPLE = join(repoRoot, 'examples', '2014-kosovo-form.txt');

describe('import --dry-run', () => {
  it('prints a summary and a diff of what would change, not every file in full', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const text = await readFile(EXAMPLE, 'utf8');
      const edited = text.replace('as a pilot project.', 'as a pilot project, now in three municipalities.');
      expect(edited).not.toBe(text);
      await writeFile(join(dir, 'filled.txt'), edited);
      const before = await readFile(join(dir, 'reports', '2014', 'kosovo', 'target-3.yaml'), 'utf8');
      const result = await runBinary(['import', 'filled.txt', '2014', 'kosovo', '--dry-run'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('would change reports/2014/kosovo/target-3.yaml: 1 answer changed\n');
      expect(result.stdout).toContain(
        '--- reports/2014/kosovo/target-3.yaml\n+++ reports/2014/kosovo/target-3.yaml (imported)\n@@ ',
      );
      expect(result.stdout).toMatch(/^- {6}Based on the project .* as a pilot project\.$/m);
      expect(result.stdout).toMatch(/^\+ {6}Based on the project .* now in three municipalities\.$/m);
      // Not the whole file: an answer far from the change is not shown.
      expect(result.stdout).not.toContain('Completion of the four sessions');
      expect(result.stdout).toContain('would keep reports/2014/kosovo/target-1.yaml\n');
      expect(result.stdout).toContain('dry run: nothing written');
      expect(await readFile(join(dir, 'reports', '2014', 'kosovo', 'target-3.yaml'), 'utf8')).toBe(before);
    });
  });

  it('for a new report, says which files would be created, how many answers each holds, and what they say', async () => {
    await withProject({}, async ({ dir }) => {
      const result = await runInProcess(['import', EXAMPLE, '2014', 'kosovo', '--dry-run'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toMatch(
        /^would create reports\/2014\/kosovo\/target-1\.yaml: \d+ answers?\n--- \/dev\/null\n\+\+\+ reports\/2014\/kosovo\/target-1\.yaml \(imported\)\n@@ /m,
      );
      expect(result.stdout).toContain('would create reports/2014/kosovo/country.yaml\n--- /dev/null\n');
      expect(result.stdout).toContain(
        'would create schemas/country.schema.json (JSON Schema of country.yaml, for editors)\n',
      );
      expect(result.stdout).toContain('+goals:\n');
    });
  });

  it('says when nothing would change', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runInProcess(['import', EXAMPLE, '2014', 'kosovo', '--dry-run'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('no answer file would change');
      expect(result.stdout).not.toContain('@@');
    });
  });
});

describe('.gareport/ backups', () => {
  it('are ignored by git in a project gareport started', async (context) => {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
    } catch {
      context.skip();
    }
    await withProject({}, async ({ dir }) => {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
        });
      git('init', '-q');
      expect((await runInProcess(['init', '2014', 'kosovo'], dir)).exitCode).toBe(0);
      expect((await runInProcess(['init', '2014', 'kosovo', '--force'], dir)).exitCode).toBe(0);
      expect(await readFile(join(dir, '.gareport', '.gitignore'), 'utf8')).toBe('*\n');
      const status = git('status', '--porcelain', '--untracked-files=all');
      expect(status).toContain('reports/2014/kosovo/target-1.yaml');
      expect(status).not.toContain('.gareport');
    });
  });
});
