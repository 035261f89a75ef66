#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// V8's compile cache (Node 22.1 and later; Node 20 has none): the bundle's code is compiled once,
// then read back, in this thread and, through NODE_COMPILE_CACHE, in the build's worker threads.
// The folder is the user's own cache folder (safe to delete), with the user id in its name so two
// accounts sharing a home never read each other's. NODE_COMPILE_CACHE set by the user wins, and
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
function compileCacheDir() {
  const { env, platform } = process;
  const base =
    (platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CACHE_HOME) ||
    join(homedir(), platform === 'darwin' ? 'Library/Caches' : '.cache');
  const dir = join(base, 'gareport', `compile-cache-${process.getuid?.() ?? 'user'}`);
  // One level at a time, and none above the cache folder: a recursive mkdir (Node's own for the
  // cache too) never returns under /proc, and a cache is not worth making a home folder for.
  for (const path of [base, join(base, 'gareport'), dir]) {
    try {
      mkdirSync(path);
    } catch (error) {
      if (error.code !== 'EEXIST') return undefined;
    }
  }
  return dir;
}
if (module.enableCompileCache && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  const dir = process.env.NODE_COMPILE_CACHE || compileCacheDir();
  if (dir) {
    process.env.NODE_COMPILE_CACHE = dir;
    module.enableCompileCache(dir);
  }
}
const { main, streamFailure } = await import('../dist/cli.js');

// Output piped into `head` and closed early is not an error; a full disk (`> /dev/full`) is (exit 3).
for (const [stream, name] of [
  [process.stdout, 'standard output'],
  [process.stderr, 'standard error'],
]) {
  stream.on('error', (error) => {
    const code = streamFailure(error, name, (text) => process.stderr.write(text));
    process.exit(code ?? process.exitCode ?? 0);
  });
}

// Ctrl-C (or SIGTERM) stops a build, keeping what is finished, or ends `build --watch`; a second
// one ends the process at once.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(signal === 'SIGTERM' ? 143 : 130);
    stop.abort(signal);
  });
}

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  signal: stop.signal,
});
