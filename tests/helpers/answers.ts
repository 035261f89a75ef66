/**
 * Writes a country's answer files from a list of answers in form order (target → goal → question),
 * for tests that need particular Markdown in particular places.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './cli.js';

export interface FormQuestion {
  target: number;
  goal: string;
  question: string;
}

/** The 2014 form's questions in the order reports show them. */
export function formQuestions(): FormQuestion[] {
  const form = parse(readFileSync(join(repoRoot, 'forms', '2014.yaml'), 'utf8')) as {
    questions: { id: string }[];
    targets: { number: number; goals: { id: string }[] }[];
  };
  return form.targets.flatMap((t) =>
    t.goals.flatMap((g) => form.questions.map((q) => ({ target: t.number, goal: g.id, question: q.id }))),
  );
}

function block(text: string, indent: string): string {
  return `|\n${text
    .split('\n')
    .map((line) => (line ? `${indent}${line}` : ''))
    .join('\n')}\n`;
}

/** reports/2014/<slug>/: country.yaml and the four target files; `answers[i]` answers question i. */
export async function writeCountry(
  dir: string,
  slug: string,
  name: string,
  answers: readonly (string | undefined)[],
): Promise<void> {
  const folder = join(dir, 'reports', '2014', slug);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'country.yaml'), `name: ${JSON.stringify(name)}\nlanguage: en\n`);
  const questions = formQuestions();
  for (const target of [...new Set(questions.map((q) => q.target))]) {
    let yaml = `target: ${target}\ngoals:\n`;
    let goal = '';
    questions.forEach((q, i) => {
      if (q.target !== target) return;
      if (q.goal !== goal) {
        goal = q.goal;
        yaml += `  ${goal}:\n`;
      }
      const answer = answers[i];
      yaml += `    ${q.question}: ${answer === undefined ? '--\n' : block(answer, '      ')}`;
    });
    await writeFile(join(folder, `target-${target}.yaml`), yaml);
  }
}
