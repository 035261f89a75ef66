/**
 * The Kosovo 2014 PDF, read back with pdfjs: the seed's words in order, every answer under its
 * question, metadata, outline and page count.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runInProcess } from './helpers/cli.js';
import type { PdfReadResult } from './helpers/pdf-reader.js';
import { readPdf } from './helpers/pdf-reader.js';
import { firstMissingWord, readSeed, withoutListMarkers, wordsOf } from './helpers/words.js';

describe('the Kosovo 2014 PDF', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let pdf: PdfReadResult;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'pdf'], project.dir, {
      SOURCE_DATE_EPOCH: '1420070400',
    });
    expect(result.exitCode, result.stderr).toBe(0);
    pdf = await readPdf(await readFile(join(project.dir, 'out', '2014', 'kosovo.pdf')));
  });
  afterAll(() => project?.cleanup());

  it('holds every word of the seed, in order', () => {
    expect(firstMissingWord(withoutListMarkers(readSeed()), pdf.contentText)).toBeUndefined();
  });

  it('puts every answer under its own question, in the seed order', () => {
    const words = wordsOf(pdf.contentText);
    const find = (phrase: string, from: number): number => {
      const want = wordsOf(phrase);
      for (let i = from; i <= words.length - want.length; i++) {
        if (want.every((w, k) => words[i + k] === w)) return i;
      }
      return -1;
    };
    // Goal text → question → the first words of the answer, before the next question.
    const expected: [string, string, string][] = [
      [
        'Increase the number of identified victims',
        'A) Please report on implementation',
        'During the reporting period the number',
      ],
      ['Increase the number of identified victims', 'B) Please assess progress made', 'Not answered'],
      [
        'Increase the number of identified victims',
        'C) Please indicate specific actions',
        'Kosovo Police has made significant progress',
      ],
      [
        'Establish the necessary framework',
        'A) Please report on implementation',
        'A special registry for child abuse offenders',
      ],
      [
        'Establish the necessary framework',
        'C) Please indicate specific actions',
        'January 2014, two cybercrime investigators',
      ],
      ['Improve the joint efforts', 'B) Please assess progress made', 'To our knowledge, there is development'],
      ['Develop, improve, or support', 'C) Please indicate specific actions', 'Completion of the four sessions'],
      ['Share best practices among', 'A) Please report on implementation', 'Nothing to report'],
      ['Encourage participation by the private sector', 'C) Please indicate specific actions', 'Not answered'],
      [
        'Increase the speed of notice and takedown',
        'C) Please indicate specific actions that will be undertaken',
        'Nothing to report',
      ],
    ];
    let cursor = 0;
    let goalAt = -1;
    let lastGoal = '';
    for (const [goal, question, answer] of expected) {
      if (goal !== lastGoal) goalAt = find(goal, cursor);
      lastGoal = goal;
      expect(goalAt, goal).toBeGreaterThanOrEqual(0);
      const questionAt = find(question, goalAt);
      expect(questionAt, `${goal} / ${question}`).toBeGreaterThan(goalAt);
      const answerAt = find(answer, questionAt);
      expect(answerAt, `${goal} / ${question} / ${answer}`).toBeGreaterThan(questionAt);
      const nextQuestion = Math.min(
        ...['A) Please', 'B) Please', 'C) Please'].map((q) => find(q, questionAt + 1)).filter((i) => i >= 0),
        words.length,
      );
      expect(answerAt, `${answer} must come before the next question`).toBeLessThan(nextQuestion);
      cursor = questionAt;
    }
  });

  it('has the metadata of the report', () => {
    expect(pdf.info.Title).toBe('Kosovo – Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form');
    expect(pdf.info.Subject).toContain('Progress report of Kosovo');
    expect(pdf.info.Author).toBe('Kosovo');
    expect(pdf.info.Creator).toBe('gareport');
    expect(pdf.info.Language).toBe('en');
    expect(String(pdf.info.CreationDate)).toMatch(/^D:20150101000000/);
    expect(pdf.tagged).toBe(true);
  });

  it('has an outline of the four targets with their seven goals, and numbered pages', () => {
    expect(pdf.outline.map((o) => o.title)).toEqual([1, 2, 3, 4].map((n) => `Policy Target No. ${n}`));
    expect(pdf.outline.map((o) => o.children.length)).toEqual([1, 2, 2, 2]);
    expect(pdf.outline[3]?.children[1]?.title).toContain('Increase the speed of notice and takedown');
    expect(pdf.numPages).toBeGreaterThanOrEqual(3);
    // The title page has no number; the pages after it count it.
    expect(pdf.pages[0]).not.toMatch(/Page \d+ of/);
    pdf.pages.slice(1).forEach((page, i) => {
      expect(page).toContain(`Page ${i + 2} of ${pdf.numPages}`);
    });
  });
});
