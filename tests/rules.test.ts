/**
 * Issue 21 item 15: `validate --quiet` (errors only); rule settings in gareport.config.yaml, as
 * markdownlint-cli2 has them (`rules: { unanswered: off }`); the build's warning count the same
 * whatever was rebuilt.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARNING_RULES } from '../src/diagnostics/rules.js';
import { repoRoot, runBinary, runInProcess, withProject } from './helpers/cli.js';

const config = (dir: string, text: string) => writeFile(join(dir, 'gareport.config.yaml'), text);

/** An answer file with an error (an unknown question) besides the draft's unanswered questions. */
async function addError(dir: string): Promise<void> {
  const file = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^( {4})B:/m, '$1X: nonsense\n$1B:'));
}

describe('validate --quiet', () => {
  it('prints nothing for a draft that has only warnings', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const loud = await runInProcess(['validate', '2014'], dir);
      expect(loud.stdout).toContain('warning');
      const result = await runBinary(['validate', '2014', '--quiet'], dir);
      expect(result).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    });
  });

  it('prints the errors, and counts no warnings', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await addError(dir);
      const result = await runInProcess(['validate', '2014', '--quiet'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('error  unknown question');
      expect(result.stdout).not.toContain('  warning  ');
      expect(result.stdout).toMatch(/^1 error, 0 warnings in \d+ files$/m);
      const json = await runInProcess(['validate', '2014', '--quiet', '--format', 'json'], dir);
      const parsed = JSON.parse(json.stdout) as { diagnostics: { severity: string }[]; warnings: number };
      expect(parsed.diagnostics.map((d) => d.severity)).toEqual(['error']);
      expect(parsed.warnings).toBe(0);
    });
  });
});

describe('rules in gareport.config.yaml', () => {
  it('`unanswered: off` silences the unanswered warnings of validate and build', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await config(dir, 'rules:\n  unanswered: off\n');
      const validate = await runInProcess(['validate', '2014'], dir);
      expect(validate.exitCode, validate.stdout).toBe(0);
      expect(validate.stdout).not.toContain('unanswered');
      expect(validate.stdout).toContain('2014 kosovo: valid\n');
      const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(build.exitCode).toBe(0);
      expect(build.stderr).not.toContain('warning');
    });
  });

  it('`unanswered: error` fails validate and build, and nothing is built', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await config(dir, 'rules:\n  unanswered: error\n');
      const validate = await runInProcess(['validate', '2014'], dir);
      expect(validate.exitCode).toBe(1);
      expect(validate.stdout).toMatch(/target-1\.yaml:7:5 {2}error {2}question B of goal/);
      const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(build.exitCode).toBe(1);
      expect(build.stderr).toContain('not built 2014 kosovo');
      expect(await readdir(join(dir, 'out', '2014')).catch(() => [])).not.toContain('kosovo.md');
    });
  });

  it('an unknown rule name is an error at its place, with did you mean', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await config(dir, 'paper: a4\nrules:\n  unanswerd: off\n');
      const result = await runInProcess(['validate', '2014'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('gareport.config.yaml:3:3  error  unknown rule `unanswerd`');
      expect(result.stdout).toContain('did you mean `unanswered`?');
      const build = await runInProcess(['build', '2014', 'kosovo'], dir);
      expect(build.exitCode).toBe(1);
      expect(build.stderr).toContain('unknown rule `unanswerd`');
    });
  });

  it('a level other than off, warning or error is refused at its place', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await config(dir, 'rules:\n  unanswered: silent\n');
      const result = await runInProcess(['validate', '2014'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/gareport\.config\.yaml:2:15 {2}error {2}.*`off` or `warning` or `error`/);
    });
  });

  it('every warning validate and build can give is a rule that can be set', async () => {
    // The warnings' codes as written in src/ (import/ has warnings of its own, not validate's or build's).
    const found = new Set<string>();
    const folders = ['model', 'check', 'load', 'project', 'batch', 'render', 'compose'];
    for (const folder of folders) {
      for (const name of await readdir(join(repoRoot, 'src', folder), { recursive: true })) {
        if (!name.endsWith('.ts')) continue;
        const text = await readFile(join(repoRoot, 'src', folder, name), 'utf8');
        for (const m of text.matchAll(/'warning',\s*'([a-z-]+)'/g)) found.add(m[1] ?? '');
        for (const m of text.matchAll(/severity: 'warning',[^}]*?code: '([a-z-]+)'/gs)) found.add(m[1] ?? '');
      }
    }
    expect(found.size).toBeGreaterThan(5);
    expect([...found].filter((id) => !(id in WARNING_RULES))).toEqual([]);
  });

  it('every rule that can be set is documented in the README', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    for (const id of Object.keys(WARNING_RULES)) expect(readme, id).toContain(`\`${id}\``);
  });
});

describe('the warning count after a build', () => {
  it('is the same when the report is up to date as when it was built', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const first = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(first.stderr).toContain('2 warnings; run `gareport validate` to see them');
      const second = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(second.stdout).toContain('1 up to date');
      expect(second.stderr).toContain('2 warnings; run `gareport validate` to see them');
    });
  });
});
