// Issue 19's table for `npm run bench`: each figure as a ratio against a reference command,
// measured in the same run, in turns (A B A B …), so that a machine whose speed drifts from one
// minute to the next still gives a figure to compare. Each run is a whole process, start-up
// included: wall time by a monotonic clock, CPU time (user+system) and peak memory (max RSS, worker
// threads included) from /usr/bin/time. The ratio is the median of the pairwise ratios A/B.
//
// gareport runs under every Node given (`--node PATH`, or GAREPORT_BENCH_NODE as a list separated
// by the platform's path delimiter; the Node running the bench always), and `node -e 0` is the
// same Node's. pandoc and Chromium are the reference for what gareport does; a row whose
// reference is missing is left out.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const TIME = '/usr/bin/time';

/** The first of `names` found on PATH, or undefined. */
function which(...names) {
  for (const name of names) {
    for (const folder of (process.env.PATH ?? '').split(delimiter)) {
      if (folder && existsSync(join(folder, name))) return join(folder, name);
    }
  }
  return undefined;
}

/** Runs `argv` in `cwd` once: wall and CPU time (s), peak memory (MiB), exit code. */
function once(argv, cwd) {
  const timed = existsSync(TIME);
  const command = timed ? [TIME, '-f', '@@ %U %S %M', ...argv] : argv;
  const started = process.hrtime.bigint();
  const r = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const m = /@@ ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited with ${r.status}:\n${(r.stderr ?? '').slice(-2000)}`);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN, peakMiB: m ? Number(m[3]) / 1024 : Number.NaN };
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const k = sorted.length >> 1;
  return sorted.length % 2 ? sorted[k] : (sorted[k - 1] + sorted[k]) / 2;
};

/** A and B `runs` times in turns after one warm-up pair; `before` runs ahead of each A (not timed). */
function paired(a, b, cwd, runs, before) {
  const A = [];
  const B = [];
  for (let i = 0; i <= runs; i++) {
    before?.();
    const x = once(a, cwd);
    const y = once(b, cwd);
    if (i === 0) continue;
    A.push(x);
    B.push(y);
  }
  const of = (xs, key) => median(xs.map((x) => x[key]));
  return {
    a: { wall: of(A, 'wall'), cpu: of(A, 'cpu'), peakMiB: Math.max(...A.map((x) => x.peakMiB)) },
    b: { wall: of(B, 'wall'), cpu: of(B, 'cpu'), peakMiB: Math.max(...B.map((x) => x.peakMiB)) },
    ratio: median(A.map((x, i) => x.wall / B[i].wall)),
    cpuRatio: median(A.map((x, i) => x.cpu / B[i].cpu)),
  };
}

/** The Node binaries to run gareport with: this one, then those of --node and GAREPORT_BENCH_NODE. */
export function benchNodes(args) {
  const nodes = [process.execPath];
  args.forEach((arg, i) => {
    if (arg === '--node' && args[i + 1]) nodes.push(args[i + 1]);
  });
  for (const path of (process.env.GAREPORT_BENCH_NODE ?? '').split(delimiter)) if (path) nodes.push(path);
  return [...new Set(nodes)].filter((node) => {
    const ok = spawnSync(node, ['--version'], { encoding: 'utf8' }).status === 0;
    if (!ok) console.error(`not a Node binary, left out: ${node}`);
    return ok;
  });
}

/**
 * The rows of issue 19's table for each Node, measured in `dir` (a project with Kosovo and other
 * countries for 2014). Returns rows { figure, node, a, b, ratio, cpuRatio, target, peakTarget }.
 */
export async function benchRatios(dir, { bin, nodes, runs }) {
  const pandoc = which('pandoc');
  const chromium = which('chromium', 'chromium-browser', 'google-chrome');
  const ref = join(dir, 'reference');
  await rm(ref, { recursive: true, force: true });
  await mkdir(join(ref, 'html'), { recursive: true });
  // The Markdown the references start from: gareport's own, the same form and answers.
  once([process.execPath, bin, 'build', '2014', '--format', 'md', '--quiet', '--out', join(ref, 'md')], dir);
  const mdDir = join(ref, 'md', '2014');
  const countries = (await readdir(mdDir)).filter(
    (name) => name.endsWith('.md') && name !== 'all-countries.md' && name !== 'index.md',
  );
  const pandocHtml = (name) =>
    `pandoc -s --metadata title=Report -o "${join(ref, 'html', name.replace(/\.md$/, '.html'))}" "${join(mdDir, name)}"`;
  const pandocAndChromium = [
    'sh',
    '-c',
    `${pandocHtml('kosovo.md')} && "${chromium}" --headless --no-sandbox --disable-gpu --user-data-dir="${join(ref, 'chromium')}" --no-pdf-header-footer --print-to-pdf="${join(ref, 'kosovo.pdf')}" "file://${join(ref, 'html', 'kosovo.html')}" 2>/dev/null`,
  ];
  const pandocAll = ['sh', '-c', countries.map(pandocHtml).join(' && ')];
  const rows = [];
  for (const node of nodes) {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const gareport = (...cliArgs) => [node, bin, ...cliArgs, ...(cliArgs[0] === 'build' ? ['--quiet'] : [])];
    const nodeStart = [node, '-e', '0'];
    const out = ['--out', join(dir, 'bench-out')];
    const row = (figure, result, target, extra = {}) => {
      rows.push({ figure, node: version, ...result, target, ...extra });
      console.error(`${version} ${figure}: ${result.ratio.toFixed(2)}×`);
    };
    if (pandoc && chromium) {
      const result = paired(gareport('build', '2014', 'kosovo', '--force', ...out), pandocAndChromium, dir, runs);
      row(
        '`build 2014 kosovo --force` (md, html, pdf) against pandoc → HTML + Chromium → PDF of the same form',
        result,
        0.3,
      );
    }
    const md = paired(gareport('build', '2014', 'kosovo', '--force', '--format', 'md', ...out), nodeStart, dir, runs);
    row('`build 2014 kosovo --force --format md` against `node -e 0`', md, 2.5);
    const validate = paired(gareport('validate', '2014', 'kosovo'), nodeStart, dir, runs);
    row('`validate 2014 kosovo` against `node -e 0`', validate, 1.8);
    if (pandoc) {
      const full = paired(gareport('build', '2014', ...out), pandocAll, dir, runs, () =>
        spawnSync('rm', ['-rf', join(dir, 'bench-out')]),
      );
      row(
        `\`build 2014\`, ${countries.length} countries × 3 formats + consolidated + index, against pandoc making the ${countries.length} HTML pages alone (one after another)`,
        full,
        0.9,
        { peakTarget: 250 },
      );
    }
    const noop = paired(gareport('build', '2014', ...out), nodeStart, dir, runs);
    row('no-op `build 2014` (nothing changed) against `node -e 0`', noop, 2);
  }
  await rm(ref, { recursive: true, force: true });
  await rm(join(dir, 'bench-out'), { recursive: true, force: true });
  return rows;
}

/** Prints the rows as a Markdown table; returns the figures whose target was missed. */
export function printRatios(rows, runs) {
  console.log(
    `\n### Against reference commands (issue 19)\n\n${runs} pairs each, in turns after one warm-up pair; ratio = median of the pairwise wall-time ratios (CPU-time ratio beside it).\n`,
  );
  console.log('| figure | Node | gareport wall (CPU) | reference wall | ratio wall (CPU) | target | |');
  console.log('| --- | --- | ---: | ---: | ---: | --- | --- |');
  const missed = [];
  for (const r of rows) {
    const peak = r.peakTarget ? `, ${r.a.peakMiB.toFixed(0)} MiB` : '';
    const ok = r.ratio <= r.target && (!r.peakTarget || r.a.peakMiB <= r.peakTarget);
    if (!ok) missed.push(`${r.figure} (${r.node})`);
    console.log(
      `| ${r.figure} | ${r.node} | ${r.a.wall.toFixed(3)} s (${r.a.cpu.toFixed(2)} s)${peak} | ${r.b.wall.toFixed(3)} s | ${r.ratio.toFixed(2)}× (${r.cpuRatio.toFixed(2)}×) | ≤ ${r.target}×${r.peakTarget ? `, ≤ ${r.peakTarget} MiB` : ''} | ${ok ? 'met' : '**missed**'} |`,
    );
  }
  return missed;
}
