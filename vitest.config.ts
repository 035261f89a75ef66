import { defineConfig } from 'vitest/config';

/** Vite's `development` resolve condition, under either of its names. */
const development = (condition: string) => condition === 'development' || condition === 'development|production';

export default defineConfig({
  plugins: [
    {
      // Dependencies are resolved as Node and the bundle (esbuild, platform node) resolve them,
      // without Vite's `development` condition: it picks the dev builds of micromark and its
      // extensions, with assertions and `debug` calls in every tokenizer step, which made each
      // Markdown parse of the in-process tests about twice as slow as the code users run. Vitest
      // adds the condition to whatever the config lists, so it is taken out of the resolved config.
      name: 'gareport:without-development-condition',
      configResolved(config) {
        const resolves = [
          config.resolve,
          config.ssr.resolve,
          ...Object.values(config.environments).map((e) => e.resolve),
        ];
        for (const resolve of resolves) {
          for (const list of [resolve?.conditions, resolve?.externalConditions]) {
            if (Array.isArray(list)) list.splice(0, list.length, ...list.filter((c) => !development(c)));
          }
        }
      },
    },
  ],
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
