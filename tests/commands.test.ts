/**
 * Every command as one table: `{args, files, env}` → `{exitCode, stdout, stderr, files written}`,
 * each case run in-process, and the cases marked `binary` also through bin/gareport.js, in a fresh
 * scratch project. Paths and timings are normalised before comparing. (`build --watch` runs until
 * stopped: tests/watch.test.ts.)
 */
import { cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from './helpers/cli.js';
import { repoRoot, runBinary, runInProcess } from './helpers/cli.js';
import { changedFiles, snapshotFiles } from './helpers/countries.js';
import { cycleFixture } from './helpers/cycle.js';

type Runner = (args: string[], cwd: string, env?: Record<string, string | undefined>) => Promise<CliResult>;

/** What the scratch project holds before the case's own files are added. */
type Fixture =
  /** Nothing. */
  | 'empty'
  /** Kosovo's 2014 report (reports/2014/kosovo/). */
  | 'kosovo'
  /** Kosovo 2014 and the reporting-cycle fixture (2014, 2015), with forms/2015.yaml from `form new`. */
  | 'cycle';

/** Standard output or error: exactly this text, or text matching each pattern. */
type Expected = string | RegExp[];

interface Case {
  name: string;
  args: string[];
  fixture: Fixture;
  /** Files to add (path in the project → text, or `{ copy }` of a file of the repository). */
  files?: Record<string, string | { copy: string }>;
  env?: Record<string, string>;
  exitCode: number;
  stdout: Expected;
  stderr: Expected;
  /** Every file created or changed in the project, sorted (the case's own files aside). */
  written: string[];
  /**
   * Also run through the binary (bin/gareport.js). Every case runs in-process; the binary adds
   * what only it does (argv, exit code, streams, environment) and costs 0.35 s or more a run, so
   * it runs one case or two of each command, which together cover every exit code of the table.
   */
  binary?: true;
}

const USAGE_HINT = '(run gareport --help for usage)\n';

const cases: Case[] = [
  // build
  {
    name: 'build one report as Markdown',
    binary: true,
    args: ['build', '2014', 'kosovo', '--format', 'md'],
    fixture: 'kosovo',
    exitCode: 0,
    stdout: 'built 2014 kosovo: out/2014/kosovo.md\n1 report built\n',
    stderr: '[1/1] 2014 kosovo  <t> s\n2 warnings; run `gareport validate` to see them\n',
    written: ['out/2014/.gareport-build.json', 'out/2014/kosovo.md'],
  },
  {
    name: 'build a report that does not exist',
    args: ['build', '2014', 'nowhere'],
    fixture: 'kosovo',
    exitCode: 2,
    stdout: '',
    stderr:
      'gareport: there is no report for `nowhere` in reports/2014/\n  hint: run `gareport init 2014 nowhere` to start this report\n',
    written: [],
  },
  {
    name: 'build with an unknown format',
    args: ['build', '2014', 'kosovo', '--format', 'txt'],
    fixture: 'kosovo',
    exitCode: 2,
    stdout: '',
    stderr: 'gareport: unknown output format `txt` in --format\n  hint: choose from md, html, pdf, docx\n',
    written: [],
  },
  {
    name: 'build with a paper size not offered',
    args: ['build', '2014', 'kosovo', '--paper', 'a5'],
    fixture: 'kosovo',
    exitCode: 2,
    stdout: '',
    stderr: `error: option '--paper <size>' argument 'a5' is invalid. \`a5\` is not one of a4, letter.\n${USAGE_HINT}`,
    written: [],
  },
  {
    name: 'build with a SOURCE_DATE_EPOCH that is not a number',
    binary: true,
    args: ['build', '2014', 'kosovo', '--format', 'md'],
    fixture: 'kosovo',
    env: { SOURCE_DATE_EPOCH: 'yesterday' },
    exitCode: 2,
    stdout: '',
    stderr: [/^gareport: SOURCE_DATE_EPOCH must be a whole number of seconds, not `yesterday`$/m],
    written: [],
  },
  // validate
  {
    name: 'validate a report with warnings only',
    binary: true,
    args: ['validate', '2014', 'kosovo'],
    fixture: 'kosovo',
    exitCode: 0,
    stdout: [
      /^reports\/2014\/kosovo\/target-1\.yaml:7:5 {2}warning {2}question B of goal `icse-victim-identification` is unanswered$/m,
      /^0 errors, 2 warnings in 4 files\n2014 kosovo: valid \(2 warnings\)\n$/m,
    ],
    stderr: '',
    written: [],
  },
  {
    name: 'validate a report with an error',
    binary: true,
    args: ['validate', '2014', 'kosovo', '--format', 'github'],
    fixture: 'kosovo',
    files: { 'reports/2014/kosovo/target-4.yaml': 'target: 4\ngoals:\n  notice-takedown:\n    A: oops\n' },
    exitCode: 1,
    stdout: [
      /^::error file=reports\/2014\/kosovo\/target-4\.yaml,line=3,col=3,.*unknown goal `notice-takedown`/m,
      /^::warning file=reports\/2014\/kosovo\/target-1\.yaml,line=7,col=5,/m,
    ],
    stderr: '',
    written: [],
  },
  {
    name: 'validate a report that does not exist',
    args: ['validate', '2014', 'nowhere'],
    fixture: 'kosovo',
    exitCode: 2,
    stdout: '',
    stderr:
      'gareport: there is no report for `nowhere` in reports/2014/\n  hint: run `gareport init 2014 nowhere` to start this report\n',
    written: [],
  },
  {
    name: 'validate with no reports at all',
    args: ['validate'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr: [
      /^gareport: there are no reports to validate under reports\/\n {2}hint: run `gareport init <year> <country>`/,
    ],
    written: [],
  },
  // init
  {
    name: 'init a new report',
    binary: true,
    args: ['init', '2014', 'kosovo'],
    fixture: 'empty',
    exitCode: 0,
    stdout: [
      'created schemas/answers-2014.schema.json (for editors)',
      'created schemas/country.schema.json (for editors)',
      'created reports/2014/kosovo/country.yaml',
      ...[1, 2, 3, 4].map((n) => `created reports/2014/kosovo/target-${n}.yaml`),
      'next: write the answers, then run `gareport validate 2014 kosovo`',
      '',
    ].join('\n'),
    stderr: '',
    written: [
      'reports/2014/kosovo/country.yaml',
      ...[1, 2, 3, 4].map((n) => `reports/2014/kosovo/target-${n}.yaml`),
      'schemas/answers-2014.schema.json',
      'schemas/country.schema.json',
    ],
  },
  {
    name: 'init over a report that has every goal and question: skipped',
    args: ['init', '2014', 'kosovo'],
    fixture: 'kosovo',
    exitCode: 0,
    stdout: [
      'created schemas/answers-2014.schema.json (for editors)',
      'skipped reports/2014/kosovo/country.yaml (exists)',
      ...[1, 2, 3, 4].map((n) => `skipped reports/2014/kosovo/target-${n}.yaml (it has every goal and question)`),
      'next: write the answers, then run `gareport validate 2014 kosovo`',
      '',
    ].join('\n'),
    stderr: '',
    written: ['schemas/answers-2014.schema.json'],
  },
  {
    name: 'init with a two-digit year',
    args: ['init', '14', 'kosovo'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr: 'gareport: `14` is not a reporting year\n  hint: give the year as four digits, e.g. `2014`\n',
    written: [],
  },
  // import
  {
    name: 'import a filled-in form',
    binary: true,
    args: ['import', 'form.txt', '2014', 'kosovo'],
    fixture: 'empty',
    files: { 'form.txt': { copy: 'examples/2014-kosovo-form.txt' } },
    exitCode: 0,
    stdout: [
      'created schemas/answers-2014.schema.json (for editors)',
      'created schemas/country.schema.json (for editors)',
      'created reports/2014/kosovo/country.yaml',
      ...[1, 2, 3, 4].map((n) => `created reports/2014/kosovo/target-${n}.yaml`),
      'imported form.txt: 11 answered, 6 nothing to report, 4 unanswered',
      'next: gareport validate 2014 kosovo, then gareport build 2014 kosovo',
      '',
    ].join('\n'),
    stderr: '',
    written: [
      'reports/2014/kosovo/country.yaml',
      ...[1, 2, 3, 4].map((n) => `reports/2014/kosovo/target-${n}.yaml`),
      'schemas/answers-2014.schema.json',
      'schemas/country.schema.json',
    ],
  },
  {
    name: 'import --dry-run writes nothing',
    args: ['import', 'form.txt', '2014', 'kosovo', '--dry-run'],
    fixture: 'empty',
    files: { 'form.txt': { copy: 'examples/2014-kosovo-form.txt' } },
    exitCode: 0,
    stdout: [
      /^would create reports\/2014\/kosovo\/target-4\.yaml: \d+ answers?$/m,
      /\ndry run: nothing written \(11 answered, 6 nothing to report, 4 unanswered\)\n$/,
    ],
    stderr: '',
    written: [],
  },
  {
    name: 'import over an answer file it would change, without --force',
    args: ['import', 'form.txt', '2014', 'kosovo'],
    fixture: 'kosovo',
    files: {
      'form.txt': { copy: 'examples/2014-kosovo-form.txt' },
      'reports/2014/kosovo/target-1.yaml': 'target: 1\ngoals:\n  icse-victim-identification:\n    A: Something else.\n',
    },
    exitCode: 1,
    stdout: '',
    stderr: [
      'gareport: these answer files exist already and the import would change them:',
      '  reports/2014/kosovo/target-1.yaml (1 answered)',
      'the import would replace:',
      '  reports/2014/kosovo/target-1.yaml:',
      '    icse-victim-identification A: "Something else."',
      'gareport: nothing was written: existing answer files',
      '  hint: run again with --force to put the answers into them (answers the document lacks are kept, and a copy of each file is kept), or with --dry-run to see the import',
      '',
    ].join('\n'),
    written: [],
  },
  {
    name: 'import a file that does not exist',
    args: ['import', 'missing.txt', '2014', 'kosovo'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr:
      'gareport: there is no file `missing.txt`\n  hint: give the path of the filled-in form (.txt, .md or .docx)\n',
    written: [],
  },
  // status
  {
    name: 'status of a year',
    binary: true,
    args: ['status', '2014'],
    fixture: 'kosovo',
    exitCode: 0,
    stdout: [
      /^Completeness of the 2014 reports\n\nCountry {2}1\.1 {2}2\.1 {2}2\.2 {2}3\.1 {2}3\.2 {2}4\.1 {2}4\.2 {3}done {2}ans {2}n\/r {2}open\n-+\n/,
      /^Kosovo {3}✔·✔ {2}✔✔✔ {2}✔✔✔ {2}✔✔✔ {2}––– {2}··· {2}––– {3}81% {3}11 {4}6 {5}4$/m,
    ],
    stderr: '',
    written: [],
  },
  {
    name: 'status as JSON',
    args: ['status', '2014', '--format', 'json'],
    fixture: 'kosovo',
    exitCode: 0,
    stdout: [/^\{\n {2}"year": 2014,/, /"country": "kosovo"/, /"percent": 81\b/],
    stderr: '',
    written: [],
  },
  {
    name: 'status of a year with no reports',
    args: ['status', '2099'],
    fixture: 'kosovo',
    exitCode: 2,
    stdout: '',
    stderr: 'gareport: there are no reports for 2099 in reports/\n  hint: did you mean `2014`?\n',
    written: [],
  },
  {
    name: 'status in a format not offered',
    args: ['status', '2014', '--format', 'yaml'],
    fixture: 'kosovo',
    exitCode: 2,
    stdout: '',
    stderr: `error: option '--format <format>' argument 'yaml' is invalid. \`yaml\` is not one of text, json.\n${USAGE_HINT}`,
    written: [],
  },
  // schema
  {
    name: 'schema on standard output',
    binary: true,
    args: ['schema', '2014'],
    fixture: 'empty',
    exitCode: 0,
    stdout: [/^\{\n {2}"\$schema": "http:\/\/json-schema\.org\/draft-07\/schema#",\n/, /\n\}\n$/],
    stderr: '',
    written: [],
  },
  {
    name: 'schema --out',
    args: ['schema', '2014', '--out', 'answers.schema.json'],
    fixture: 'empty',
    exitCode: 0,
    stdout: '',
    stderr: '',
    written: ['answers.schema.json'],
  },
  {
    name: 'schema of a year with no form',
    args: ['schema', '1999'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr: 'gareport: there is no reporting form for 1999\n  hint: forms exist for 2014\n',
    written: [],
  },
  {
    name: 'schema --theme --out',
    args: ['schema', '--theme', '--out', 'schemas/theme.schema.json'],
    fixture: 'empty',
    exitCode: 0,
    stdout: '',
    stderr: '',
    written: ['schemas/theme.schema.json'],
  },
  {
    name: 'schema --country on standard output',
    args: ['schema', '--country'],
    fixture: 'empty',
    exitCode: 0,
    stdout: [/^\{\n {2}"\$schema": "http:\/\/json-schema\.org\/draft-07\/schema#",\n/, /"logo": \{/],
    stderr: '',
    written: [],
  },
  {
    name: 'schema of two files at once',
    args: ['schema', '--country', '--config'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr: 'gareport: choose one of --config, --country\n  hint: the command prints one schema at a time\n',
    written: [],
  },
  // form new
  {
    name: 'form new',
    binary: true,
    args: ['form', 'new', '2015'],
    fixture: 'empty',
    exitCode: 0,
    stdout: [
      /^created forms\/2015\.yaml from forms\/2014\.yaml \(gareport's own\)\n/,
      /^created forms\/2015\.fr\.yaml from forms\/2014\.fr\.yaml \(gareport's own\)$/m,
      /^ {2}year: 2014 → 2015$/m,
      /\nnext: gareport validate, then gareport init 2015 <country>\n$/,
    ],
    stderr: '',
    // The form's translations come with it (issue 21 item 2).
    written: ['forms/2015.es.yaml', 'forms/2015.fr.yaml', 'forms/2015.yaml'],
  },
  {
    name: 'form new over an existing form',
    binary: true,
    args: ['form', 'new', '2015'],
    fixture: 'cycle',
    exitCode: 1,
    stdout: '',
    stderr:
      'gareport: nothing was written: forms/2015.yaml exists already\n  hint: run again with --force to replace it (its changes are lost)\n',
    written: [],
  },
  {
    name: 'form new with a year that is not one',
    args: ['form', 'new', '20x'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr: 'gareport: `20x` is not a reporting year\n  hint: give the year as four digits, e.g. `2014`\n',
    written: [],
  },
  // followup
  {
    name: 'followup of one country',
    binary: true,
    args: ['followup', 'kosovo', '2015', '--format', 'md'],
    fixture: 'cycle',
    exitCode: 0,
    stdout:
      'wrote out/2015/followup/kosovo.md\nnot reported: Kosovo: announced in 2014, nothing under A in 2015: 2.1 criminalization-framework, 2.2 joint-law-enforcement\n',
    stderr: '',
    written: ['out/2015/followup/kosovo.md'],
  },
  {
    name: 'followup of every country',
    args: ['followup', '2015', '--format', 'md'],
    fixture: 'cycle',
    exitCode: 0,
    stdout: [
      'wrote out/2015/followup/all-countries.md',
      'not reported: Albania: announced in 2014, nothing under A in 2015: 4.2 notice-and-takedown',
      'not reported: Kosovo: announced in 2014, nothing under A in 2015: 2.1 criminalization-framework, 2.2 joint-law-enforcement',
      '',
    ].join('\n'),
    stderr: '',
    written: ['out/2015/followup/all-countries.md'],
  },
  {
    name: 'followup of a year with no year before it',
    args: ['followup', 'kosovo', '2014'],
    fixture: 'cycle',
    exitCode: 2,
    stdout: '',
    stderr:
      'gareport: there is no 2013 report for `kosovo`, so there is nothing announced to follow up\n  hint: the follow-up of 2014 compares question C of reports/2013/kosovo/ with question A of 2014\n',
    written: [],
  },
  // diff
  {
    name: 'diff between years, written',
    args: ['diff', 'kosovo', '2014', '2015', '--format', 'md'],
    fixture: 'cycle',
    exitCode: 0,
    stdout: 'wrote out/2015/diff/kosovo-2014.md\nKosovo: 15 answers changed, 2014 → 2015\n',
    stderr: '',
    written: ['out/2015/diff/kosovo-2014.md'],
  },
  {
    name: 'diff between years, on standard output',
    binary: true,
    args: ['diff', 'kosovo', '2014', '2015', '--stdout'],
    fixture: 'cycle',
    exitCode: 0,
    stdout: [/^# What changed in the answers of Kosovo: 2014 → 2015\n/, /^15 of 21 answers changed\./m],
    stderr: '',
    written: [],
  },
  {
    name: 'diff of a country with no report',
    args: ['diff', 'nowhere', '2014', '2015'],
    fixture: 'cycle',
    exitCode: 2,
    stdout: '',
    stderr:
      'gareport: there is no report for `nowhere` in reports/2015/\n  hint: run `gareport init 2015 nowhere` to start this report\n',
    written: [],
  },
  // completion, and what is not a command
  {
    name: 'completion for bash',
    binary: true,
    args: ['completion', 'bash'],
    fixture: 'empty',
    exitCode: 0,
    stdout: [/^# gareport completion for bash: add to ~\/\.bashrc\n/, /\ncomplete -o default -F _gareport gareport\n$/],
    stderr: '',
    written: [],
  },
  {
    name: 'completion for a shell not offered',
    args: ['completion', 'tcsh'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr: 'gareport: no completion for the shell `tcsh`\n  hint: choose from bash, zsh, fish\n',
    written: [],
  },
  {
    name: 'what the completion scripts ask: the countries of a year',
    binary: true,
    args: ['__complete', 'build', '2014', ''],
    fixture: 'kosovo',
    exitCode: 0,
    stdout: 'kosovo\n',
    stderr: '',
    written: [],
  },
  {
    name: 'an unknown command',
    binary: true,
    args: ['bogus'],
    fixture: 'empty',
    exitCode: 2,
    stdout: '',
    stderr: `error: unknown command 'bogus'\n${USAGE_HINT}`,
    written: [],
  },
];

/** The scratch project's path (as given and as resolved) and the repository's, replaced; timings and line ends too. */
function normalise(text: string, dir: string, realDir: string): string {
  let out = text.replace(/\r\n/g, '\n');
  for (const [path, name] of [
    [realDir, '<project>'],
    [dir, '<project>'],
    [repoRoot.replace(/[\\/]$/, ''), '<repo>'],
  ] as const) {
    out = out.split(path).join(name);
  }
  return out.replace(/\\/g, '/').replace(/ {2}\d+(\.\d+)? s$/gm, '  <t> s');
}

function expectOutput(actual: string, expected: Expected, what: string): void {
  if (typeof expected === 'string') expect(actual, what).toBe(expected);
  else for (const pattern of expected) expect(actual, what).toMatch(pattern);
}

/** One folder per fixture, made once; each case runs in a copy. */
const fixtures = new Map<Fixture, string>();
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gareport-commands-'));
  const kosovo = join(repoRoot, 'reports', '2014', 'kosovo');
  for (const fixture of ['empty', 'kosovo', 'cycle'] as const) {
    const dir = join(scratch, 'fixtures', fixture);
    await mkdir(dir, { recursive: true });
    if (fixture !== 'empty') await cp(kosovo, join(dir, 'reports', '2014', 'kosovo'), { recursive: true });
    if (fixture === 'cycle') {
      await cp(join(cycleFixture, 'reports'), join(dir, 'reports'), { recursive: true });
      const made = await runInProcess(['form', 'new', '2015', '--from', '2014'], dir);
      if (made.exitCode !== 0) throw new Error(`form new failed: ${made.stderr}`);
    }
    fixtures.set(fixture, dir);
  }
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

let next = 0;

async function project(c: Case): Promise<string> {
  const dir = join(scratch, `case-${next++}`);
  await cp(fixtures.get(c.fixture) as string, dir, { recursive: true });
  for (const [path, content] of Object.entries(c.files ?? {})) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(
      join(dir, path),
      typeof content === 'string' ? content : await readFile(join(repoRoot, content.copy)),
    );
  }
  return dir;
}

const runners: { name: string; run: Runner }[] = [
  { name: 'in-process', run: runInProcess },
  { name: 'binary', run: runBinary },
];

describe.each(runners)('every command ($name)', ({ name, run }) => {
  it.each(name === 'binary' ? cases.filter((c) => c.binary) : cases)('$name', async (c) => {
    const dir = await project(c);
    try {
      const before = await snapshotFiles(dir);
      const result = await run(c.args, dir, c.env);
      const realDir = await realpath(dir);
      const stdout = normalise(result.stdout, dir, realDir);
      const stderr = normalise(result.stderr, dir, realDir);
      expectOutput(stdout, c.stdout, 'standard output');
      expectOutput(stderr, c.stderr, 'standard error');
      expect(result.exitCode, stdout + stderr).toBe(c.exitCode);
      expect(changedFiles(before, await snapshotFiles(dir)), 'files written').toEqual(c.written);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

it('the binary runs every command of the table and meets every exit code of it', () => {
  const binary = cases.filter((c) => c.binary);
  const commands = (list: Case[]) => [...new Set(list.map((c) => c.args[0]))].sort();
  const codes = (list: Case[]) => [...new Set(list.map((c) => c.exitCode))].sort();
  expect(commands(binary)).toEqual(commands(cases));
  expect(codes(binary)).toEqual(codes(cases));
});
