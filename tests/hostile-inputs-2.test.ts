/**
 * Issue 20, items 2 and 7, as found again by review: gareport's own templates folder is a project's
 * templates folder too (a checkout of gareport, as in the README's quick start and in CI), so its
 * theme.yaml and fonts.yaml are read like a project's; and `fonts:` entries of the config that are
 * not fonts are named at their line and column.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTheme } from '../src/render/theme/load.js';
import type { CliResult } from './helpers/cli.js';
import { makeProject, repoRoot, runInProcess, testEnv } from './helpers/cli.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A scratch copy of the gareport repository's layout, with Kosovo 2014: its templates/ is the package's. */
async function repoCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gareport-repo-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const name of ['bin', 'dist', 'templates', 'forms', 'data', 'package.json']) {
    await cp(join(repoRoot, name), join(dir, name), { recursive: true });
  }
  await cp(join(repoRoot, 'reports', '2014', 'kosovo'), join(dir, 'reports', '2014', 'kosovo'), { recursive: true });
  // The PDF's fonts come from the installed packages, as in a checkout after `npm ci`.
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/**
 * The copy's own binary, killed (SIGKILL: a hang ignores SIGTERM) after 20 s: for a link to a device
 * or a pipe, where a read that hangs must block a process of its own, not the test thread's reads.
 */
async function runCopy(dir: string, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(dir, 'bin', 'gareport.js'), ...args], {
      cwd: dir,
      env: testEnv(),
      timeout: 20_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; signal?: string; stdout?: string; stderr?: string };
    return {
      exitCode: typeof e.code === 'number' ? e.code : e.signal ? -2 : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}

/** The copy run in-process, as its binary would run it: gareport installed at `dir`. */
function runAsCopy(dir: string, args: string[]): Promise<CliResult> {
  return runInProcess(args, dir, testEnv(), dir);
}

/** Diagnostics go to standard output or standard error, depending on the command: both are read. */
function output(result: CliResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

function expectNamedProblem(result: CliResult, file: string): void {
  expect(output(result)).not.toMatch(/internal error|This is a bug|undefined/);
  expect(output(result)).toContain(file);
  expect(result.exitCode).toBe(1);
}

describe("gareport's own templates folder read as a project's (issue 20 item 7)", () => {
  it.each([
    ['/etc/passwd', 'a link to a file outside the folder'],
    ['/dev/zero', 'a link to a device'],
  ])(
    'theme.yaml linking to %s (%s) is a diagnostic naming the file, for validate and build',
    async (target) => {
      const dir = await repoCopy();
      await rm(join(dir, 'templates', 'theme.yaml'));
      await symlink(target, join(dir, 'templates', 'theme.yaml'));
      const run = target.startsWith('/dev/') ? runCopy : runAsCopy;
      expectNamedProblem(await run(dir, ['validate']), 'templates/theme.yaml');
      expectNamedProblem(await run(dir, ['build', '2014', '--format', 'html']), 'templates/theme.yaml');
    },
    60_000,
  );

  it('a FIFO at theme.yaml does not hang validate or build', async () => {
    const dir = await repoCopy();
    await rm(join(dir, 'templates', 'theme.yaml'));
    await promisify(execFile)('mkfifo', [join(dir, 'templates', 'theme.yaml')]);
    const validate = await runCopy(dir, ['validate']);
    expectNamedProblem(validate, 'templates/theme.yaml');
    expect(output(validate)).toContain('not a regular file');
    expectNamedProblem(await runCopy(dir, ['build', '2014', '--format', 'html']), 'templates/theme.yaml');
  }, 60_000);

  it('a mistake in the checkout’s theme.yaml is the user’s, with its line and column', async () => {
    const dir = await repoCopy();
    await writeFile(join(dir, 'templates', 'theme.yaml'), 'paper: a3\nmargins: [1, 2]\ncolour: red\n');
    const result = await runAsCopy(dir, ['validate']);
    expectNamedProblem(result, 'templates/theme.yaml:');
    expect(output(result)).toMatch(/templates\/theme\.yaml:\d+:\d+/);
  }, 60_000);

  it('a FIFO at fonts.yaml is a diagnostic without a position, with the other problems', async () => {
    const dir = await repoCopy();
    await promisify(execFile)('mkfifo', [join(dir, 'templates', 'fonts.yaml')]);
    await writeFile(join(dir, 'reports', '2014', 'kosovo', 'target-9.yaml'), 'nonsense: [\n');
    for (const args of [['validate'], ['build', '2014', '--format', 'pdf']]) {
      const result = await runCopy(dir, args);
      expectNamedProblem(result, 'templates/fonts.yaml');
      expect(output(result)).toContain('not a regular file');
      if (args[0] === 'validate') expect(output(result)).toContain('target-9.yaml');
    }
  }, 60_000);
});

describe("random bytes as the checkout's own theme.yaml", () => {
  it('give a theme or diagnostics naming the file, never an exception', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gareport-theme-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(join(repoRoot, 'templates'), join(dir, 'templates'), { recursive: true });
    const own = await readFile(join(repoRoot, 'templates', 'theme.yaml'));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      // The real theme with bytes changed in it: mostly valid YAML, often an invalid theme.
      fc.array(fc.tuple(fc.nat(own.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }).map((edits) => {
        const copy = Uint8Array.from(own);
        for (const [at, value] of edits) copy[at] = value;
        return copy;
      }),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => {
        await writeFile(join(dir, 'templates', 'theme.yaml'), content);
        // The project is the checkout: its templates/ is the package's.
        const loaded = await loadTheme({ cwd: dir, packageRoot: dir });
        if (!loaded.theme) {
          expect(loaded.diagnostics.length).toBeGreaterThan(0);
          for (const d of loaded.diagnostics) expect(d.file).toBe('templates/theme.yaml');
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('config `fonts:` entries that are not fonts (issue 20 item 2)', () => {
  async function project(entry: string): Promise<string> {
    const { dir, cleanup } = await makeProject({ withKosovo: true });
    cleanups.push(cleanup);
    await writeFile(join(dir, 'gareport.config.yaml'), `fonts: [${entry}]\n`);
    await writeFile(join(dir, 'README.md'), '# notes\n');
    await writeFile(join(dir, 'package.json'), '{ "name": "submission", "private": true }\n');
    await mkdir(join(dir, 'docs'));
    await writeFile(join(dir, 'docs', 'notes.txt'), 'no fonts here\n');
    // Thai in an answer: the project's fonts are needed for the PDF.
    const answer = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
    const text = await readFile(answer, 'utf8');
    await writeFile(answer, text.replace(/(\n {6}\S[^\n]*)/, '$1 ภาษาไทย'));
    return dir;
  }

  it.each([
    ['README.md', 'not a font'],
    ['package.json', 'not a font'],
    ['docs', 'no font'],
    ['no-such-package', 'no such'],
  ])(
    '`fonts: [%s]` is an error at its place (%s) in validate and build',
    async (entry, words) => {
      const dir = await project(entry);
      for (const args of [['validate'], ['validate', '--pdf-fonts'], ['build', '2014', '--format', 'pdf']]) {
        const result = await runInProcess(args, dir);
        expect(output(result), args.join(' ')).toContain('gareport.config.yaml:1:9');
        expect(output(result).toLowerCase(), args.join(' ')).toContain(words);
        expect(output(result)).not.toMatch(/internal error|undefined/);
        expect(result.exitCode, args.join(' ')).toBe(1);
      }
    },
    60_000,
  );

  it('a font file that is not there is a warning in validate and build, counted in the build’s warnings', async () => {
    const dir = await project('fonts/missing.ttf');
    const validate = await runInProcess(['validate'], dir);
    expect(output(validate)).toMatch(/gareport\.config\.yaml:1:9\s+warning/);
    expect(validate.exitCode).toBe(0);
    const build = await runInProcess(['build', '2014', '--format', 'html'], dir);
    expect(output(build)).toMatch(/gareport\.config\.yaml:1:9\s+warning/);
    expect(build.exitCode).toBe(0);
    const summary = output(build);
    const count = /(\d+) warnings?/.exec(summary);
    expect(count, summary).not.toBeNull();
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(1);
    expect(summary).toContain('missing.ttf');
  }, 60_000);

  it('a font package installed in the project and a folder of fonts are still accepted', async () => {
    const dir = await project('myfonts');
    await mkdir(join(dir, 'myfonts'));
    await cp(
      join(repoRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf'),
      join(dir, 'myfonts', 'DejaVuSans.ttf'),
    );
    const result = await runInProcess(['validate'], dir);
    expect(output(result)).not.toContain('gareport.config.yaml');
    expect(result.exitCode).toBe(0);
    // The folder's fonts are the ones read: a damaged one among them is named (it was skipped unread).
    await writeFile(join(dir, 'myfonts', 'Broken.ttf'), Buffer.from([0, 1, 0, 0, 0, 9, 0, 0]));
    const broken = await runInProcess(['validate'], dir);
    expect(output(broken)).toContain('myfonts/Broken.ttf');
    expect(broken.exitCode).toBe(1);
  }, 60_000);
});
