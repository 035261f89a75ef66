// Bundles src/ into dist/ so the CLI starts without resolving hundreds of module files.
// Code splitting keeps each command (and pdfkit, left external) out of start-up until it is used.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts', 'build-worker': 'src/build/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['pdfkit', 'dejavu-fonts-ttf', 'playwright-core', 'mammoth'],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
  banner: {
    // Some bundled CommonJS dependencies call require(); give them one.
    js: "import { createRequire as __gareportCreateRequire } from 'node:module'; const require = __gareportCreateRequire(import.meta.url);",
  },
});
