import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { parse } from 'yaml';
import { makeProject } from './cli.js';

/**
 * A `scratch()` that makes a temporary project, removed after each test of the file that calls
 * this at its top level.
 */
export function scratchProjects(): (options?: { withKosovo?: boolean }) => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return async (options = {}) => {
    const project = await makeProject(options);
    cleanups.push(project.cleanup);
    return project.dir;
  };
}

/** What each answer file says: goal id → question id → text (without the block's final newline), or null. */
export async function writtenAnswers(dir: string, year = 2014, country = 'kosovo') {
  const out: Record<string, Record<string, string | null>> = {};
  const folder = join(dir, 'reports', String(year), country);
  for (const name of (await readdir(folder)).filter((n) => n.startsWith('target-'))) {
    const data = parse(await readFile(join(folder, name), 'utf8')) as {
      goals: Record<string, Record<string, string | null>>;
    };
    for (const [goal, questions] of Object.entries(data.goals)) {
      out[goal] = Object.fromEntries(
        Object.entries(questions).map(([q, text]) => [q, text === null ? null : text.replace(/\n$/, '')]),
      );
    }
  }
  return out;
}
