/**
 * `gareport build` at a real terminal (a pseudo-terminal, read back through a headless xterm):
 * the path users take and piped runs miss (issue 8, item 1).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerInit } from '../src/batch/pool.js';
import type { BuildOptions } from '../src/commands/build.js';
import { makeProject } from './helpers/cli.js';
import { makeCountries } from './helpers/countries.js';
import { runInTerminal } from './helpers/terminal.js';

type Project = Awaited<ReturnType<typeof makeProject>>;

const SLUGS = ['kosovo', 'greece', 'ukraine', 'turkiye'];
const FORMATS = ['md', 'html', 'pdf'];
const YEAR_FILES = ['all-countries.md', 'all-countries.html', 'all-countries.pdf', 'index.html'];

describe('build 2014 in a terminal', () => {
  let project: Project;
  let run: ReturnType<typeof runInTerminal>;
  let exit: { exitCode: number; signal: number | undefined };

  beforeAll(async () => {
    project = await makeProject();
    await makeCountries(project.dir, SLUGS.length, { kosovo: true, slugs: SLUGS.slice(1) });
    run = runInTerminal(['build', '2014'], project.dir);
    exit = await run.exited;
  });
  afterAll(() => project.cleanup());

  it('ends with exit 0 and every output: each country, the consolidated report and the index', () => {
    expect(run.raw()).not.toContain('internal error');
    expect(exit).toEqual({ exitCode: 0, signal: undefined });
    for (const slug of SLUGS) {
      for (const format of FORMATS)
        expect(existsSync(join(project.dir, 'out', '2014', `${slug}.${format}`))).toBe(true);
    }
    for (const name of YEAR_FILES) expect(existsSync(join(project.dir, 'out', '2014', name))).toBe(true);
    expect(existsSync(join(project.dir, 'out', '2014', '.gareport-build.json'))).toBe(true);
  });

  it('shows one progress line, updated in place: reports done of the total, the country, the time taken', () => {
    const screen = run.screen();
    const progress = screen.filter((line) => /^\[\s*\d+\/\d+\]/.test(line));
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatch(new RegExp(`^\\[4/4\\] 2014 (${SLUGS.join('|')})  \\d+\\.\\d s$`));
    // It was rewritten: the raw output held every step.
    for (const n of [1, 2, 3, 4]) expect(run.raw()).toContain(`[${n}/4] 2014 `);
    expect(screen).toContain('4 reports built');
  });
});

describe('what a build worker is started with', () => {
  it('is plain data, whatever the options hold (callbacks, an AbortSignal)', () => {
    const options: BuildOptions = {
      cwd: '/project',
      packageRoot: '/gareport',
      out: '/project/out',
      formats: ['md', 'pdf'],
      paper: 'A4',
      onProgress: () => undefined,
    };
    const withSignal = { ...options, signal: new AbortController().signal };
    const init = workerInit(withSignal, withSignal);
    expect(structuredClone(init)).toEqual({
      build: expect.any(Number),
      ctx: { cwd: '/project', packageRoot: '/gareport' },
      settings: {
        out: '/project/out',
        formats: ['md', 'pdf'],
        paper: 'A4',
        templates: undefined,
        sourceDateEpoch: undefined,
      },
    });
  });
});
