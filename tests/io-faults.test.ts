/**
 * I/O and file-system faults of `build` (issue 8, items 5, 6 and 12), as one table: each case
 * gives its arguments and a setup, and is checked against its exit code, its message and the files
 * left behind; in-process and through the binary. Real faults, not mocks: a tmpfs mounted
 * read-only or 64 KiB small, /proc, /dev/full, a symbolic link loop, a file only its owner reads.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from './helpers/cli.js';
import { binPath, makeProject, runBinary, runInProcess, testEnv, withProject } from './helpers/cli.js';
import { breakCountry, makeCountries } from './helpers/countries.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
const SLUGS = ['kosovo', 'greece', 'ukraine'];
const isRoot = process.getuid?.() === 0;
const AS_NOBODY = ['--reuid', 'nobody', '--regid', 'nogroup', '--clear-groups'];

type Runner = (args: string[], cwd: string, env?: Record<string, string | undefined>) => Promise<CliResult>;

interface Setup {
  dir: string;
  /** Runs after the case (unmounts). */
  cleanup: (fn: () => Promise<unknown>) => void;
}

interface Case {
  name: string;
  args: string[];
  /** Prepares the project; returns a reason to skip the case where the fault cannot be made here. */
  setup?: (project: Setup) => Promise<string | undefined>;
  /** Only through the binary (the fault is in the process: its standard output, its user). */
  binaryOnly?: boolean;
  /**
   * Also through the binary: every case runs in-process, where the same code meets the same fault;
   * the binary adds its exit code and streams, at 0.35 s or more a run, so a few cases suffice.
   */
  binary?: true;
  /** Runs the binary with standard output sent to this file. */
  stdoutTo?: string;
  /** Runs the binary as this user (root reads any file: the fault needs an ordinary user). */
  asUser?: string;
  env?: Record<string, string>;
  exit: number;
  /** Each must match standard error. */
  stderr: RegExp[];
  /** Paths (relative to the project) that must exist afterwards. */
  present?: string[];
  /** Paths that must not. */
  absent?: string[];
  /** Folders that must hold no temporary file (`.name.<hex>.tmp`) afterwards. */
  noTemporary?: string[];
  /** Checks on what was written. */
  check?: (dir: string) => Promise<void>;
}

/** Mounts a tmpfs at `dir/name`; undefined when mounting is not permitted here. */
async function mountTmpfs(setup: Setup, name: string, options: string): Promise<string | undefined> {
  const target = join(setup.dir, name);
  await mkdir(target, { recursive: true });
  try {
    await promisify(execFile)('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target]);
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); run the tests as root to cover this case`;
  }
  setup.cleanup(() => promisify(execFile)('umount', [target]));
  return undefined;
}

const yearFilesWritten = ['out/2014/index.html', 'out/2014/all-countries.md', 'out/2014/.gareport-build.json'];

const cases: Case[] = [
  {
    name: '--out is an existing file',
    args: ['build', '2014', '--format', 'md', '--out', 'notes.txt'],
    setup: async ({ dir }) => {
      await writeFile(join(dir, 'notes.txt'), 'mine\n');
      return undefined;
    },
    exit: 2,
    stderr: [/^gareport: the output folder `notes\.txt` is a file$/m, /hint: choose another --out/],
    check: async (dir) => expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n'),
  },
  {
    name: '--out under a file',
    args: ['build', '2014', '--format', 'md', '--out', 'notes.txt/out'],
    setup: async ({ dir }) => {
      await writeFile(join(dir, 'notes.txt'), 'mine\n');
      return undefined;
    },
    exit: 2,
    stderr: [/^gareport: the output folder `notes\.txt\/out` cannot be made: `notes\.txt` is a file$/m],
  },
  {
    name: '--out where the file system allows no folder (/proc)',
    args: ['build', '2014', '--format', 'md', '--out', '/proc/gareport-nope'],
    exit: 3,
    stderr: [
      /^gareport: cannot create the output folder \/proc\/gareport-nope: the file system does not allow a folder there \(ENOENT\)$/m,
    ],
  },
  {
    name: '--out on a read-only file system',
    args: ['build', '2014', '--format', 'md', '--out', 'readonly/out'],
    setup: (setup) => mountTmpfs(setup, 'readonly', 'ro'),
    exit: 3,
    stderr: [/^gareport: cannot create the output folder readonly\/out: the file system is read-only \(EROFS\)$/m],
    absent: ['readonly/out'],
  },
  {
    name: 'a full disk',
    binary: true,
    args: ['build', '2014', '--format', 'md,html', '--out', 'small'],
    setup: (setup) => mountTmpfs(setup, 'small', 'size=64k'),
    exit: 3,
    stderr: [/cannot write small\/2014\/[.a-z-]+\.(md|html|json): no space left on the device \(ENOSPC\)/],
    noTemporary: ['small', 'small/2014'],
    absent: ['small/.gareport.lock'],
  },
  {
    name: 'standard output on a full disk (/dev/full)',
    args: ['validate', '2014', '--format', 'json'],
    binaryOnly: true,
    stdoutTo: '/dev/full',
    exit: 3,
    stderr: [/^gareport: cannot write to standard output: no space left on the device \(ENOSPC\)$/m],
  },
  {
    name: 'a country with a file gareport may not read (EACCES)',
    args: ['build', '2014', '--format', 'md'],
    setup: async ({ dir }) => {
      const file = join(dir, 'reports', '2014', 'greece', 'target-2.yaml');
      await chmod(file, 0o000);
      if (isRoot) {
        // Root reads it anyway: the binary runs as nobody, which may write the project but not read this.
        // That needs gareport itself readable by nobody, which a clone inside `mktemp -d` (mode 700) is not.
        const readable = await promisify(execFile)('setpriv', [...AS_NOBODY, 'test', '-r', binPath]).then(
          () => true,
          () => false,
        );
        if (!readable) return `user nobody cannot read ${binPath} (a clone inside a private folder)`;
        await chmod(dir, 0o777);
        for (const sub of ['reports', 'reports/2014']) await chmod(join(dir, sub), 0o755).catch(() => undefined);
      }
      return undefined;
    },
    binaryOnly: isRoot,
    asUser: isRoot ? 'nobody' : undefined,
    exit: 3,
    stderr: [
      /^not built 2014 greece: cannot (open|read) reports\/2014\/greece\/target-2\.yaml: permission denied \(EACCES\)$/m,
    ],
    present: ['out/2014/kosovo.md', 'out/2014/ukraine.md', ...yearFilesWritten],
    absent: ['out/2014/greece.md'],
    check: async (dir) => {
      const index = await readFile(join(dir, 'out', '2014', 'index.html'), 'utf8');
      expect(index).not.toContain('href="greece.md"');
      expect(index).toMatch(/not built: cannot (open|read) reports\/2014\/greece\/target-2\.yaml/);
    },
  },
  {
    name: 'a symbolic link loop in one country (ELOOP)',
    args: ['build', '2014', '--format', 'md'],
    setup: async ({ dir }) => {
      const folder = join(dir, 'reports', '2014', 'greece');
      await writeFile(join(folder, 'target-2.yaml.bak'), '');
      await import('node:fs/promises').then(({ rm }) => rm(join(folder, 'target-2.yaml')));
      await symlink('target-2.yaml', join(folder, 'target-2.yaml'));
      return undefined;
    },
    // A diagnostic of the answers (src/load/source.ts reports links that lead nowhere), so exit 1.
    exit: 1,
    stderr: [
      /^reports\/2014\/greece\/target-2\.yaml {2}error {2}this is a link that leads nowhere \(its target is missing, or links loop\)$/m,
      /^not built 2014 greece: 1 error in the answers$/m,
    ],
    present: ['out/2014/kosovo.md', 'out/2014/ukraine.md', ...yearFilesWritten],
    absent: ['out/2014/greece.md'],
  },
  {
    name: 'a country that fails keeps no outputs of an earlier build',
    args: ['build', '2014', '--format', 'md,html'],
    setup: async ({ dir }) => {
      const first = await runInProcess(['build', '2014', '--format', 'md,html'], dir);
      expect(first.exitCode).toBe(0);
      await breakCountry(dir, 'greece');
      return undefined;
    },
    exit: 1,
    stderr: [
      /^not built 2014 greece: 1 error in the answers; removed out\/2014\/greece\.md, out\/2014\/greece\.html$/m,
    ],
    present: ['out/2014/kosovo.md', 'out/2014/ukraine.html', ...yearFilesWritten],
    absent: ['out/2014/greece.md', 'out/2014/greece.html'],
    check: async (dir) => {
      const index = await readFile(join(dir, 'out', '2014', 'index.html'), 'utf8');
      expect(index).not.toContain('href="greece.html"');
      const record = JSON.parse(await readFile(join(dir, 'out', '2014', '.gareport-build.json'), 'utf8'));
      expect(Object.keys(record.entries)).not.toContain('greece');
    },
  },
  {
    name: '--templates names a folder that does not exist',
    args: ['build', '2014', '--format', 'md', '--templates', 'my-templates'],
    exit: 2,
    stderr: [/^gareport: the templates folder `my-templates` does not exist$/m],
    absent: ['out'],
  },
  {
    name: '--templates names a file',
    args: ['build', '2014', '--format', 'md', '--templates', 'report.md.liquid'],
    setup: async ({ dir }) => {
      await writeFile(join(dir, 'report.md.liquid'), '# {{ country.name }}\n');
      return undefined;
    },
    exit: 2,
    stderr: [/^gareport: `report\.md\.liquid` is a file, not a templates folder$/m],
    absent: ['out'],
  },
  {
    name: 'another build holds the output folder past GAREPORT_LOCK_TIMEOUT',
    binary: true,
    args: ['build', '2014', '--format', 'md'],
    env: { GAREPORT_LOCK_TIMEOUT: '1' },
    setup: async ({ dir, cleanup }) => {
      const { lockOutput } = await import('../src/batch/lock.js');
      await mkdir(join(dir, 'out'));
      const held = await lockOutput(join(dir, 'out'), { timeoutMs: 0 });
      if (held.locked) cleanup(held.release);
      return undefined;
    },
    exit: 2,
    stderr: [
      /^waiting for another gareport build writing to out to finish…$/m,
      /^gareport: another gareport build is writing to out; gave up after 1 s$/m,
    ],
    absent: ['out/2014'],
  },
];

/** Runs the binary with standard output sent to a file (e.g. /dev/full). */
function runBinaryTo(args: string[], cwd: string, stdoutTo: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    import('node:fs').then(({ openSync, closeSync }) => {
      const fd = openSync(stdoutTo, 'w');
      const child = spawn(process.execPath, [binPath, ...args], { cwd, stdio: ['ignore', fd, 'pipe'] });
      closeSync(fd);
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout: '', stderr }));
    }, reject);
  });
}

/** Runs the binary as another user (setpriv), so that permissions apply even when the tests run as root. */
async function runBinaryAs(user: string, args: string[], cwd: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'setpriv',
      ['--reuid', user, '--regid', 'nogroup', '--clear-groups', process.execPath, binPath, ...args],
      { cwd, env: testEnv() },
    );
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

async function temporaryFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.tmp'));
}

const runners: { name: string; run: Runner }[] = [
  { name: 'in-process', run: runInProcess },
  { name: 'binary', run: runBinary },
];

/** The three countries, made once; each case works on a copy. */
let countries: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  countries = await makeProject();
  await makeCountries(countries.dir, SLUGS.length, { kosovo: true, slugs: SLUGS.slice(1) });
});
afterAll(() => countries.cleanup());

describe.each(runners)('I/O faults of build ($name)', ({ name: runnerName, run }) => {
  it.each(cases.filter((c) => (runnerName === 'binary' ? c.binary || c.binaryOnly : !c.binaryOnly)))(
    '$name',
    async (testCase) => {
      await withProject({}, async ({ dir }) => {
        await cp(join(countries.dir, 'reports'), join(dir, 'reports'), { recursive: true });
        const cleanups: (() => Promise<unknown>)[] = [];
        try {
          const skip = await testCase.setup?.({ dir, cleanup: (fn) => cleanups.push(fn) });
          if (skip) {
            console.warn(`skipped "${testCase.name}": ${skip}`);
            return;
          }
          const result = testCase.stdoutTo
            ? await runBinaryTo(testCase.args, dir, testCase.stdoutTo)
            : testCase.asUser
              ? await runBinaryAs(testCase.asUser, testCase.args, dir)
              : await run(testCase.args, dir, testCase.env);
          expect(result.stderr).not.toMatch(STACK_TRACE);
          expect(result.stderr).not.toContain('internal error');
          for (const pattern of testCase.stderr) expect(result.stderr).toMatch(pattern);
          expect(result.exitCode).toBe(testCase.exit);
          for (const path of testCase.present ?? []) expect(existsSync(join(dir, path)), path).toBe(true);
          for (const path of testCase.absent ?? []) expect(existsSync(join(dir, path)), path).toBe(false);
          for (const folder of testCase.noTemporary ?? []) expect(await temporaryFiles(join(dir, folder))).toEqual([]);
          expect(await temporaryFiles(join(dir, 'out', '2014'))).toEqual([]);
          await testCase.check?.(dir);
        } finally {
          for (const fn of cleanups.reverse()) await fn();
        }
      });
    },
  );
});
