/** A project's own report template places answers with `{{ question.answer }}` (issue 9's composed report). */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { writeCountry } from './helpers/answers.js';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';

async function withTemplate(edit: (template: string) => string, run: (dir: string) => Promise<void>): Promise<void> {
  await withProject({}, async ({ dir }) => {
    await writeCountry(dir, 'albania', 'Albania', ['- LISTED item\n\n```\nopen fence', 'Second answer.']);
    await mkdir(join(dir, 'templates'), { recursive: true });
    const template = await readFile(join(repoRoot, 'templates', 'report.md.liquid'), 'utf8');
    await writeFile(join(dir, 'templates', 'report.md.liquid'), edit(template));
    await cp(join(repoRoot, 'templates', 'report.css'), join(dir, 'templates', 'report.css'));
    await run(dir);
  });
}

it('an answer written inside a paragraph of the template becomes a block of its own, still whole', async () => {
  await withTemplate(
    (t) => t.replace('{{ question.answer }}', '**Answer:** {{ question.answer }} (end)'),
    async (dir) => {
      const result = await runInProcess(['build', '2014', 'albania', '--format', 'md'], dir);
      expect(result.exitCode).toBe(0);
      const markdown = await readFile(join(dir, 'out', '2014', 'albania.md'), 'utf8');
      expect(markdown).toContain('**Answer:**\n\n- LISTED item\n\n```\nopen fence\n```\n\n(end)\n');
      expect(markdown).toContain('**Answer:**\n\nSecond answer.\n\n(end)\n');
    },
  );
});

it('a template that escapes or filters an answer is a usage error naming the template, not a report without it', async () => {
  await withTemplate(
    (t) => t.replace('{{ question.answer }}', '{{ question.answer | md_escape }}'),
    async (dir) => {
      const result = await runInProcess(['build', '2014', 'albania', '--format', 'md'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/the template `report\.md\.liquid` does not put an answer on a line of its own/);
      expect(result.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    },
  );
});
