/**
 * Issue 21 item 12: a shortened question label ("B) Please assess progress made") is a question,
 * not bold text of the answer before it; and a warning about a .docx quotes the paragraph it is
 * about (a Word user cannot find "line 46" of the text gareport made from the file).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runInProcess, withProject } from './helpers/cli.js';

const GOAL =
  'Increase the number of identified victims in the International Child Sexual Exploitation images database (ICSE database) managed by INTERPOL by at least 10% yearly.';

/** Target 1 of the 2014 form in Word, with the questions' labels as given, each bold, and an answer under each. */
async function wordForm(path: string, labels: [string, string, string]): Promise<void> {
  const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Policy Target No. 1', heading: HeadingLevel.HEADING_1 }),
          new Paragraph(
            'Enhancing efforts to identify victims and ensuring that they receive the necessary assistance, support and protection.',
          ),
          new Paragraph(`Operational Goal: ${GOAL}`),
          bold(labels[0]),
          new Paragraph('We trained analysts.'),
          bold(labels[1]),
          new Paragraph('Good progress.'),
          bold(labels[2]),
          new Paragraph('More training.'),
        ],
      },
    ],
  });
  await writeFile(path, await Packer.toBuffer(doc));
}

async function importedGoal(dir: string): Promise<Record<string, string | null>> {
  const text = await readFile(join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml'), 'utf8');
  const goals = (parse(text) as { goals: Record<string, Record<string, string | null>> }).goals;
  return goals['icse-victim-identification'] ?? {};
}

describe('import: question labels in a .docx', () => {
  it.each([
    ['B) Please assess progress made', 'C) Please indicate specific actions'],
    ['B) Please assess progress made…', 'C. Please indicate specific actions that your country'],
  ])('"%s" is question B, not bold text of answer A', async (b, c) => {
    await withProject({}, async ({ dir }) => {
      await wordForm(join(dir, 'filled.docx'), ['A) Please report on implementation', b, c]);
      const result = await runInProcess(['import', 'filled.docx', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(await importedGoal(dir)).toEqual({
        A: 'We trained analysts.\n',
        B: 'Good progress.\n',
        C: 'More training.\n',
      });
    });
  });

  it('a text file: a shortened label is a question too, with or without its letter', async () => {
    await withProject({}, async ({ dir }) => {
      const text = [
        'Policy Target No. 1',
        '',
        'Enhancing efforts to identify victims and ensuring that they receive the necessary assistance, support and protection.',
        '',
        `Operational Goal: ${GOAL}`,
        '',
        '**A) Please report on implementation**',
        '',
        'We trained analysts.',
        '',
        '**Please assess progress made in your country**',
        '',
        'Good progress.',
        '',
        'C) Please indicate…',
        '',
        'More training.',
        '',
      ].join('\n');
      await writeFile(join(dir, 'filled.txt'), text);
      const result = await runInProcess(['import', 'filled.txt', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(await importedGoal(dir)).toEqual({
        A: 'We trained analysts.\n',
        B: 'Good progress.\n',
        C: 'More training.\n',
      });
    });
  });

  it("a warning about a .docx quotes the paragraph's first words, not a line of the converted text", async () => {
    await withProject({}, async ({ dir }) => {
      await wordForm(join(dir, 'filled.docx'), [
        "A) Please report on implementation of any measures announced in your country's 2013 report",
        'B) Please assess the progress made in your country to pursue this shared policy target and reach this operational goal',
        'C) Please indicate specific actions that your country will undertake as a follow-up',
      ]);
      const result = await runInProcess(['import', 'filled.docx', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toContain(
        'filled.docx  warning  in the paragraph "B) Please assess the progress made in your …": the wording of question B differs',
      );
      expect(result.stdout + result.stderr).not.toMatch(/filled\.docx:\d/);
    });
  });

  it('an error about a .docx names the text by its words, with no line numbers', async () => {
    await withProject({}, async ({ dir }) => {
      await wordForm(join(dir, 'filled.docx'), [
        'Stray words before any question',
        'B) Please assess progress made',
        'C) Please indicate specific actions',
      ]);
      const result = await runInProcess(['import', 'filled.docx', '2014', 'kosovo'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(
        'filled.docx  error  in the paragraph "Stray words before any question": the text ("Stray words before any question We trained analysts.") cannot be placed',
      );
      expect(result.stderr).not.toMatch(/filled\.docx:\d|\blines? \d/);
    });
  });
});
