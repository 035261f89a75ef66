// Bundles src/ into dist/ so the CLI starts without resolving hundreds of module files.
// Code splitting keeps each command (and pdfkit, left external) out of start-up until it is used.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  // pdfkit is bundled (resolving its ~40 modules at run time costs more than loading them);
  // it sits in the PDF chunk, which only `build` with PDF output loads.
  external: ['dejavu-fonts-ttf', 'playwright-core', 'mammoth'],
  plugins: [
    {
      name: 'no-woff2',
      setup(b) {
        b.onResolve({ filter: /^brotli\/decompress\.js$/ }, () => ({
          path: fileURLToPath(new URL('./stubs/brotli-decompress.js', import.meta.url)),
        }));
      },
    },
  ],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
  banner: {
    // Some bundled CommonJS dependencies call require(); give them one.
    js: "import { createRequire as __gareportCreateRequire } from 'node:module'; const require = __gareportCreateRequire(import.meta.url);",
  },
});
