/** The library names a remedy; the CLI words it with its commands and flags (issue 13). */
import { describe, expect, it } from 'vitest';
import { IoError } from '../src/batch/output-folder.js';
import { describeMistake } from '../src/cli/remedies.js';
import { UsageError } from '../src/diagnostics/errors.js';
import { UserMistake } from '../src/project/remedy.js';

describe('describeMistake', () => {
  it('words a remedy with the command to run or the flag to change', () => {
    expect(
      describeMistake(new UserMistake('no report', { kind: 'start-report', year: 2014, country: 'kosovo' })),
    ).toEqual({ message: 'no report', hint: 'run `gareport init 2014 kosovo` to start this report' });
    expect(describeMistake(new UserMistake('x', { kind: 'other-output-folder', example: 'out' })).hint).toBe(
      'choose another --out, e.g. `out`',
    );
    expect(describeMistake(new IoError('cannot create', { kind: 'other-output-folder' })).hint).toBe(
      'choose another --out',
    );
  });

  it('says the flag in the one message about a flag', () => {
    expect(
      describeMistake(new UserMistake('the country name must be on one line', { kind: 'one-line-country-name' })),
    ).toEqual({ message: '`--name` must be the country name on one line', hint: 'e.g. --name "Republic of Moldova"' });
  });

  it('leaves an error without a remedy as it is', () => {
    expect(describeMistake(new UsageError('bad', 'a hint'))).toEqual({ message: 'bad', hint: 'a hint' });
  });
});
