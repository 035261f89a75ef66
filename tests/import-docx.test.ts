import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject, runInProcess } from './helpers/cli.js';
import { makeDocx, seedAsDocx } from './helpers/docx-forms.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function scratch(options: { withKosovo?: boolean } = {}): Promise<string> {
  const project = await makeProject(options);
  cleanups.push(project.cleanup);
  return project.dir;
}

/** What the answer files of a report say: goal id → question id → text without the block's final newline. */
async function writtenAnswers(dir: string, year = 2014, country = 'kosovo') {
  const out: Record<string, Record<string, string | null>> = {};
  for (const n of [1, 2, 3, 4]) {
    const path = join(dir, 'reports', String(year), country, `target-${n}.yaml`);
    const data = parse(await readFile(path, 'utf8')) as { goals: Record<string, Record<string, string | null>> };
    for (const [goal, questions] of Object.entries(data.goals)) {
      out[goal] = Object.fromEntries(
        Object.entries(questions).map(([q, text]) => [q, text === null ? null : text.replace(/\n$/, '')]),
      );
    }
  }
  return out;
}

describe('gareport import: .docx', () => {
  it('imports the seed saved as a Word document to the same report', async () => {
    const handWritten = await scratch({ withKosovo: true });
    const imported = await scratch();
    await seedAsDocx(join(imported, 'kosovo.docx'));
    const result = await runInProcess(['import', 'kosovo.docx', '2014', 'kosovo'], imported);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    for (const dir of [handWritten, imported]) {
      expect((await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir)).exitCode).toBe(0);
    }
    expect(await readFile(join(imported, 'out', '2014', 'kosovo.md'), 'utf8')).toBe(
      await readFile(join(handWritten, 'out', '2014', 'kosovo.md'), 'utf8'),
    );
  });

  it('converts a Word document and imports it like text', async () => {
    const dir = await scratch();
    await makeDocx(join(dir, 'filled.docx'));
    const result = await runInProcess(['import', 'filled.docx', '2014', 'ukraine'], dir);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.exitCode).toBe(0);
    const written = await writtenAnswers(dir, 2014, 'ukraine');
    expect(written['icse-victim-identification']).toEqual({
      A: 'Ідентифіковано **17** дітей; <3 випадки без даних.\n\n- Навчання аналітиків\n- Чергування 24/7\n  - вночі теж',
      B: '--',
      C: '1. Перший крок\n2. Другий крок',
    });
    expect((await runInProcess(['validate', '2014', 'ukraine'], dir)).exitCode).toBe(0);
  });
});
