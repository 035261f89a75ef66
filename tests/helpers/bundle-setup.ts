/**
 * Vitest global setup: bundles src/ into dist/ before any test runs. Builds run their tasks in the
 * bundled worker (dist/build-worker.js) also when a test calls the CLI in-process, so a test run
 * must never meet a worker older than the sources it is testing (`npx vitest run tests/x.test.ts`).
 * A dist/ written after the last change to every input of the bundle (src/, the bundle script and
 * its stubs, package-lock.json for node_modules, gareport's own forms, theme.yaml and country list) is kept: `npm test` has just bundled, and bundling
 * again would cost its 2–3 s before any test starts.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The newest modification time of a file or of the files anywhere under a folder; 0 if it is missing. */
function newest(path: string): number {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** The oldest modification time of the bundle's entry files; 0 if one is missing. */
function bundledAt(dist: string): number {
  try {
    return Math.min(...['cli.js', 'build-worker.js'].map((name) => statSync(join(dist, name)).mtimeMs));
  } catch {
    return 0;
  }
}

export default function bundle(): void {
  const root = resolve(import.meta.dirname, '..', '..');
  // gareport's own forms, theme.yaml and country list are checked by the bundle script and their
  // results written into the bundle (scripts/bundle.mjs): inputs too.
  const inputs = [
    'src',
    join('scripts', 'bundle.mjs'),
    join('scripts', 'stubs'),
    'package-lock.json',
    'forms',
    join('templates', 'theme.yaml'),
    join('data', 'countries.yaml'),
  ];
  const changed = Math.max(...inputs.map((input) => newest(resolve(root, input))));
  if (bundledAt(resolve(root, 'dist')) > changed) return;
  execFileSync(process.execPath, [resolve(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
}
