/** Issue 12 part 3: `gareport diff`: the answers' text, word by word, between years or since a git ref. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { wordDiff } from '../src/cycle/answer-diff.js';
import { runBinary, runInProcess } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';
import { expectGolden } from './helpers/golden.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

/** The text of the nodes of one kind (delete, strong) or of all but that kind, as Markdown read it back. */
function _textOf(
  node: Nodes,
  keep: (kind: 'kept' | 'removed' | 'added') => boolean,
  kind: 'kept' | 'removed' | 'added' = 'kept',
): string {
  if (node.type === 'text') return keep(kind) ? node.value : '';
  if (node.type === 'break') return keep(kind) ? ' ' : '';
  const inner = node.type === 'delete' ? 'removed' : node.type === 'strong' ? 'added' : kind;
  const sep = node.type === 'root' ? ' ' : '';
  return 'children' in node ? node.children.map((c) => _textOf(c as Nodes, keep, inner)).join(sep) : '';
}

/** The characters of a text, spaces aside: a space moved outside a mark belongs to no side. */
const _words = (text: string) => text.replace(/\s+/g, '');

describe('the word diff', () => {
  it('splits any script into words (Intl.Segmenter), not only at spaces', () => {
    const changes = wordDiff('東京は晴れです', '東京は雨です');
    expect(changes.filter((c) => c.removed).map((c) => c.value)).toEqual(['晴れ']);
    expect(changes.filter((c) => c.added).map((c) => c.value)).toEqual(['雨']);
    const greek = wordDiff('Η γραμμή δέχεται αναφορές', 'Η γραμμή απαντά σε αναφορές');
    expect(greek.filter((c) => c.removed).map((c) => c.value.trim())).toEqual(['δέχεται']);
  });
});

describe('gareport diff kosovo 2014 2015', () => {
  it('writes the Markdown of the golden file: every goal and question, both years, word by word', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runInProcess(['diff', 'kosovo', '2014', '2015', '--format', 'md'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('wrote out/2015/diff/kosovo-2014.md');
      expect(result.stdout).toMatch(/^Kosovo: \d+ answers changed, 2014 → 2015$/m);
      const markdown = await readFile(join(dir, 'out', '2015', 'diff', 'kosovo-2014.md'), 'utf8');
      expect(markdown.match(/^### [ABC]\) /gm)).toHaveLength(21);
      await expectGolden({ 'diff-kosovo-2014-2015.md': markdown });
    });
  });

  it('HTML shows removed words as <del> and added ones as <strong>; the PDF holds the same words', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runBinary(['diff', 'kosovo', '2014', '2015'], dir, { SOURCE_DATE_EPOCH: '0' });
      expect(result.exitCode, result.stderr).toBe(0);
      const folder = join(dir, 'out', '2015', 'diff');
      const html = await readFile(join(folder, 'kosovo-2014.html'), 'utf8');
      expect(html).toContain('<del>investigate and</del>');
      expect(html).toContain('<strong>, which</strong>');
      const pdf = await readPdf(new Uint8Array(await readFile(join(folder, 'kosovo-2014.pdf'))), { structTree: false });
      expect(squash(pdf.contentText)).toContain(squash('makes it possible to investigate and trace online offenders'));
    });
  });

  it('usage errors: no country; a year with no report', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const none = await runInProcess(['diff', '2014', '2015'], dir);
      expect(none.exitCode).toBe(2);
      expect(none.stderr).toContain('name the country');
      const missing = await runInProcess(['diff', 'kosovo', '2013', '2015'], dir);
      expect(missing.exitCode).toBe(2);
      // Named with two years it can be compared between, never the same year twice.
      expect(missing.stderr).toContain('there is no 2013 report for `kosovo`');
      expect(missing.stderr).toContain('`gareport diff kosovo 2014 2015`');
    });
  });
});

describe('gareport diff kosovo 2015 --since <git-ref>', () => {
  it('what the country changed since the ref, only the goals with a change, on standard output', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const git = (...args: string[]) =>
        promisify(execFile)(
          'git',
          ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args],
          { cwd: dir },
        );
      await git('init', '-q', '-b', 'main');
      await git('add', '-A');
      await git('commit', '-q', '-m', 'reports');
      const file = join(dir, 'reports', '2015', 'kosovo', 'target-2.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace(
          '    A:\n',
          '    A: |\n      Joint operations with two neighbouring countries.\n',
        ),
      );
      const result = await runInProcess(['diff', 'kosovo', '2015', '--since', 'main', '--stdout'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('# What changed in the answers of Kosovo: 2015 at main → 2015 now');
      expect(result.stdout).toContain('1 of 21 answers changed');
      expect(result.stdout).toContain('**2015 at main:** *Not answered.*');
      expect(result.stdout).toContain('Joint operations with two neighbouring countries.');
      expect(result.stdout.match(/^## /gm)).toHaveLength(1);
      const bad = await runInProcess(['diff', 'kosovo', '2015', '--since', 'no-such-branch', '--stdout'], dir);
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain('`no-such-branch` is not a commit or branch');
    });
  });
});

describe('gareport diff with one year twice', () => {
  it('is refused (exit 2) instead of writing a diff of a year with itself', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runInProcess(['diff', 'kosovo', '2014', '2014', '--format', 'md'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('2014 is given twice: a diff compares two years');
      expect(result.stderr).toContain('name two different years');
      expect(result.stdout).toBe('');
    });
  });
});
