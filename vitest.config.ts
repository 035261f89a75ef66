import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/bundle-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // PDF rendering and the browser checks are CPU-heavy; two cores, two workers.
    maxWorkers: 2,
  },
});
