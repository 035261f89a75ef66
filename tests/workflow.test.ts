/**
 * .github/workflows/reports.yml: valid according to a workflow linter (action-validator, which
 * checks it against the GitHub Actions schema), doing what the README promises, and running
 * gareport commands that exist.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject, repoRoot, runInProcess } from './helpers/cli.js';

const workflowPath = join(repoRoot, '.github', 'workflows', 'reports.yml');
const validator = join(repoRoot, 'node_modules', '.bin', 'action-validator');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

async function actionValidator(file: string): Promise<{ exitCode: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(validator, [file], { cwd: repoRoot });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the CI workflow', () => {
  let source: string;
  let workflow: Workflow;
  let steps: Step[];

  beforeAll(async () => {
    source = await readFile(workflowPath, 'utf8');
    workflow = parse(source) as Workflow;
    steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  });

  it('passes action-validator', async () => {
    const result = await actionValidator(workflowPath);
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('action-validator does reject a broken workflow (the check above can fail)', async () => {
    const project = await makeProject();
    try {
      const broken = join(project.dir, 'broken.yml');
      await writeFile(broken, source.replace(/runs-on:/, 'runs-onn:'));
      const result = await actionValidator(broken);
      expect(result.exitCode).toBe(1);
      expect(result.output).toMatch(/"errors"/);
    } finally {
      await project.cleanup();
    }
  });

  it('runs on pushes and pull requests with read-only permissions', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('installs with npm ci, validates with GitHub annotations, builds, and uploads out/', () => {
    const runs = steps.map((s) => s.run ?? '');
    const at = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
    const install = at(/^npm ci\b/m);
    const validate = at(/\bgareport validate --format github\b/);
    const build = at(/\bgareport build\b/);
    expect(install).toBeGreaterThanOrEqual(0);
    expect(validate).toBeGreaterThan(install);
    expect(build).toBeGreaterThan(validate);
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload).toBeGreaterThan(build);
    expect(String(steps[upload]?.with?.path).replace(/\/$/, '')).toBe('out');
    // Pull requests build what changed against their base; pushes build everything.
    // The base ref reaches the shell through the environment, never pasted into the script.
    const prBuild = steps.find((s) => /gareport build --changed-since "origin\/\$BASE_REF"/.test(s.run ?? ''));
    expect(prBuild?.env?.BASE_REF).toBe(['${{', 'github.base_ref', '}}'].join(' '));
    expect(runs.every((r) => !r.includes('${{'))).toBe(true);
    expect(runs.some((r) => /gareport build\s*$/.test(r.trim()))).toBe(true);
    // --changed-since needs history: the checkout fetches it.
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('sets up the Node LTS that the README names for CI, one that package.json accepts', async () => {
    const setup = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    const version = String(setup?.with?.['node-version']);
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const supported = /Supported Node\.js versions: ([^.]*)\./s.exec(readme)?.[1] ?? '';
    const ci = /the CI workflow uses\s+Node\.js (\d+)/.exec(readme)?.[1];
    expect(version).toBe(ci);
    expect(supported).toContain(`${version} (LTS)`);
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
    const minimum = Number(/^>=(\d+)/.exec(pkg.engines.node)?.[1]);
    expect(Number(version)).toBeGreaterThanOrEqual(minimum);
  });

  it('pins every action to a release version (@vX.Y.Z), never a branch', () => {
    const uses = steps.map((s) => s.uses).filter((u): u is string => u !== undefined);
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const use of uses) {
      expect(use, use).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
      expect(use).not.toMatch(/@(main|master|latest)$/);
    }
  });
});

describe("the workflow's gareport commands work as written", () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  const git = (...args: string[]) =>
    promisify(execFile)(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
      { cwd: project.dir },
    );

  beforeAll(async () => {
    // A repository as the checkout leaves it on a pull request: the base branch as origin/main.
    project = await makeProject({ withKosovo: true });
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'reports');
    await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  });
  afterAll(() => project.cleanup());

  it('each `npx gareport …` step succeeds in a project (github.base_ref = main)', async () => {
    const workflow = parse(await readFile(workflowPath, 'utf8')) as Workflow;
    const commands = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .map((s) => s.run?.trim() ?? '')
      .filter((run) => run.startsWith('npx gareport '));
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const command of commands) {
      const args = command
        .replace(/\$BASE_REF\b/g, 'main')
        .replace(/^npx gareport /, '')
        .split(/\s+/)
        .map((arg) => arg.replace(/^"(.*)"$/, '$1'));
      // Markdown and HTML are enough to show that the command line is accepted.
      const extra = args[0] === 'build' ? ['--format', 'md,html'] : [];
      const result = await runInProcess([...args, ...extra], project.dir, { CI: 'true' });
      expect(result.stderr, command).not.toMatch(/error|unknown option/i);
      expect(result.exitCode, command).toBe(0);
    }
  });
});

describe('the pull-request summary of what changed in the answers', () => {
  it('a step runs `gareport diff --since` on pull requests and appends to $GITHUB_STEP_SUMMARY', async () => {
    const workflow = parse(await readFile(workflowPath, 'utf8')) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const summary = steps.find((s) => s.run?.includes('gareport diff'));
    expect(summary?.if).toBe("github.event_name == 'pull_request'");
    expect(summary?.run).toBe('npx gareport diff --since "origin/$BASE_REF" --step-summary');
    expect(summary?.env?.BASE_REF).toMatch(/^\$\{\{ github\.base_ref \}\}$/);
  });

  it('runs: the changed answer is in the job summary, word by word', async () => {
    const project = await makeProject({ withKosovo: true });
    try {
      const git = (...args: string[]) =>
        promisify(execFile)(
          'git',
          ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
          { cwd: project.dir },
        );
      await git('init', '-q', '-b', 'main');
      await git('add', '-A');
      await git('commit', '-q', '-m', 'reports');
      await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      await git('checkout', '-q', '-b', 'kosovo-update');
      const file = join(project.dir, 'reports', '2014', 'kosovo', 'target-2.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('is not yet developed', 'was set up in 2015'));
      await git('commit', '-q', '-am', 'Kosovo: registry');
      const summaryFile = join(project.dir, 'summary.md');
      await writeFile(summaryFile, '');
      const result = await runInProcess(['diff', '--since', 'origin/main', '--step-summary'], project.dir, {
        CI: 'true',
        GITHUB_STEP_SUMMARY: summaryFile,
      });
      expect(result.exitCode, result.stderr).toBe(0);
      const summary = await readFile(summaryFile, 'utf8');
      expect(summary).toContain('# What changed in the answers of Kosovo: 2014 at origin/main → 2014 now');
      expect(summary).toContain('1 of 21 answers changed');
      // Removed and added words apart, and the answer's list item still a list item (issue 21 item 7).
      expect(summary).toContain(
        '- A special registry for child abuse offenders ~~is not yet developed~~ **was set up in 2015**.',
      );
      // Only the goal with a change is listed.
      expect(summary).toContain('## 2.1 ');
      expect(summary).not.toContain('## 1.1 ');
    } finally {
      await project.cleanup();
    }
  });
});
