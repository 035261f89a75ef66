// commander requires child_process when it loads, for subcommands that are separate executables,
// which gareport has none of. Loading child_process (with net, dgram and the streams) costs every
// command's start-up about 4 ms on Node 20; this stand-in loads it on first use instead.
export function spawn(...args) {
  return process.getBuiltinModule('node:child_process').spawn(...args);
}
