// `serve`: the built renderer and the contract over loopback HTTP, for hosts without a display and for e2e.
// Binds 127.0.0.1 only. Every API call needs the per-start token; a foreign Host (DNS rebinding) or a
// foreign Origin is refused before anything else runs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Core } from '../core/create-core';
import { productionCsp } from '../core/app/content-security-policy';

export interface ServeOptions {
  readonly core: Core;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Tests may fix the token; production always makes a random one. */
  readonly token?: string;
}

export interface ServeHost {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const maxBodyBytes = 4 * 1024 * 1024;
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const baseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...baseHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function refuse(response: ServerResponse, status: 401 | 403 | 404 | 405 | 413 | 415, message: string): void {
  const code = status === 401 || status === 403 ? 'forbidden' : status === 404 ? 'unknown_channel' : 'bad_input';
  sendJson(response, status, { ok: false, error: { code, message } });
}

function sameSecret(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A path segment decoded, or null when its percent-encoding is malformed (`%E0%A4%A`): a 404, not a crash. */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startServe(options: ServeOptions): Promise<ServeHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererRoot = normalize(options.rendererDir);
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();
  const streams = new Set<ServerResponse>();

  const unsubscribe = options.core.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodePath(pathname.slice(1));
    if (relative === null) return refuse(response, 404, 'Not found');
    const file = normalize(join(rendererRoot, relative));
    if (!file.startsWith(rendererRoot + sep)) return refuse(response, 404, 'Not found');
    try {
      if (!(await stat(file)).isFile()) return refuse(response, 404, 'Not found');
      const body = await readFile(file);
      response.writeHead(200, {
        ...baseHeaders,
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': productionCsp,
        'Cache-Control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
      });
      response.end(body);
    } catch {
      refuse(response, 404, 'Not found');
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS-rebinding defence: a page on evil.example resolved to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(response, 403, 'Host not allowed');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(response, 403, 'Origin not allowed');

    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/ipc/') || url.pathname === '/events';
    if (!isApi) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
      return serveStatic(url.pathname, response);
    }

    const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? null;
    // EventSource cannot send headers, so the event stream alone takes the token as a query parameter.
    const given = url.pathname === '/events' ? (url.searchParams.get('token') ?? bearer) : bearer;
    if (!sameSecret(given, token)) return refuse(response, 401, 'Missing or wrong access token');

    if (url.pathname === '/events') {
      if (request.method !== 'GET') return refuse(response, 405, 'Method not allowed');
      response.writeHead(200, { ...baseHeaders, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }

    if (request.method !== 'POST') return refuse(response, 405, 'Method not allowed');
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse(response, 415, 'Send application/json');
    const body = await readBody(request);
    if (body === null) {
      // The rest of the body is unread: close this connection so it cannot be mistaken for the next request.
      response.setHeader('Connection', 'close');
      response.on('finish', () => request.destroy());
      return refuse(response, 413, `Request body over ${maxBodyBytes} bytes`);
    }
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body);
    } catch {
      return sendJson(response, 400, { ok: false, error: { code: 'bad_input', message: 'The request body is not valid JSON' } });
    }
    const channel = decodePath(url.pathname.slice('/ipc/'.length));
    if (channel === null) return refuse(response, 404, 'No such channel');
    sendJson(response, 200, await options.core.router.invoke(channel, input));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'serve failed' } });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
