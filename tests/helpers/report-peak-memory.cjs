// Preloaded with `node --require` by tests that measure a run's memory: prints the process's peak
// resident set (all threads, in KB) to stderr as it exits.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\npeak-memory-kb ${process.resourceUsage().maxRSS}\n`);
});
