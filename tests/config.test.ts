/** Issue 12 part 5: the project config, its precedence, and working from any folder of the project. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBinary, runInProcess, withProject } from './helpers/cli.js';

/** The `--verbose` line of one setting: `paper = letter  (flag --paper)`. */
function settingLine(stderr: string, key: string): string | undefined {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith(`${key} = `));
}

interface PrecedenceCase {
  name: string;
  config?: string;
  packageJson?: object;
  env?: Record<string, string>;
  args?: string[];
  expect: Record<string, string>;
}

const PRECEDENCE: PrecedenceCase[] = [
  {
    name: 'defaults without any config',
    expect: {
      paper: 'a4  (default)',
      formats: 'md,html,pdf  (default)',
      out: 'out  (default)',
      strict: 'false  (default)',
    },
  },
  {
    name: 'config over default, with the position of the value',
    config: 'paper: letter\nformats: [md]\nstrict: true\n',
    expect: {
      paper: 'letter  (gareport.config.yaml:1:8)',
      formats: 'md  (gareport.config.yaml:2:10)',
      strict: 'true  (gareport.config.yaml:3:9)',
    },
  },
  {
    name: 'environment over config',
    config: 'paper: letter\nout: public\n',
    env: { GAREPORT_PAPER: 'A4', GAREPORT_OUT: 'site' },
    expect: { paper: 'a4  (environment GAREPORT_PAPER)', out: 'site  (environment GAREPORT_OUT)' },
  },
  {
    name: 'flag over environment and config',
    config: 'paper: letter\nformats: [html]\n',
    env: { GAREPORT_PAPER: 'a4', GAREPORT_FORMATS: 'pdf' },
    args: ['--paper', 'LETTER', '--format', 'MD'],
    expect: { paper: 'letter  (flag --paper)', formats: 'md  (flag --format)' },
  },
  {
    name: 'an empty environment variable counts as unset',
    config: 'paper: letter\n',
    env: { GAREPORT_PAPER: '' },
    expect: { paper: 'letter  (gareport.config.yaml:1:8)' },
  },
  {
    name: 'the gareport key of package.json',
    packageJson: { name: 'reports', private: true, gareport: { paper: 'letter', fonts: ['fonts/Extra.ttf'] } },
    expect: { paper: 'letter  (package.json:1:', fonts: 'fonts/Extra.ttf  (package.json:1:' },
  },
  {
    name: 'config written in any case, as flags are',
    config: 'paper: Letter\nformats: [MD, Html]\n',
    expect: { paper: 'letter  (gareport.config.yaml:1:8)', formats: 'md,html  (gareport.config.yaml:2:10)' },
  },
  {
    name: 'GAREPORT_STRICT and GAREPORT_FONTS',
    env: { GAREPORT_STRICT: '1', GAREPORT_FONTS: 'fonts/A.otf,noto-sans-thai' },
    expect: { strict: 'true  (environment GAREPORT_STRICT)', fonts: 'fonts/A.otf,noto-sans-thai  (environment' },
  },
];

describe('precedence: flag > environment > config > default, shown by --verbose', () => {
  it.each(PRECEDENCE)('$name', async (c) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      if (c.config !== undefined) await writeFile(join(dir, 'gareport.config.yaml'), c.config);
      // package.json is written compact, so every value is on line 1.
      if (c.packageJson) await writeFile(join(dir, 'package.json'), JSON.stringify(c.packageJson));
      // PDF is slow to render: cases that are not about formats build Markdown only.
      const fast = 'formats' in c.expect ? [] : ['--format', 'md'];
      const result = await runInProcess(
        ['build', '2014', 'kosovo', '--verbose', ...fast, ...(c.args ?? [])],
        dir,
        c.env ?? {},
      );
      expect(result.exitCode, result.stderr).toBe(0);
      for (const [key, shown] of Object.entries(c.expect)) {
        const line = settingLine(result.stderr, key);
        expect(line, result.stderr).toContain(`${key} = ${shown}`);
      }
    });
  });

  it('the settings reach the build: paper and formats from the config, out from the environment', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'gareport.config.yaml'), 'formats: [md, html]\nout: public\n');
      const result = await runInProcess(['build', '2014', 'kosovo'], dir, { GAREPORT_OUT: 'site' });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('site/2014/kosovo.md, site/2014/kosovo.html');
      expect(result.stdout).not.toContain('.pdf');
    });
  });
});

describe('the config file is validated with positions', () => {
  it.each([
    { config: 'paper: a5\n', at: 'gareport.config.yaml:1:8', says: '`paper` must be `a4` or `letter`' },
    { config: 'formats: [md, docs]\n', at: 'gareport.config.yaml:1:15', says: 'must be `md` or `html` or `pdf`' },
    { config: 'paper: a4\nouts: public\n', at: 'gareport.config.yaml:2:1', says: 'unknown key `outs`' },
    { config: 'strict: maybe\n', at: 'gareport.config.yaml:1:9', says: '`strict` must be true or false' },
    { config: 'paper: a4\npaper: letter\n', at: 'gareport.config.yaml:2:1', says: 'appears twice' },
  ])('$says', async ({ config, at, says }) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'gareport.config.yaml'), config);
      for (const args of [['validate'], ['build', '2014', 'kosovo']]) {
        const result = await runInProcess(args, dir);
        expect(result.exitCode, args.join(' ')).toBe(1);
        const output = result.stdout + result.stderr;
        expect(output).toContain(`${at}  error  `);
        expect(output).toContain(says);
      }
    });
  });

  it('a mistake in the gareport key of package.json points into package.json', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'package.json'), '{\n  "name": "x",\n  "gareport": {\n    "paper": "a3"\n  }\n}\n');
      const result = await runInProcess(['validate'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('package.json:4:14  error  ');
    });
  });

  it('gareport schema --config prints the committed schemas/gareport.config.schema.json', async () => {
    const result = await runBinary(['schema', '--config'], repoRoot);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(await readFile(join(repoRoot, 'schemas', 'gareport.config.schema.json'), 'utf8'));
    const schema = JSON.parse(result.stdout) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['out', 'formats', 'paper', 'templates', 'fonts', 'strict']),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});

interface FolderCase {
  name: string;
  /** The folder gareport runs in, relative to the project. */
  cwd: string;
  marker: 'config' | 'package.json' | 'reports';
  args: string[];
  /** What the run says about which reports it took. */
  expect: RegExp;
  exitCode?: number;
}

const FOLDERS: FolderCase[] = [
  {
    name: 'validate in the report folder',
    cwd: 'reports/2014/kosovo',
    marker: 'reports',
    args: ['validate'],
    expect: /^2014 kosovo: valid/m,
  },
  {
    name: 'validate in a year folder',
    cwd: 'reports/2014',
    marker: 'reports',
    args: ['validate'],
    expect: /^2014 albania: valid.*\n2014 kosovo: valid/ms,
  },
  {
    name: 'explicit arguments win over the folder',
    cwd: 'reports/2014/kosovo',
    marker: 'reports',
    args: ['validate', '2014', 'albania'],
    expect: /^2014 albania: valid/m,
  },
  {
    name: 'build in the report folder writes to the root out/',
    cwd: 'reports/2014/kosovo',
    marker: 'reports',
    args: ['build', '--format', 'md'],
    expect: /^built 2014 kosovo: out\/2014\/kosovo\.md$/m,
  },
  {
    name: 'a folder under the root (not reports/) means the whole project',
    cwd: 'templates',
    marker: 'config',
    args: ['validate'],
    expect: /^2014 albania: valid/m,
  },
  {
    name: 'found by the gareport key of package.json',
    cwd: 'reports/2014/kosovo',
    marker: 'package.json',
    args: ['validate'],
    expect: /^2014 kosovo: valid/m,
  },
  {
    name: '--out from a subfolder is relative to that folder',
    cwd: 'templates',
    marker: 'config',
    args: ['build', '2014', 'kosovo', '--format', 'md', '--out', 'preview'],
    expect: /^built 2014 kosovo: templates\/preview\/2014\/kosovo\.md$/m,
  },
  {
    name: '--out climbing out of the project is refused',
    cwd: 'reports/2014',
    marker: 'reports',
    args: ['build', '--out', '../../../elsewhere'],
    expect: /outside the project/,
    exitCode: 2,
  },
];

describe('the project root is found by walking up; a report folder means that report', () => {
  it.each(FOLDERS)('$name', async (c) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      // A second country, so that "this report" is distinguishable from "every report".
      await mkdir(join(dir, 'reports', '2014', 'albania'), { recursive: true });
      for (const n of [1, 2, 3, 4]) {
        const text = await readFile(join(dir, 'reports', '2014', 'kosovo', `target-${n}.yaml`), 'utf8');
        await writeFile(join(dir, 'reports', '2014', 'albania', `target-${n}.yaml`), text);
      }
      await mkdir(join(dir, 'templates'), { recursive: true });
      if (c.marker === 'config') await writeFile(join(dir, 'gareport.config.yaml'), 'paper: a4\n');
      if (c.marker === 'package.json') await writeFile(join(dir, 'package.json'), '{"gareport": {}}\n');
      const result = await runInProcess(c.args, join(dir, c.cwd));
      expect(result.exitCode, result.stdout + result.stderr).toBe(c.exitCode ?? 0);
      expect(result.stdout + result.stderr).toMatch(c.expect);
      if (c.args[0] === 'validate' && c.args.length === 1 && c.cwd.split('/').length === 3)
        expect(result.stdout).not.toContain('albania');
    });
  });

  it('the real binary, run inside reports/2014/kosovo/', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runBinary(['validate'], join(dir, 'reports', '2014', 'kosovo'));
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('reports/2014/kosovo/target-1.yaml:7:5  warning');
      expect(result.stdout).toMatch(/^2014 kosovo: valid/m);
    });
  });
});
