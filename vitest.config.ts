import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/bundle-setup.ts'],
    setupFiles: ['tests/helpers/keep-workers.ts'],
    // No test is timed; these limits only stop a test that hangs. A machine shared with others can
    // take minutes for what takes seconds on a quiet one, so they are generous.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // PDF rendering and the browser checks are CPU-heavy; two cores, two workers.
    maxWorkers: 2,
    // Worker threads, each loading gareport's modules (unified, zod, pdfkit…) once for all the test
    // files it runs, instead of a fresh process and module graph per file. Test files share no
    // state: each makes its own scratch folders and passes the environment to gareport explicitly.
    pool: 'threads',
    isolate: false,
  },
});
