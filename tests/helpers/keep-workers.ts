/**
 * Vitest setup file: the in-process builds of a test worker share one pool of build threads, as
 * `build --watch` does (src/batch/pool.ts keepWorkers), instead of starting threads and loading the
 * render stack for each build. Each build still reads its own templates, theme and settings.
 */
import { keepWorkers } from '../../src/batch/pool.js';

declare global {
  var gareportWorkersKept: boolean | undefined;
}

// With `isolate: false` this file runs before every test file in the same module graph: hold once.
if (!globalThis.gareportWorkersKept) {
  globalThis.gareportWorkersKept = true;
  keepWorkers();
}
