/**
 * Issue 19: a build reads each of a report's files once, parses its YAML once and each answer's
 * Markdown once, also for a whole year with its consolidated report. Counted through the
 * GAREPORT_TRACE hook (src/load/trace.ts), in every thread of the real binary; nothing is timed.
 */
import { spawn } from 'node:child_process';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseYaml } from '../src/load/parse-yaml.js';
import { positionAt, sourceOf } from '../src/load/source-text.js';
import { binPath, runBinary, testEnv, withProject } from './helpers/cli.js';
import { makeCountries } from './helpers/countries.js';
import { get } from './helpers/http.js';
import { Watched } from './helpers/watched.js';

interface Counts {
  read: Map<string, number>;
  yaml: Map<string, number>;
  markdown: Map<string, number>;
  page: Map<string, number>;
}

async function tracedBuild(dir: string, args: string[]): Promise<Counts> {
  const traceFile = join(dir, 'trace.log');
  const result = await runBinary(args, dir, { GAREPORT_TRACE: traceFile, NO_COLOR: '1', SOURCE_DATE_EPOCH: '' });
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.exitCode).toBe(0);
  const counts: Counts = { read: new Map(), yaml: new Map(), markdown: new Map(), page: new Map() };
  for (const line of (await readFile(traceFile, 'utf8')).split('\n')) {
    const [kind, what] = line.split('\t') as [keyof Counts, string];
    if (!what) continue;
    counts[kind].set(what, (counts[kind].get(what) ?? 0) + 1);
  }
  return counts;
}

/** Every count of `map` whose key passes `keep`, as { key: count }, for a readable failure. */
function countsOf(map: Map<string, number>, keep: (key: string) => boolean): Record<string, number> {
  return Object.fromEntries([...map].filter(([key]) => keep(key)));
}

function expectOnce(counts: Counts, dir: string, files: number): void {
  const inReports = (key: string) => key.includes(`${join(dir, 'reports')}/`) || key.startsWith('reports/');
  const reads = countsOf(counts.read, inReports);
  expect(Object.keys(reads)).toHaveLength(files);
  expectEachOnce(reads);
  const parses = countsOf(counts.yaml, inReports);
  expect(Object.keys(parses)).toHaveLength(files);
  expectEachOnce(parses);
  expect(counts.yaml.get('cst')).toBeUndefined();
  const markdown = countsOf(counts.markdown, (key) => key !== 'unplaced');
  expect(Object.keys(markdown).length).toBeGreaterThan(0);
  expectEachOnce(markdown);
}

/** Every count is 1 (the counts shown when one is not). */
function expectEachOnce(counts: Record<string, number>): void {
  expect(
    Object.values(counts).every((n) => n === 1),
    JSON.stringify(counts, null, 1),
  ).toBe(true);
}

describe('one pass over each report', () => {
  it('build 2014 kosovo: each file read once, its YAML parsed once, each answer parsed once', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const counts = await tracedBuild(dir, ['build', '2014', 'kosovo', '--force']);
      expectOnce(counts, dir, 5); // country.yaml and four answer files
    });
  });

  it('build 2014 of three countries, with the consolidated report: the same', async () => {
    await withProject({}, async ({ dir }) => {
      await makeCountries(dir, 3, { kosovo: true, slugs: ['greece', 'ukraine'] });
      const counts = await tracedBuild(dir, ['build', '2014', '--force']);
      expectOnce(counts, dir, 15);
    });
  });
});

describe('one line index, one lexing (issue 19)', () => {
  it('positionAt counts lines and columns as a plain walk over the text does', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '\n', ' ', '😀') }), fc.nat(), (text, n) => {
        const offset = n % (text.length + 2);
        const at = Math.min(offset, text.length);
        const before = text.slice(0, at);
        const line = before.split('\n').length;
        const column = at - (before.lastIndexOf('\n') + 1) + 1;
        expect(positionAt(sourceOf('f.yaml', text), offset)).toEqual({ line, column });
      }),
    );
  });

  it("parseYaml, from tokens lexed once, finds what the library's parseDocument finds", () => {
    const yamlText = fc.string({
      unit: fc.constantFrom('a', ':', ' ', '\n', '-', '"', "'", '[', ']', '{', '}', '#', '|', '---', '&', '*'),
    });
    fc.assert(
      fc.property(yamlText, (text) => {
        const ours = parseYaml(sourceOf('f.yaml', text));
        const theirs = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
        if (ours.doc) expect(ours.doc.toJS({ maxAliasCount: -1 })).toEqual(theirs.toJS({ maxAliasCount: -1 }));
        else expect(ours.diagnostics.length).toBeGreaterThan(0);
        // No error of theirs is missing from ours (ours adds the structure these files refuse).
        if (theirs.errors.length > 0) expect(ours.doc).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('validate reads each file once', () => {
  it('validate --pdf-fonts: the font check uses the texts the load read', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const traceFile = join(dir, 'trace.log');
      const result = await runBinary(['validate', '2014', 'kosovo', '--pdf-fonts'], dir, { GAREPORT_TRACE: traceFile });
      expect(result.exitCode, result.stderr).toBe(0);
      const reads = (await readFile(traceFile, 'utf8'))
        .split('\n')
        .filter((l) => l.startsWith('read\t') && l.includes(join(dir, 'reports')));
      const perFile = new Map<string, number>();
      for (const line of reads) perFile.set(line, (perFile.get(line) ?? 0) + 1);
      expect(perFile.size).toBe(5);
      expectEachOnce(Object.fromEntries(perFile));
    });
  });
});

/** The trace's lines of each kind, counted by what they name. */
function traceCounts(text: string, kind: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [lineKind, what] = line.split('\t');
    if (lineKind === kind && what) counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  return counts;
}

describe('preview: one save, one pass', () => {
  it('a saved answer file is read once, its YAML parsed once, each of its answers parsed once', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const traceFile = join(dir, 'trace.log');
      const args = ['preview', '2014', 'kosovo', '--port', '0'];
      const env = testEnv({ GAREPORT_TRACE: traceFile, NO_COLOR: '1' });
      const preview = new Watched(
        spawn(process.execPath, [binPath, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }),
      );
      try {
        const address = () => /http:\/\/127\.0\.0\.1:\d+\//.exec(preview.stdout)?.[0];
        await preview.until('the address', () => address() !== undefined);
        expect((await get(`${address()}kosovo/`)).status).toBe(200);
        // What the first rendering did is left out: the save's work starts here.
        const before = (await stat(traceFile)).size;
        const file = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
        const original = await readFile(file, 'utf8');
        const first = /A: \|\n {6}(.+)\n/.exec(original)?.[1] as string;
        // Saved as editors save: to a temporary file renamed over the old one.
        await writeFile(`${file}.tmp`, original.replace(first, 'Saved once, counted once.'));
        await rename(`${file}.tmp`, file);
        await preview.until('the rendering after the save', (w) => w.count('changed: ') === 1);
        expect((await get(`${address()}kosovo/`)).body).toContain('Saved once, counted once.');
        const traced = (await readFile(traceFile, 'utf8')).slice(before);
        const counts = {
          read: traceCounts(traced, 'read'),
          yaml: traceCounts(traced, 'yaml'),
          markdown: traceCounts(traced, 'markdown'),
        };
        const saved = (key: string) => key === file || key === 'reports/2014/kosovo/target-1.yaml';
        expect(countsOf(counts.read, saved), JSON.stringify([...counts.read])).toEqual({ [file]: 1 });
        expect(Object.values(countsOf(counts.yaml, saved)), JSON.stringify([...counts.yaml])).toEqual([1]);
        const answers = countsOf(counts.markdown, (key) => key.startsWith('reports/2014/kosovo/target-1.yaml:'));
        expect(Object.keys(answers).length).toBeGreaterThan(0);
        expectEachOnce(answers);
        // Nor is any other file of the report read or parsed twice for it.
        const inReports = (key: string) => key.includes(`${join(dir, 'reports')}/`) || key.startsWith('reports/');
        for (const kind of ['read', 'yaml', 'markdown'] as const) {
          expectEachOnce(countsOf(counts[kind], inReports));
        }
        expect(preview.stderr).not.toMatch(/internal error|gareport: /);
      } finally {
        await preview.kill();
      }
    });
  });
});
