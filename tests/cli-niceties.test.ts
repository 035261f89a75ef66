/** Issue 12 part 6: swapped arguments, conflicting flags, case, -v, colour and shell completion. */
import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { colourDiagnostics, wantsColour } from '../src/cli/colour.js';
import { VERSION } from '../src/project/version.js';
import { binPath, repoRoot, runBinary, runInProcess, testEnv, withProject } from './helpers/cli.js';

const ESC = '\x1b[';

describe('arguments in the wrong order', () => {
  it.each([
    { args: ['build', 'kosovo', '2014'], says: 'the year comes first: `gareport build 2014 kosovo`' },
    { args: ['validate', 'kosovo', '2014'], says: 'the year comes first: `gareport validate 2014 kosovo`' },
    { args: ['init', 'kosovo', '2015'], says: 'the year comes first: `gareport init 2015 kosovo`' },
    {
      args: ['import', 'form.txt', 'kosovo', '2014'],
      says: 'the year comes first: `gareport import form.txt 2014 kosovo`',
    },
    { args: ['status', 'kosovo'], says: '`gareport status` takes a year, not a country: `gareport status 2014`' },
  ])('$args', async ({ args, says }) => {
    const result = await runInProcess(args, repoRoot);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(says);
    expect(result.stdout).toBe('');
  });
});

describe('flags', () => {
  it('--quiet with --verbose is a usage error', async () => {
    const result = await runInProcess(['build', '2014', 'kosovo', '--quiet', '--verbose'], repoRoot);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("option '--quiet' cannot be used with option '--verbose'");
  });

  it.each([
    { args: ['validate', '2014', 'kosovo', '--format', 'JSON'], ok: true },
    { args: ['validate', '2014', 'kosovo', '--format', 'Github'], ok: true },
    { args: ['status', '2014', '--format', 'JSON'], ok: true },
    { args: ['build', '2014', 'kosovo', '--format', 'MD', '--paper', 'A4'], ok: true },
    { args: ['build', '2014', 'kosovo', '--format', 'md', '--paper', 'Letter'], ok: true },
    { args: ['build', '2014', 'kosovo', '--format', 'md', '--paper', 'A5'], ok: false },
    { args: ['validate', '2014', 'kosovo', '--format', 'XML'], ok: false },
    { args: ['build', '2014', 'kosovo', '--format', 'ODT'], ok: false },
  ])('names in any case: $args', async ({ args, ok }) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runInProcess(args, dir);
      expect(result.exitCode, result.stderr).toBe(ok ? 0 : 2);
      if (!ok) expect(result.stderr).toMatch(/is not one of|unknown output format/);
    });
  });

  it.each([['-v'], ['--version'], ['-V']])('%s prints the version', async (flag) => {
    const result = await runInProcess([flag], repoRoot);
    expect(result).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('-v prints the version through the binary too', async () => {
    expect(await runBinary(['-v'], repoRoot)).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('colour', () => {
  it.each([
    { env: {}, tty: true, colour: true },
    { env: {}, tty: false, colour: false },
    { env: { NO_COLOR: '1' }, tty: true, colour: false },
    { env: { NO_COLOR: '' }, tty: true, colour: true },
    { env: { FORCE_COLOR: '1' }, tty: false, colour: true },
    { env: { FORCE_COLOR: '0' }, tty: true, colour: false },
    { env: { NO_COLOR: '1', FORCE_COLOR: '1' }, tty: true, colour: false },
    { env: { TERM: 'dumb' }, tty: true, colour: false },
  ])('$env on a terminal: $tty → colour $colour', ({ env, tty, colour }) => {
    expect(wantsColour(env, tty)).toBe(colour);
  });

  it('colours the severity and the hint, and nothing else', () => {
    const plain = 'a.yaml:1:2  error  the error is here\n  1 | x\n    | ^\n  hint: do this';
    const coloured = colourDiagnostics(plain);
    expect(coloured).toContain(`${ESC}1;31merror${ESC}0m  the error is here`);
    expect(coloured).toContain(`${ESC}36mhint:${ESC}0m do this`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('piped output has none; FORCE_COLOR adds it; NO_COLOR wins', async () => {
    const piped = await runBinary(['validate', '2014', 'kosovo'], repoRoot, { FORCE_COLOR: undefined });
    expect(piped.stdout).toContain('  warning  ');
    expect(piped.stdout).not.toContain(ESC);
    const forced = await runBinary(['validate', '2014', 'kosovo'], repoRoot, { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${ESC}1;33mwarning${ESC}0m`);
    const both = await runBinary(['validate', '2014', 'kosovo'], repoRoot, { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(both.stdout).not.toContain(ESC);
  });

  it('a real terminal gets colour', async () => {
    const env = testEnv({ CI: undefined, TERM: 'xterm-256color' });
    const terminal = spawn(process.execPath, [binPath, 'validate', '2014', 'kosovo'], {
      cwd: repoRoot,
      env,
      cols: 120,
    });
    let output = '';
    terminal.onData((d) => {
      output += d;
    });
    const exitCode = await new Promise<number>((resolve) => terminal.onExit((e) => resolve(e.exitCode)));
    expect(exitCode).toBe(0);
    expect(output).toContain(`${ESC}1;33mwarning${ESC}0m`);
    expect(output).toContain(`${ESC}36mhint:${ESC}0m`);
  });
});

describe('shell completion', () => {
  const complete = async (words: string[], cwd = repoRoot) =>
    (await runInProcess(['__complete', ...words], cwd)).stdout.split('\n').filter(Boolean);

  it('completes commands, options, option values, years and countries from the project', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'reports', '2015', 'greece'), { recursive: true });
      await mkdir(join(dir, 'reports', '2014', 'albania'), { recursive: true });
      expect(await complete([''], dir)).toEqual(
        expect.arrayContaining(['validate', 'build', 'init', 'import', 'status', 'schema', 'completion']),
      );
      expect(await complete(['st'], dir)).toEqual(['status']);
      expect(await complete(['build', ''], dir)).toEqual(['2014', '2015']);
      expect(await complete(['build', '2014', ''], dir)).toEqual(['albania', 'kosovo']);
      expect(await complete(['build', '2015', ''], dir)).toEqual(['greece']);
      expect(await complete(['build', '2014', 'kosovo', '--p'], dir)).toEqual(['--paper']);
      expect(await complete(['build', '2014', '--paper', ''], dir)).toEqual(['a4', 'letter']);
      // An option's value is not taken for the year.
      expect(await complete(['build', '--out', 'site', ''], dir)).toEqual(['2014', '2015']);
      expect(await complete(['validate', '--format', ''], dir)).toEqual(['text', 'json', 'github']);
      expect(await complete(['completion', ''], dir)).toEqual(['bash', 'zsh', 'fish']);
      expect(await complete(['__complete', ''], dir)).toEqual([]);
    });
  });

  it('completes `form new`: the subcommand, the year of the new form, its options and the years `--from` can copy', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'reports', '2016', 'greece'), { recursive: true });
      expect(await complete([''], dir)).toContain('form');
      expect(await complete(['for'], dir)).toEqual(['form']);
      expect(await complete(['form', ''], dir)).toEqual(['new']);
      expect(await complete(['form', 'n'], dir)).toEqual(['new']);
      // The year after the latest form, and a year with reports but no form yet; not 2014, which has one.
      expect(await complete(['form', 'new', ''], dir)).toEqual(['2015', '2016']);
      expect(await complete(['form', 'new', '2015', '--'], dir)).toEqual(['--from', '--force', '--help']);
      expect(await complete(['form', 'new', '2015', '--fr'], dir)).toEqual(['--from']);
      // `--from`: the years that have a form to copy.
      expect(await complete(['form', 'new', '2015', '--from', ''], dir)).toEqual(['2014']);
      expect(await complete(['form', 'new', '--from', '2014', ''], dir)).toEqual(['2015', '2016']);
      expect(await complete(['form', 'new', '2015', '--from', '2014', '--force', ''], dir)).toEqual([]);
      await mkdir(join(dir, 'forms'));
      await writeFile(join(dir, 'forms', '2015.yaml'), 'year: 2015\n');
      expect(await complete(['form', 'new', '2016', '--from', ''], dir)).toEqual(['2014', '2015']);
      expect(await complete(['form', 'new', ''], dir)).toEqual(['2016']);
    });
  });

  it.each(['bash', 'zsh', 'fish'])('prints a %s script that calls gareport __complete', async (shell) => {
    const result = await runInProcess(['completion', shell], repoRoot);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('__complete');
    expect(result.stdout).toContain(binPath);
  });

  it('an unknown shell is a usage error', async () => {
    const result = await runInProcess(['completion', 'tcsh'], repoRoot);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('choose from bash, zsh, fish');
  });

  it('the bash script completes in a real bash', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const bin = join(dir, 'bin');
      await mkdir(bin);
      await writeFile(join(bin, 'gareport'), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
      await chmod(join(bin, 'gareport'), 0o755);
      const script = (await runInProcess(['completion', 'bash'], dir)).stdout;
      const ask = async (line: string[]) => {
        const program = `${script}\nCOMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${line.length - 1}; _gareport; printf '%s\\n' "\${COMPREPLY[@]}"`;
        const { stdout } = await promisify(execFile)('bash', ['--norc', '-c', program], {
          cwd: join(dir, 'reports', '2014'),
          env: testEnv({ PATH: `${bin}:${process.env.PATH}` }),
        });
        return stdout.split('\n').filter(Boolean);
      };
      expect(await ask(['gareport', 'bu'])).toEqual(['build']);
      expect(await ask(['gareport', 'build', '2014', 'k'])).toEqual(['kosovo']);
      expect(await ask(['gareport', 'build', '2014', 'kosovo', '--ver'])).toEqual(['--verbose']);
      expect(await ask(['gareport', 'form', 'n'])).toEqual(['new']);
      expect(await ask(['gareport', 'form', 'new', '2015', '--from', ''])).toEqual(['2014']);
    });
  });
});
