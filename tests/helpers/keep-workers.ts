/**
 * Vitest setup file: the in-process builds of a test worker share one pool of build threads, as
 * `build --watch` does (src/batch/pool.ts keepWorkers), instead of starting threads and loading the
 * render stack for each build. Each build still reads its own templates, theme and settings.
 * With `isolate: false` this runs before every test file: each call holds the same pool once more,
 * and nothing lets go (the threads end with the test run).
 */
import { keepWorkers } from '../../src/batch/pool.js';

keepWorkers();
