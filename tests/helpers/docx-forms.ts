import { readFile, writeFile } from 'node:fs/promises';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { FormDefinition } from '../../src/model/form.js';
import { seedPath as seed } from './words.js';

/** A filled-in form as Word saves it: headings, italic questions, bullet and numbered lists. */
export async function makeDocx(path: string): Promise<void> {
  const question = (letter: string, text: string) =>
    new Paragraph({ children: [new TextRun(`${letter}) `), new TextRun({ text, italics: true })] });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({
            text: 'Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form',
            heading: HeadingLevel.TITLE,
          }),
          new Paragraph('UKRAINE'),
          new Paragraph({ text: 'Policy Target No. 1', heading: HeadingLevel.HEADING_1 }),
          new Paragraph(
            'Enhancing efforts to identify victims and ensuring that they receive the necessary assistance, support and protection.',
          ),
          new Paragraph({
            children: [
              new TextRun({ text: 'Operational Goal: ', bold: true }),
              new TextRun(
                'Increase the number of identified victims in the International Child Sexual Exploitation images database (ICSE database) managed by INTERPOL by at least 10% yearly.',
              ),
            ],
          }),
          question('A', "Please report on implementation of any measures announced in your country's 2013 report"),
          new Paragraph({
            children: [
              new TextRun('Ідентифіковано '),
              new TextRun({ text: '17', bold: true }),
              new TextRun(' дітей; <3 випадки без даних.'),
            ],
          }),
          new Paragraph({ text: 'Навчання аналітиків', bullet: { level: 0 } }),
          new Paragraph({ text: 'Чергування 24/7', bullet: { level: 0 } }),
          new Paragraph({ text: 'вночі теж', bullet: { level: 1 } }),
          question(
            'B',
            'Please assess progress made in your country to pursue this shared policy target and to reach this operational goal of the Global Alliance',
          ),
          new Paragraph('--'),
          question('C', 'Please indicate specific actions that your country will undertake as a follow-up'),
          new Paragraph({ text: 'Перший крок', numbering: { reference: 'steps', level: 0 } }),
          new Paragraph({ text: 'Другий крок', numbering: { reference: 'steps', level: 0 } }),
        ],
      },
    ],
  });
  await writeFile(path, await Packer.toBuffer(doc));
}

/** The seed typed into Word: one paragraph per block, `- ` and `1. ` lines as Word lists, `*…*` in italics. */
export async function seedAsDocx(path: string): Promise<void> {
  const italics = (line: string) =>
    line
      .split(/(\*[^*]+\*)/)
      .filter(Boolean)
      .map((part) =>
        part.startsWith('*') ? new TextRun({ text: part.slice(1, -1), italics: true }) : new TextRun(part),
      );
  const paragraphs: Paragraph[] = [];
  for (const line of (await readFile(seed, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const numbered = /^\d+\. (.*)$/.exec(line);
    if (line.startsWith('- ')) paragraphs.push(new Paragraph({ text: line.slice(2), bullet: { level: 0 } }));
    else if (numbered)
      paragraphs.push(new Paragraph({ text: numbered[1], numbering: { reference: 'steps', level: 0 } }));
    else paragraphs.push(new Paragraph({ children: italics(line) }));
  }
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [{ children: paragraphs }],
  });
  await writeFile(path, await Packer.toBuffer(doc));
}

/** Answers by goal id, then question id: each answer one paragraph per line; `- ` lines as bullets. */
export type DocxAnswers = Record<string, Record<string, string>>;

function answerParagraphs(text: string | undefined): Paragraph[] {
  if (!text) return [];
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) =>
      l.startsWith('- ')
        ? new Paragraph({ text: l.slice(2), bullet: { level: 0 } })
        : /^\d+\. /.test(l)
          ? new Paragraph({ text: l.replace(/^\d+\. /, ''), numbering: { reference: 'steps', level: 0 } })
          : new Paragraph(l),
    );
}

const NUMBERING = {
  config: [
    {
      reference: 'steps',
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
    },
    {
      // The form's "A)", "B)", "C)" as Word's automatic numbering: mammoth turns them into "1.", "2.", "3.".
      reference: 'questions',
      levels: [{ level: 0, format: LevelFormat.UPPER_LETTER, text: '%1)', alignment: AlignmentType.START }],
    },
  ],
};

/** The form with each question's "A)" a Word list number, and the answers as paragraphs below it. */
export async function numberedQuestionsDocx(path: string, form: FormDefinition, answers: DocxAnswers): Promise<void> {
  const children: Paragraph[] = [
    new Paragraph({ text: form.title, heading: HeadingLevel.TITLE }),
    new Paragraph('KOSOVO'),
  ];
  let instance = 0;
  for (const target of form.targets) {
    children.push(new Paragraph({ text: `Policy Target No. ${target.number}`, heading: HeadingLevel.HEADING_1 }));
    children.push(new Paragraph(target.text));
    for (const goal of target.goals) {
      children.push(new Paragraph({ children: [new TextRun({ text: `Operational Goal: ${goal.text}`, bold: true })] }));
      instance++;
      for (const q of goal.questions) {
        children.push(
          new Paragraph({
            children: [new TextRun({ text: q.text, italics: true })],
            numbering: { reference: 'questions', level: 0, instance },
          }),
        );
        children.push(...answerParagraphs(answers[goal.id]?.[q.id]));
      }
    }
  }
  await writeFile(path, await Packer.toBuffer(new Document({ numbering: NUMBERING, sections: [{ children }] })));
}

/**
 * The form laid out as a table per policy target: a header row, a row spanning both columns for
 * each goal, then one row per question with the question in the first cell and the answer in the second.
 */
export async function tableLayoutDocx(
  path: string,
  form: FormDefinition,
  answers: DocxAnswers,
  nested?: { goal: string; question: string; rows: string[][] },
): Promise<void> {
  const cell = (children: (Paragraph | Table)[], columnSpan = 1) =>
    new TableCell({ children: children.length ? children : [new Paragraph('')], columnSpan });
  const children: (Paragraph | Table)[] = [new Paragraph({ text: form.title, heading: HeadingLevel.TITLE })];
  children.push(new Paragraph('Country: Kosovo'));
  for (const target of form.targets) {
    children.push(new Paragraph({ text: `Policy Target No. ${target.number}`, heading: HeadingLevel.HEADING_1 }));
    children.push(new Paragraph(target.text));
    const rows = [
      new TableRow({
        tableHeader: true,
        children: [cell([new Paragraph('Question')]), cell([new Paragraph('Answer')])],
      }),
    ];
    for (const goal of target.goals) {
      rows.push(new TableRow({ children: [cell([new Paragraph(`Operational Goal: ${goal.text}`)], 2)] }));
      for (const q of goal.questions) {
        // Some forms keep the letters, some do not.
        const label = q.id === 'B' ? q.text : `${q.id}) ${q.text}`;
        const answer: (Paragraph | Table)[] = answerParagraphs(answers[goal.id]?.[q.id]);
        if (nested?.goal === goal.id && nested.question === q.id) {
          const table = nested.rows.map((r) => new TableRow({ children: r.map((t) => cell([new Paragraph(t)])) }));
          answer.push(new Table({ rows: table }));
        }
        rows.push(new TableRow({ children: [cell([new Paragraph(label)]), cell(answer)] }));
      }
    }
    children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  }
  await writeFile(path, await Packer.toBuffer(new Document({ numbering: NUMBERING, sections: [{ children }] })));
}
