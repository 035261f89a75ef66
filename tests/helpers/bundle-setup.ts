/**
 * Vitest global setup: bundles src/ into dist/ before any test runs. Builds run their tasks in the
 * bundled worker (dist/build-worker.js) also when a test calls the CLI in-process, so a test run
 * must never meet a worker older than the sources it is testing (`npx vitest run tests/x.test.ts`).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function bundle(): void {
  const root = resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [resolve(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
}
