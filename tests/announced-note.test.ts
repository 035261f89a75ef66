/**
 * Issue 12 part 2 (last bullet): in the HTML country report, under question A of each goal, what
 * the country announced under question C the year before, as a collapsible note
 * (`<details><summary>Announced in 2014</summary>…</details>`). HTML only: the Markdown and the PDF
 * are as before. Read back with a HTML parser and pdfjs.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Element, Root as HastRoot, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';
import { readPdf } from './helpers/pdf-reader.js';

const html = (text: string) => unified().use(rehypeParse).parse(text);
function* elements(node: HastRoot | RootContent): Generator<Element> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elements(child);
}
const textOf = (node: HastRoot | RootContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The blocks of the article after the heading with `id`, up to the next heading. */
function sectionAfter(page: HastRoot, id: string): Element[] {
  const article = [...elements(page)].find((e) => e.tagName === 'article');
  if (!article) throw new Error('no <article>');
  const blocks = article.children.filter((c): c is Element => c.type === 'element');
  const at = blocks.findIndex((b) => b.properties.id === id);
  expect(at, `heading #${id}`).toBeGreaterThanOrEqual(0);
  const end = blocks.findIndex((b, i) => i > at && /^h[1-6]$/.test(b.tagName));
  return blocks.slice(at + 1, end < 0 ? undefined : end);
}

/** The collapsible note of a section: its summary and the text under it. */
function noteOf(section: Element[]): { summary: string; text: string; element: Element } | undefined {
  const details = section.find((e) => e.tagName === 'details');
  if (!details) return undefined;
  const summary = details.children.find((e): e is Element => e.type === 'element' && e.tagName === 'summary');
  const rest = details.children.filter((c) => c !== summary);
  return {
    summary: squash(summary ? textOf(summary) : ''),
    text: squash(rest.map(textOf).join(' ')),
    element: details,
  };
}

const C_2014 = {
  victims: 'Kosovo Police has made significant progress in fighting this phenomenon',
  victimsSecond: 'The Unit for Protection of Children subject to misuse within the Directorate for Serious Crimes',
  awareness: 'Completion of the four sessions of the training for trainers;',
};

describe('HTML country report: what was announced the year before, under question A', () => {
  it('puts 2014’s C under 2015’s A of each goal, collapsed; nothing in the Markdown or the PDF', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runInProcess(['build', '2015', 'kosovo'], dir, { SOURCE_DATE_EPOCH: '0' });
      expect(result.exitCode, result.stderr).toBe(0);
      const out = join(dir, 'out', '2015');
      const page = html(await readFile(join(out, 'kosovo.html'), 'utf8'));

      // Goal 1.1: 2015's answer to A first, then the note with both paragraphs of 2014's C.
      const victims = sectionAfter(page, 'icse-victim-identification-a');
      const note = noteOf(victims);
      expect(note?.summary).toBe('Announced in 2014');
      expect(note?.text).toContain(C_2014.victims);
      expect(note?.text).toContain(C_2014.victimsSecond);
      expect(note?.element.properties.open).toBeUndefined();
      expect(squash(textOf(victims[0] as Element))).toContain('The Unit for Protection of Children adopted');
      expect(victims.at(-1)?.tagName).toBe('details');
      expect([...elements(note?.element as Element)].filter((e) => e.tagName === 'p')).toHaveLength(2);

      // A list announced in 2014 stays a list.
      const awareness = noteOf(sectionAfter(page, 'awareness-campaigns-a'));
      const items = [...elements(awareness?.element as Element)].filter((e) => e.tagName === 'li');
      expect(items.map((li) => squash(textOf(li)))[0]).toBe(C_2014.awareness);
      expect(items).toHaveLength(5);

      // "Nothing to report" in 2014 is said as such; an unanswered C gives no note.
      expect(noteOf(sectionAfter(page, 'share-best-practices-a'))?.text).toBe('Nothing to report.');
      expect(noteOf(sectionAfter(page, 'private-sector-removal-a'))).toBeUndefined();
      // Only under A.
      for (const question of ['b', 'c'])
        expect(noteOf(sectionAfter(page, `icse-victim-identification-${question}`))).toBeUndefined();

      const markdown = await readFile(join(out, 'kosovo.md'), 'utf8');
      const pdf = squash((await readPdf(await readFile(join(out, 'kosovo.pdf')), { structTree: false })).text);
      for (const text of [markdown, pdf]) {
        expect(text).not.toContain('Announced in');
        expect(text).not.toContain(C_2014.victims);
      }
    });
  });

  it('no note where there is no report of the year before (Kosovo 2014: no 2013)', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'html'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const page = await readFile(join(dir, 'out', '2014', 'kosovo.html'), 'utf8');
      // The contents are a details element too (class "contents"); an announced note has class "announced".
      const notes = [...elements(html(page))].filter(
        (e) =>
          e.tagName === 'details' && ((e.properties.className as string[] | undefined) ?? []).includes('announced'),
      );
      expect(notes).toEqual([]);
    });
  });

  it('in the report’s language, and rebuilt when the year before changes', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const countryFile = join(dir, 'reports', '2015', 'albania', 'country.yaml');
      await writeFile(countryFile, (await readFile(countryFile, 'utf8')).replace(/^language: en$/m, 'language: fr'));
      const build = () => runInProcess(['build', '2015', 'albania', '--format', 'html'], dir);
      const note = async () =>
        noteOf(
          sectionAfter(html(await readFile(join(dir, 'out', '2015', 'albania.html'), 'utf8')), 'notice-and-takedown-a'),
        );
      expect((await build()).exitCode).toBe(0);
      expect((await note())?.summary).toBe('Annoncé en 2014');
      expect((await note())?.text).toContain('The hotline will send notices to hosting providers within two days.');

      const earlier = join(dir, 'reports', '2014', 'albania', 'target-4.yaml');
      await writeFile(earlier, (await readFile(earlier, 'utf8')).replace('within two days', 'within one day'));
      const again = await build();
      expect(again.exitCode, again.stderr).toBe(0);
      expect((await note())?.text).toContain('The hotline will send notices to hosting providers within one day.');
    });
  });

  it('--changed-since: a change to the year before rebuilds the next year’s report of that country too', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const git = (...args: string[]) =>
        promisify(execFile)(
          'git',
          ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
          { cwd: dir },
        );
      await git('init', '-q', '-b', 'main');
      await git('add', '-A');
      await git('commit', '-q', '-m', 'reports');
      const earlier = join(dir, 'reports', '2014', 'albania', 'target-4.yaml');
      await writeFile(earlier, (await readFile(earlier, 'utf8')).replace('within two days', 'within one day'));
      const result = await runInProcess(['build', '--changed-since', 'main', '--format', 'html'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const built = [...result.stdout.matchAll(/^built (\d{4}) ([a-z-]+):/gm)].map((m) => `${m[1]}/${m[2]}`);
      expect(built.sort()).toEqual(['2014/albania', '2015/albania']);
    });
  });
});
