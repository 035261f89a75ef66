// How soon an edit shows in an open preview (issue 23): `npm run bench -- --preview` or
// `node scripts/bench-preview.mjs`. Starts `gareport preview 2014 kosovo` (the bundled binary) in a
// scratch project, opens the page in headless Chromium (Debian's, as the tests use), then saves
// Kosovo's first answer with a new sentence N times (by write-to-temp-and-rename, as editors save)
// and times each save until the sentence is in the page the browser shows. Once in a project with
// Kosovo alone, once with 54 countries. Prints the median and the range; the target is 0.5 s.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { makeCountries } from './make-countries.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'gareport.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SAVES = Number(process.env.BENCH_PREVIEW_SAVES ?? 9);
const TARGET_MS = 500;

function startPreview(cwd) {
  const child = spawn(process.execPath, [bin, 'preview', '2014', 'kosovo', '--port', '0'], {
    cwd,
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`preview ended with ${code}`)));
  });
}

async function timeSaves(countries) {
  const dir = await mkdtemp(join(tmpdir(), 'gareport-bench-preview-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  let child;
  try {
    await makeCountries(dir, countries, { kosovo: true });
    const started = await startPreview(dir);
    child = started.child;
    const page = await browser.newPage();
    await page.goto(`${started.url}kosovo/`);
    const file = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
    const original = await readFile(file, 'utf8');
    const first = /A: \|\n {6}(.+)\n/.exec(original)?.[1];
    if (!first) throw new Error('no block answer to edit in Kosovo target-1.yaml');
    const times = [];
    for (let i = 0; i < SAVES; i++) {
      const sentence = `Saved for the benchmark, number ${i}.`;
      const t0 = performance.now();
      await writeFile(`${file}.tmp`, original.replace(first, sentence));
      await rename(`${file}.tmp`, file);
      await page.waitForFunction((s) => document.querySelector('main')?.textContent?.includes(s), sentence, {
        polling: 'raf',
        timeout: 30_000,
      });
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  } finally {
    child?.kill('SIGINT');
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(2);
}
let missed = false;
for (const countries of [1, 54]) {
  const times = await timeSaves(countries);
  const median = times[times.length >> 1];
  missed ||= median > TARGET_MS;
  console.log(
    `preview, save → page shows it (${countries === 1 ? 'Kosovo alone' : `${countries} countries`}, ${SAVES} saves): median ${Math.round(median)} ms (${Math.round(times[0])}–${Math.round(times.at(-1))} ms; target ${TARGET_MS} ms)`,
  );
}
process.exitCode = missed ? 1 : 0;
