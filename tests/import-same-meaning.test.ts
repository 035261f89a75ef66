/**
 * Issue 21 item 1 (the README's promise that gareport's own .docx imports back unchanged): an
 * imported answer whose Markdown means the same as the file's (the same tree once parsed, positions
 * left aside) is no change, and the file keeps its own text; any real difference is still a change.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderAnswerFile } from '../src/import/answer-file.js';
import { mergeAnswerFile } from '../src/import/merge.js';
import { answerChanges } from '../src/import/project.js';
import type { FormTarget } from '../src/model/form.js';
import { runInProcess, withProject } from './helpers/cli.js';

const TARGET: FormTarget = {
  number: 1,
  text: 'A target',
  goals: [{ id: 'goal', text: 'A goal', questions: [{ id: 'A', text: 'What was done?' }] }],
};

/** What an import of `incoming` does to an answer file whose answer is `current`. */
function merge(current: string, incoming: string) {
  const file = renderAnswerFile(TARGET, {
    schemaRef: 's.json',
    answers: new Map([['goal', new Map([['A', current]])]]),
  });
  return mergeAnswerFile(file, TARGET, new Map([['goal', new Map([['A', incoming]])]]), false);
}

const REVIEWED = [
  'and Human trafficking.[^1] Try `grep -r foo` and `` a`b `` and `` `x` `` and `  a  `.',
  '',
  '      [^1]: Source: Ministry of Education.',
  '',
  '      ```',
  '      grep -r foo .',
  '        indented',
  '      ```',
].join('\n');

describe('import of an answer that means the same', () => {
  it("the reviewer's case: gareport's own .docx imports back with nothing to change, and a real change still shows", async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const path = join(dir, 'reports', '2014', 'kosovo', 'target-3.yaml');
      const original = await readFile(path, 'utf8');
      // The reviewer's case, and a paragraph wrapped over two lines as an editor wraps it.
      const edited = original
        .replace('and Human trafficking,', REVIEWED)
        .replace('training sessions in training', 'training sessions\n      in training');
      expect(edited).not.toBe(original);
      await writeFile(path, edited);
      const build = await runInProcess(['build', '2014', 'kosovo', '--format', 'docx'], dir);
      expect(build.exitCode, build.stderr).toBe(0);

      const dry = await runInProcess(['import', 'out/2014/kosovo.docx', '2014', 'kosovo', '--dry-run'], dir);
      expect(dry.exitCode, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('no answer file would change');
      expect(dry.stdout).not.toContain('changed');
      expect(dry.stdout).not.toContain('--force');

      const real = await runInProcess(['import', 'out/2014/kosovo.docx', '2014', 'kosovo'], dir);
      expect(real.exitCode, real.stderr).toBe(0);
      expect(await readFile(path, 'utf8')).toBe(edited);

      // A word changed in the file since the .docx was made: the import would put the old word back.
      await writeFile(path, edited.replace('Source: Ministry of Education.', 'Source: Ministry of Justice.'));
      const changed = await runInProcess(['import', 'out/2014/kosovo.docx', '2014', 'kosovo', '--dry-run'], dir);
      expect(changed.exitCode, changed.stderr).toBe(0);
      expect(changed.stdout).toContain('would change reports/2014/kosovo/target-3.yaml: 1 answer changed');
      expect(changed.stdout).toMatch(/^- {6}\[\^1\]: Source: Ministry of Justice\.$/m);
    });
  });

  it('keeps a real difference a change: words, code, a code block language, list kinds, tight and loose lists', () => {
    const pairs: [string, string][] = [
      ['Some *words*.', 'Some *word*.'],
      ['Some *words*.', 'Some **words**.'],
      ['Run `a b`.', 'Run `a  b`.'],
      ['Run ` a `.', 'Run `  a  `.'],
      ['```sh\nls\n```', '```\nls\n```'],
      ['- one\n- two', '1. one\n2. two'],
      ['- one\n- two', '- one\n\n- two'],
      ['A note.[^1]\n\n[^1]: One.', 'A note.[^1]\n\n[^1]: Two.'],
      ['A.[^a] B.[^b]\n\n[^a]: One.\n\n[^b]: Two.', 'A.[^a] B.[^b]\n\n[^b]: One.\n\n[^a]: Two.'],
      ['A [link](https://a.example).', 'A [link](https://b.example).'],
      ['A [link][x].\n\n[x]: https://a.example', 'A [link][x].\n\n[x]: https://b.example'],
      ['A line\\\nbreak.', 'A line\nbreak.'],
      ['Two  spaces.', 'Two spaces.'],
      ['`a\nb`', '`a  b`'],
      ['A.[^1]\n\n[^1]: One.\n\n[^2]: Unused.', 'A.[^1]\n\n[^1]: One.'],
      ['A.[^1]\n\n[^1]: One.\n\n[^1]: Again.', 'A.[^1]\n\n[^1]: One.'],
      ['A [link][x].\n\n[x]: https://a.example\n\n[y]: https://b.example', 'A [link](https://a.example).'],
    ];
    for (const [current, incoming] of pairs) {
      const merged = merge(current, incoming);
      expect(merged.changed, `${current} → ${incoming}`).toEqual(['goal.A']);
      expect(merged.text).toContain(incoming.split('\n')[0]);
    }
  });

  it('keeps the same meaning unchanged, written another way: padding, escapes, labels, reference links', () => {
    const pairs: [string, string][] = [
      ['Try `` a`b `` now.', 'Try ``a`b`` now.'],
      ['Run `  a  `.', 'Run ``  a  ``.'],
      ['A \\*star\\* and &amp;.', 'A \\*star\\* and \\&.'],
      ['A.[^note] B.\n\n[^note]: Why.', 'A.[^1] B.\n\n[^1]: Why.'],
      ['A [link][x].\n\n[x]: https://a.example', 'A [link](https://a.example).'],
      ['Title\n=====', '# Title'],
      ['    code', '```\ncode\n```'],
      ['1) one\n2) two', '1. one\n2. two'],
      ['A paragraph\nwrapped *over\nlines*.', 'A paragraph wrapped *over lines*.'],
      ['A.[^b] B.[^a]\n\n[^a]: Two.\n\n[^b]: One.', 'A.[^1] B.[^2]\n\n[^1]: One.\n\n[^2]: Two.'],
    ];
    for (const [current, incoming] of pairs) {
      const merged = merge(current, incoming);
      expect(merged.changed, `${current} → ${incoming}`).toEqual([]);
      expect(merged.text).toBeUndefined();
    }
  });
});

/** Words in several scripts; never Markdown syntax. */
const word = fc
  .array(fc.constantFrom(...'abcdefxyzéßЖжλبمש中文हि'), { minLength: 1, maxLength: 7 })
  .map((c) => c.join(''));
const words = fc.array(word, { minLength: 1, maxLength: 5 });

type Inline = { kind: 'plain' | 'em' | 'strong'; text: string };
type Block =
  | { kind: 'paragraph'; inlines: Inline[]; note?: string[] }
  | { kind: 'list'; items: string[][] }
  | { kind: 'code'; lines: string[] };

const inline: fc.Arbitrary<Inline> = fc.record({
  kind: fc.constantFrom('plain', 'em', 'strong'),
  text: words.map((w) => w.join(' ')),
});
const paragraph = fc.record(
  { kind: fc.constant('paragraph' as const), inlines: fc.array(inline, { minLength: 1, maxLength: 4 }), note: words },
  { requiredKeys: ['kind', 'inlines'] },
);
const list = fc.record({ kind: fc.constant('list' as const), items: fc.array(words, { minLength: 1, maxLength: 4 }) });
const code = fc.record({
  kind: fc.constant('code' as const),
  lines: fc.array(
    fc.oneof(
      words.map((w) => w.join(' ')),
      words.map((w) => `  ${w.join(' ')}`),
      fc.constant(''),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  ),
});
/** An answer: blocks, and never two lists in a row (a list ends at the next paragraph or code block). */
const answer = fc
  .array(fc.oneof(paragraph, list, code), { minLength: 1, maxLength: 6 })
  .map((blocks) => blocks.filter((b, i) => !(b.kind === 'list' && blocks[i - 1]?.kind === 'list')) as Block[]);

/** How an answer is spelled: everything Markdown lets a writer choose without changing what it says. */
interface Spelling {
  bullet: '-' | '*' | '+';
  em: '*' | '_';
  strong: '**' | '__';
  fence: '```' | '~~~' | '````';
  /** Footnote definitions right after their paragraph, or all at the end. */
  notesAfterParagraph: boolean;
  /** Paragraphs wrapped over lines (a soft break between words), or each on one line. */
  wrap: boolean;
  /** Footnote labels: numbers, or words. */
  label: (n: number) => string;
}

const spelling: fc.Arbitrary<Spelling> = fc.record({
  bullet: fc.constantFrom('-', '*', '+'),
  em: fc.constantFrom('*', '_'),
  strong: fc.constantFrom('**', '__'),
  fence: fc.constantFrom('```', '~~~', '````'),
  notesAfterParagraph: fc.boolean(),
  wrap: fc.boolean(),
  label: fc.constantFrom(
    (n: number) => `${n}`,
    (n: number) => `note-${n}`,
  ),
});

function write(blocks: Block[], s: Spelling): string {
  const out: string[] = [];
  const notes: string[] = [];
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'list') out.push(b.items.map((item) => `${s.bullet} ${item.join(' ')}`).join('\n'));
    else if (b.kind === 'code') out.push([s.fence, ...b.lines, s.fence].join('\n'));
    else {
      const text = b.inlines
        .map((i) =>
          i.kind === 'em'
            ? `${s.em}${i.text}${s.em}`
            : i.kind === 'strong'
              ? `${s.strong}${i.text}${s.strong}`
              : i.text,
        )
        .join(s.wrap ? '\n' : ' ');
      if (!b.note) out.push(text);
      else {
        n++;
        out.push(`${text} end.[^${s.label(n)}]`);
        const definition = `[^${s.label(n)}]: ${b.note.join(' ')}`;
        if (s.notesAfterParagraph) out.push(definition);
        else notes.push(definition);
      }
    }
  }
  return [...out, ...notes].join('\n\n');
}

describe("import's count of changed answers", () => {
  it('does not count an answer written another way (a file replaced whole), and counts a real change', () => {
    const file = (a: string) =>
      renderAnswerFile(TARGET, { schemaRef: 's.json', answers: new Map([['goal', new Map([['A', a]])]]) });
    const before = file('* one\n* _two_\n\nSee.[^x]\n\n[^x]: Why.');
    expect(answerChanges(before, file('- one\n- *two*\n\nSee.[^1]\n\n[^1]: Why.'))).toEqual({
      added: 0,
      changed: 0,
      removed: 0,
    });
    expect(answerChanges(before, file('- one\n- *three*\n\nSee.[^1]\n\n[^1]: Why.'))).toEqual({
      added: 0,
      changed: 1,
      removed: 0,
    });
  });
});

describe('import treats answers that differ only in spelling as unchanged (property)', () => {
  it('footnote placement and labels, bullets, emphasis markers and fences: unchanged; a changed word: changed', () => {
    fc.assert(
      fc.property(answer, spelling, spelling, word, (blocks, a, b, extra) => {
        const current = write(blocks, a);
        const incoming = write(blocks, b);
        const same = merge(current, incoming);
        expect(same.changed).toEqual([]);
        expect(same.text).toBeUndefined();

        // One more word in the last block is a real change, whatever the spelling.
        const last = blocks.at(-1) as Block;
        const more: Block =
          last.kind === 'paragraph'
            ? { ...last, inlines: [...last.inlines, { kind: 'plain', text: extra }] }
            : last.kind === 'list'
              ? { ...last, items: [...last.items.slice(0, -1), [...(last.items.at(-1) ?? []), extra]] }
              : { ...last, lines: [...last.lines, extra] };
        const edited = write([...blocks.slice(0, -1), more], b);
        const different = merge(current, edited);
        expect(different.changed).toEqual(['goal.A']);
        expect(different.text).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });
});
