// Every documented provider body, end to end: the real service, the real HTTP port, a loopback emulator.
// The key must appear nowhere in the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResultSchema } from '../../../shared/channels/checks';
import { createKeyCheckService } from '../../../electron/core/checks/create-key-check-service';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { startProviderEmulator, type ProviderEmulator } from '../../emulators/provider-emulator';
import { providerRows } from '../../emulators/provider-rows';
import { fakeKey, mountRow } from '../../emulators/row-target';

let emulator: ProviderEmulator;
const clock = { now: () => Date.parse('2026-12-03T12:00:00Z') };
const service = () => createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber(), deadlineMs: 5_000 });

beforeAll(async () => {
  emulator = await startProviderEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('documented provider answers', () => {
  it.each(providerRows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const { target, secret } = mountRow(emulator, row, 'key-1');
    const result = await service().check(target);

    expect(checkResultSchema.parse(result)).toEqual(result);
    expect(result.state, result.message).toBe(row.expect.state);
    if (row.expect.providerCode !== undefined) expect(result.providerCode).toBe(row.expect.providerCode);
    if (row.expect.retryAfterS !== undefined) expect(result.retryAfterS).toBe(row.expect.retryAfterS);
    if (row.expect.figures) {
      expect(result.figures).not.toBeNull();
      expect(result.figures?.reportedAt).toBe(result.checkedAt);
    } else {
      expect(result.figures).toBeNull();
    }
    expect(result.id).toBe('key-1');
    expect(result.checkedAt).toBe('2026-12-03T12:00:00.000Z');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.httpStatus).not.toBeNull();
    expect(result.message).not.toMatch(/\n/);
    if (secret) expect(JSON.stringify(result)).not.toContain(secret);
  });
});

describe('figures', () => {
  it('DeepSeek balance strings become numbers with their currency', async () => {
    const { target } = mountRow(emulator, { name: 'x', provider: 'deepseek', expect: { state: 'ok' } });
    const result = await service().check(target);
    expect(result.figures).toMatchObject({ source: 'deepseek-balance', currency: 'USD', remaining: 110, isAvailable: true, detail: { 'USD.granted_balance': 10, 'USD.topped_up_balance': 100 } });
  });

  it('OpenRouter key figures carry limit, remaining and usage in USD', async () => {
    const { target } = mountRow(emulator, { name: 'x', provider: 'openrouter', preset: 'openrouter', expect: { state: 'ok' } });
    const result = await service().check(target);
    expect(result.figures).toMatchObject({ source: 'openrouter-key', currency: 'USD', limit: 100, remaining: 74.5, usage: 25.5, detail: { limit_reset: 'monthly' } });
  });

  it('an openai-compatible base URL on openrouter.ai is checked with /key even without the preset', async () => {
    const { target } = mountRow(emulator, { name: 'x', provider: 'openai', expect: { state: 'ok' } });
    const local = createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber() });
    expect(local.originOf({ ...target, provider: 'openai-compatible', baseUrl: 'https://openrouter.ai/api/v1' })).toBe('https://openrouter.ai');
  });
});

describe('requests the adapters send', () => {
  it('Gemini sends the key in x-goog-api-key and never in the URL', async () => {
    const { target, secret } = mountRow(emulator, { name: 'x', provider: 'gemini', expect: { state: 'ok' } });
    const before = emulator.requests.length;
    await service().check(target);
    const request = emulator.requests.slice(before).find((r) => r.path.startsWith('/v1beta/models'));
    expect(request?.headers['x-goog-api-key']).toBe(secret);
    expect(request?.path).toBe('/v1beta/models?pageSize=1');
    expect(request?.path).not.toContain(secret);
  });

  it('a custom header of the same name never joins the adapter auth header', async () => {
    const { target, secret } = mountRow(emulator, { name: 'x', provider: 'compatible', preset: 'vllm', expect: { state: 'ok' } });
    const before = emulator.requests.length;
    const result = await service().check({ ...target, headers: { Authorization: 'Bearer something-else' } });
    expect(result.state).toBe('ok');
    expect(emulator.requests.slice(before)[0]?.headers.authorization).toBe(`Bearer ${secret}`);
  });

  it('a keyless local server gets no Authorization header', async () => {
    const { target } = mountRow(emulator, { name: 'x', provider: 'compatible', preset: 'ollama', keyless: true, expect: { state: 'ok' } });
    const before = emulator.requests.length;
    await service().check(target);
    expect(emulator.requests.slice(before)[0]?.headers.authorization).toBeUndefined();
  });

  it('a wrong key on the emulator is the provider invalid answer, and the key is not echoed', async () => {
    const { target } = mountRow(emulator, { name: 'x', provider: 'openai', expect: { state: 'ok' } });
    const wrong = fakeKey('openai');
    const result = await service().check({ ...target, secret: wrong });
    expect(result.state).toBe('invalid_key');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('an openai-compatible key without a base URL is bad_endpoint without any request', async () => {
    const before = emulator.requests.length;
    const result = await service().check({ keyId: null, provider: 'openai-compatible', secret: 'abc', baseUrl: null, headers: {}, options: {} });
    expect(result.state).toBe('bad_endpoint');
    expect(result.httpStatus).toBeNull();
    expect(emulator.requests.length).toBe(before);
  });

  it('a key copied with a "…" (not sendable in a header) is invalid_key with that reason, not a network error, and nothing is sent', async () => {
    const { target } = mountRow(emulator, { name: 'x', provider: 'openai', expect: { state: 'ok' } });
    const before = emulator.requests.length;
    const pasted = `${target.secret.slice(0, 12)}\u2026${target.secret.slice(-4)}`;
    const result = await service().check({ ...target, secret: pasted });
    expect(result).toMatchObject({ state: 'invalid_key', httpStatus: null });
    expect(result.message).toMatch(/cannot be sent in an HTTP header/);
    expect(emulator.requests.length).toBe(before);
    expect(JSON.stringify(result)).not.toContain(pasted);
  });

  it('a custom header value that cannot be sent is bad_endpoint naming the header, and nothing is sent', async () => {
    const { target } = mountRow(emulator, { name: 'x', provider: 'compatible', preset: 'vllm', expect: { state: 'ok' } });
    const before = emulator.requests.length;
    const result = await service().check({ ...target, headers: { 'X-Team': 'Zürich “north”' } });
    expect(result).toMatchObject({ state: 'bad_endpoint', httpStatus: null });
    expect(result.message).toMatch(/X-Team header holds a character/);
    expect(emulator.requests.length).toBe(before);
  });

  it('a Vertex credential that is not JSON is invalid_key and its text is not echoed', async () => {
    const secret = 'not-json-but-a-secret-0123456789';
    const result = await service().check({ keyId: null, provider: 'vertex', secret, baseUrl: null, headers: {}, options: {} });
    expect(result.state).toBe('invalid_key');
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});

describe('the key never leaks', () => {
  it('an error body that echoes the whole key is scrubbed from message and code', async () => {
    const key = fakeKey('openai');
    const mounted = emulator.mount({ provider: 'openai', key, answer: { status: 401, body: { error: { message: `Incorrect API key provided: ${key}.`, type: 'invalid_request_error', code: key } } } });
    const result = await service().check({ keyId: 'k', provider: 'openai', secret: key, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(result.state).toBe('invalid_key');
    expect(result.message).toContain('[redacted]');
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('a key with no recognisable shape, echoed URL-encoded or base64, is still scrubbed', async () => {
    const key = 'plain key with spaces & symbols 42';
    const mounted = emulator.mount({ provider: 'compatible', key, answer: { status: 401, body: { error: { message: `bad ${encodeURIComponent(key)} / ${Buffer.from(key).toString('base64')} / ${key}`, type: 'x', code: null } } } });
    const result = await service().check({ keyId: 'k', provider: 'openai-compatible', secret: key, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(JSON.stringify(result)).not.toContain(key);
    expect(JSON.stringify(result)).not.toContain(encodeURIComponent(key));
    expect(JSON.stringify(result)).not.toContain(Buffer.from(key).toString('base64'));
  });
});
