import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerFromLines } from '../src/import/content.js';
import { htmlToMarkdown } from '../src/import/read-docx.js';
import { scratchProjects, writtenAnswers } from './helpers/answers-written.js';
import { runInProcess } from './helpers/cli.js';
import { makeDocx, numberedQuestionsDocx, seedAsDocx, tableLayoutDocx } from './helpers/docx-forms.js';
import { formOf } from './helpers/filled-form.js';

const scratch = scratchProjects();

describe('gareport import: .docx', () => {
  it('imports the seed saved as a Word document to the same report', async () => {
    const handWritten = await scratch({ withKosovo: true });
    const imported = await scratch();
    await seedAsDocx(join(imported, 'kosovo.docx'));
    const result = await runInProcess(['import', 'kosovo.docx', '2014', 'kosovo'], imported);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    for (const dir of [handWritten, imported]) {
      expect((await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir)).exitCode).toBe(0);
    }
    expect(await readFile(join(imported, 'out', '2014', 'kosovo.md'), 'utf8')).toBe(
      await readFile(join(handWritten, 'out', '2014', 'kosovo.md'), 'utf8'),
    );
  });

  it('converts a Word document and imports it like text', async () => {
    const dir = await scratch();
    await makeDocx(join(dir, 'filled.docx'));
    const result = await runInProcess(['import', 'filled.docx', '2014', 'ukraine'], dir);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.exitCode).toBe(0);
    const written = await writtenAnswers(dir, 2014, 'ukraine');
    expect(written['icse-victim-identification']).toEqual({
      A: 'Ідентифіковано **17** дітей; <3 випадки без даних.\n\n- Навчання аналітиків\n- Чергування 24/7\n  - вночі теж',
      B: '--',
      C: '1. Перший крок\n2. Другий крок',
    });
    expect((await runInProcess(['validate', '2014', 'ukraine'], dir)).exitCode).toBe(0);
  });
});

describe('gareport import: images in a Word document', () => {
  const answer =
    '<p>Operational Goal: Victims</p><p>A) What was done?</p><p>Ten cases. <img src="" /></p><p><img src="" /></p>';

  it('counts the images in answers, which are left out', () => {
    expect(htmlToMarkdown(`<h2>Policy Target No. 1</h2>${answer}`).images).toBe(2);
  });

  it("does not count the title page's logo, before the first policy target (in any language)", () => {
    const cover = '<p><img src="" /></p><h1>2014 Reporting Form</h1><p>Kosovo</p>';
    expect(htmlToMarkdown(`${cover}<h2>Policy Target No. 1</h2>${answer}`).images).toBe(2);
    expect(htmlToMarkdown(`${cover}<h2>Politisches Ziel Nr.\u00A01</h2>${answer}`).images).toBe(2);
    expect(htmlToMarkdown(`${cover}<h2>Policy Target No. 1</h2><p>Goal text</p>`).images).toBe(0);
  });
});

/** Answers as a country writes them in Word: paragraphs, bullets, a numbered list, `--`. */
const wordAnswers = {
  'icse-victim-identification': {
    A: 'Fourteen victims were identified.\nThe unit joined the ICSE database.',
    B: '--',
    C: '1. Train two analysts\n2. Buy a second workstation',
  },
  'criminalization-framework': { A: '- Criminal Code amended\n- Grooming is an offence', C: 'Adopt the by-law.' },
  'notice-and-takedown': { B: 'Takedown takes two days on average.' },
};

/** The answers as the answer files must hold them: paragraphs apart, lists as Markdown. */
function expectedAnswers(answers: Record<string, Record<string, string>>) {
  return Object.fromEntries(
    Object.entries(answers).map(([goal, qs]) => [
      goal,
      Object.fromEntries(
        Object.entries(qs).map(([q, text]) => [q, /^(?:- |\d+\. )/.test(text) ? text : text.split('\n').join('\n\n')]),
      ),
    ]),
  );
}

describe('gareport import: Word layouts', () => {
  it('recognises questions whose "A)" is Word automatic numbering (mammoth makes it "1.")', async () => {
    const dir = await scratch();
    const form = await formOf(2014);
    await numberedQuestionsDocx(join(dir, 'numbered.docx'), form, wordAnswers);
    const result = await runInProcess(['import', 'numbered.docx', '2014', 'kosovo'], dir);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.stderr).not.toContain('cannot be placed');
    expect(result.exitCode).toBe(0);
    const written = await writtenAnswers(dir);
    for (const [goal, questions] of Object.entries(expectedAnswers(wordAnswers)))
      for (const [q, text] of Object.entries(questions)) expect(written[goal]?.[q], `${goal} ${q}`).toBe(text);
    expect(written['joint-law-enforcement']).toEqual({ A: null, B: null, C: null });
  });

  it('imports a form laid out as a table: question in one cell, answer in the next', async () => {
    const dir = await scratch();
    const form = await formOf(2014);
    await tableLayoutDocx(join(dir, 'table.docx'), form, wordAnswers);
    const result = await runInProcess(['import', 'table.docx', '2014', 'kosovo'], dir);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.stderr).toContain('warning  the table header row "Question | Answer" was left out');
    expect(result.exitCode).toBe(0);
    const written = await writtenAnswers(dir);
    for (const [goal, questions] of Object.entries(expectedAnswers(wordAnswers)))
      for (const [q, text] of Object.entries(questions)) expect(written[goal]?.[q], `${goal} ${q}`).toBe(text);
    expect(written['share-best-practices']).toEqual({ A: null, B: null, C: null });
    expect((await runInProcess(['validate', '2014', 'kosovo'], dir)).exitCode).toBe(0);
  });

  it('keeps a real table inside an answer as a table', async () => {
    const dir = await scratch();
    const form = await formOf(2014);
    await tableLayoutDocx(join(dir, 'table.docx'), form, wordAnswers, {
      goal: 'awareness-campaigns',
      question: 'A',
      rows: [
        ['Year', 'Schools'],
        ['2013', '12'],
        ['2014', '40'],
      ],
    });
    const result = await runInProcess(['import', 'table.docx', '2014', 'kosovo'], dir);
    expect(result.exitCode, result.stderr).toBe(0);
    const written = await writtenAnswers(dir);
    expect(written['awareness-campaigns']?.A).toBe('| Year | Schools |\n| --- | --- |\n| 2013 | 12 |\n| 2014 | 40 |');
  });
});

describe('gareport import: question markers', () => {
  it('recognises "1.", "a." and "(c)" before a question by the question text', async () => {
    const dir = await scratch();
    const form = await formOf(2014);
    const goal = form.targets[0]?.goals[0];
    if (!goal) throw new Error('the 2014 form has a first goal');
    const [a, b, c] = goal.questions;
    const text = [
      form.title,
      'KOSOVO',
      'Policy Target No. 1',
      `Operational Goal: ${goal.text}`,
      `1. ${a?.text}`,
      'First answer.',
      `b. ${b?.text}`,
      '1. Not a question: a numbered list of the answer',
      `(c) ${c?.text}`,
      'Third answer.',
    ].join('\n\n');
    await writeFile(join(dir, 'markers.txt'), text);
    const result = await runInProcess(['import', 'markers.txt', '2014', 'kosovo'], dir);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.exitCode).toBe(0);
    expect((await writtenAnswers(dir))[goal.id]).toEqual({
      A: 'First answer.',
      B: '1. Not a question: a numbered list of the answer',
      C: 'Third answer.',
    });
  });
});

describe('gareport import: code, quotations and task boxes from Word (issue 21 item 1)', () => {
  const form = '<h2>Policy Target No. 1</h2><p>Operational Goal: Victims</p><p>A) What was done?</p>';

  it('keeps the spaces at both ends of a code span, and backticks inside', () => {
    const { markdown } = htmlToMarkdown(`${form}<p>a <code> two </code> b <code>x \`y\` </code></p>`);
    expect(markdown).toContain('a `  two  ` b ``x `y` ``');
  });

  it('reads a quotation (Block Text, Quotation) as `>` lines, its paragraphs apart', () => {
    const { markdown } = htmlToMarkdown(`${form}<blockquote><p>first <em>one</em></p><p>second</p></blockquote>`);
    expect(markdown).toContain('> first *one*\n>\n> second');
  });

  it('reads the ☐ and ☒ boxes of a list item as a task list', () => {
    const { markdown } = htmlToMarkdown(`${form}<ul><li>☐ open</li><li>☒ done<ul><li>☐ inner</li></ul></li></ul>`);
    expect(markdown).toContain('- [ ] open\n- [x] done\n  - [ ] inner');
  });
});

describe('gareport import: fenced code keeps every space and blank line', () => {
  it('does not take the indent off a code line after a blank line, nor join blank lines', () => {
    const lines = ['Before:', '', '```', 'a  ', '', '', '    indented', '• not a bullet', '```'].map((text, i) => ({
      line: i + 1,
      text,
    }));
    expect(answerFromLines(lines).markdown).toBe('Before:\n\n```\na  \n\n\n    indented\n• not a bullet\n```');
  });
});
