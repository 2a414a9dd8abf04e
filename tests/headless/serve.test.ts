import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeadlessCore } from '../../electron/headless/host';
import { startServe, type ServeHost } from '../../electron/headless/serve';
import { createTestCipher } from '../support/test-cipher';

let host: ServeHost;
let root: string;
let emit: () => void;
let core: ReturnType<typeof createHeadlessCore>;

/** This machine's first non-loopback IPv4 address, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

/** Raw HTTP so tests control Host and Origin exactly (fetch would set its own Host). */
function call(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: !(options.headers && 'Host' in options.headers) }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (extra: Record<string, string> = {}) => ({
  path: '/ipc/app:info',
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, Host: `127.0.0.1:${host.port}`, ...extra },
  body: '',
});

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'nome-serve-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'outside.txt'), 'not for the web');
  core = createHeadlessCore({ kind: 'serve', dataDir: join(root, 'data'), env: {}, cipher: createTestCipher() });
  emit = () => core.events.emit('app:info-changed', {
    name: 'NOME Settings', version: '0.0.0', host: 'serve', dataDir: '/d', storage: { cipher: 'test', weaker: false, available: true, note: null }, incidents: [], demo: false,
  });
  host = await startServe({ core, rendererDir });
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

describe('serve', () => {
  it('binds loopback only and prints a URL holding a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('makes a new random token at each start', async () => {
    const again = await startServe({ core, rendererDir: join(root, 'renderer') });
    try {
      expect(again.token).not.toBe(host.token);
      expect(again.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      expect(again.port).not.toBe(host.port);
    } finally {
      await again.close();
    }
  });

  it.skipIf(outsideAddress === undefined)('cannot be reached on a non-loopback address of this machine', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const socket = connect({ host: outsideAddress!, port: host.port });
      socket.once('connect', () => (socket.destroy(), resolve(null)));
      socket.once('error', resolve);
    });
    expect(error?.code).toBe('ECONNREFUSED');
  });

  it('answers a contract call with the token', async () => {
    const response = await call(api());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { name: 'NOME Settings', host: 'serve' } });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const { Authorization: _, ...withoutToken } = api().headers;
    expect((await call({ ...api(), headers: withoutToken })).status).toBe(401);
    expect((await call(api({ Authorization: `Bearer ${host.token.slice(0, -1)}x` }))).status).toBe(401);
    expect((await call(api({ Authorization: 'Bearer ' }))).status).toBe(401);
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    for (const foreign of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '']) {
      expect((await call(api({ Host: foreign }))).status).toBe(403);
    }
    expect((await call({ path: '/', headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await call({ path: `/events?token=${host.token}`, headers: { Host: 'evil.example' } })).status).toBe(403);
  });

  it('answers 403 to a foreign Origin, even with the token', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`]) {
      expect((await call(api({ Origin: origin }))).status).toBe(403);
    }
    expect((await call(api({ Origin: host.origin }))).status).toBe(200);
    expect((await call({ path: `/events?token=${host.token}`, headers: { Origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('a malformed percent-encoding in a path is a 404, not a server failure', async () => {
    expect((await call({ path: '/%E0%A4%A' })).status).toBe(404);
    const channel = await call({ ...api(), path: '/ipc/%E0%A4%A' });
    expect(channel.status).toBe(404);
    expect(JSON.parse(channel.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect((await call({ ...api(), path: '/ipc/app%3Ainfo' })).status).toBe(200);
  });

  it('refuses a non-JSON content type and an oversized body', async () => {
    expect((await call(api({ 'Content-Type': 'text/plain' }))).status).toBe(415);
    expect((await call({ ...api(), body: 'x'.repeat(5 * 1024 * 1024) })).status).toBe(413);
  });

  it('malformed JSON and bad input are typed errors, not crashes', async () => {
    const malformed = await call({ ...api(), body: '{' });
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const bad = await call({ ...api(), body: '{"x":1}' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const unknown = await call({ ...api(), path: '/ipc/nope' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('serves the renderer with the CSP and never a file outside it', async () => {
    const page = await call({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await call({ path: '/assets/app.js' })).headers['content-type']).toContain('javascript');
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/../../outside.txt', '/nope.js']) {
      expect((await call({ path })).status).toBe(404);
    }
  });

  it('streams contract events over SSE to a caller with the token', async () => {
    await expect(call({ path: '/events' })).resolves.toMatchObject({ status: 401 });
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/events?token=${host.token}` }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes(': connected')) emit();
          if (text.includes('event: app:info-changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toMatch(/event: app:info-changed\ndata: \{.*"host":"serve"/);
  });
});

describe('nome-settings serve, the real process', () => {
  it('prints only the URL with its token first, and that API refuses no token, a foreign Host and a foreign Origin; SIGTERM stops it with 0', async () => {
    const dataDir = join(root, 'process-data');
    const child = spawn(process.execPath, ['bin/nome-settings.js', '--data-dir', dataDir, 'serve'], {
      env: { ...process.env, NOME_ALLOW_FILE_KEY: '1', NOME_STATUS_PAGES: 'off', NOME_RENDERER_DIR: join(root, 'renderer') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      for (let i = 0; i < 300 && !stdout.includes('\n'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      const url = new URL(stdout.split('\n')[0]!);
      expect(url.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = url.searchParams.get('token')!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);

      const post = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: Number(url.port), method: 'POST', path: '/ipc/app:info', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      const bearer = { Authorization: `Bearer ${token}` };
      expect(await post(bearer)).toBe(200);
      expect(await post({})).toBe(401);
      expect(await post({ ...bearer, Host: `evil.example:${url.port}` })).toBe(403);
      expect(await post({ ...bearer, Origin: 'https://evil.example' })).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout.split('\n')).toHaveLength(2); // the URL line, then nothing
    expect(stderr).toBe('');
  });
});
