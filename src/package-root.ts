import { fileURLToPath } from 'node:url';

/**
 * The folder holding gareport's own package.json, forms/ and templates/.
 * This file sits one level below it both as src/package-root.ts and once bundled into dist/.
 */
export const packageRoot: string = fileURLToPath(new URL('..', import.meta.url));
