/**
 * Ctrl-C and SIGTERM during `gareport build 2014` (issue 8, item 3), through the real binary: it
 * stops, leaves no temporary or half-written file, keeps what it finished (valid, and in the build
 * record), exits 130 or 143, and the next build does only what is missing. No timing: the signal
 * goes once the first progress line shows the build under way.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binPath, makeProject, runBinary, testEnv, withProject } from './helpers/cli.js';
import { makeCountries } from './helpers/countries.js';
import { interruptWhen } from './helpers/interrupt.js';
import { readPdf } from './helpers/pdf-reader.js';
import { runInTerminal } from './helpers/terminal.js';

/**
 * Enough for reports to be left, not even started, when the first is finished: the build runs one
 * worker thread per core, each on one report. Each report more is rendered again by the next build.
 */
const COUNTRIES = Math.max(4, availableParallelism() + 2);
type Project = Awaited<ReturnType<typeof makeProject>>;

interface Manifest {
  entries: Record<string, { outputs: Record<string, { size: number; mtimeMs: number }> }>;
}

/** The state a stopped build must leave: no temporary files, and every recorded output as recorded and valid. */
async function expectConsistent(yearOut: string): Promise<string[]> {
  const names = await readdir(yearOut);
  expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  expect(names).not.toContain('.gareport.lock');
  const manifest = JSON.parse(await readFile(join(yearOut, '.gareport-build.json'), 'utf8')) as Manifest;
  const countries = Object.keys(manifest.entries).filter((c) => c !== '(all countries)');
  for (const [, entry] of Object.entries(manifest.entries)) {
    for (const [name, recorded] of Object.entries(entry.outputs)) {
      const info = await stat(join(yearOut, name));
      expect({ name, size: info.size, mtimeMs: info.mtimeMs }).toEqual({ name, ...recorded });
      if (name.endsWith('.pdf'))
        expect((await readPdf(await readFile(join(yearOut, name)), { structTree: false })).numPages).toBeGreaterThan(0);
      if (name.endsWith('.html')) expect(await readFile(join(yearOut, name), 'utf8')).toMatch(/<\/html>\s*$/);
    }
  }
  return countries;
}

/** Builds again: only what the stopped build did not finish is rendered. */
async function expectNextBuildFinishes(dir: string, finished: string[]): Promise<void> {
  const next = await runBinary(['build', '2014'], dir);
  expect(next.stderr).not.toMatch(/error|not built/);
  expect(next.exitCode).toBe(0);
  const upToDate = finished.length ? `, ${finished.length} up to date` : '';
  expect(next.stdout).toMatch(new RegExp(`^${COUNTRIES - finished.length} reports? built${upToDate}$`, 'm'));
}

describe('stopping a build', () => {
  let project: Project;
  beforeEach(async () => {
    project = await makeProject();
    await makeCountries(project.dir, COUNTRIES, { kosovo: true });
  });
  afterEach(() => project.cleanup());

  it('Ctrl-C at a terminal: exit 130, finished reports kept and recorded, the next build does the rest', async () => {
    const run = runInTerminal(['build', '2014'], project.dir);
    await run.waitFor(new RegExp(`\\[\\s*1/${COUNTRIES}\\]`));
    run.type('\x03');
    const { exitCode } = await run.exited;
    expect(run.raw()).not.toContain('internal error');
    expect(exitCode).toBe(130);
    expect(run.screen().join('\n')).toMatch(/stopped; the reports finished are kept/);
    // The summary starts a line of its own, not at the end of the progress line.
    const summary = run.screen().filter((line) => /built|stopped/.test(line));
    expect(summary.length).toBeGreaterThan(0);
    for (const line of summary) expect(line).not.toContain(`/${COUNTRIES}]`);
    const finished = await expectConsistent(join(project.dir, 'out', '2014'));
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.length).toBeLessThan(COUNTRIES);
    await expectNextBuildFinishes(project.dir, finished);
  });

  it('SIGTERM with piped output: exit 143, the same guarantees', async () => {
    const child = spawn(process.execPath, [binPath, 'build', '2014'], {
      cwd: project.dir,
      env: testEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stderr.on('data', (data) => {
      const first = !/\[\s*1\//.test(stderr);
      stderr += data;
      if (first && /\[\s*1\//.test(stderr)) child.kill('SIGTERM');
    });
    expect(await exited).toBe(143);
    expect(stderr).not.toContain('internal error');
    const finished = await expectConsistent(join(project.dir, 'out', '2014'));
    expect(finished.length).toBeLessThan(COUNTRIES);
    await expectNextBuildFinishes(project.dir, finished);
  });
});

/** Every answer of Kosovo sixty times over: a PDF of about 0.5 MB and tens of pages, a second or more to render. */
async function makeLongReport(dir: string): Promise<void> {
  const kosovo = join(dir, 'reports', '2014', 'kosovo');
  for (const name of ['target-1.yaml', 'target-2.yaml', 'target-3.yaml', 'target-4.yaml']) {
    const text = await readFile(join(kosovo, name), 'utf8');
    await writeFile(
      join(kosovo, name),
      text.replace(/^( {4}[ABC]: \|\n)((?: {6}.*\n|\n)+)/gm, (_, head: string, body: string) => head + body.repeat(60)),
    );
  }
}

/** Builds Kosovo through the binary and sends SIGINT once `ready` says so; resolves with the exit code and output. */
async function stopBuild(
  dir: string,
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<{ exitCode: number | null; output: string }> {
  const { code, output } = await interruptWhen(dir, ['build', '2014', 'kosovo'], env, ready);
  return { exitCode: code, output };
}

/** Nothing of Kosovo's report in the output folder, no temporary file, and the lock released. */
async function expectNothingWritten(dir: string): Promise<void> {
  const names = await readdir(join(dir, 'out', '2014')).catch(() => []);
  expect(names.filter((n) => n.startsWith('kosovo.') || n.endsWith('.tmp'))).toEqual([]);
  expect(existsSync(join(dir, 'out', '.gareport.lock'))).toBe(false);
}

describe('stopping the build of one report', () => {
  it('Ctrl-C once it has begun: exit 130, nothing of the report written', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await makeLongReport(dir);
      // The build holds the output folder's lock from before it reads the answers to after it writes.
      const lock = join(dir, 'out', '.gareport.lock');
      const { exitCode, output } = await stopBuild(dir, {}, async () => existsSync(lock));
      expect(exitCode, output).toBe(130);
      expect(output).not.toContain('built 2014 kosovo');
      expect(output).not.toContain('internal error');
      await expectNothingWritten(dir);
    });
  });

  it('Ctrl-C while the PDF of a long report is set (on the main thread): exit 130, nothing written', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await makeLongReport(dir);
      // The PDF's third page begun (GAREPORT_TRACE, see src/load/trace.ts): the PDF is half set.
      const traceFile = join(dir, 'trace.log');
      const midPdf = async () => (await readFile(traceFile, 'utf8').catch(() => '')).includes('page\t3\n');
      const { exitCode, output } = await stopBuild(dir, { GAREPORT_TRACE: traceFile }, midPdf);
      expect(await midPdf(), output).toBe(true);
      expect(exitCode, output).toBe(130);
      expect(output).not.toContain('built 2014 kosovo');
      expect(output).not.toContain('internal error');
      expect(output).toMatch(/stopped/);
      await expectNothingWritten(dir);
    });
  });
});
