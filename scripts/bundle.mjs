// Bundles src/ into dist/ so the CLI starts without resolving hundreds of module files.
// Code splitting keeps each command (and pdfkit) out of start-up until it is used.
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

// Build into a fresh folder and swap it in, so a failed build leaves the previous dist/ working.
rmSync('dist.next', { recursive: true, force: true });

// gareport's own templates/theme.yaml and forms/<year>.yaml, checked here by the code that checks
// them at run time; a run reading the very same text takes the result instead of parsing and
// checking it again (src/render/theme/checked.ts, src/model/checked-files.ts; issue 19). A file
// with any problem is left out: the run reports it.
const checker = 'dist.next/checker.mjs';
await build({
  stdin: {
    contents: [
      "export { builtInTheme } from './src/render/theme/load.ts';",
      "export { readFormFile } from './src/model/form.ts';",
      "export { readSourceText } from './src/load/encoding.ts';",
    ].join('\n'),
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  outfile: checker,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const check = await import(pathToFileURL(checker).href);
rmSync(checker);
const root = process.cwd();

async function checkedTheme() {
  const { theme, diagnostics } = await check.builtInTheme(root, root);
  if (!theme || diagnostics.length) return 'undefined';
  return JSON.stringify({ text: readFileSync('templates/theme.yaml', 'utf8'), theme });
}

async function checkedForms() {
  const forms = [];
  for (const name of readdirSync('forms').sort()) {
    if (!/^\d{4}\.ya?ml$/.test(name)) continue;
    const path = join(root, 'forms', name);
    const read = await check.readSourceText(path, name);
    const { file, diagnostics } = await check.readFormFile(path, name);
    if (read.source && read.diagnostics.length === 0 && file && diagnostics.length === 0)
      forms.push({ text: read.source.text, file });
  }
  return JSON.stringify(forms);
}

const checkedThemeModule = `export const CHECKED_THEME = ${await checkedTheme()};`;
// data/countries.yaml is parsed as the run parses it (yaml's parse) when it holds this text.
const countries = readFileSync('data/countries.yaml', 'utf8');
const checkedFilesModule = [
  `export const CHECKED_FORMS = ${await checkedForms()};`,
  `export const CHECKED_COUNTRIES = ${JSON.stringify({ text: countries, names: parse(countries) })};`,
].join('\n');

await build({
  entryPoints: {
    cli: 'src/cli/main.ts',
    'build-worker': 'src/batch/worker.ts',
  },
  outdir: 'dist.next',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // pdfkit is bundled (resolving its ~40 modules at run time costs more than loading them);
  // it sits in the PDF chunk, which only `build` with PDF output loads.
  external: ['dejavu-fonts-ttf', 'playwright-core', 'mammoth', 'piscina'],
  plugins: [
    {
      // Stand-ins for code gareport never runs; see the comments in each stub.
      name: 'stubs',
      setup(b) {
        const stub = (name) => fileURLToPath(new URL(`./stubs/${name}`, import.meta.url));
        // PDFKit's own fontkit import is never used (gareport hands it font objects, see
        // src/render/pdf/pdfkit-internals.ts); gareport's lazy import of fontkit, for complex
        // scripts and fallback fonts only, stays a run-time import from node_modules.
        b.onResolve({ filter: /^fontkit$/ }, (args) =>
          /[\\/]node_modules[\\/]pdfkit[\\/]/.test(args.importer)
            ? { path: stub('no-fontkit.js') }
            : { path: 'fontkit', external: true },
        );
        b.onLoad({ filter: /[\\/]src[\\/]render[\\/]theme[\\/]checked\.ts$/ }, () => ({
          contents: checkedThemeModule,
          loader: 'js',
        }));
        b.onLoad({ filter: /[\\/]src[\\/]model[\\/]checked-files\.ts$/ }, () => ({
          contents: checkedFilesModule,
          loader: 'js',
        }));
        b.onResolve({ filter: /^@noble\/ciphers\/aes(\.js)?$/ }, () => ({ path: stub('no-pdf-encryption.js') }));
        b.onResolve({ filter: /^linebreak$/ }, () => ({ path: stub('no-line-wrapper.js') }));
        b.onResolve({ filter: /^node:child_process$/ }, (args) =>
          /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
            ? { path: stub('lazy-child-process.js') }
            : undefined,
        );
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

rmSync('dist', { recursive: true, force: true });
renameSync('dist.next', 'dist');
