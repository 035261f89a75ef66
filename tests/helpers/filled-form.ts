import type { FormDefinition } from '../../src/model/form.js';
import { loadForm } from '../../src/model/report.js';
import { repoRoot } from './cli.js';

/** gareport's own form of a year. */
export async function formOf(year: number): Promise<FormDefinition> {
  const { form } = await loadForm({ cwd: repoRoot, packageRoot: repoRoot }, year);
  if (!form) throw new Error(`no form for ${year}`);
  return form;
}

/** Answers by goal id, then question id; a question left out is written with nothing under it. */
export type Answers = Record<string, Record<string, string>>;

/**
 * A filled-in form as a country types it: the title, the country, and every target, goal and
 * question of the form in order, each answer under its question.
 */
export function filledFormText(form: FormDefinition, answers: Answers, country = 'KOSOVO'): string {
  const lines = [form.title, '', country, ''];
  for (const target of form.targets) {
    lines.push(`Policy Target No. ${target.number}`, '', target.text, '');
    for (const goal of target.goals) {
      lines.push(`Operational Goal: ${goal.text}`, '');
      for (const q of goal.questions) {
        lines.push(`${q.id}) ${q.text}`, '');
        const answer = answers[goal.id]?.[q.id];
        if (answer) lines.push(answer, '');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
