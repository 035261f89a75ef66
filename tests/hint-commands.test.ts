/**
 * Issue 21 item 8: every hint that names a command names one that works. Each mistake of the table
 * is run; the commands its hint suggests (`gareport …` in backticks, placeholders aside) and the
 * command its "did you mean `x`?" makes are run in turn, and must not fail as a usage error.
 */
import { describe, expect, it } from 'vitest';
import { editDistance } from '../src/diagnostics/suggest.js';
import { runInProcess, withProject } from './helpers/cli.js';

const EXIT_USAGE = 2;

/** The commands a hint names in full: `gareport …` in backticks, without `<placeholders>`. */
function suggestedCommands(stderr: string): string[][] {
  return [...stderr.matchAll(/`gareport ([^`<>]+)`/g)].map((m) => (m[1] ?? '').trim().split(/\s+/));
}

/** The command a "did you mean `x`?" makes of `args`: the word the message quotes, replaced by x. */
function correctedCommand(args: readonly string[], stderr: string): string[] | undefined {
  const meant = /did you mean `([^`]+)`\?/.exec(stderr)?.[1];
  if (meant === undefined) return undefined;
  const firstLine = stderr.split('\n')[0] ?? '';
  // The word of the command the message names that is nearest to the suggestion.
  const named = args
    .map((word, i) => ({ word, i }))
    .filter(({ word, i }) => i > 0 && word !== meant && firstLine.includes(word))
    .sort((a, b) => editDistance(a.word, meant) - editDistance(b.word, meant));
  // A did-you-mean about a word the user did not type cannot be followed.
  if (named[0] === undefined) return ['(no word of the command to replace)'];
  const wrong = named[0].i;
  return args.map((a, i) => (i === wrong ? meant : a));
}

const MISTAKES: string[][] = [
  ['status', 'kosovo'],
  ['schema', 'kosovo'],
  ['followup', '2014', '2015'],
  ['diff', 'kosovo', '2014'],
  ['diff', '2014', 'kosovo'],
  ['build', 'kosovo', '2014'],
  ['validate', 'kosovo', '2014'],
  ['validate', '2014', 'kosov'],
  ['build', '2014', 'kosov'],
  ['build', '2041'],
  ['init', 'kosovo', '2014'],
  ['status', '2041'],
  ['schema', '2041'],
  ['build', '--format', 'pfd'],
  ['build', '2015', 'kosovo'],
  ['validate', '2015'],
  ['init', '2014', 'kosov'],
  ['status', '2015'],
  ['diff', 'kosovo', '2013', '2014'],
  ['followup', 'kosovo', '2014'],
  ['schema', '2015'],
  ['form', 'new', '2014'],
];

describe('hints that name a command', () => {
  it.each(MISTAKES)('%s …: the suggested command works', async (...args) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const mistake = await runInProcess(args, dir);
      expect(mistake.exitCode, mistake.stderr).not.toBe(0);
      const followed = [...suggestedCommands(mistake.stderr)];
      const corrected = correctedCommand(args, mistake.stderr);
      if (corrected) followed.push(corrected);
      for (const command of followed) {
        const result = await runInProcess(command, dir);
        expect(result.exitCode, `${args.join(' ')} suggested ${command.join(' ')}: ${result.stderr}`).not.toBe(
          EXIT_USAGE,
        );
      }
    });
  });

  it('a mistake with a year or country in the wrong place gets a command, not only a word', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      for (const args of [
        ['status', 'kosovo'],
        ['schema', 'kosovo'],
        ['followup', '2014', '2015'],
        ['diff', 'kosovo', '2014'],
      ]) {
        const { stderr } = await runInProcess(args, dir);
        expect(stderr).not.toMatch(/did you mean `\d{4}`/);
        expect(suggestedCommands(stderr).length + (stderr.includes('<') ? 1 : 0), stderr).toBeGreaterThan(0);
      }
    });
  });
});
