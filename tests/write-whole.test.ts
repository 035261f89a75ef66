/**
 * A report's files are written whole or not at all: every format goes to a temporary file first,
 * and only when all are written are they renamed into place, one right after the other. Found in
 * review: Ctrl-C during a year's build could end a worker between two formats' writes and leave
 * `cambodia.md` without its HTML and PDF (3 runs in 45). A full disk shows the same gap without
 * timing: the Markdown and HTML fit, the PDF does not.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOutputs } from '../src/render/country-spec.js';
import type { BuildFormat } from '../src/render/render-outputs.js';
import { makeProject } from './helpers/cli.js';

let project: Awaited<ReturnType<typeof makeProject>>;
let small: string;
let mounted: string | undefined;

beforeEach(async () => {
  project = await makeProject();
  small = join(project.dir, 'small');
  await mkdir(small);
  // 64 KiB: room for the Markdown and HTML below, not for the PDF.
  mounted = await promisify(execFile)('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]).then(
    () => undefined,
    (error: Error) => `cannot mount a tmpfs here (${error.message.split('\n')[0]}); run the tests as root`,
  );
});
afterEach(async () => {
  if (!mounted) await promisify(execFile)('umount', [small]);
  await project.cleanup();
});

const outputs = (mark: string) =>
  new Map<BuildFormat, string | Uint8Array>([
    ['md', mark.repeat(16 * 1024)],
    ['html', mark.repeat(16 * 1024)],
    ['pdf', new Uint8Array(96 * 1024).fill(mark.charCodeAt(0))],
  ]);

describe("a report's files", () => {
  it('are not written at all when one of them cannot be (a full disk)', async (context) => {
    if (mounted) return context.skip(mounted);
    await expect(writeOutputs(small, 'kosovo', outputs('a'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readdir(small)).toEqual([]);
  });

  it('keep the previous build whole when the new one cannot be written', async (context) => {
    if (mounted) return context.skip(mounted);
    for (const format of ['md', 'html', 'pdf']) await writeFile(join(small, `kosovo.${format}`), `old ${format}`);
    await expect(writeOutputs(small, 'kosovo', outputs('b'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect((await readdir(small)).sort()).toEqual(['kosovo.html', 'kosovo.md', 'kosovo.pdf']);
    for (const format of ['md', 'html', 'pdf']) {
      expect(await readFile(join(small, `kosovo.${format}`), 'utf8')).toBe(`old ${format}`);
    }
  });

  it('are not written at all when one of them has a folder in its place (found in review: followup wrote the .md and .html)', async () => {
    await mkdir(join(project.dir, 'out', 'kosovo.pdf', 'x'), { recursive: true });
    await writeFile(join(project.dir, 'out', 'kosovo.md'), 'OLD');
    const out = join(project.dir, 'out');
    const small = new Map<BuildFormat, string | Uint8Array>([
      ['md', 'new md'],
      ['html', 'new html'],
      ['pdf', new Uint8Array(8)],
    ]);
    await expect(writeOutputs(out, 'kosovo', small)).rejects.toMatchObject({ code: 'EISDIR' });
    expect((await readdir(out)).sort()).toEqual(['kosovo.md', 'kosovo.pdf']);
    expect(await readFile(join(out, 'kosovo.md'), 'utf8')).toBe('OLD');
  });
});
