/** A report's answers as they were at a git commit or branch, read with `git show`. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { UsageError } from '../diagnostics/errors.js';
import type { Answer, TargetAnswers } from '../model/answers.js';
import { answerOf } from '../model/answers.js';
import type { FormDefinition } from '../model/form.js';

const run = promisify(execFile);

export function checkRef(ref: string): void {
  if (!/^[\w./~^@{}-]+$/.test(ref) || ref.startsWith('-'))
    throw new UsageError(`\`${ref}\` is not a git commit or branch name`);
}

/** The file at `ref`, or undefined when it did not exist then. */
async function showAt(cwd: string, ref: string, path: string): Promise<string | undefined> {
  try {
    return (await run('git', ['show', `${ref}:./${path}`], { cwd, maxBuffer: 8 * 1024 * 1024 })).stdout;
  } catch (error) {
    const message = (error as { stderr?: string }).stderr ?? '';
    if (/does not exist|exists on disk, but not in/.test(message)) return undefined;
    throw new UsageError(
      `cannot read the answers at \`${ref}\`: ${message.split('\n')[0] || (error as Error).message}`,
      'run from a git checkout that has that commit (in CI, fetch with enough depth)',
    );
  }
}

/**
 * Answers by target, read leniently: a file that was broken at `ref` counts as unanswered, since
 * what matters is what the country has now.
 */
export async function answersAtRef(
  cwd: string,
  ref: string,
  year: number,
  country: string,
  form: FormDefinition,
): Promise<Map<number, TargetAnswers>> {
  checkRef(ref);
  await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd }).catch(() => {
    throw new UsageError(`\`${ref}\` is not a commit or branch of this repository`, 'try `main` or `origin/main`');
  });
  const answers = new Map<number, TargetAnswers>();
  for (const target of form.targets) {
    const text = await showAt(cwd, ref, `reports/${year}/${country}/target-${target.number}.yaml`);
    const goals = new Map<string, Map<string, Answer>>();
    let data: unknown;
    try {
      data = text === undefined ? undefined : parse(text);
    } catch {
      data = undefined;
    }
    const given = (data as { goals?: Record<string, Record<string, unknown> | null> } | null)?.goals ?? {};
    for (const [goal, questions] of Object.entries(given)) {
      const map = new Map<string, Answer>();
      for (const [q, value] of Object.entries(questions ?? {}))
        map.set(q, answerOf(typeof value === 'string' ? value : undefined));
      goals.set(goal, map);
    }
    answers.set(target.number, goals);
  }
  return answers;
}
