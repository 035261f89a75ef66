/** Issue 21 (items 2–7, 9–11): next year's form, honest outputs, and messages that point at the right fix. */
import { access, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerDiffMarkdown, blocksOf } from '../src/cycle/block-diff.js';
import { parseMarkdown } from '../src/load/parse-markdown.js';
import { sourceOf } from '../src/load/source-text.js';
import { otherSpaceIndents } from '../src/load/yaml-lines.js';
import { answerOf } from '../src/model/answers.js';
import { meansNothingToReport } from '../src/model/nothing-to-report.js';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';

const KOSOVO = join('reports', '2014', 'kosovo');

describe('a year with reports and no form (issue 21 item 11)', () => {
  it('`build 2016` says there is no form for 2016 and how to make one', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2016', 'kosovo'), { recursive: true });
      const result = await runInProcess(['build', '2016'], dir);
      expect(result.exitCode).toBe(1);
      const all = result.stdout + result.stderr;
      expect(all).toContain('there is no reporting form for 2016');
      expect(all).toContain('gareport form new 2016 --from 2014');
      expect(all).not.toContain('the form has errors');
      const validated = await runInProcess(['validate', '2016'], dir);
      expect(validated.stdout + validated.stderr).not.toContain('in 0 files');
    });
  });

  it('`init 2015 kosovo` before the form exists names `gareport form new 2015 --from 2014`', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const result = await runInProcess(['init', '2015', 'kosovo'], dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('there is no reporting form for 2015');
      expect(result.stderr).toContain('gareport form new 2015 --from 2014');
    });
  });
});

/** Kosovo's 2014 report in a scratch project with target-1.yaml edited by `edit`; `validate 2014 kosovo` through the binary. */
async function validateEdited(edit: (text: string) => string, file = 'target-1.yaml') {
  return withProject({ withKosovo: true }, async ({ dir }) => {
    const path = join(dir, KOSOVO, file);
    await writeFile(path, edit(await readFile(path, 'utf8')));
    return runInProcess(['validate', '2014', 'kosovo'], dir, { NO_COLOR: '1' });
  });
}

describe('a missing question letter (issue 21 item 9)', () => {
  it('is reported at its own line as a missing question letter, and no hint says `null: |`', async () => {
    const result = await validateEdited((t) =>
      t.replace('    B:\n', '    : Good progress.\n    # More to come.\n    B:\n'),
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('target-1.yaml:7:7  error  a question letter is missing');
    expect(result.stdout).not.toContain('unknown question');
    expect(result.stdout).not.toContain('null: |');
  });
});

/** The diagnostics of one file in a validate run's output: `at  severity  message` lines and their hints. */
function problemsOf(stdout: string, file: string): { head: string; hint: string }[] {
  const blocks = stdout.split('\n\n').filter((b) => b.startsWith(`${KOSOVO.replaceAll('\\', '/')}/${file}:`));
  return blocks.map((b) => ({ head: b.split('\n')[0] ?? '', hint: /hint: (.*)/.exec(b)?.[1] ?? '' }));
}

describe('one cause, one message, in the words of its file (issue 21 item 10)', () => {
  it('a tab before a question letter gives one error, not also "not lined up" for the lines after it', async () => {
    const result = await validateEdited((t) => t.replace('    A: |\n', '\tA: |\n'));
    const errors = problemsOf(result.stdout, 'target-1.yaml').filter((p) => p.head.includes('  error  '));
    expect(errors.map((e) => e.head)).toEqual([
      `${KOSOVO}/target-1.yaml:5:1  error  this line is indented with a tab; YAML needs spaces`,
    ]);
  });

  it('a tab at the start of an answer line gives one error, not also a "key" and a "not lined up" one', async () => {
    const result = await validateEdited(
      (t) => t.replace('      - A special registry', '\t- A special registry'),
      'target-2.yaml',
    );
    const errors = problemsOf(result.stdout, 'target-2.yaml').filter((p) => p.head.includes('  error  '));
    expect(errors.map((e) => e.head)).toEqual([
      `${KOSOVO}/target-2.yaml:6:1  error  this line is indented with a tab; YAML needs spaces`,
    ]);
  });

  it('an answer line indented too little is pointed at, with a hint about the answer, not "keys"', async () => {
    const result = await validateEdited((t) => t.replace('      The Unit', ' The Unit'));
    const [problem, ...more] = problemsOf(result.stdout, 'target-1.yaml').filter((p) => p.head.includes('error'));
    expect(more).toEqual([]);
    expect(problem?.head).toContain('target-1.yaml:11:2  error');
    expect(problem?.hint).toContain('answer to `C`');
    expect(problem?.hint).toContain('6 spaces');
    expect(problem?.hint).not.toContain('keys');
  });

  it('an answer line indented like its question letter is told the indent of its block', async () => {
    const result = await validateEdited((t) => t.replace('    B:\n', '    B: |\n      Some progress\n    was made.\n'));
    const [problem] = problemsOf(result.stdout, 'target-1.yaml').filter((p) => p.head.includes('error'));
    expect(problem?.head).toContain('target-1.yaml:9:5  error');
    expect(problem?.hint).toContain(
      'if it belongs to the answer to `B` above, indent it like its other lines (6 spaces)',
    );
  });

  it.each([
    ['name: [Kosovo\nlanguage: en\n', 'this `[` is never closed'],
    ['name: Kosovo\nlanguage en\nauthority: Ministry\n', 'no colon after its first word'],
    ['name: Kosovo\n---\nlanguage: en\n', '`---`'],
    ['# only a comment\n', 'no content, only comments'],
  ])(
    'a YAML error in country.yaml (%j) gets a hint in country.yaml words, not about answers',
    async (text, message) => {
      const result = await validateEdited(() => text, 'country.yaml');
      expect(result.exitCode).toBe(1);
      const [problem] = problemsOf(result.stdout, 'country.yaml');
      expect(problem?.head).toContain(message);
      expect(problem?.hint).not.toMatch(/answer|question/);
    },
  );
});

describe('text that means "nothing to report" (issue 21 item 5)', () => {
  const goal1 = (a: string, c: string) => (t: string) =>
    t.replace(/ {4}A: \|\n(?: {6}.*\n)+/, `    A: ${a}\n`).replace(/ {4}C: \|\n(?: {6}.*\n|\n)+/, `    C: ${c}\n`);

  it.each([
    ['N/A', '—'],
    ['n/a', '–'],
    ['Nothing to report.', '"N/A"'],
  ])('`A: %s` and `C: %s` count as nothing to report, with a hint to write `--`', async (a, c) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const path = join(dir, KOSOVO, 'target-1.yaml');
      await writeFile(path, goal1(a, c)(await readFile(path, 'utf8')));
      const validated = await runInProcess(['validate', '2014', 'kosovo'], dir, { NO_COLOR: '1' });
      expect(validated.exitCode, validated.stdout).toBe(0);
      const hints = problemsOf(validated.stdout, 'target-1.yaml').filter((p) => p.head.includes('nothing to report'));
      expect(hints.map((h) => h.head.split('  ')[0])).toEqual([
        `${KOSOVO}/target-1.yaml:5:8`,
        `${KOSOVO}/target-1.yaml:7:8`,
      ]);
      expect(hints[0]?.hint).toContain('`--`');
      const status = await runInProcess(['status', '2014', '--format', 'json'], dir);
      const row = JSON.parse(status.stdout).rows[0].completeness.goals[0];
      expect(row.questions).toEqual(['nothing-to-report', 'unanswered', 'nothing-to-report']);
      const built = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(built.exitCode, built.stderr).toBe(0);
      const md = await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8');
      expect(md).not.toMatch(/^[—–]$/m);
      expect(md).not.toMatch(/^N\/A$/im);
    });
  });

  it('the usual spellings in the report\'s language count too ("Rien à signaler", "Néant", "Nada que informar")', async () => {
    for (const [language, a, c] of [
      ['fr', 'Rien à signaler', 'Néant.'],
      ['es', 'Nada que informar', 'No aplica'],
      ['de', 'Nichts zu berichten', 'Entfällt'],
      ['ru', 'Нечего сообщить', 'Не применимо'],
    ] as const) {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        const path = join(dir, KOSOVO, 'target-1.yaml');
        await writeFile(path, goal1(a, c)(await readFile(path, 'utf8')));
        await writeFile(join(dir, KOSOVO, 'country.yaml'), `name: Kosovo\nlanguage: ${language}\n`);
        const status = await runInProcess(['status', '2014', '--format', 'json'], dir);
        const row = JSON.parse(status.stdout).rows[0].completeness.goals[0];
        expect(row.questions, language).toEqual(['nothing-to-report', 'unanswered', 'nothing-to-report']);
      });
    }
  });

  it('an answer that merely starts with such words stays an answer', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const path = join(dir, KOSOVO, 'target-1.yaml');
      await writeFile(path, goal1('N/A for this year; see 2.1.', '— see above')(await readFile(path, 'utf8')));
      const status = await runInProcess(['status', '2014', '--format', 'json'], dir);
      const row = JSON.parse(status.stdout).rows[0].completeness.goals[0];
      expect(row.questions).toEqual(['answered', 'unanswered', 'answered']);
    });
  });
});

describe('meansNothingToReport (issue 21 item 5)', () => {
  it('reads whole answers only: any text with a word added stays an answer; spaces and case do not matter', () => {
    const said = fc.constantFrom('N/A', '—', 'Nothing to report.', 'Rien à signaler', 'Néant', 'Нечего сообщить');
    fc.assert(
      fc.property(said, fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), fc.boolean(), (text, word, upper) => {
        const cased = upper ? text.toUpperCase() : text;
        expect(meansNothingToReport(`  ${cased}\n`)).toBe(true);
        expect(meansNothingToReport(`${text} ${word}`)).toBe(false);
        expect(meansNothingToReport(`${word}: ${text}`)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        // Never throws; `--` itself is not one of these (it is the way to write it).
        expect(typeof meansNothingToReport(text)).toBe('boolean');
      }),
    );
    expect(meansNothingToReport('--')).toBe(false);
  });
});

describe('`followup` and `diff` with `--format docx` (issue 21 item 4)', () => {
  it('write a Word file with the document in it', async () => {
    const mammoth = (await import('mammoth')).default;
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      const followed = await runInProcess(['followup', 'kosovo', '2015', '--format', 'docx'], dir);
      expect(followed.exitCode, followed.stderr).toBe(0);
      expect(followed.stdout).toContain('wrote out/2015/followup/kosovo.docx');
      const follow = await mammoth.extractRawText({ path: join(dir, 'out', '2015', 'followup', 'kosovo.docx') });
      expect(follow.value).toContain('Kosovo');
      const diffed = await runInProcess(['diff', 'kosovo', '2014', '2015', '--format', 'docx,md'], dir);
      expect(diffed.exitCode, diffed.stderr).toBe(0);
      const written = diffed.stdout.match(/wrote (\S+\.docx)/)?.[1];
      expect(written, diffed.stdout).toBeDefined();
      const changes = await mammoth.extractRawText({ path: join(dir, written ?? '') });
      expect(changes.value).toContain('Kosovo');
    });
  });
});

describe('outputs not built this time (issue 21 item 3)', () => {
  it('after `--format md,docx`, a rebuild in `md` only removes the old kosovo.docx and says so', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const first = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,docx'], dir);
      expect(first.exitCode, first.stderr).toBe(0);
      const docx = join(dir, 'out', '2014', 'kosovo.docx');
      await access(docx);
      const path = join(dir, KOSOVO, 'target-1.yaml');
      await writeFile(path, (await readFile(path, 'utf8')).replace('has increased', 'has decreased'));
      const second = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(second.exitCode, second.stderr).toBe(0);
      expect(second.stdout).toContain('removed out/2014/kosovo.docx');
      await expect(access(docx)).rejects.toThrow();
      expect(await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8')).toContain('has decreased');
      // The machine-readable summary says so too.
      await writeFile(path, (await readFile(path, 'utf8')).replace('has decreased', 'has risen'));
      await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html'], dir);
      const json = await runInProcess(['build', '2014', 'kosovo', '--format', 'md', '--summary', 'json'], dir);
      expect(JSON.parse(json.stdout).removed).toEqual(['out/2014/kosovo.html']);
      // Up to date: nothing built, nothing removed.
      const third = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(third.stdout).not.toContain('removed');
      await access(join(dir, 'out', '2014', 'kosovo.md'));
    });
  });
});

describe("`form new` and the form's translations (issue 21 item 2)", () => {
  it('copies forms/2014.fr.yaml and .es.yaml to 2015 with the same placeholders, and says so', async () => {
    await withCycleProject({}, async ({ dir }) => {
      await mkdir(join(dir, 'forms'), { recursive: true });
      // A project translation with a year written out: it becomes a placeholder, as in the form.
      const own = (await readFile(join(repoRoot, 'forms', '2014.fr.yaml'), 'utf8')).replace(
        'le rapport {previous_year} de votre pays',
        'le rapport 2013 de votre pays',
      );
      await writeFile(join(dir, 'forms', '2014.fr.yaml'), own);
      const result = await runInProcess(['form', 'new', '2015', '--from', '2014'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('created forms/2015.fr.yaml from forms/2014.fr.yaml');
      expect(result.stdout).toContain("created forms/2015.es.yaml from forms/2014.es.yaml (gareport's own)");
      const fr = await readFile(join(dir, 'forms', '2015.fr.yaml'), 'utf8');
      expect(fr).toContain('le rapport {previous_year} de votre pays');
      expect(fr).toContain('formulaire de rapport {year}');
      expect(fr).toMatch(/^# Traduction française du formulaire de rapport 2015 \(forms\/2015\.yaml\)/);
      // The copies are valid translations of the 2015 form, and a French 2015 report uses them.
      await writeFile(join(dir, 'reports', '2015', 'kosovo', 'country.yaml'), 'name: Kosovo\nlanguage: fr\n');
      const validated = await runInProcess(['validate', '2015', 'kosovo'], dir);
      expect(validated.stdout).not.toContain('2015.fr.yaml');
      expect(validated.stdout).not.toContain('no translation');
    });
  });

  it("validate and build warn at `language:` when a report's language has no translation for its year but another year has one", async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await rm(join(dir, 'forms', '2015.fr.yaml'));
      await writeFile(join(dir, 'reports', '2015', 'kosovo', 'country.yaml'), '# Kosovo\nname: Kosovo\nlanguage: fr\n');
      const validated = await runInProcess(['validate', '2015', 'kosovo'], dir, { NO_COLOR: '1' });
      expect(validated.stdout).toContain(
        'reports/2015/kosovo/country.yaml:3:11  warning  the 2015 form has no French translation (fr)',
      );
      expect(validated.stdout).toContain('forms/2014.fr.yaml');
      expect(validated.stdout).toContain('copy it to forms/2015.fr.yaml');
      const built = await runInProcess(['build', '2015', 'kosovo', '--format', 'md'], dir);
      expect(built.stderr).toMatch(/\d+ warnings?; run `gareport validate`/);
    });
  });

  it('the warning is at the value of `language` however country.yaml writes it (the file as the loader parsed it)', async () => {
    await withCycleProject({ form2015: true }, async ({ dir }) => {
      await rm(join(dir, 'forms', '2015.fr.yaml'));
      const country = join(dir, 'reports', '2015', 'kosovo', 'country.yaml');
      for (const [text, at] of [
        ['name: Kosovo\n"language": fr\n', '2:13'],
        ['{ name: Kosovo, language: "fr" }\n', '1:27'],
        ['name: Kosovo\nlanguage: >-\n  fr\n', '2:11'],
      ] as const) {
        await writeFile(country, text);
        const validated = await runInProcess(['validate', '2015', 'kosovo'], dir, { NO_COLOR: '1' });
        expect(validated.stdout, text).toContain(
          `reports/2015/kosovo/country.yaml:${at}  warning  the 2015 form has no French translation (fr)`,
        );
      }
    });
  });
});

describe('pasted from Word (issue 21 item 6)', () => {
  it('no-break spaces in an indent are named with their position, and the fix offered', async () => {
    const result = await validateEdited((t) => t.replace('    C: |\n', '\u00a0\u00a0\u00a0\u00a0C: |\n'));
    expect(result.exitCode).toBe(1);
    const [problem, ...more] = problemsOf(result.stdout, 'target-1.yaml').filter((p) => p.head.includes('error'));
    expect(problem?.head).toContain('target-1.yaml:8:1  error  this line is indented with 4 no-break spaces (U+00A0)');
    expect(problem?.hint).toContain('replace them with ordinary spaces');
    expect(more).toEqual([]);
    expect(result.stdout).not.toContain('unknown key');
  });

  it('a no-break space inside the text of an answer is text, not a mistake', async () => {
    const result = await validateEdited((t) =>
      t.replace('      Kosovo Police has made', '      \u00a0Kosovo Police has made'),
    );
    expect(result.exitCode).toBe(0);
  });

  it('Word bullets (`•`, `◦`, `▪` + tab) become a Markdown list, with a warning at the first', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const path = join(dir, KOSOVO, 'target-1.yaml');
      const text = (await readFile(path, 'utf8')).replace(
        '      Kosovo Police has made',
        '      Our measures:\n      •\tfirst measure\n      ◦\tsecond measure\n      ▪\tthird measure\n\n      Kosovo Police has made',
      );
      await writeFile(path, text);
      const validated = await runInProcess(['validate', '2014', 'kosovo'], dir, { NO_COLOR: '1' });
      expect(validated.exitCode).toBe(0);
      const [bullets, ...more] = problemsOf(validated.stdout, 'target-1.yaml').filter((p) => p.head.includes('bullet'));
      expect(more).toEqual([]);
      expect(bullets?.head).toContain('target-1.yaml:10:7  warning  3 lines start with a Word bullet');
      expect(bullets?.hint).toContain('`- text`');
      const built = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
      expect(built.exitCode, built.stderr).toBe(0);
      const md = await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8');
      expect(md).toMatch(/Our measures:\n\n[-*] first measure\n[-*] second measure\n[-*] third measure\n/);
    });
  });
});

describe('Word bullets in answers (issue 21 item 6)', () => {
  it('become `- ` items of the same length, so every position in the answer still points at its place', () => {
    const line = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.constantFrom('', ' ', '\t'), fc.constantFrom('•', '◦', '▪', '·', '\uf0b7'), fc.string())
        .map(([i, b, t]) => `${i}${b}\t${t}`),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const text = lines.join('\n');
        const answer = answerOf(text);
        if (answer.state !== 'answered') return;
        expect(answer.markdown.length).toBe(text.trimEnd().length);
        expect(answer.markdown).not.toMatch(/^[ \t]*[•◦▪·\uf0b7]\t/m);
      }),
    );
  });
});

/** The text of a diff's tree, keeping the kept words and one side's marks (`delete` before, `strong` after). */
function sideText(node: unknown, side: 'before' | 'after', kind: 'kept' | 'delete' | 'strong' = 'kept'): string {
  const n = node as { type: string; value?: string; children?: unknown[] };
  if (n.type === 'text' || n.type === 'inlineCode') {
    if (kind === 'kept' || (kind === 'delete') === (side === 'before')) return n.value ?? '';
    return '';
  }
  const inner = n.type === 'delete' || n.type === 'strong' ? n.type : kind;
  return (n.children ?? []).map((c) => sideText(c, side, inner)).join(' ');
}

const squashed = (text: string) => text.replace(/\s+/g, '');

describe('diff per block (issue 21 item 7)', () => {
  it('a changed list stays a list; no mark runs over an item; removed and added words are kept apart', () => {
    const before = 'Steps taken:\n\n- In 2013, 4 cases were reported\n- the number has increased\n- training\n';
    const after =
      'Steps taken:\n\n- In 2013, 6 cases were reported\n- the number has decreased\n- training\n- a new unit\n';
    const markdown = answerDiffMarkdown(before, after);
    const tree = parseMarkdown(markdown);
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph', 'list']);
    const list = tree.children[1];
    expect(list?.type === 'list' ? list.children.length : 0).toBe(4);
    expect(markdown).toContain('~~4~~ **6**');
    expect(markdown).toContain('~~increased~~ **decreased**');
    expect(markdown).toMatch(/^[-*] \*\*a new unit\*\*$/m);
    // Every mark opens and closes on its own line: none runs over into the next item.
    for (const line of markdown.split('\n')) {
      expect((line.match(/\*\*/g) ?? []).length % 2, line).toBe(0);
      expect((line.match(/~~/g) ?? []).length % 2, line).toBe(0);
    }
  });

  it('a table keeps its rows and cells, each compared on its own', () => {
    const before = '| Year | Cases |\n| --- | --- |\n| 2013 | 4 |\n';
    const after = '| Year | Cases |\n| --- | --- |\n| 2013 | 6 |\n| 2014 | 9 |\n';
    const tree = parseMarkdown(answerDiffMarkdown(before, after));
    expect(tree.children.map((c) => c.type)).toEqual(['table']);
    const table = tree.children[0];
    expect(table?.type === 'table' ? table.children.length : 0).toBe(3);
    expect(answerDiffMarkdown(before, after)).toContain('~~4~~ **6**');
  });

  it('reads back as both answers, block by block, whatever the answers', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('a', 'b', ' ', '\n', '*', '_', '~', '.', ',', '-', '|', '[', ']', '`', 'é', 'Ж', '東'),
        fc.constantFrom('word ', 'two words', '\n\n', '\n1. ', '\n- ', '\n  - ', '\n| a | b |\n| - | - |\n| c | d |\n'),
      ),
      maxLength: 60,
    });
    const blockText = (markdown: string) =>
      squashed(
        blocksOf(markdown)
          .flatMap((b) => b.cells)
          .join(' '),
      );
    fc.assert(
      fc.property(text, text, (before, after) => {
        const tree = parseMarkdown(answerDiffMarkdown(before, after));
        expect(squashed(sideText(tree, 'before'))).toBe(blockText(before));
        expect(squashed(sideText(tree, 'after'))).toBe(blockText(after));
      }),
      { numRuns: 60 },
    );
  });
});

describe('no-break spaces in indents (issue 21 item 6)', () => {
  it('are found only where they stand for indentation; text after a full indent keeps its own', () => {
    const line = fc.tuple(
      fc.constantFrom('', '  ', '    ', '      ', '\u00a0\u00a0', '  \u00a0', '\u3000'),
      fc.constantFrom('A: |', 'B:', 'goal:', 'text', '\u00a0text', 'Note: x', ''),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.map(([indent, rest]) => indent + rest).join('\n');
        const found = otherSpaceIndents(sourceOf('t.yaml', text));
        if (!/[\u00a0\u3000]/.test(text)) expect(found).toEqual([]);
        for (const f of found) expect(text[f.offset]).toMatch(/[\u00a0\u3000]/);
      }),
    );
    // `      \u00a0text` under a block whose text is at 6 spaces: the no-break space is the text's.
    expect(otherSpaceIndents(sourceOf('t.yaml', 'A: |\n      text\n      \u00a0more\n'))).toEqual([]);
  });
});
