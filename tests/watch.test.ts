/**
 * `gareport build --watch` through the real binary: rebuilds on every save, prints diagnostics at
 * once, survives errors in the answers, and ends cleanly on Ctrl-C (SIGINT).
 * Every wait is for an expected line of output (with a generous overall timeout), never a sleep.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTemporaryFile } from '../src/project/watch-sources.js';
import { makeProject, runInProcess, withProject } from './helpers/cli.js';
import { makeCountries, ownFormAndTemplates } from './helpers/countries.js';
import { useCoverFixture } from './helpers/cover-fixture.js';
import { validPng } from './helpers/logo-bytes.js';
import { Watched } from './helpers/watched.js';

/** Ctrl-C ends the watch promptly (well within the overall timeout, or the test fails on its own), exit 130 as build's (issue 21 item 16). */
async function expectEndsOnSigint(watched: Watched): Promise<void> {
  watched.child.kill('SIGINT');
  const { code, signal } = await watched.exit;
  expect(signal).toBeNull();
  expect(code).toBe(130);
  expect(watched.stderr).not.toMatch(/internal error|^\s+at /m);
}

describe('build 2014 kosovo --watch', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let watched: Watched;
  const answers = () => join(project.dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
  // `rep` is a prefix of `reports`: changes to the answers must still not pass for outputs.
  const output = () => join(project.dir, 'rep', '2014', 'kosovo.md');
  const BUILT = 'built 2014 kosovo:';

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    watched = Watched.start(['build', '2014', 'kosovo', '--watch', '--out', 'rep'], project.dir);
  });
  afterAll(async () => {
    await watched?.kill();
    await project.cleanup();
  });

  it('builds once at the start', async () => {
    await watched.until('the first build', (w) => w.count(BUILT) >= 1);
    expect(await readFile(output(), 'utf8')).toContain('During the reporting period');
    // Then it says that it watches, and what (issue 21 item 16).
    await watched.until('the watching line', (w) => w.stderr.includes('watching '));
    expect(watched.stderr).toMatch(/^watching reports\/2014\/kosovo\/ for changes \(Ctrl-C to stop\)$/m);
  });

  it('rebuilds when an answer is saved', async () => {
    const before = watched.count(BUILT);
    const text = await readFile(answers(), 'utf8');
    await writeFile(answers(), text.replace('During the reporting period', 'Throughout the watched period'));
    await watched.until('the rebuild', (w) => w.count(BUILT) > before);
    expect(watched.stderr).toMatch(/^changed: reports\/2014\/kosovo\/target-1\.yaml; rebuilding$/m);
    // Each rebuild's time (issue 21 item 16).
    await watched.until('the time of the rebuild', (w) => /^rebuilt in \d+\.\d s$/m.test(w.stderr));
    expect(await readFile(output(), 'utf8')).toContain('Throughout the watched period');
  });

  it('rebuilds after every save that replaces the file (safe write in an editor, `sed -i`, `mv`)', async () => {
    for (const words of ['Replaced once', 'Replaced twice']) {
      const before = watched.count(BUILT);
      const text = await readFile(answers(), 'utf8');
      // Written beside the project's folders, then renamed over the answer file: a new file (inode).
      const next = join(project.dir, 'next-target-1.yaml');
      await writeFile(next, text.replace(/Throughout the watched period|Replaced once/, words));
      await rename(next, answers());
      await watched.until(`the rebuild after "${words}"`, (w) => w.count(BUILT) > before);
      expect(await readFile(output(), 'utf8')).toContain(words);
    }
  });

  it('prints the diagnostics of a broken answer at once and keeps watching', async () => {
    const text = await readFile(answers(), 'utf8');
    await writeFile(answers(), text.replace('    B:\n', '    B: |\n      # A heading\n'));
    await watched.until('the diagnostics', (w) => w.stderr.includes('not built 2014 kosovo'));
    expect(watched.stderr).toMatch(/reports\/2014\/kosovo\/target-1\.yaml:\d+:\d+\s+error\s+headings are not allowed/);
    expect(watched.exited).toBe(false);
    // The last good output is gone: it is not this build's (issue 8, item 6).
    expect(watched.stderr).toMatch(/^not built 2014 kosovo: .*; removed rep\/2014\/kosovo\.md/m);
    expect(existsSync(output())).toBe(false);
  });

  it('rebuilds once the answer is fixed', async () => {
    const before = watched.count(BUILT);
    const text = await readFile(answers(), 'utf8');
    await writeFile(answers(), text.replace('      # A heading\n', '      **A sub-title**, fixed\n'));
    await watched.until('the rebuild after the fix', (w) => w.count(BUILT) > before);
    expect(await readFile(output(), 'utf8')).toContain('**A sub-title**, fixed');
    expect(watched.exited).toBe(false);
  });

  it('ends with exit code 130 on SIGINT', () => expectEndsOnSigint(watched));
});

describe('build 2014 --watch, several countries on workers kept from one rebuild to the next', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let watched: Watched;
  const BUILT = '3 reports built';
  const outputs = async () =>
    Promise.all(
      ['kosovo', 'albania', 'argentina'].map((c) => readFile(join(project.dir, 'rep', '2014', `${c}.md`), 'utf8')),
    );

  beforeAll(async () => {
    project = await makeProject();
    await makeCountries(project.dir, 3, { kosovo: true, slugs: ['albania', 'argentina'] });
    await ownFormAndTemplates(project.dir);
    watched = Watched.start(['build', '2014', '--watch', '--format', 'md', '--out', 'rep'], project.dir);
    await watched.until('the first build', (w) => w.count(BUILT) >= 1);
  });
  afterAll(async () => {
    await watched?.kill();
    await project.cleanup();
  });

  it('renders every country with an edited form, then with an edited template', async () => {
    const form = join(project.dir, 'forms', '2014.yaml');
    const before = watched.count(BUILT);
    const text = await readFile(form, 'utf8');
    await writeFile(
      form,
      text.replace('Please indicate specific actions that your country', 'Please list what your country'),
    );
    await watched.until('the rebuild after the form', (w) => w.count(BUILT) > before);
    for (const md of await outputs()) expect(md).toContain('Please list what your country');

    const template = join(project.dir, 'templates', 'report.md.liquid');
    const after = watched.count(BUILT);
    await writeFile(template, `${await readFile(template, 'utf8')}\nEDITED-TEMPLATE-MARKER\n`);
    await watched.until('the rebuild after the template', (w) => w.count(BUILT) > after);
    for (const md of await outputs()) expect(md).toContain('EDITED-TEMPLATE-MARKER');
  });

  it('ends with exit code 130 on SIGINT, its worker threads with it', () => expectEndsOnSigint(watched));
});

describe('build 2014 kosovo --watch with links in the watched folder (issue 20, item 6)', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let watched: Watched;
  const kosovo = () => join(project.dir, 'reports', '2014', 'kosovo');
  /** Builds finished so far: each ends with its summary line ("1 report built", "0 reports built, 1 up to date"). */
  const builds = (w: Watched) => (w.stdout.match(/^\d+ reports? built/gm) ?? []).length;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    watched = Watched.start(['build', '2014', 'kosovo', '--watch', '--format', 'md'], project.dir);
    await watched.until('the first build', (w) => builds(w) >= 1);
  });
  afterAll(async () => {
    await watched?.kill();
    await project.cleanup();
  });

  it('does not follow a link to its own folder, one back into it, or a loop; an edit still rebuilds', async () => {
    // `ln -s . self`, `ln -s ../kosovo up`, and a ↔ b: followed, they grew the process to gigabytes
    // with a 26 MB "changed:" line, or printed ~35,000 ELOOP lines and a raw stack trace.
    await symlink('.', join(kosovo(), 'self'));
    await symlink('../kosovo', join(kosovo(), 'up'));
    await symlink('b', join(kosovo(), 'a'));
    await symlink('a', join(kosovo(), 'b'));
    await watched.until('the rebuild after the links', (w) => w.count('changed:') >= 1 && builds(w) >= 2);
    const answers = join(kosovo(), 'target-1.yaml');
    const text = await readFile(answers, 'utf8');
    await writeFile(answers, text.replace('During the reporting period', 'Watched beside links'));
    // Checked at each line of output: the summary of the build with the edit comes after its file.
    const output = join(project.dir, 'out', '2014', 'kosovo.md');
    const edited = () => existsSync(output) && readFileSync(output, 'utf8').includes('Watched beside links');
    await watched.until('the rebuild after the edit', (w) => w.count('target-1.yaml') >= 1 && edited());
    const all = `${watched.stdout}\n${watched.stderr}`;
    expect(all).not.toMatch(/self\/self|up\/kosovo|up\/self|Emitted 'error'|internal error|not built|\n\s+at /);
    expect(all.length).toBeLessThan(20_000);
    expect(watched.exited).toBe(false);
  });

  it('ends on SIGINT', () => expectEndsOnSigint(watched));
});

describe('build 2014 kosovo --watch follows the configuration and the logo', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let watched: Watched;
  const config = () => join(project.dir, 'gareport.config.yaml');
  const html = () => readFileSync(join(project.dir, 'out', '2014', 'kosovo.html'), 'utf8');
  /** Builds finished so far: each ends with its summary line ("1 report built", "0 reports built, 1 up to date"). */
  const builds = (w: Watched) => (w.stdout.match(/^\d+ reports? built/gm) ?? []).length;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    await useCoverFixture(project.dir);
    await writeFile(config(), 'formats: [md, html]\n');
    watched = Watched.start(['build', '2014', 'kosovo', '--watch'], project.dir);
    await watched.until('the first build', (w) => builds(w) >= 1 && w.stderr.includes('watching '));
  });
  afterAll(async () => {
    await watched?.kill();
    await project.cleanup();
  });

  it('says it watches the configuration and the logo', () => {
    expect(watched.stderr).toMatch(
      /^watching reports\/2014\/kosovo\/, gareport\.config\.yaml, assets\/logo\.png for changes/m,
    );
  });

  it('rebuilds with the new rules when the configuration is saved', async () => {
    const before = builds(watched);
    await writeFile(config(), 'formats: [md, html]\nrules: {unanswered: error}\n');
    // stdout and stderr are two pipes: the summary may come before the lines about the report.
    await watched.until('the rebuild after the configuration', (w) => builds(w) > before && w.count('not built') > 0);
    expect(watched.stderr).toMatch(/^changed: gareport\.config\.yaml; rebuilding$/m);
    expect(watched.stderr).toMatch(/^not built 2014 kosovo/m);
  });

  it('reports a configuration with mistakes and goes on with the settings it had', async () => {
    const before = builds(watched);
    await writeFile(config(), 'formats: [md, html]\npaper: legal\n');
    await watched.until(
      'the rebuild after the broken configuration',
      (w) => builds(w) > before && w.stderr.includes('settings it had before'),
    );
    expect(watched.stderr).toMatch(/gareport\.config\.yaml:2:\d+/);
    expect(watched.stderr).toContain('the configuration has mistakes: building with the settings it had before');
    expect(watched.exited).toBe(false);
    const fixed = builds(watched);
    await writeFile(config(), 'formats: [md, html]\nrules: {unanswered: off}\n');
    await watched.until('the rebuild after the fix', (w) => builds(w) > fixed);
    expect(watched.stdout.trimEnd().split('\n').at(-1)).toMatch(/^1 report built/);
    expect(html()).toContain('Ministry of Internal Affairs');
  });

  it('rebuilds when the logo is replaced, with the new logo', async () => {
    const before = builds(watched);
    const logo = validPng(20, 10);
    await writeFile(join(project.dir, 'assets', 'logo.png'), logo);
    await watched.until(
      'the rebuild after the logo',
      (w) => builds(w) > before && w.count('changed: assets/logo.png') > 0,
    );
    expect(watched.stderr).toMatch(/^changed: assets\/logo\.png; rebuilding$/m);
    expect(html()).toContain(logo.toString('base64'));
  });

  it('watches the logo a country.yaml names once it is changed', async () => {
    await writeFile(join(project.dir, 'assets', 'other.png'), validPng(12, 8));
    const country = join(project.dir, 'reports', '2014', 'kosovo', 'country.yaml');
    let before = builds(watched);
    await writeFile(country, (await readFile(country, 'utf8')).replace('assets/logo.png', 'assets/other.png'));
    await watched.until('the rebuild after country.yaml', (w) => builds(w) > before);
    before = builds(watched);
    const logo = validPng(30, 9);
    await writeFile(join(project.dir, 'assets', 'other.png'), logo);
    await watched.until(
      'the rebuild after the other logo',
      (w) => builds(w) > before && w.count('changed: assets/other.png') > 0,
    );
    expect(watched.stderr).toMatch(/^changed: assets\/other\.png; rebuilding$/m);
    expect(html()).toContain(logo.toString('base64'));
  });

  it('ends on SIGINT', () => expectEndsOnSigint(watched));
});

describe('build --watch with an output folder that holds the answers', () => {
  it('is refused as a usage error (changes could not be told from outputs)', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      const result = await runInProcess(['build', '2014', 'kosovo', '--watch', '--out', '.'], project.dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('the output folder contains reports/');
    });
  });
});

describe("editors' temporary files", () => {
  const name = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,20}$/);
  it('are no change: dot-files with tmp in the name, *.tmp, .#x, x~; answer files and logos are', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        for (const temp of [`.${a}tmp${b}`, `.${a}.TMP`, `${a}.tmp`, `.#${a}`, `${a}~`]) {
          expect(isTemporaryFile(`reports/2014/kosovo/${temp}`)).toBe(true);
        }
      }),
    );
    for (const file of ['target-1.yaml', 'country.yaml', 'tmp-logo.png', 'attempts.yaml', 'logo.tmp.png']) {
      expect(isTemporaryFile(`reports/2014/kosovo/${file}`)).toBe(false);
    }
  });
});
