// `npm run bench -- --fonts [--runs N]`: the in-house font engine (src/render/pdf: sfnt.ts,
// shaping.ts, gpos-kern.ts, subset.ts) against fontkit, doing the font work of one report (open
// the default theme's five faces, measure and lay out the 2014 form's text and Kosovo's answers, subset
// and encode each face), in the same run and in turns:
// - cold: a fresh process for one report (wall time of the process, and the time inside it from
//   loading the engine's modules to the encoded subsets);
// - warm: a process that has opened the faces and set three reports already, as a kept build
//   worker has (median time of one more report).
// The task (scripts/bench-fonts-task.mjs) is bundled by esbuild into node_modules/.cache.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const k = sorted.length >> 1;
  return sorted.length % 2 ? sorted[k] : (sorted[k - 1] + sorted[k]) / 2;
};

/** Every string in a parsed YAML value, in order. */
const strings = (value) =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

function runTask(task, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [task, ...args], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`font bench task ${args.join(' ')} failed:\n${r.stderr}`);
  return { wall, ...JSON.parse(r.stdout) };
}

export async function benchFonts({ runs }) {
  const cache = join(root, 'node_modules', '.cache', 'gareport-bench');
  await mkdir(cache, { recursive: true });
  const task = join(cache, 'fonts-task.mjs');
  await build({
    entryPoints: [join(root, 'scripts', 'bench-fonts-task.mjs')],
    outfile: task,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['fontkit'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  // The text of the report: the form's titles and questions, then Kosovo's answers.
  const texts = strings(parse(await readFile(join(root, 'forms', '2014.yaml'), 'utf8')));
  const kosovo = join(root, 'reports', '2014', 'kosovo');
  for (const name of (await readdir(kosovo)).sort()) {
    if (name.startsWith('target-')) texts.push(...strings(parse(await readFile(join(kosovo, name), 'utf8'))));
  }
  const textFile = join(cache, 'fonts-text.txt');
  await writeFile(textFile, texts.join('\n'));

  const cold = { house: [], fontkit: [] };
  const warm = { house: [], fontkit: [] };
  for (let i = 0; i <= runs; i++) {
    for (const engine of ['house', 'fontkit']) {
      const result = runTask(task, ['cold', engine, textFile]);
      if (i > 0) cold[engine].push(result);
    }
  }
  for (let i = 0; i < 3; i++) {
    for (const engine of ['house', 'fontkit'])
      warm[engine].push(...runTask(task, ['warm', engine, textFile, String(runs)]).ms);
  }
  const row = (what, house, fontkit) =>
    console.log(`| ${what} | ${house.toFixed(1)} ms | ${fontkit.toFixed(1)} ms | ${(fontkit / house).toFixed(1)}× |`);
  console.log(`## Font engine against fontkit\n`);
  console.log(
    `Node ${process.version}; ${texts.join('\n').length} characters (the 2014 form's text and Kosovo's answers), 5 faces (Noto Serif regular, bold, italic; Noto Sans regular, bold); ${runs} cold runs each in turns, ${3 * runs} warm reports each; medians.\n`,
  );
  console.log("| one report's font work | in-house | fontkit | fontkit / in-house |");
  console.log('| --- | ---: | ---: | ---: |');
  row('cold process, wall', median(cold.house.map((r) => r.wall)), median(cold.fontkit.map((r) => r.wall)));
  row(
    'cold, inside the process (modules loaded, faces opened, report set)',
    median(cold.house.map((r) => r.ms)),
    median(cold.fontkit.map((r) => r.ms)),
  );
  row('warm worker (faces open, three reports set before)', median(warm.house), median(warm.fontkit));
}
