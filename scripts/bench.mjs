// Benchmark of batch builds: `npm run bench`.
//
// Makes a scratch project with 54 countries (Kosovo and 53 variations of it, by
// scripts/make-countries.mjs), then times the bundled binary (bin/gareport.js, so run
// `npm run bundle` after changing src/) on: a cold `validate`, a full build of 54 × 3 formats plus
// the consolidated report, a rebuild with nothing changed, a rebuild after one country changed,
// a single-country build, and single-country builds of answers that stress the PDF renderer (one
// 100,000-character word, #8 item 11; answers in Chinese, Japanese, Korean, Thai and Arabic, which
// need the system's fonts and fontkit's shaper, issue 10). Each is run 3 times; the table shows the median (and the range).
// Peak memory is the maximum resident set size of the whole process (worker threads included),
// from /usr/bin/time when present, else by sampling /proc.
//
// Then hostile input (scripts/bench-hostile.mjs): answer files of 1 MiB built to be costly, and a
// .docx zip bomb, each within 2 s and 300 MB or refused naming a limit. --hostile-only runs only those.
// Then issue 19's table (scripts/bench-ratios.mjs): each figure as a ratio against a reference
// command (pandoc, Chromium, `node -e 0`) measured in the same run, in turns, under this Node and
// every other one named by --node PATH (or GAREPORT_BENCH_NODE). --ratios-only runs only those.
// --fonts (scripts/bench-fonts.mjs) times the PDF font engine against fontkit, and nothing else.
// Options: --runs N (default 3; pairs for the ratios: --pairs N, default 5), --countries N
// (default 54), --keep (leave the scratch project).
// Exits 1 when a target is missed: full build < 10 s, no-change rebuild < 0.5 s writing no file,
// peak memory < 300 MB, and each ratio of issue 19's table.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { benchHostileInputs } from './bench-hostile.mjs';
import { benchNodes, benchRatios, printRatios } from './bench-ratios.mjs';
import { makeCountries } from './make-countries.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'gareport.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const RUNS = option('--runs', 3);
const HOSTILE_ONLY = args.includes('--hostile-only');
const RATIOS_ONLY = args.includes('--ratios-only');
const PAIRS = option('--pairs', 5);
const NODES = benchNodes(args);
const COUNTRIES = HOSTILE_ONLY ? 1 : option('--countries', 54);
const TARGETS = { full: 10_000, noop: 500, stress: 2_000, rssMb: 300 };
const TIME = '/usr/bin/time';
const haveTime = existsSync(TIME);

if (args.includes('--fonts')) {
  const { benchFonts } = await import('./bench-fonts.mjs');
  await benchFonts({ runs: option('--runs', 7) });
  process.exit();
}

if (!existsSync(join(root, 'dist', 'cli.js')) || !existsSync(join(root, 'dist', 'build-worker.js'))) {
  console.error('dist/ is missing: run `npm run bundle` first.');
  process.exit(2);
}

/** Runs the binary in `cwd`; resolves to wall time (ms), peak RSS (KB), CPU time (s, when known) and exit code. */
function run(cwd, cliArgs) {
  return new Promise((resolve, reject) => {
    const rssFile = join(cwd, `.rss-${process.pid}`);
    const command = haveTime ? TIME : process.execPath;
    const argv = haveTime ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, bin, ...cliArgs] : [bin, ...cliArgs];
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    // Without /usr/bin/time: sample the process's resident set (its high-water mark) while it runs.
    let sampled = 0;
    const sampler = haveTime
      ? undefined
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            sampled = Math.max(sampled, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
          } catch {
            // ended between two samples
          }
        }, 10);
    child.on('error', reject);
    child.on('close', async (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (sampler) clearInterval(sampler);
      let rssKb = sampled;
      let cpu = Number.NaN;
      if (haveTime) {
        const text = await readFile(rssFile, 'utf8').catch(() => '');
        const [rss, user, system] = (text.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
        rssKb = rss || 0;
        cpu = (user ?? Number.NaN) + (system ?? Number.NaN);
        await rm(rssFile, { force: true });
      }
      resolve({ ms, rssKb, cpu, code, output });
    });
  });
}

/** Every file under `dir`: relative path → mtime. */
async function mtimes(dir) {
  const files = new Map();
  const visit = async (folder) => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else files.set(relative(dir, path), (await stat(path)).mtimeMs);
    }
  };
  await visit(dir);
  return files;
}

function changedCount(before, after) {
  let n = 0;
  for (const [path, mtime] of after) if (before.get(path) !== mtime) n++;
  for (const path of before.keys()) if (!after.has(path)) n++;
  return n;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

class RunFailed extends Error {}

/** A copy of Kosovo's report whose first answer is `answer`; returns its slug. */
async function stressCountry(project, answer) {
  const slug = 'stress';
  const folder = join(project, 'reports', '2014', slug);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(join(project, 'reports', '2014', 'kosovo'))) {
    await writeFile(join(folder, name), await readFile(join(project, 'reports', '2014', 'kosovo', name)));
  }
  const file = join(folder, 'target-1.yaml');
  const doc = parseYaml(await readFile(file, 'utf8'));
  const [goal] = Object.keys(doc.goals);
  doc.goals[goal].A = answer;
  await writeFile(file, stringifyYaml(doc, { lineWidth: 0 }));
  return slug;
}

function expectExit(result, codes, what) {
  if (!codes.includes(result.code)) throw new RunFailed(`${what} exited with ${result.code}:\n${result.output}`);
}

const dir = await mkdtemp(join(tmpdir(), 'gareport-bench-'));
const results = [];
const record = (name, runs, extra = {}) => {
  const ms = runs.map((r) => r.ms);
  const rss = runs.map((r) => r.rssKb / 1024);
  results.push({
    name,
    cpu: median(runs.map((r) => r.cpu)),
    ms: median(ms),
    min: Math.min(...ms),
    max: Math.max(...ms),
    rssMb: median(rss),
    maxRssMb: Math.max(...rss),
    ...extra,
  });
};
const load = [loadavg()];
let ratios = [];

try {
  const made = await makeCountries(dir, COUNTRIES, { kosovo: true });
  const files = (await readdir(join(dir, 'reports', '2014'))).length;
  console.error(`scratch project ${dir}: ${files} countries (${made.length} generated)`);

  if (!HOSTILE_ONLY && !RATIOS_ONLY) {
    // 1. Cold validate of every report.
    const validate = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await run(dir, ['validate', '2014']);
      expectExit(r, [0], 'validate');
      validate.push(r);
    }
    record('`validate 2014` (cold, all countries)', validate);

    // 2. Full build into an empty folder; 3. no-change rebuild right after each.
    const full = [];
    const noop = [];
    const noopChanged = [];
    for (let i = 0; i < RUNS; i++) {
      await rm(join(dir, 'out'), { recursive: true, force: true });
      const r = await run(dir, ['build', '2014', '--quiet']);
      expectExit(r, [0], 'full build');
      full.push(r);
      const outputs = await mtimes(join(dir, 'out'));
      if (i === 0) console.error(`full build wrote ${outputs.size} files`);
      const before = outputs;
      const again = await run(dir, ['build', '2014', '--quiet']);
      expectExit(again, [0], 'no-change rebuild');
      noop.push(again);
      noopChanged.push(changedCount(before, await mtimes(join(dir, 'out'))));
    }
    const fullFiles = (await mtimes(join(dir, 'out'))).size;
    record(`full build: ${files} countries × 3 formats + consolidated + index (${fullFiles} files)`, full, {
      target: TARGETS.full,
    });
    record('rebuild, nothing changed', noop, { target: TARGETS.noop, changed: Math.max(...noopChanged) });

    // 4. One country's answer changed: that country and the year files are rebuilt.
    const one = [];
    const oneChanged = [];
    const file = join(dir, 'reports', '2014', 'kosovo', 'target-1.yaml');
    const original = await readFile(file, 'utf8');
    for (let i = 0; i < RUNS; i++) {
      await writeFile(file, original.replace('During the reporting period', `In benchmark run ${i + 1}`));
      const before = await mtimes(join(dir, 'out'));
      const r = await run(dir, ['build', '2014', '--quiet']);
      expectExit(r, [0], 'one-country rebuild');
      one.push(r);
      oneChanged.push(changedCount(before, await mtimes(join(dir, 'out'))));
    }
    await writeFile(file, original);
    record('rebuild, one country changed (it + consolidated + index)', one, { changed: median(oneChanged) });

    // 5. A single country, cold.
    const single = [];
    for (let i = 0; i < RUNS; i++) {
      await rm(join(dir, 'single'), { recursive: true, force: true });
      const r = await run(dir, ['build', '2014', 'kosovo', '--quiet', '--out', 'single']);
      expectExit(r, [0], 'single build');
      single.push(r);
    }
    record('`build 2014 kosovo` (one country, cold)', single);

    // 6. Kosovo with one answer replaced by text that is costly to lay out, built alone.
    const scripts = [
      '国家公安部网络安全保卫局与各省公安机关合作，建立了儿童保护专门队伍。',
      '警察庁サイバー犯罪対策課は、児童の保護のために専門チームを設置しました。',
      '경찰청 사이버수사국은 아동 보호를 위한 전담팀을 설치했습니다.',
      'สำนักงานตำรวจแห่งชาติได้จัดตั้งหน่วยงานพิเศษเพื่อคุ้มครองเด็กบนอินเทอร์เน็ต',
      'أنشأت الشرطة وحدة خاصة لحماية الأطفال على الإنترنت في عام 2014.',
    ];
    const stressAnswers = [
      // #8 item 11: any answer of 1 MiB or less builds in 2 s.
      ['one 100,000-character word', 'y'.repeat(100_000), TARGETS.stress],
      // Issue 10: timed, no target (it depends on the fonts installed).
      [
        'CJK, Thai and Arabic paragraphs (system fonts, fontkit shaping)',
        Array(3).fill(scripts.join('\n\n')).join('\n\n'),
      ],
    ];
    for (const [what, answer, target] of stressAnswers) {
      const slug = await stressCountry(dir, answer);
      const stress = [];
      for (let i = 0; i < RUNS; i++) {
        await rm(join(dir, 'stress'), { recursive: true, force: true });
        const r = await run(dir, ['build', '2014', slug, '--quiet', '--out', 'stress']);
        expectExit(r, [0], `build of ${what}`);
        stress.push(r);
      }
      await rm(join(dir, 'reports', '2014', slug), { recursive: true, force: true });
      record(`\`build 2014\` of Kosovo with ${what} as an answer`, stress, target ? { target } : {});
    }
  }

  // 7. Hostile input (#8 item 11): each within 2 s and 300 MB, or refused naming a limit.
  if (!RATIOS_ONLY) await benchHostileInputs(dir, { run, record, runs: RUNS, target: TARGETS.stress });
  // 8. Issue 19's table: ratios against reference commands, under each Node.
  if (!HOSTILE_ONLY) ratios = await benchRatios(dir, { bin, nodes: NODES, runs: PAIRS });
  load.push(loadavg());
} catch (error) {
  if (!(error instanceof RunFailed)) throw error;
  console.error(error.message);
  process.exitCode = 2;
} finally {
  if (!args.includes('--keep')) await rm(dir, { recursive: true, force: true });
}
if (process.exitCode === 2) process.exit();

// The report.
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`## gareport benchmark\n`);
console.log(
  `Machine: ${availableParallelism()} cores (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; Node ${process.version}; ${RUNS} runs each, median [min–max].`,
);
console.log(
  `Load average before/after: ${load.map((l) => l.map((x) => x.toFixed(2)).join(' ')).join(' → ')} (other processes on the machine slow the timings).`,
);
console.log(`Peak memory: ${haveTime ? '/usr/bin/time %M' : 'sampled VmHWM'} (max RSS, worker threads included).\n`);
if (results.length) {
  console.log('| measurement | wall time | CPU (user+sys) | peak RSS | files changed | target | |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
}
const failures = [];
for (const r of results) {
  const time = `${(r.ms / 1000).toFixed(2)} s [${(r.min / 1000).toFixed(2)}–${(r.max / 1000).toFixed(2)}]`;
  const checks = [];
  if (r.target !== undefined) checks.push(r.ms < r.target);
  if (r.changed !== undefined && r.target !== undefined) checks.push(r.changed === 0);
  checks.push(r.maxRssMb < TARGETS.rssMb);
  const targetText = [
    r.target !== undefined ? `< ${r.target / 1000} s` : '',
    r.changed !== undefined && r.target !== undefined ? '0 files' : '',
    `< ${TARGETS.rssMb} MB`,
  ]
    .filter(Boolean)
    .join(', ');
  const ok = checks.every(Boolean);
  if (!ok) failures.push(r.name);
  console.log(
    `| ${r.name} | ${time} | ${Number.isNaN(r.cpu) ? '–' : `${r.cpu.toFixed(2)} s`} | ${r.rssMb.toFixed(0)} MB (max ${r.maxRssMb.toFixed(0)}) | ${r.changed ?? ''} | ${targetText} | ${ok ? 'ok' : '**missed**'} |`,
  );
}
if (ratios.length) failures.push(...printRatios(ratios, PAIRS));
if (failures.length) {
  console.log(`\nTargets missed: ${failures.join('; ')}.`);
  process.exitCode = 1;
} else console.log('\nAll targets met.');
