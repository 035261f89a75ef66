/**
 * Footnotes and endnotes of a .docx come back as footnotes of the answer that refers to them
 * (issue 21 item 1: mammoth's `[1]` and a list appended to the last answer moved them elsewhere).
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
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

  it('a pandoc-made .docx: inline code and a code block stay code', async (context) => {
    try {
      execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    } catch {
      context.skip();
    }
    await withProject({}, async ({ dir }) => {
      const answer = 'Run `a*b` and ``x`y`` daily.\n\n```\nline 1\n  line *2* <b>\n```\n\nAfter.';
      const markdown = [
        'Policy Target No. 1',
        '',
        'Enhancing efforts to identify victims and ensuring that they receive the necessary assistance, support and protection.',
        '',
        'Operational Goal: Increase the number of identified victims in the International Child Sexual Exploitation images database (ICSE database) managed by INTERPOL by at least 10% yearly.',
        '',
        "A\\) Please report on implementation of any measures announced in your country's 2013 report",
        '',
        answer,
        '',
      ].join('\n');
      await writeFile(join(dir, 'filled.md'), markdown);
      execFileSync('pandoc', ['filled.md', '-o', 'filled.docx'], { cwd: dir });
      const result = await runInProcess(['import', 'filled.docx', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const goal = (await answersOf(dir, 1))['icse-victim-identification'] ?? {};
      expect(goal.A).toBe(`${answer}\n`);
    });
  });

  it('a LibreOffice-like .docx: a footnote and an endnote, each back in its own answer', async () => {
    await withProject({}, async ({ dir }) => {
      await writeFile(join(dir, 'filled.docx'), libreOfficeLikeDocx());
      const result = await runInProcess(['import', 'filled.docx', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const goal = (await answersOf(dir, 1))['icse-victim-identification'] ?? {};
      expect(goal.A).toBe('We trained 40 analysts.[^1]\n\n[^1]: Ministry figures.\n');
      expect(goal.B).toBe('Good progress[^1] and more.\n\n[^1]: See the annex.\n');
      expect(goal.C).toBe('More training.\n');
    });
  });
});

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const noteReference = (kind: 'footnote' | 'endnote', id: number) =>
  `<w:r><w:rPr><w:rStyle w:val="${kind === 'footnote' ? 'FootnoteAnchor' : 'EndnoteAnchor'}"/></w:rPr><w:${kind}Reference w:id="${id}"/></w:r>`;
const notes = (kind: 'footnote' | 'endnote', id: number, text: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:${kind}s xmlns:w="${W}">` +
  `<w:${kind} w:id="0" w:type="separator"><w:p><w:r><w:separator/></w:r></w:p></w:${kind}>` +
  `<w:${kind} w:id="1" w:type="continuationSeparator"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:${kind}>` +
  `<w:${kind} w:id="${id}"><w:p><w:pPr><w:pStyle w:val="${kind === 'footnote' ? 'Footnote' : 'Endnote'}"/></w:pPr>` +
  `<w:r><w:rPr><w:rStyle w:val="${kind === 'footnote' ? 'FootnoteCharacters' : 'EndnoteCharacters'}"/></w:rPr><w:${kind}Ref/></w:r>` +
  `<w:r><w:tab/><w:t>${text}</w:t></w:r></w:p></w:${kind}></w:${kind}s>`;

/** A .docx written as LibreOffice writes one (separators 0 and 1, anchors as character styles), by hand. */
function libreOfficeLikeDocx(): Uint8Array {
  const body = [
    paragraph('Policy Target No. 1'),
    paragraph(
      'Enhancing efforts to identify victims and ensuring that they receive the necessary assistance, support and protection.',
    ),
    paragraph(
      'Operational Goal: Increase the number of identified victims in the International Child Sexual Exploitation images database (ICSE database) managed by INTERPOL by at least 10% yearly.',
    ),
    paragraph("A) Please report on implementation of any measures announced in your country's 2013 report"),
    `<w:p><w:r><w:t>We trained 40 analysts.</w:t></w:r>${noteReference('footnote', 2)}</w:p>`,
    paragraph(
      'B) Please assess progress made in your country to pursue this shared policy target and to reach this operational goal of the Global Alliance',
    ),
    `<w:p><w:r><w:t>Good progress</w:t></w:r>${noteReference('endnote', 2)}<w:r><w:t xml:space="preserve"> and more.</w:t></w:r></w:p>`,
    paragraph('C) Please indicate specific actions that your country will undertake as a follow-up'),
    paragraph('More training.'),
  ].join('');
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId1', 'officeDocument', 'word/document.xml')}</Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rId2', 'footnotes', 'footnotes.xml')}${rel('rId3', 'endnotes', 'endnotes.xml')}</Relationships>`,
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`,
    ),
    'word/footnotes.xml': strToU8(notes('footnote', 2, 'Ministry figures.')),
    'word/endnotes.xml': strToU8(notes('endnote', 2, 'See the annex.')),
  });
}
