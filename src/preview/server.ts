/**
 * The preview's HTTP server: reachable from this machine only (loopback, and a Host header that
 * names it, against DNS rebinding), serving only the pages it builds: a country's report, the
 * year's list of countries, downloads, and the change events. Any other path is 404.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { PREVIEW_SCRIPT, PREVIEW_STYLE } from './client.js';
import { decoratePage } from './decorate.js';
import type { PreviewSession } from './session.js';
import { indexPage } from './year-page.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/** An address as a URL writes it (`[::1]`). */
export const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** Every address (and name) of this machine, for a preview listening on all of them. */
function machineAddresses(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  return [hostname(), ...addresses];
}

/**
 * The Host headers a preview listening on `host` answers to: its address, and the loopback names
 * when it is a loopback address; every address of the machine when it listens on all of them
 * (`0.0.0.0`, `::`). Any other name is a page elsewhere reaching in by DNS rebinding.
 */
export function acceptedHosts(host: string, port: number): Set<string> {
  const any = host === '0.0.0.0' || host === '::';
  const names = isLoopback(host) || any ? ['127.0.0.1', 'localhost', '::1'] : [host];
  if (any) names.push(...machineAddresses());
  return new Set(names.map((name) => `${urlHost(name).toLowerCase()}:${port}`));
}

/** The open event streams, told of every change. */
export class ChangeEvents {
  private readonly streams = new Set<ServerResponse>();

  add(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': gareport preview\n\n');
    this.streams.add(response);
    response.on('close', () => this.streams.delete(response));
  }

  send(version: number, countries: readonly string[]): void {
    const data = JSON.stringify({ version, countries });
    for (const stream of this.streams) stream.write(`event: change\ndata: ${data}\n\n`);
  }

  closeAll(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}

function headers(nonce?: string): Record<string, string> {
  const script = nonce ? `'nonce-${nonce}'` : "'none'";
  return {
    'Content-Security-Policy': `default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src ${script}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array, extra = {}): void {
  response.writeHead(status, { ...headers(), 'Content-Type': type, ...extra });
  response.end(body);
}

const notFound = (response: ServerResponse) => send(response, 404, 'text/plain; charset=utf-8', 'not found\n');

const DOWNLOADS: Record<string, { format: 'pdf' | 'docx'; type: string }> = {
  'report.pdf': { format: 'pdf', type: 'application/pdf' },
  'report.docx': { format: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

export interface RouteOptions {
  session: PreviewSession;
  events: ChangeEvents;
  /** The country previewed (`/` leads to it); else `/` lists the year's countries. */
  country?: string | undefined;
  /** Host header values accepted (host:port), set once the server listens. */
  hosts: Set<string>;
}

async function route(request: IncomingMessage, response: ServerResponse, options: RouteOptions): Promise<void> {
  if (!options.hosts.has((request.headers.host ?? '').toLowerCase())) {
    send(response, 403, 'text/plain; charset=utf-8', 'this preview answers to its own address only\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  // The path as sent: %2f and .. are not decoded into anything that matches a route.
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const { session, events } = options;
  if (path === '/__events') {
    events.add(response);
    return;
  }
  if (path === '/') {
    if (options.country) {
      send(response, 302, 'text/plain; charset=utf-8', '', { Location: `/${options.country}/` });
      return;
    }
    send(response, 200, 'text/html; charset=utf-8', await indexPage(session), headers());
    return;
  }
  const match = /^\/([a-z0-9-]+)\/(report\.pdf|report\.docx)?$/.exec(path);
  if (!match || !(await session.countries()).includes(match[1] as string)) return notFound(response);
  const slug = match[1] as string;
  const download = match[2] ? DOWNLOADS[match[2]] : undefined;
  if (download) {
    const bytes = await session.download(slug, download.format);
    if (bytes === undefined) {
      send(response, 409, 'text/plain; charset=utf-8', 'the answers have errors: fix them first (see the preview)\n');
      return;
    }
    send(response, 200, download.type, bytes, {
      'Content-Disposition': `attachment; filename="${slug}-${session.year}.${download.format}"`,
    });
    return;
  }
  const nonce = randomBytes(16).toString('base64');
  const page = await session.page(slug);
  const frame = { year: session.year, nonce, version: session.version, index: options.country ? undefined : '/' };
  response.writeHead(200, { ...headers(nonce), 'Content-Type': 'text/html; charset=utf-8' });
  response.end(decoratePage(page, frame, PREVIEW_STYLE, PREVIEW_SCRIPT));
}

export function previewServer(options: RouteOptions, onError: (error: Error) => void): Server {
  return createServer((request, response) => {
    route(request, response, options).catch((error: Error) => {
      onError(error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `${error.message}\n`);
      else response.end();
    });
  });
}

/** Listens on `host` at `port` (0: any free port); resolves to the port taken. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
