/**
 * `gareport preview`: the report in a browser while it is written. A local server renders the
 * country's HTML report in memory from the answers on disk, tells the open page of every save
 * (which then swaps in the new report, keeping its scroll position), and shows each problem next
 * to its question. Nothing is written to out/.
 */
import type { Server } from 'node:http';
import { UsageError } from '../diagnostics/errors.js';
import type { PinnedSettings } from '../preview/config-settings.js';
import { followConfig } from '../preview/config-settings.js';
import type { PreviewSettings } from '../preview/country-page.js';
import { acceptedHosts, ChangeEvents, listen, previewServer, urlHost } from '../preview/server.js';
import type { Rendered } from '../preview/session.js';
import { PreviewSession } from '../preview/session.js';
import { requireCountry, requireYear } from '../project/paths.js';
import { watchSources } from '../project/watch-sources.js';

export interface PreviewOptions extends PreviewSettings {
  year: number;
  country?: string | undefined;
  /** The address to listen on (default 127.0.0.1, and ::1 beside it). */
  host?: string | undefined;
  /** The port; 0 or undefined: the first free one from 4014 on. */
  port?: number | undefined;
  /** A page was rendered (on request or after a save). */
  onRendered?: (rendered: Rendered) => void;
  /** Files changed and the open pages were told (paths relative to the project). */
  onChange?: (files: string[], countries: string[]) => void;
  /** A failure that does not stop the preview (the watcher's, a request's). */
  onError?: (error: Error) => void;
  /** Settings a flag or an environment variable chose: a saved configuration does not change them. */
  pinned?: PinnedSettings | undefined;
}

export interface PreviewHandle {
  /** The address to open, e.g. http://127.0.0.1:4014/ */
  url: string;
  port: number;
  close: () => Promise<void>;
}

const FIRST_PORT = 4014;
const PORTS_TRIED = 20;

async function listenFirstFree(server: Server, host: string, port: number | undefined): Promise<number> {
  if (port !== undefined && port !== 0) {
    return listen(server, host, port).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new UsageError(`port ${port} is in use`, 'leave out --port to take a free one');
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        throw new UsageError(`cannot listen on \`${host}\`: no such address on this machine`);
      throw error;
    });
  }
  for (let p = FIRST_PORT; p < FIRST_PORT + PORTS_TRIED && port === undefined; p++) {
    const taken = await listen(server, host, p).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') return undefined;
      throw error;
    });
    if (taken !== undefined) return taken;
  }
  return listen(server, host, 0);
}

export async function startPreview(options: PreviewOptions): Promise<PreviewHandle> {
  const onError = options.onError ?? (() => {});
  const config = await followConfig(options, options.pinned);
  const session = new PreviewSession(config.initial, options.year, options.onRendered);
  // An unknown year or country: the message (with "did you mean") every command gives.
  if (options.country) await requireCountry(options.cwd, options.year, options.country);
  else await requireYear(options.cwd, options.year);
  const events = new ChangeEvents();
  const hosts = new Set<string>();
  const routes = { session, events, country: options.country, hosts };
  const host = options.host ?? '127.0.0.1';
  const server = previewServer(routes, onError);
  const port = await listenFirstFree(server, host, options.port);
  const servers = [server];
  if (host === '127.0.0.1') {
    // The same port on IPv6's loopback, where the machine has it (`localhost` may resolve to ::1).
    const six = previewServer(routes, onError);
    if (
      await listen(six, '::1', port).then(
        () => true,
        () => false,
      )
    )
      servers.push(six);
  }
  for (const accepted of acceptedHosts(host, port)) hosts.add(accepted);
  let queue = Promise.resolve();
  // Changes that come while pages render are rendered together once they are done: one save, one rendering.
  let waiting: { files: Set<string>; config: boolean } | undefined;
  const render = async () => {
    const next = waiting;
    waiting = undefined;
    if (!next) return;
    if (next.config) {
      await config.reload().then(
        (settings) => {
          if (settings.templates) watch.addFolder(settings.templates);
          session.reconfigure(settings);
        },
        (error: Error) => onError(error),
      );
    }
    const files = [...next.files].sort();
    const countries = await session.changed(files);
    events.send(session.version, countries);
    options.onChange?.(files, countries);
  };
  const watch = await watchSources(
    { ...options, country: undefined, settleMs: 60, configFile: config.configFile },
    (files, info) => {
      if (!waiting) {
        waiting = { files: new Set(), config: false };
        queue = queue.then(render).catch(onError);
      }
      for (const f of files) waiting.files.add(f);
      waiting.config ||= info.config;
    },
    onError,
  );
  const close = async () => {
    await watch.close();
    events.closeAll();
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
    await queue;
  };
  // Listening on every address: the page is opened on this machine's own.
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { url: `http://${urlHost(shown)}:${port}/`, port, close };
}
