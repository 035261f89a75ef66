/** The words gareport's reports print around the form are recognised in every language they are printed in. */
import { describe, expect, it } from 'vitest';
import { fill, STRINGS } from '../src/compose/strings.js';
import { answerFromLines } from '../src/import/content.js';
import { COUNTRY_LINE, GOAL_HEADING, TARGET_HEADING } from '../src/import/report-words.js';

describe('report words', () => {
  for (const [language, strings] of Object.entries(STRINGS)) {
    it(`knows the headings, the country line and the empty answers in ${language}`, () => {
      const target = TARGET_HEADING.exec(`## **${fill(strings.policy_target, { number: 12 })}**`);
      expect(target?.[1]).toBe('12');
      expect(target?.[3]).toBe('');
      const goal = GOAL_HEADING.exec(`### ${strings.operational_goal} Victim identification`);
      expect(goal?.[2]).toBe('Victim identification');
      expect(COUNTRY_LINE.exec(`**${strings.country}** Kosovo`)?.[1]).toBe('Kosovo');
      expect(answerFromLines([{ line: 1, text: strings.not_answered }]).markdown).toBe('');
      expect(answerFromLines([{ line: 1, text: `*${strings.nothing_to_report}*` }]).markdown).toBe('--');
    });
  }

  it('still reads the ways people write them in English', () => {
    for (const text of ['Policy Target No. 3', 'policy target #3:', 'POLICY TARGET NUMBER 3', 'Policy target n° 3'])
      expect(TARGET_HEADING.exec(text)?.[1]).toBe('3');
    expect(GOAL_HEADING.exec('Operational Goal 2.1: Victims')?.[2]).toBe('Victims');
  });

  it('does not take a word that only begins like a label for it', () => {
    expect(GOAL_HEADING.test('Operational goalkeeping: none')).toBe(false);
    expect(GOAL_HEADING.test('Оперативная цельность: нет')).toBe(false);
    expect(TARGET_HEADING.test('Policy targets 3')).toBe(false);
  });
});
