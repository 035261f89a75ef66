import { readFile, writeFile } from 'node:fs/promises';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
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
