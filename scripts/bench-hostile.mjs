// The cost budget of #8 item 11, for `npm run bench`: any answer file of 1 MiB or less validates
// and builds in ≤ 2 s and ≤ 300 MB, and what passes a limit gets an error naming it. Each input
// replaces Kosovo's target-1.yaml in a copy of the report (four copies for "four countries"); a
// .docx that unpacks to 150 MB is imported. Exit 0 or 1 (refused with a diagnostic) are both fine;
// a crash, "internal error" or the budget missed is a failure.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const MIB = 1024 * 1024;
const HEAD = 'target: 1\ngoals:\n  icse-victim-identification:\n    A: |\n';

/** Answer files of (almost) 1 MiB, each costly in its own way. */
export const HOSTILE_FILES = [
  [
    'a list nested 1,000 levels',
    `${HEAD}${Array.from({ length: 1000 }, (_, i) => `      ${'  '.repeat(i)}- item`).join('\n')}\n`,
  ],
  ['1 MiB of `[[[…]]]`', `target: 1\ngoals: ${'['.repeat(MIB / 2 - 20)}${']'.repeat(MIB / 2 - 20)}\n`],
  ['1 MiB of YAML list items', `target: 1\ngoals:\n${'  - a\n'.repeat(Math.floor(MIB / 6) - 10)}`],
  ['1 MiB of quotes nested on one line', `${HEAD}      ${'> '.repeat(MIB / 2 - 40)}x\n`],
  [
    '1 MiB of prose in one answer',
    `${HEAD}${'      The national hotline forwarded the reports to hosting providers within a day.\n'.repeat(Math.floor(MIB / 84) - 2)}    B: --\n    C: --\n`,
  ],
];

/** A copy of the report folder `from` at `to`, its target-1.yaml replaced by `target1`. */
async function copyReport(from, to, target1) {
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) await writeFile(join(to, name), await readFile(join(from, name)));
  await writeFile(join(to, 'target-1.yaml'), target1);
}

/** Runs every hostile input; `run(cwd, args)` and `record(name, runs, extra)` are bench.mjs's. */
export async function benchHostileInputs(dir, { run, record, runs, target }) {
  const project = join(dir, 'hostile');
  await mkdir(join(project, 'reports', '2014'), { recursive: true });
  const kosovo = fileURLToPath(new URL('../reports/2014/kosovo', import.meta.url));
  const kosovoCopy = join(project, 'reports', '2014', 'kosovo');
  await copyReport(kosovo, kosovoCopy, await readFile(join(kosovo, 'target-1.yaml')));
  const check = (r, what) => {
    if (r.code !== 0 && r.code !== 1) throw new Error(`${what} exited with ${r.code}:\n${r.output}`);
    if (/internal error|Maximum call stack/.test(r.output)) throw new Error(`${what}: ${r.output}`);
  };
  const time = async (name, args) => {
    const measured = [];
    for (let i = 0; i < runs; i++) {
      await rm(join(project, 'out'), { recursive: true, force: true });
      const r = await run(project, args);
      check(r, name);
      measured.push(r);
    }
    record(name, measured, { target });
  };
  for (const [what, text] of HOSTILE_FILES) {
    await copyReport(kosovoCopy, join(project, 'reports', '2014', 'hostile'), text);
    await time(`\`validate 2014 hostile\`: ${what}`, ['validate', '2014', 'hostile']);
    await time(`\`build 2014 hostile\`: ${what}`, ['build', '2014', 'hostile', '--quiet']);
    await rm(join(project, 'reports', '2014', 'hostile'), { recursive: true, force: true });
  }
  const [, brackets] = HOSTILE_FILES[1];
  for (const n of [1, 2, 3, 4])
    await copyReport(kosovoCopy, join(project, 'reports', '2014', `hostile-${n}`), brackets);
  await time('`build 2014`: four countries of 1 MiB of `[[[…]]]` (and Kosovo)', ['build', '2014', '--quiet']);
  for (const n of [1, 2, 3, 4]) await rm(join(project, 'reports', '2014', `hostile-${n}`), { recursive: true });

  // A .docx of a few hundred KB that unpacks to 150 MB: refused before it is unpacked.
  const bomb = zipSync({ 'word/document.xml': new Uint8Array(150 * MIB).fill(0x20) }, { level: 9 });
  await writeFile(join(project, 'bomb.docx'), bomb);
  await time(`\`import\` of a ${Math.round(bomb.length / 1024)} KB .docx unpacking to 150 MB`, [
    'import',
    'bomb.docx',
    '2014',
    'bomb',
    '--dry-run',
  ]);
}
