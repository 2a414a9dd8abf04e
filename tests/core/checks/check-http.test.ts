// The shared HTTP port against hostile endpoints: redirects, huge and dripping bodies, resets, non-JSON,
// HTML 404 and a self-signed certificate made at test time. Loopback only.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCheckHttp } from '../../../electron/core/checks/check-http';
import { createKeyCheckService } from '../../../electron/core/checks/create-key-check-service';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { startProviderEmulator, type Hostile, type ProviderEmulator } from '../../emulators/provider-emulator';
import { fakeKey } from '../../emulators/row-target';
import { selfSignedCertificate } from '../../emulators/self-signed';

let emulator: ProviderEmulator;
let elsewhere: ProviderEmulator;
const clock = { now: () => Date.now() };

beforeAll(async () => {
  emulator = await startProviderEmulator();
  elsewhere = await startProviderEmulator();
});
afterAll(async () => {
  await emulator.close();
  await elsewhere.close();
});

async function checkHostile(hostile: Hostile, deadlineMs = 2_000, redirectTo?: string) {
  const key = fakeKey('openai');
  const mounted = emulator.mount({ provider: 'openai', key, hostile, ...(redirectTo ? { redirectTo } : {}) });
  const service = createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber(), deadlineMs });
  const result = await service.check({ keyId: 'k', provider: 'openai', secret: key, baseUrl: mounted.baseUrl, headers: {}, options: {} });
  expect(JSON.stringify(result)).not.toContain(key);
  return result;
}

describe('hostile endpoints', () => {
  it('a redirect to another origin is bad_endpoint and the other origin never sees the key', async () => {
    const before = elsewhere.requests.length;
    const result = await checkHostile('redirect-other-origin', 2_000, `${elsewhere.url}/collect`);
    expect(result.state).toBe('bad_endpoint');
    expect(result.httpStatus).toBe(302);
    expect(result.message).toContain(new URL(elsewhere.url).origin);
    expect(result.message).not.toContain('/collect');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(elsewhere.requests.length).toBe(before);
  });

  it('a redirect on the same origin is not followed either', async () => {
    const before = emulator.requests.length;
    const result = await checkHostile('redirect-same-origin');
    expect(result.state).toBe('bad_endpoint');
    expect(emulator.requests.slice(before).map((r) => r.path)).not.toContain('/elsewhere');
  });

  it('a streamed body over 1 MiB is cut off as bad_endpoint', async () => {
    const result = await checkHostile('huge-body');
    expect(result.state).toBe('bad_endpoint');
    expect(result.message).toContain('1048576 bytes');
  });

  it("with overflow 'truncate' (public feeds only) a body past the cap is cut at it and marked, not refused", async () => {
    const key = fakeKey('openai');
    const mounted = emulator.mount({ provider: 'openai', key, hostile: 'huge-body' });
    const outcome = await createCheckHttp(globalThis.fetch).send({ method: 'GET', url: `${mounted.baseUrl}/models`, headers: { authorization: `Bearer ${key}` } }, { maxBytes: 100_000, overflow: 'truncate' });
    expect(outcome).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(outcome.kind === 'response' && outcome.body.length).toBe(100_000);
  });

  it('a declared Content-Length over 1 MiB is refused before reading', async () => {
    const result = await checkHostile('huge-body-declared');
    expect(result.state).toBe('bad_endpoint');
  });

  it('a body that drips past the deadline is timeout, and the deadline holds', async () => {
    const started = performance.now();
    const result = await checkHostile('slow-drip', 400);
    const elapsed = performance.now() - started;
    expect(result.state).toBe('timeout');
    expect(elapsed).toBeLessThan(1_500);
    expect(result.message).toContain('400 ms');
  });

  it('a reset connection is unreachable', async () => {
    const result = await checkHostile('reset');
    expect(result.state).toBe('unreachable');
    expect(result.message).toMatch(/reset|network error/);
  });

  it('a 200 that is not JSON is bad_endpoint', async () => {
    const result = await checkHostile('non-json-200');
    expect(result.state).toBe('bad_endpoint');
    expect(result.httpStatus).toBe(200);
  });

  it.each(['openai', 'anthropic'] as const)('a %s check answered 200 with JSON that is not its list is bad_endpoint, not ok', async (provider) => {
    const key = fakeKey(provider);
    const mounted = emulator.mount({ provider, key, answer: { status: 200, body: { status: 'ok', hello: 'world' } } });
    const service = createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber() });
    const result = await service.check({ keyId: 'k', provider, secret: key, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(result).toMatchObject({ state: 'bad_endpoint', httpStatus: 200 });
    expect(result.message).toMatch(/without a "data" list/);
  });

  it('an HTML 404 is bad_endpoint', async () => {
    const result = await checkHostile('html-404');
    expect(result.state).toBe('bad_endpoint');
    expect(result.httpStatus).toBe(404);
    expect(result.message).toContain('HTML');
  });

  it('a refused connection is unreachable', async () => {
    // A port that was just free: nothing listens there now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const http = createCheckHttp(globalThis.fetch);
    const outcome = await http.send({ method: 'GET', url: `http://127.0.0.1:${port}/v1/models`, headers: {} }, { deadlineMs: 2_000 });
    expect(outcome).toMatchObject({ kind: 'failure', state: 'unreachable', reason: 'connection refused' });
  });

  it('a self-signed certificate is unreachable with the TLS reason', async () => {
    const tlsEmulator = await startProviderEmulator({ tls: selfSignedCertificate() });
    try {
      const key = fakeKey('anthropic');
      const mounted = tlsEmulator.mount({ provider: 'anthropic', key });
      const service = createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber(), deadlineMs: 3_000 });
      const result = await service.check({ keyId: 'k', provider: 'anthropic', secret: key, baseUrl: mounted.baseUrl, headers: {}, options: {} });
      expect(result.state).toBe('unreachable');
      expect(result.message).toMatch(/^TLS failure: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
      // The handshake failed before any request was sent, so the key never left.
      expect(tlsEmulator.requests.length).toBe(0);
    } finally {
      await tlsEmulator.close();
    }
  });
});

/** A TCP server that accepts connections and never writes a byte: no TLS handshake, no headers. */
async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('the deadline covers connect and headers, not only the body', () => {
  it('a TLS handshake that never completes (connect phase) is timeout within the deadline', async () => {
    const silent = await silentServer();
    try {
      const outcome = await createCheckHttp(globalThis.fetch).send({ method: 'GET', url: `https://127.0.0.1:${silent.port}/v1/models`, headers: { authorization: 'Bearer sk-never-sent' } }, { deadlineMs: 300 });
      expect(outcome).toEqual({ kind: 'failure', state: 'timeout', reason: 'no complete answer within 300 ms', httpStatus: null });
    } finally {
      await silent.close();
    }
  });

  it('a server that takes the request and never answers is timeout within the deadline', async () => {
    const silent = await silentServer();
    try {
      const outcome = await createCheckHttp(globalThis.fetch).send({ method: 'GET', url: `http://127.0.0.1:${silent.port}/v1/models`, headers: {} }, { deadlineMs: 300 });
      expect(outcome).toMatchObject({ kind: 'failure', state: 'timeout' });
    } finally {
      await silent.close();
    }
  });

  it('without an explicit deadline a check gives up after 10 s', async () => {
    const silent = await silentServer();
    // Only the deadline's timer is faked, so the test does not wait 10 real seconds; sockets stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const key = fakeKey('openai');
      const service = createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber() });
      const pending = service.check({ keyId: 'k', provider: 'openai', secret: key, baseUrl: `http://127.0.0.1:${silent.port}/v1`, headers: {}, options: {} });
      let settled = false;
      void pending.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(9_900);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      const result = await pending;
      expect(result).toMatchObject({ state: 'timeout', message: 'no complete answer within 10000 ms', httpStatus: null });
    } finally {
      vi.useRealTimers();
      await silent.close();
    }
  });
});

// Electron's net.fetch follows the fetch spec: a manual redirect comes back as an opaque response with
// status 0 and no Location. Electron cannot run here, so a fetch that answers like it stands in.
describe('check HTTP port under spec fetch', () => {
  it('an opaque redirect (status 0) is bad_endpoint, not a classified answer', async () => {
    const opaque = Object.assign(new Response(null, { status: 200 }), {});
    Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
    Object.defineProperty(opaque, 'status', { value: 0 });
    let seenRedirect: RequestInit['redirect'];
    const specFetch = (async (_url: string, init?: RequestInit) => {
      seenRedirect = init?.redirect;
      return opaque;
    }) as typeof fetch;
    const outcome = await createCheckHttp(specFetch).send({ method: 'GET', url: 'https://api.example/v1/models', headers: {} });
    expect(seenRedirect).toBe('manual');
    expect(outcome).toEqual({ kind: 'failure', state: 'bad_endpoint', reason: 'redirected; not followed with credentials', httpStatus: null });
  });
});

describe('check HTTP port under Electron net.fetch errors', () => {
  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'TLS failure: ERR_CERT_AUTHORITY_INVALID'],
    ['net::ERR_CONNECTION_REFUSED', 'connection refused'],
    ['net::ERR_NAME_NOT_RESOLVED', 'host not found (ERR_NAME_NOT_RESOLVED)'],
    ['net::ERR_CONNECTION_RESET', 'connection reset'],
  ])('%s is unreachable: %s', async (message, reason) => {
    const failing = (async () => {
      throw new TypeError(message);
    }) as typeof fetch;
    const outcome = await createCheckHttp(failing).send({ method: 'GET', url: 'https://api.example/v1/models', headers: {} });
    expect(outcome).toEqual({ kind: 'failure', state: 'unreachable', reason, httpStatus: null });
  });
});
