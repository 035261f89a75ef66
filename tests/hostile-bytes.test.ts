/**
 * Issue 20, "done means": random bytes as a font, as theme.yaml and as the config never give an
 * internal error or a hang, and every problem found names the file. In-process (the same code as
 * the binary) to keep 30 runs each affordable.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runInProcess } from './helpers/cli.js';

const ENV = { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' };
let project: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  project = await makeProject({ withKosovo: true });
  await mkdir(join(project.dir, 'templates'));
  await mkdir(join(project.dir, 'fonts'));
});
afterAll(() => project.cleanup());

/** Random bytes, some of them starting like a font, a UTF-8 text or YAML, so more of each reader is reached. */
const bytes = (prefixes: readonly string[]) =>
  fc
    .tuple(fc.constantFrom('', ...prefixes), fc.uint8Array({ maxLength: 3000 }))
    .map(([prefix, rest]) => Buffer.concat([Buffer.from(prefix, 'latin1'), rest]));

async function check(file: string, run: () => Promise<{ exitCode: number; stdout: string; stderr: string }>) {
  const result = await run();
  const output = result.stdout + result.stderr;
  expect(output).not.toMatch(/internal error|This is a bug|\n\s+at .*:\d+:\d+/);
  expect([0, 1]).toContain(result.exitCode);
  if (result.exitCode !== 0) expect(output).toContain(file);
}

describe('random bytes (issue 20)', () => {
  it('as a configured font file', async () => {
    await writeFile(join(project.dir, 'gareport.config.yaml'), 'fonts: [fonts/random.ttf]\n');
    await fc.assert(
      fc.asyncProperty(bytes(['\x00\x01\x00\x00', 'OTTO', 'ttcf', 'true']), async (data) => {
        await writeFile(join(project.dir, 'fonts', 'random.ttf'), data);
        await check('random.ttf', () => runInProcess(['validate'], project.dir, ENV));
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('as templates/theme.yaml', async () => {
    await writeFile(join(project.dir, 'gareport.config.yaml'), 'formats: [md]\n');
    await fc.assert(
      fc.asyncProperty(bytes(['paper: ', 'margins:\n  left: ', '# theme\n']), async (data) => {
        await writeFile(join(project.dir, 'templates', 'theme.yaml'), data);
        await check('templates/theme.yaml', () => runInProcess(['validate'], project.dir, ENV));
      }),
      { numRuns: 30 },
    );
    await writeFile(join(project.dir, 'templates', 'theme.yaml'), '');
  }, 120_000);

  it('as gareport.config.yaml', async () => {
    await fc.assert(
      fc.asyncProperty(bytes(['out: ', 'fonts: [', 'templates: ', 'formats: [md]\n']), async (data) => {
        await writeFile(join(project.dir, 'gareport.config.yaml'), data);
        await check('gareport.config.yaml', () => runInProcess(['validate'], project.dir, ENV));
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
