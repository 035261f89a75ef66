import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isError, severityOf } from '../src/diagnostics/diagnostics.js';
import type { CliResult } from './helpers/cli.js';
import { repoRoot, runBinary, runInProcess } from './helpers/cli.js';

/** A Node.js stack frame (`    at fn (file.js:12:34)`): never shown to a user. */
const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

const fixtures = join(repoRoot, 'tests', 'fixtures', 'validate');
const KOSOVO = 'reports/2014/kosovo';

const runners = [
  { name: 'in-process', run: runInProcess },
  { name: 'binary', run: runBinary },
] as const;

function expectNoStackTrace(result: CliResult): void {
  expect(result.stdout).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toContain('internal error');
}

/** The `path:line:col  severity  message` line of the text output at `at`, or undefined. */
function diagnosticLine(stdout: string, at: string, severity: 'error' | 'warning'): string | undefined {
  return stdout.split('\n').find((line) => line.startsWith(`${at}  ${severity}  `));
}

interface Expected {
  /** `path:line:col` exactly as printed (just `path` for problems with no position). */
  at: string;
  severity?: 'error' | 'warning';
  message: string;
  hint?: string;
}

interface Case {
  /** The fixture folder under tests/fixtures/validate/ (or generated into a temp folder). */
  name: string;
  args?: string[];
  exit: number;
  expect?: Expected[];
  /** Usage errors (exit 2) are one message on stderr, not diagnostics. */
  stderr?: string[];
  /**
   * Also run through the binary, which adds only argv, exit code and streams to what the in-process
   * run checks (0.35 s or more a run): one case of each exit code, and bytes that are not UTF-8.
   */
  binary?: true;
  /** Files generated in beforeAll instead of committed (binary, invalid UTF-8, huge…), relative to the report folder. */
  generate?: Record<string, string | Uint8Array>;
}

const cases: Case[] = [
  {
    name: 'unclosed-quote',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:8`, message: 'starts with a quote (`"`) that is never closed' }],
  },
  {
    name: 'bad-indentation',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:5:4`, message: 'not lined up with the lines around it' }],
  },
  {
    name: 'over-indentation',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:5:7`, message: 'indented further than the line above it' }],
  },
  {
    name: 'duplicate-key',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:6:5`, message: '`A` appears twice' }],
  },
  {
    name: 'tab-indentation',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:1`, message: 'indented with a tab', hint: 'spaces' }],
  },
  {
    name: 'invalid-utf8',
    binary: true,
    // "Fushë Kosova" saved as Latin-1: ë is the single byte 0xEB.
    generate: {
      'target-1.yaml': Buffer.concat([
        Buffer.from('target: 1\ngoals:\n  icse-victim-identification:\n    A: Fush'),
        Buffer.from([0xeb]),
        Buffer.from(' Kosova municipality.\n    B: --\n    C: --\n'),
      ]),
    },
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:12`, message: 'not valid UTF-8 (byte 0xeb)' }],
  },
  {
    name: 'binary-garbage',
    // A PNG image saved under the answer file's name.
    generate: {
      'target-1.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44]),
    },
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:3:1`, message: 'not a text file (it contains NUL bytes)' }],
  },
  {
    name: 'empty-file',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:1:1`, message: 'this file is empty' }],
  },
  {
    name: 'alias-bomb',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:3:8`, message: 'aliases (`*a`) are not allowed' }],
  },
  {
    name: 'file-over-1-mib',
    generate: {
      'target-1.yaml': `target: 1\ngoals:\n  icse-victim-identification:\n    A: |\n${'      Four cases were reported.\n'.repeat(40_000)}`,
    },
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:1:1`, message: 'this file is too large' }],
  },
  {
    name: 'unknown-goal',
    exit: 1,
    expect: [
      {
        at: `${KOSOVO}/target-4.yaml:7:3`,
        message: 'unknown goal `notice-takedown` for policy target 4',
        hint: 'did you mean `notice-and-takedown`?',
      },
    ],
  },
  {
    name: 'unknown-question',
    exit: 1,
    expect: [
      {
        at: `${KOSOVO}/target-1.yaml:7:5`,
        message: 'unknown question `D`',
        hint: 'the questions are `A`, `B`, `C`',
      },
    ],
  },
  {
    name: 'lowercase-question',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:5`, message: 'unknown question `a`', hint: 'did you mean `A`?' }],
  },
  {
    name: 'wrong-target',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:1:9`, message: '`target` is `2`, but this file is target-1.yaml' }],
  },
  {
    name: 'missing-target',
    exit: 1,
    expect: [
      {
        at: `${KOSOVO}/target-1.yaml:2:1`,
        message: 'does not say which policy target it answers',
        hint: 'add the line `target: 1`',
      },
    ],
  },
  {
    name: 'answer-number',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:8`, message: 'the answer to question A must be text, not a number' }],
  },
  {
    name: 'answer-list',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:5:7`, message: 'the answer to question A must be text, not a list' }],
  },
  {
    name: 'unknown-top-level-key',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:2:1`, message: 'unknown key `year`' }],
  },
  {
    name: 'heading-in-literal-block',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:7:7`, message: 'headings are not allowed inside an answer' }],
  },
  {
    name: 'heading-in-folded-block',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:8:7`, message: 'headings are not allowed inside an answer' }],
  },
  {
    name: 'raw-html',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:5:35`, message: 'HTML is not allowed in answers' }],
  },
  {
    name: 'javascript-link',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:5:11`, message: 'links must start with https://' }],
  },
  {
    name: 'setext-heading',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:6:7`, message: 'this `---` line makes the text above it a heading' }],
  },
  {
    name: 'text-starting-with-star',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:8`, message: 'text that starts with `*`', hint: '`A: |`' }],
  },
  {
    name: 'colon-in-text',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:30`, message: 'a colon followed by a space', hint: '`A: |`' }],
  },
  {
    name: 'comment-in-answer',
    exit: 1,
    expect: [{ at: `${KOSOVO}/target-1.yaml:4:17`, message: 'will not appear in the report', hint: '`A: |`' }],
  },
  {
    name: 'unknown-year',
    args: ['validate', '2015'],
    exit: 2,
    stderr: ['there are no reports for 2015', 'did you mean `2014`?'],
  },
  {
    name: 'unknown-country',
    binary: true,
    args: ['validate', '2014', 'kosov'],
    exit: 2,
    stderr: ['there is no report for `kosov`', 'did you mean `kosovo`?'],
  },
  {
    name: 'country-outside-reports',
    args: ['validate', '2014', '../kosovo'],
    exit: 2,
    stderr: ['`../kosovo` is not a country name'],
  },
  {
    name: 'several-problems',
    binary: true,
    exit: 1,
    expect: [
      { at: `${KOSOVO}/country.yaml:2:1`, message: 'unknown key `flag`' },
      { at: `${KOSOVO}/target-1.yaml:7:5`, message: 'unknown question `D`' },
      { at: `${KOSOVO}/target-2.yaml:4:8`, message: 'never closed' },
      { at: `${KOSOVO}/target-3.yaml:5:7`, message: 'HTML is not allowed' },
      { at: `${KOSOVO}/target-4.yaml:7:3`, message: 'unknown goal `notice-takedown`' },
    ],
  },
  {
    // Issue 9: a syntax error, a mistyped goal, an unknown question, and mistakes inside the mistyped
    // goal's answers, all independent, all reported in one run.
    name: 'four-mistakes',
    exit: 1,
    expect: [
      { at: `${KOSOVO}/target-1.yaml:4:8`, message: 'never closed' },
      { at: `${KOSOVO}/target-2.yaml:3:3`, message: 'unknown goal `criminalisation-framework`' },
      { at: `${KOSOVO}/target-2.yaml:5:7`, message: 'headings are not allowed' },
      { at: `${KOSOVO}/target-2.yaml:6:19`, message: 'HTML is not allowed' },
      { at: `${KOSOVO}/target-2.yaml:7:12`, message: 'links must start with https://' },
      { at: `${KOSOVO}/target-3.yaml:7:5`, message: 'unknown question `D`' },
      { at: `${KOSOVO}/target-4.yaml:4:27`, message: 'read as a YAML comment', hint: '`A: |`' },
    ],
  },
  {
    name: 'missing-target-file',
    binary: true,
    exit: 0,
    expect: [
      {
        at: `${KOSOVO}/target-4.yaml`,
        severity: 'warning',
        message: 'there is no answer file for policy target 4',
        hint: 'gareport init 2014 kosovo',
      },
    ],
  },
];

let generated: string;

/** Where a case's project is: its committed fixture, or the folder generated for it. */
function projectOf(c: Case): string {
  return c.generate ? join(generated, c.name) : join(fixtures, c.name);
}

beforeAll(async () => {
  generated = await mkdtemp(join(tmpdir(), 'gareport-validate-'));
  for (const c of cases) {
    if (!c.generate) continue;
    const dir = join(generated, c.name, KOSOVO);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'country.yaml'), 'name: Kosovo\n');
    for (const [name, content] of Object.entries(c.generate)) await writeFile(join(dir, name), content);
  }
});

afterAll(async () => {
  await rm(generated, { recursive: true, force: true });
});

describe('the Kosovo 2014 report', () => {
  it.each(runners)('validates with warnings only for the unanswered questions ($name)', async ({ run }) => {
    const result = await run(['validate', '2014', 'kosovo', '--format', 'json'], repoRoot);
    expectNoStackTrace(result);
    expect(result.exitCode).toBe(0);
    const { diagnostics, errors, warnings } = JSON.parse(result.stdout) as {
      diagnostics: { file: string; line: number; column: number; severity: string; message: string }[];
      errors: number;
      warnings: number;
    };
    expect(errors).toBe(0);
    expect(warnings).toBe(2);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      `${KOSOVO}/target-1.yaml:7:5 warning question B of goal \`icse-victim-identification\` is unanswered`,
      `${KOSOVO}/target-4.yaml:4:3 warning goal \`private-sector-removal\` has no answers yet`,
    ]);
  });

  // `npx gareport validate` runs bin/gareport.js; npx itself is not used here, as it would look the name up
  // in the npm registry when the package is not linked.
  it.each(runners)('`gareport validate` with no arguments in the repository exits 0 ($name)', async ({ run }) => {
    const result = await run(['validate'], repoRoot);
    expectNoStackTrace(result);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('0 errors, 2 warnings in 4 files');
    expect(result.stdout).toContain('2014 kosovo: valid (2 warnings)');
  });
});

describe.each(runners)('bad input ($name)', ({ name, run }) => {
  it.each(name === 'binary' ? cases.filter((c) => c.binary) : cases)('$name', async (c) => {
    const result = await run(c.args ?? ['validate'], projectOf(c));
    expectNoStackTrace(result);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(c.exit);
    for (const text of c.stderr ?? []) expect(result.stderr).toContain(text);
    if (c.stderr) expect(result.stdout).toBe('');
    for (const e of c.expect ?? []) {
      const line = diagnosticLine(result.stdout, e.at, e.severity ?? 'error');
      expect(line, `no ${e.severity ?? 'error'} at ${e.at} in:\n${result.stdout}`).toBeDefined();
      expect(line).toContain(e.message);
      if (e.hint) {
        // The hint line belongs to the diagnostic: it is in the same block (blocks are separated by blank lines).
        const block = result.stdout.slice(result.stdout.indexOf(line ?? '')).split('\n\n')[0] ?? '';
        expect(block).toMatch(/\n {2}hint: /);
        expect(block).toContain(e.hint);
      }
    }
  });
});

describe('output formats', () => {
  const project = join(fixtures, 'several-problems');

  // In-process: the binary writes the same JSON; it is run for the GitHub format below.
  it('--format json prints every diagnostic with file, line, column, severity and message', async () => {
    const result = await runInProcess(['validate', '--format', 'json'], project);
    expectNoStackTrace(result);
    expect(result.exitCode).toBe(1);
    const parsed = JSON.parse(result.stdout) as { diagnostics: unknown[]; errors: number; warnings: number };
    expect(Array.isArray(parsed.diagnostics)).toBe(true);
    for (const d of parsed.diagnostics) {
      expect(d).toMatchObject({
        file: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        severity: expect.stringMatching(/^(error|warning)$/),
        message: expect.any(String),
      });
    }
    expect(parsed.diagnostics).toContainEqual(
      expect.objectContaining({
        file: `${KOSOVO}/target-4.yaml`,
        line: 7,
        column: 3,
        severity: 'error',
        code: 'unknown-goal',
        hint: 'did you mean `notice-and-takedown`?',
      }),
    );
    expect(parsed.errors).toBe(5);
  });

  it.each(runners)('--format github prints one workflow command per problem ($name)', async ({ run }) => {
    const result = await run(['validate', '--format', 'github'], project);
    expectNoStackTrace(result);
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]+(,line=\d+,col=\d+)?,title=[^:]+::./);
    expect(lines).toContain(
      `::error file=${KOSOVO}/target-2.yaml,line=4,col=8,title=gareport yaml-unclosed-quote::this text starts with a quote (\`"\`) that is never closed (add the closing \`"\` at the end of the text, or write \`A: |\` and put the text on the next line, indented two spaces more than \`A\` (no quotes needed))`,
    );
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(5);
  });
});

/**
 * More mistakes people make when typing prose into YAML, checked through the library
 * (one file each, no CLI): each must be an error or warning at the place to fix, in plain words.
 */
describe('answer-file mistakes, in place', () => {
  const G = 'target: 1\ngoals:\n  icse-victim-identification:\n';
  const mistakes: { name: string; text: string; at: string; severity?: 'error' | 'warning'; message: string }[] = [
    { name: 'a list dash after the key', text: `${G}    A: - Four cases.\n`, at: '4:8', message: 'starts with `-`' },
    { name: 'a leading >', text: `${G}    A: > 50 cases were reported\n`, at: '4:8', message: 'starts with `>`' },
    {
      name: 'a leading & (anchor)',
      text: `${G}    A: &Co reported four cases\n`,
      at: '4:8',
      message: 'starts with `&`',
    },
    { name: 'a leading ! (tag)', text: `${G}    A: !important four cases\n`, at: '4:8', message: 'starts with `!`' },
    { name: 'a leading @', text: `${G}    A: @KosovoPolice reported\n`, at: '4:8', message: 'starts with `@`' },
    { name: 'a backslash in double quotes', text: `${G}    A: "C:\\Reports"\n`, at: '4:11', message: 'backslash' },
    { name: 'text after a closing quote', text: `${G}    A: "Four" cases\n`, at: '4:8', message: 'more text follows' },
    { name: 'a missing colon', text: `${G}    A Four cases\n    B: --\n`, at: '4:5', message: 'no colon' },
    {
      name: 'a block not indented',
      text: `${G}    A: |\n    Four cases.\n    B: --\n`,
      at: '5:5',
      message: 'no colon',
    },
    { name: 'an unclosed [', text: `${G}    A: [see annex\n    B: --\n`, at: '4:8', message: 'never closed with `]`' },
    { name: 'a --- line at the margin', text: `${G}    A: Four cases.\n---\n    B: --\n`, at: '5:1', message: '`---`' },
    { name: 'only comments', text: '# to do\n', at: '1:1', message: 'only comments' },
    {
      name: 'nesting 40 levels deep',
      text: `target: 1\ngoals: ${'['.repeat(40)}${']'.repeat(40)}\n`,
      at: '2:40',
      message: 'nested more than 32 levels deep',
    },
    {
      name: 'a target number in quotes',
      text: `target: "1"\ngoals:\n  icse-victim-identification:\n    A: --\n`,
      at: '1:9',
      message: 'must be the number 1, without quotes',
    },
    {
      name: 'a heading in a block with an indentation indicator',
      text: `${G}    A: |2\n        Indented first line.\n      # Results\n`,
      at: '6:7',
      message: 'headings are not allowed',
    },
    {
      name: 'a heading after escapes in double quotes',
      text: `${G}    A: "Fush\\u00eb Kosova\\n\\n# Results"\n`,
      at: '4:30',
      message: 'headings are not allowed',
    },
    {
      name: 'text after ` #` in a plain answer (words lost: an error)',
      text: `${G}    A: We removed 5 sites #important and more\n`,
      at: '4:27',
      message: 'everything from this `#` on is read as a YAML comment',
    },
    {
      name: 'a comment line under a plain answer',
      text: `${G}    A: Four cases were reported.\n\n      # Results\n    B: --\n`,
      at: '6:7',
      severity: 'warning',
      message: 'read as a YAML comment',
    },
  ];

  it.each(mistakes)('$name', async ({ text, at, severity, message }) => {
    const { loadAnswerFile } = await import('../src/model/answers.js');
    const { loadForm } = await import('../src/model/report.js');
    const { form } = await loadForm({ cwd: repoRoot, packageRoot: repoRoot }, 2014);
    const target = form?.targets[0];
    if (!target) throw new Error('the 2014 form did not load');
    const dir = await mkdtemp(join(tmpdir(), 'gareport-mistake-'));
    try {
      await writeFile(join(dir, 'target-1.yaml'), text);
      const { diagnostics } = await loadAnswerFile(join(dir, 'target-1.yaml'), 'target-1.yaml', target);
      const found = diagnostics.find((d) => `${d.line}:${d.column}` === at && severityOf(d) === (severity ?? 'error'));
      expect(found, JSON.stringify(diagnostics, null, 2)).toBeDefined();
      expect(found?.message).toContain(message);
      // One mistake, one message: the parser's follow-on complaints are not shown.
      expect(diagnostics.filter(isError).length).toBeLessThanOrEqual(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
