/**
 * Footnotes and endnotes of a .docx come back as footnotes of the answer that refers to them
 * (issue 21 item 1: mammoth's `[1]` and a list appended to the last answer moved them elsewhere).
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInProcess, withProject } from './helpers/cli.js';

type AnswerFile = { goals: Record<string, Record<string, string | null>> };

async function answersOf(dir: string, target: number): Promise<AnswerFile['goals']> {
  const text = await readFile(join(dir, 'reports', '2014', 'kosovo', `target-${target}.yaml`), 'utf8');
  return (parse(text) as AnswerFile).goals;
}

describe('import: footnotes of a .docx', () => {
  it("gareport's own .docx: each footnote back in its own answer, with its definition", async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const file = join(dir, 'reports', '2014', 'kosovo', 'target-3.yaml');
      const yaml = await readFile(file, 'utf8');
      await writeFile(
        file,
        yaml
          .replace('Human trafficking,\n', 'Human trafficking.[^1]\n')
          .replace(
            /(as a pilot project\.)\n/,
            '$1[^2]\n\n      [^1]: Source: Ministry of Education.\n\n      [^2]: Since *2014*.\n',
          ),
      );
      const before = await answersOf(dir, 3);
      const lastBefore = await answersOf(dir, 4);
      const built = await runInProcess(['build', '2014', 'kosovo', '--format', 'docx'], dir);
      expect(built.exitCode, built.stderr).toBe(0);
      const result = await runInProcess(['import', 'out/2014/kosovo.docx', '2014', 'kosovo', '--force'], dir);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(await answersOf(dir, 3)).toEqual(before);
      expect(await answersOf(dir, 4)).toEqual(lastBefore);
    });
  });

  it('a pandoc-made .docx: a footnote and its definition stay in their answer', async (context) => {
    try {
      execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    } catch {
      context.skip();
    }
    await withProject({}, async ({ dir }) => {
      const markdown = [
        'Policy Target No. 1',
        '',
        'Enhancing efforts to identify victims and ensuring that they receive the necessary assistance, support and protection.',
        '',
        'Operational Goal: Increase the number of identified victims in the International Child Sexual Exploitation images database (ICSE database) managed by INTERPOL by at least 10% yearly.',
        '',
        "A) Please report on implementation of any measures announced in your country's 2013 report",
        '',
        'We trained 40 analysts.[^a] Then more.',
        '',
        '[^a]: Figures of the *Ministry*, 2014.',
        '',
        'B) Please assess progress made in your country to pursue this shared policy target and to reach this operational goal of the Global Alliance',
        '',
        'Good progress.',
        '',
      ].join('\n');
      await writeFile(join(dir, 'filled.md'), markdown);
      execFileSync('pandoc', ['filled.md', '-o', 'filled.docx'], { cwd: dir });
      const result = await runInProcess(['import', 'filled.docx', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const goals = await answersOf(dir, 1);
      const goal = Object.values(goals)[0] ?? {};
      expect(goal.A).toBe('We trained 40 analysts.[^1] Then more.\n\n[^1]: Figures of the *Ministry*, 2014.\n');
      expect(goal.B).toBe('Good progress.\n');
    });
  });
});
