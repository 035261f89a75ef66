/** The golden-file helper itself: an update run writes the files and fails; a normal run compares. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden, withoutStyles } from './helpers/golden.js';

describe('golden files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gareport-golden-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('in update mode, writes every file and then fails, naming them', async () => {
    await writeFile(join(dir, 'same.md'), 'same\n');
    await writeFile(join(dir, 'old.md'), 'old\n');
    const update = expectGolden(
      { 'same.md': 'same\n', 'old.md': 'new\n', 'added.md': 'added\n' },
      { update: true, dir },
    );
    await expect(update).rejects.toThrow(
      /^golden files updated: .*same\.md \(unchanged\), .*old\.md \(changed\), .*added\.md \(new\), rerun without UPDATE_GOLDEN$/,
    );
    expect(await readFile(join(dir, 'old.md'), 'utf8')).toBe('new\n');
    expect(await readFile(join(dir, 'added.md'), 'utf8')).toBe('added\n');
  });

  it('otherwise compares, and never writes', async () => {
    await writeFile(join(dir, 'a.md'), 'a\n');
    await expectGolden({ 'a.md': 'a\n' }, { update: false, dir });
    await expect(expectGolden({ 'a.md': 'b\n' }, { update: false, dir })).rejects.toThrow(/a\.md differs/);
    expect(await readFile(join(dir, 'a.md'), 'utf8')).toBe('a\n');
    await expect(expectGolden({ 'missing.md': 'x' }, { update: false, dir })).rejects.toThrow(/UPDATE_GOLDEN=1/);
  });

  it('leaves the stylesheet out of a page, and nothing else', () => {
    const page = '<head>\n<style>\nbody { color: red }\n</style>\n</head><body><p>style</p></body>';
    expect(withoutStyles(page)).toBe('<head>\n<style></style>\n</head><body><p>style</p></body>');
  });
});
