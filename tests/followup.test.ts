/** Issue 12 part 2: `gareport followup`: C of year N−1 beside A of year N. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Nodes as HastNodes } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { runBinary, runInProcess } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';
import { expectGolden } from './helpers/golden.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

/** The text of a HTML page, as a parser reads it. */
function htmlText(node: HastNodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((c) => htmlText(c as HastNodes)).join(' ') : '';
}

describe('gareport followup kosovo 2015', () => {
  it('writes the Markdown of the golden file and names the goals not reported on', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runInProcess(['followup', 'kosovo', '2015', '--format', 'md'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('wrote out/2015/followup/kosovo.md');
      expect(result.stdout).toContain(
        'not reported: Kosovo: announced in 2014, nothing under A in 2015: 2.1 criminalization-framework, 2.2 joint-law-enforcement',
      );
      const markdown = await readFile(join(dir, 'out', '2015', 'followup', 'kosovo.md'), 'utf8');
      await expectGolden({ 'followup-kosovo-2015.md': markdown });
    });
  });

  it('flags a goal whose announced actions got "nothing to report" or no answer, and only those', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await runInProcess(['followup', 'kosovo', '--format', 'md'], dir);
      const markdown = await readFile(join(dir, 'out', '2015', 'followup', 'kosovo.md'), 'utf8');
      const sections = markdown.split(/^## /m).slice(1);
      const flagged = sections.filter((s) => s.includes('⚠ Not reported')).map((s) => s.slice(0, 3));
      expect(flagged).toEqual(['2.1', '2.2']);
      expect(sections.find((s) => s.startsWith('2.1'))).toContain('"nothing to report"');
      expect(sections.find((s) => s.startsWith('2.2'))).toContain('is unanswered');
      // Nothing announced (C was "--" or empty in 2014): not flagged, whatever A says.
      expect(sections.find((s) => s.startsWith('3.2'))).toContain('Nothing announced');
    });
  });

  it('country and year in either order; the year defaults to the latest', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      for (const args of [
        ['followup', '2015', 'kosovo'],
        ['followup', 'kosovo'],
      ]) {
        const result = await runInProcess([...args, '--format', 'md'], dir);
        expect(result.exitCode, args.join(' ')).toBe(0);
        expect(result.stdout).toContain('wrote out/2015/followup/kosovo.md');
      }
    });
  });

  it('HTML and PDF carry the same follow-up (read back with a HTML parser and pdfjs)', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runBinary(['followup', 'kosovo', '2015'], dir, { SOURCE_DATE_EPOCH: '0' });
      expect(result.exitCode, result.stderr).toBe(0);
      const folder = join(dir, 'out', '2015', 'followup');
      const html = htmlText(
        unified()
          .use(rehypeParse)
          .parse(await readFile(join(folder, 'kosovo.html'), 'utf8')),
      );
      const pdf = await readPdf(new Uint8Array(await readFile(join(folder, 'kosovo.pdf'))), { structTree: false });
      for (const text of [html, squash(pdf.contentText)]) {
        expect(squash(text)).toContain('Follow-up of the 2014 announcements: Kosovo, 2015');
        expect(squash(text)).toContain('Announced in 2014 (question C)');
        expect(squash(text)).toContain('trained 40 investigators to apply them');
        expect(squash(text)).toContain('two cybercrime investigators');
      }
      expect(pdf.info.Title).toBe('Follow-up of the 2014 announcements: Kosovo, 2015');
      // The page's own words come from the strings of the report's language.
      expect(squash(html)).toContain('Contents');
      expect(squash(pdf.text)).toMatch(/Page 2 of \d/);
    });
  });

  it('a renamed goal finds what was announced under its old id', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const form = join(dir, 'forms', '2015.yaml');
      const text = (await readFile(form, 'utf8')).replace('- id: joint-law-enforcement', '- id: joint-investigations');
      await writeFile(form, `${text}\nrenamed:\n  joint-law-enforcement: joint-investigations\n`);
      const answers = join(dir, 'reports', '2015', 'kosovo', 'target-2.yaml');
      await writeFile(
        answers,
        (await readFile(answers, 'utf8')).replace('joint-law-enforcement:', 'joint-investigations:'),
      );
      const result = await runInProcess(['followup', 'kosovo', '2015', '--format', 'md'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const markdown = await readFile(join(dir, 'out', '2015', 'followup', 'kosovo.md'), 'utf8');
      expect(markdown).toContain('(In 2014 this goal was `joint-law-enforcement`.)');
      expect(markdown).toContain('trying to find the solution how this private IP will function');
    });
  });

  it('without a report of the year before, there is nothing to follow up (usage error)', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await rm(join(dir, 'reports', '2014', 'albania'), { recursive: true });
      const result = await runInProcess(['followup', 'albania', '2015'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('there is no 2014 report for `albania`');
    });
  });

  it('errors in either year: nothing written, exit 1', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await writeFile(
        join(dir, 'reports', '2014', 'kosovo', 'target-2.yaml'),
        'target: 2\ngoals:\n  no-such-goal:\n    A: x\n',
      );
      const result = await runInProcess(['followup', 'kosovo', '2015', '--format', 'md'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('reports/2014/kosovo/target-2.yaml:3:3  error');
    });
  });
});

describe('gareport followup 2015: every country on one page', () => {
  it('writes the countries × goals overview of the golden file', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const result = await runInProcess(['followup', '2015', '--format', 'md'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('wrote out/2015/followup/all-countries.md');
      expect(result.stdout).toContain(
        'not reported: Albania: announced in 2014, nothing under A in 2015: 4.2 notice-and-takedown',
      );
      const markdown = await readFile(join(dir, 'out', '2015', 'followup', 'all-countries.md'), 'utf8');
      await expectGolden({ 'followup-2015.md': markdown });
    });
  });
});
