#!/usr/bin/env node
import { main, streamFailure } from '../dist/cli.js';

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
