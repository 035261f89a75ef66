/** What `gareport import` prints, from its result alone: no files, no project. */
import { describe, expect, it } from 'vitest';
import { formatImportResult, formatImportWarning } from '../src/cli/import-report.js';
import type { ImportResult } from '../src/commands/import.js';

const result = (over: Partial<ImportResult>): ImportResult => ({
  files: [],
  kept: [],
  existing: [],
  losses: [],
  diagnostics: [],
  notes: [],
  outcome: 'ready',
  counts: { answered: 3, nothingToReport: 1, unanswered: 2 },
  ...over,
});

const view = {
  shown: (path: string) => path.replace('/project/', ''),
  shownFile: 'filled.docx',
  year: 2014,
  country: 'kosovo',
  flags: {},
};

const losses: ImportResult['losses'] = [
  {
    path: '/project/reports/2014/kosovo/target-1.yaml',
    lost: [
      { kind: 'answer', goal: '1.1', question: 'A', text: 'one two three four five six seven eight nine ten eleven' },
      { kind: 'comment', text: 'a note' },
    ],
  },
];

describe('formatImportResult', () => {
  it('lists the files written, the copies kept, the summary and what to run next', () => {
    const report = formatImportResult(
      result({
        files: [
          { path: '/project/reports/2014/kosovo/target-1.yaml', content: 'x', action: 'replace' },
          { path: '/project/reports/2014/kosovo/country.yaml', content: 'y', action: 'create', detail: 'the name' },
        ],
        kept: ['/project/reports/2014/kosovo/target-2.yaml'],
        notes: ['something to know'],
      }),
      { ...view, backup: '/project/.gareport/backup/1' },
    );
    expect(report).toEqual({
      stdout: [
        'replaced reports/2014/kosovo/target-1.yaml\n',
        'created reports/2014/kosovo/country.yaml (the name)\n',
        'kept reports/2014/kosovo/target-2.yaml\n',
        'copies of the replaced files are in .gareport/backup/1\n',
        'imported filled.docx: 3 answered, 1 nothing to report, 2 unanswered\n',
        'note: something to know\n',
        'next: gareport validate 2014 kosovo, then gareport build 2014 kosovo\n',
      ].join(''),
      stderr: '',
      exitCode: 0,
    });
  });

  it('says nothing was written, and why, when the import refuses', () => {
    expect(formatImportResult(result({ outcome: 'no-answers', notes: ['not said'] }), view)).toEqual({
      stdout: '',
      stderr: 'gareport: nothing was written: filled.docx has no answers\n',
      exitCode: 1,
    });
  });

  it('names the existing files and what the import would replace in them', () => {
    const report = formatImportResult(
      result({
        outcome: 'exists',
        existing: [{ path: '/project/reports/2014/kosovo/target-1.yaml', answered: 2 }],
        losses,
      }),
      view,
    );
    expect(report.exitCode).toBe(1);
    expect(report.stderr).toBe(
      [
        'gareport: these answer files exist already and the import would change them:\n',
        '  reports/2014/kosovo/target-1.yaml (2 answered)\n',
        'the import would replace:\n',
        '  reports/2014/kosovo/target-1.yaml:\n',
        '    1.1 A: "one two three four five six seven eight nine ten …"\n',
        '    the comment "a note"\n',
        'gareport: nothing was written: existing answer files\n',
        '  hint: run again with --force to put the answers into them (answers the document lacks are kept, and a copy of each file is kept), or with --dry-run to see the import\n',
      ].join(''),
    );
  });

  it('shows a dry run: each file with its answers and a diff of its content, and that a real run needs --force', () => {
    const report = formatImportResult(
      result({
        outcome: 'dry-run',
        files: [{ path: '/project/reports/2014/kosovo/target-1.yaml', content: 'answers\n', action: 'create' }],
        existing: [{ path: '/project/reports/2014/kosovo/target-2.yaml', answered: 0 }],
      }),
      view,
    );
    expect(report.stdout).toBe(
      [
        'would create reports/2014/kosovo/target-1.yaml: no answers\n',
        '--- /dev/null\n',
        '+++ reports/2014/kosovo/target-1.yaml (imported)\n',
        '@@ -0,0 +1,1 @@\n',
        '+answers\n',
        'dry run: nothing written (3 answered, 1 nothing to report, 2 unanswered)\n',
        'note: 1 answer file exists already; a real run needs --force\n',
      ].join(''),
    );
    expect(report.exitCode).toBe(0);
  });
});

describe('formatImportWarning', () => {
  it('tells what a ready import replaces, before it writes', () => {
    expect(formatImportWarning(result({ losses }), view.shown)).toMatch(/^gareport: the import replaces:\n {2}reports/);
    expect(formatImportWarning(result({ losses, outcome: 'dry-run' }), view.shown)).toBe('');
    expect(formatImportWarning(result({}), view.shown)).toBe('');
  });
});
