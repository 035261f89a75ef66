/**
 * What is in reports/: links out of the project are refused without quoting what they point to;
 * folders and files gareport does not read are named, with what to do; `validate` and `init`
 * agree on a linked folder. Through the CLI, in-process and as the binary.
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runBinary, runInProcess, withProject } from './helpers/cli.js';
import { hashTree } from './helpers/files.js';

const KOSOVO = 'reports/2014/kosovo';
const SECRET = 'root:$6$c2VjcmV0:19000:0:99999:7:::';

let outside: string;

beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), 'gareport-outside-'));
  await writeFile(join(outside, 'shadow'), `${SECRET}\ndaemon:*:19000:0:99999:7:::\n`);
  await cp(join(repoRoot, KOSOVO), join(outside, 'kosovo'), { recursive: true });
});

afterAll(async () => {
  await rm(outside, { recursive: true, force: true });
});

// Every case in-process; through the binary only the first (four formats and a build, exit 1), as
// links and folders are read by the same code in both and a binary run costs 0.35 s or more.
describe.each([
  { runner: 'in-process', run: runInProcess },
  { runner: 'binary', run: runBinary },
])('links and folders ($runner)', ({ runner, run }) => {
  /** A test of the in-process run only. */
  const inProcessOnly = (name: string, fn: () => Promise<void>) => {
    if (runner !== 'binary') it(name, fn);
  };
  it('an answer file linked to a file outside the project is refused, quoting nothing of it', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await rm(join(dir, KOSOVO, 'target-4.yaml'));
      await symlink(join(outside, 'shadow'), join(dir, KOSOVO, 'target-4.yaml'));
      for (const format of ['text', 'github', 'json']) {
        const result = await run(['validate', '--format', format], dir);
        expect(result.exitCode).toBe(1);
        const output = result.stdout + result.stderr;
        expect(output).toContain('outside the project');
        expect(output).toContain(`${KOSOVO}/target-4.yaml`);
        expect(output).not.toContain('root');
        expect(output).not.toContain('daemon');
        expect(output).not.toContain(outside);
      }
      const built = await run(['build', '2014', '--format', 'md'], dir);
      expect(built.exitCode).toBe(1);
      expect(built.stdout + built.stderr).not.toContain('daemon');
    });
  });

  inProcessOnly('a broken link is named as such, not as a missing file', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await rm(join(dir, KOSOVO, 'target-3.yaml'));
      await symlink(join(outside, 'nothing-here.yaml'), join(dir, KOSOVO, 'target-3.yaml'));
      const result = await run(['validate'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(`${KOSOVO}/target-3.yaml  error  this is a link that leads nowhere`);
    });
  });

  inProcessOnly(
    'a country folder linked outside the project is reported by validate, build, init and the consolidated report',
    async () => {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        await symlink(join(outside, 'kosovo'), join(dir, 'reports', '2014', 'albania'));
        const validated = await run(['validate'], dir);
        expect(validated.exitCode).toBe(1);
        expect(validated.stdout).toContain(
          'reports/2014/albania  error  this folder is a link to a place outside the project',
        );
        const one = await run(['validate', '2014', 'albania'], dir);
        expect(one.exitCode).toBe(2);
        expect(one.stderr).toContain('outside the project');
        expect(one.stderr).not.toContain('gareport init');
        const init = await run(['init', '2014', 'albania'], dir);
        expect(init.exitCode).toBe(2);
        expect(init.stderr).toContain('outside the project');
        expect(init.stderr).not.toContain('gareport validate');
        const before = await hashTree(outside);
        const imported = await run(
          ['import', join(repoRoot, 'examples', '2014-kosovo-form.txt'), '2014', 'albania', '--force'],
          dir,
        );
        expect(imported.exitCode).toBe(2);
        expect(imported.stderr).toContain('outside the project');
        expect(await hashTree(outside)).toEqual(before);
        const built = await run(['build', '2014', '--format', 'md'], dir);
        expect(built.exitCode).toBe(1);
        expect(built.stderr).toContain('not built 2014 albania');
        expect(await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8')).toMatch(/Not included.*albania/);
      });
    },
  );

  inProcessOnly(
    'a country folder linked inside the project is a country like any other (no init ↔ validate loop)',
    async () => {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        await mkdir(join(dir, 'archive'));
        await rename(join(dir, KOSOVO), join(dir, 'archive', 'kosovo'));
        await symlink(join('..', '..', 'archive', 'kosovo'), join(dir, KOSOVO));
        const one = await run(['validate', '2014', 'kosovo'], dir);
        expect(one.exitCode, one.stdout + one.stderr).toBe(0);
        const all = await run(['validate'], dir);
        expect(all.stdout).toContain('2014 kosovo: valid');
        const built = await run(['build', '2014', '--format', 'md'], dir);
        expect(built.exitCode, built.stdout + built.stderr).toBe(0);
        expect(await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8')).toContain('Kosovo Police');
      });
    },
  );

  inProcessOnly('folders whose name is not a country name are reported with the name to use', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', 'New-Zealand'), { recursive: true });
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', 'new zealand'), { recursive: true });
      const result = await run(['validate'], dir);
      expect(result.exitCode).toBe(1);
      for (const name of ['New-Zealand', 'new zealand']) {
        const line = result.stdout.split('\n').find((l) => l.startsWith(`reports/2014/${name}  error  `));
        expect(line, result.stdout).toContain('this folder is not read');
      }
      expect(result.stdout).toContain('hint: rename it to `new-zealand`');
      const one = await run(['validate', '2014', 'new-zealand'], dir);
      expect(one.exitCode).toBe(2);
      expect(one.stderr).toContain('rename it to `new-zealand`');
      const built = await run(['build', '2014', '--format', 'md'], dir);
      expect(built.exitCode).toBe(1);
      expect(built.stderr).toContain('not built 2014 New-Zealand');
      expect(await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8')).toMatch(/Not included.*New-Zealand/);
    });
  });

  inProcessOnly('files gareport does not read are named, with a "did you mean"', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const folder = join(dir, KOSOVO);
      await rename(join(folder, 'target-1.yaml'), join(folder, 'target-1.yml'));
      await rename(join(folder, 'target-2.yaml'), join(folder, 'Target-2.yaml'));
      await writeFile(join(folder, 'notes.txt'), 'to do\n');
      await writeFile(join(folder, 'target-3.yaml.bak'), 'a backup copy\n');
      await writeFile(join(folder, '.DS_Store'), '');
      const result = await run(['validate'], dir);
      expect(result.exitCode).toBe(1);
      const out = result.stdout;
      expect(out).toContain(`${KOSOVO}/target-1.yml  error  gareport does not read this file`);
      expect(out).toContain('did you mean `target-1.yaml`?');
      expect(out).toContain(`${KOSOVO}/Target-2.yaml  error  gareport does not read this file`);
      expect(out).toContain('did you mean `target-2.yaml`?');
      expect(out).toContain(`${KOSOVO}/notes.txt  warning  gareport does not read this file`);
      expect(out).not.toContain('target-3.yaml.bak');
      expect(out).not.toContain('.DS_Store');
    });
  });
});
