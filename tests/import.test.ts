import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scratchProjects, writtenAnswers } from './helpers/answers-written.js';
import { repoRoot, runBinary, runInProcess } from './helpers/cli.js';
import { makeDocx } from './helpers/docx-forms.js';
import { hashTree } from './helpers/files.js';
import { seedPath } from './helpers/words.js';

const fixtures = join(repoRoot, 'tests', 'fixtures', 'import');
const seed = seedPath;

const scratch = scratchProjects();

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The first word of `source` that does not appear in `target` in the same order, with what came before it. */
function firstMissingInOrder(source: string, target: string): string | undefined {
  const want = words(source);
  const have = words(target);
  let j = 0;
  for (const [i, w] of want.entries()) {
    while (j < have.length && have[j] !== w) j++;
    if (j === have.length) return `${want.slice(Math.max(0, i - 8), i).join(' ')} >>${w}<<`;
    j++;
  }
  return undefined;
}

async function importFixture(name: string, args: string[] = ['2014', 'kosovo']) {
  const dir = await scratch();
  await cp(join(fixtures, name), join(dir, 'filled.txt'));
  const result = await runInProcess(['import', 'filled.txt', ...args], dir);
  return { dir, result };
}

/** The variations real documents come in, and where each answer must land. */
const cases: {
  fixture: string;
  expected: Record<string, Record<string, string | null>>;
  warning?: RegExp;
}[] = [
  {
    fixture: 'emphasis-and-case.txt',
    expected: {
      'icse-victim-identification': {
        A: 'The victim identification unit joined the ICSE database in March.',
        B: 'Progress is *steady*; see **Annex 2**.',
        C: 'Train two more analysts.',
      },
      'joint-law-enforcement': {
        A: 'Joint investigation teams were set up with two neighbours.',
        B: '--',
        C: 'A) Sign the agreement with Europol.\nB) Second step, written as a lettered list.',
      },
    },
  },
  {
    fixture: 'goal-over-two-paragraphs.txt',
    expected: {
      'private-sector-removal': {
        A: 'Two hosting providers now scan their systems.',
        B: 'Slow but real.',
        C: 'Sign a memorandum with the ISP association.',
      },
      'notice-and-takedown': { A: 'Takedown now takes two days on average.', B: '--', C: '--' },
    },
  },
  {
    fixture: 'spacing.txt',
    expected: {
      'awareness-campaigns': {
        A: 'The campaign "Safe Online" reached 40 schools.\nIt ran from March to June.\n\nA second phase starts in autumn.',
        B: 'Good progress, written on the same line as the question.',
        C: 'Extend the campaign to all municipalities.\n\nEvaluate it with the OSCE, paragraph typed with a first-line indent.',
      },
    },
  },
  {
    fixture: 'bullets.txt',
    expected: {
      'criminalization-framework': {
        A: '- Criminal Code amended in 2013\n- Grooming is now an offence\n    - including attempts\n- No space after this bullet',
        B: '* Prosecutors trained\n* Judges trained\n\n- Dash bullet one\n- Dash bullet two',
        C: '1. Adopt the by-law\n2. Publish guidance\n3. Evaluate in 2015\n\nThen:\n\n1) First with a parenthesis\n2) Second with a parenthesis',
      },
    },
  },
  {
    fixture: 'nothing-and-empty.txt',
    expected: {
      'awareness-campaigns': { A: '--', B: null, C: '--' },
      'share-best-practices': { A: null, B: null, C: null },
    },
  },
  {
    fixture: 'scripts.txt',
    expected: {
      'joint-law-enforcement': {
        A: 'Спільні слідчі групи створено з поліцією сусідніх країн; обмін даними — щотижня.',
        B: 'Η πρόοδος είναι σημαντική: 12 κοινές έρευνες το 2014.',
        C: 'سيتم توقيع اتفاقية تعاون جديدة مع الإنتربول في عام 2015.\n\n- 中文也可以\n- עברית גם',
      },
    },
  },
  {
    fixture: 'crlf-bom.txt',
    expected: {
      'icse-victim-identification': {
        A: 'First paragraph, saved by Windows Notepad.\n\nSecond paragraph.',
        B: '--',
        C: '- one\n- two',
      },
    },
  },
  {
    fixture: 'other-country.txt',
    expected: { 'icse-victim-identification': { A: "Serbia's answer.", B: '--', C: '--' } },
    warning: /filled\.txt:3:1 {2}warning {2}this is the report of Serbia, but it is being imported as `kosovo`/,
  },
];

describe('gareport import: where each answer lands', () => {
  it.each(cases)('$fixture', async ({ fixture, expected, warning }) => {
    const { dir, result } = await importFixture(fixture);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.exitCode).toBe(0);
    const written = await writtenAnswers(dir);
    for (const [goal, questions] of Object.entries(expected)) expect(written[goal], goal).toEqual(questions);
    if (warning) expect(result.stderr).toMatch(warning);
    const validation = await runInProcess(['validate', '2014', 'kosovo'], dir);
    expect(validation.stdout).toContain('0 errors');
    expect(validation.exitCode).toBe(0);
  });

  it('keeps the fixture bytes as they are: CRLF and a BOM really are in crlf-bom.txt', async () => {
    const bytes = await readFile(join(fixtures, 'crlf-bom.txt'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
  });
});

describe('gareport import: the Kosovo seed', () => {
  it('reproduces the hand-written Kosovo report, and the build is identical', async () => {
    const handWritten = await scratch({ withKosovo: true });
    const imported = await scratch();
    const result = await runInProcess(['import', seed, '2014', 'kosovo'], imported);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('created reports/2014/kosovo/target-1.yaml');
    expect(result.stdout).toContain('created reports/2014/kosovo/country.yaml');
    expect(result.stdout).toContain('11 answered, 6 nothing to report, 4 unanswered');

    const validation = await runInProcess(['validate', '2014', 'kosovo'], imported);
    expect(validation.exitCode).toBe(0);
    expect(validation.stdout).toContain('0 errors');

    for (const dir of [handWritten, imported]) {
      const built = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(built.exitCode, built.stderr).toBe(0);
    }
    const fromImport = await readFile(join(imported, 'out', '2014', 'kosovo.md'), 'utf8');
    const fromHand = await readFile(join(handWritten, 'out', '2014', 'kosovo.md'), 'utf8');
    expect(fromImport).toBe(fromHand);
    // The report follows the form's layout, so every word of the seed (answers, and the form's
    // own text around them) appears in the built Markdown in the same order.
    expect(firstMissingInOrder(await readFile(seed, 'utf8'), fromImport)).toBeUndefined();
  });

  it('imports a report gareport built back to the same answers', async () => {
    const dir = await scratch({ withKosovo: true });
    expect((await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir)).exitCode).toBe(0);
    const before = await writtenAnswers(dir);
    const result = await runInProcess(['import', 'out/2014/kosovo.md', '2014', 'kosovo', '--force'], dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await writtenAnswers(dir)).toEqual(before);
  });

  it('writes answers as `|` blocks and nothing to report as `--`, each under its question', async () => {
    const dir = await scratch();
    expect((await runInProcess(['import', seed, '2014', 'kosovo'], dir)).exitCode).toBe(0);
    const target3 = await readFile(join(dir, 'reports', '2014', 'kosovo', 'target-3.yaml'), 'utf8');
    expect(target3.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/answers-2014.schema.json');
    expect(target3).toContain(
      '    C: |\n      1. Completion of the four sessions of the training for trainers;\n      2. Launching',
    );
    expect(target3).toContain('  share-best-practices:\n');
    expect(target3).toMatch(/ {4}A: --\n/);
    // In a project that is not gareport's own repository, the schema the files point at is written too.
    const schema = await readFile(join(dir, 'schemas', 'answers-2014.schema.json'), 'utf8');
    expect(schema).toBe(await readFile(join(repoRoot, 'schemas', 'answers-2014.schema.json'), 'utf8'));
  });
});

describe('gareport import: another country', () => {
  it('imports, validates and builds a Ukrainian report with nothing lost', async () => {
    const dir = await scratch();
    const source = join(fixtures, 'ukraine-2014.txt');
    const result = await runInProcess(['import', source, '2014', 'ukraine'], dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const written = await writtenAnswers(dir, 2014, 'ukraine');
    expect(written['icse-victim-identification']).toEqual({
      A: 'У 2014 році Департамент кіберполіції підключився до бази даних ICSE Інтерполу.\nІдентифіковано **17** дітей-жертв (у 2013 році — 9).',
      B: 'Прогрес оцінюється як *значний*: кількість ідентифікованих жертв зросла на 88%.',
      C: '- Навчання ще 20 аналітиків;\n- Створення цілодобового чергування;\n- Обмін досвідом з Польщею та Молдовою.',
    });
    expect(written['joint-law-enforcement']?.B).toBeNull();
    expect(written['share-best-practices']).toEqual({ A: '--', B: '--', C: '--' });
    expect(written['notice-and-takedown']?.C).toBe('Скоротити час видалення до 24 годин.');
    const country = parse(await readFile(join(dir, 'reports', '2014', 'ukraine', 'country.yaml'), 'utf8'));
    expect(country).toEqual({ name: 'Ukraine', language: 'en' });

    const validation = await runInProcess(['validate', '2014', 'ukraine'], dir);
    expect(validation.exitCode).toBe(0);
    const built = await runInProcess(['build', '2014', 'ukraine', '--format', 'md'], dir);
    expect(built.exitCode, built.stderr).toBe(0);
    const markdown = await readFile(join(dir, 'out', '2014', 'ukraine.md'), 'utf8');
    expect(firstMissingInOrder(await readFile(source, 'utf8'), markdown)).toBeUndefined();
  });
});

describe('gareport import: what it cannot place', () => {
  it('reports unplaceable text with its line and writes nothing', async () => {
    const { dir, result } = await importFixture('unplaced.txt');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/filled\.txt:11:1 {2}error {2}line 11 \("A note written under the goal/);
    expect(result.stderr).toMatch(/filled\.txt:17:1 {2}error {2}this operational goal is not in the 2014 form/);
    expect(result.stderr).toMatch(/filled\.txt:21:1 {2}error {2}line 21 \("An answer that has nowhere to go\."\)/);
    expect(result.stderr).toContain('nothing was written');
    expect(await readdir(dir)).toEqual(['filled.txt']);
  });

  it('writes an answer holding a heading, keeps its text, and reports the validation error', async () => {
    const { dir, result } = await importFixture('heading-in-answer.txt');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/reports\/2014\/kosovo\/target-1\.yaml:\d+:7 {2}error {2}headings are not allowed/);
    expect(result.stderr).toContain('imported from filled.txt:13');
    const written = await writtenAnswers(dir);
    expect(written['icse-victim-identification']?.A).toBe('# Results\n\nFourteen victims were identified.');
  });
});

describe('gareport import: encodings and other countries', () => {
  it('reads UTF-16 text as Windows saves "Unicode text", and refuses text that is not UTF-8', async () => {
    const dir = await scratch();
    const text = await readFile(join(fixtures, 'scripts.txt'), 'utf8');
    await writeFile(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect((await runInProcess(['import', 'utf16.txt', '2014', 'kosovo'], dir)).exitCode).toBe(0);
    expect((await writtenAnswers(dir))['joint-law-enforcement']?.B).toBe(
      'Η πρόοδος είναι σημαντική: 12 κοινές έρευνες το 2014.',
    );

    const latin1 = await scratch();
    await writeFile(join(latin1, 'latin1.txt'), Buffer.from('Policy Target No. 1\n\nCaf\xe9\n', 'latin1'));
    const result = await runInProcess(['import', 'latin1.txt', '2014', 'kosovo'], latin1);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/latin1\.txt:3:4 {2}error {2}this file is not UTF-8 text/);
    expect(await readdir(latin1)).toEqual(['latin1.txt']);
  });

  it('accepts a country that is not in the list when it is given a name', async () => {
    const { dir, result } = await importFixture('scripts.txt', ['2014', 'atlantis', '--name', 'Atlantis']);
    expect(result.exitCode).toBe(0);
    // The document says KOSOVO; the user is told.
    expect(result.stderr).toContain('this is the report of Kosovo, but it is being imported as `atlantis`');
    const country = parse(await readFile(join(dir, 'reports', '2014', 'atlantis', 'country.yaml'), 'utf8'));
    expect(country.name).toBe('Atlantis');
  });
});

describe('gareport import through the binary', () => {
  it('imports the seed into a copy of the Kosovo report with --force', async () => {
    const dir = await scratch({ withKosovo: true });
    const result = await runBinary(['import', seed, '2014', 'kosovo', '--force'], dir);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect((await runInProcess(['validate', '2014', 'kosovo'], dir)).exitCode).toBe(0);
  });

  it('refuses to change an answer without --force and exits 1', async () => {
    const dir = await scratch({ withKosovo: true });
    const changed = (await readFile(seed, 'utf8')).replace('During the reporting period', 'In the reporting period');
    await writeFile(join(dir, 'changed.txt'), changed);
    const before = await hashTree(dir);
    const result = await runBinary(['import', 'changed.txt', '2014', 'kosovo'], dir);
    expect(result.exitCode).toBe(1);
    expect(await hashTree(dir)).toEqual(before);
  });

  it('imports a .docx (mammoth is loaded from node_modules at run time) and shows it with --dry-run', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'in'));
    await makeDocx(join(dir, 'in', 'ukraine.docx'));
    const result = await runBinary(['import', 'in/ukraine.docx', '2014', 'ukraine', '--dry-run'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('would create reports/2014/ukraine/target-1.yaml: ');
    expect(result.stdout).toContain('+      - Чергування 24/7\n+        - вночі теж\n');
    expect(await readdir(dir)).toEqual(['in']);
  });
});
