// Keyless OpenAI-compatible endpoints (a local Ollama, LM Studio, llama.cpp or vLLM server) in the real core:
// keys:add with noKey stores no secret blob, the checks and the model list send no Authorization header (the
// loopback emulator records what it received), keys:replace later gives the endpoint a key, and every other
// provider still needs one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyCard, KeySaveResult } from '../../../shared/channels/keys';
import type { CheckResult } from '../../../shared/channels/checks';
import { createCore, type Core } from '../../../electron/core/create-core';
import { createMemoryKeyStore, type KeyStore } from '../../../electron/core/vault/key-store';
import { parseStoredVault, viewOfStored } from '../../../electron/core/vault/vault-document';
import { startProviderEmulator, type ProviderEmulator } from '../../emulators/provider-emulator';
import { aesCipher, keys } from './vault-fixtures';

let emulator: ProviderEmulator;
beforeAll(async () => {
  emulator = await startProviderEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function makeCore(store: KeyStore = createMemoryKeyStore()): { core: Core; store: KeyStore } {
  const core = createCore(
    { host: { kind: 'cli', version: '0.0.0-test', dataDir: '/nonexistent-nome-test', demo: false }, clock: { now: () => Date.now() }, env: {}, cipher: aesCipher(), fetch: globalThis.fetch },
    { keyStore: store },
  );
  return { core, store };
}

async function call<T>(c: Core, channel: string, input?: unknown): Promise<T> {
  const result = await c.router.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function refusal(c: Core, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await c.router.invoke(channel, input);
  expect(result.ok).toBe(false);
  return result.ok ? { code: '', message: '' } : result.error;
}

const received = (baseUrl: string) => emulator.requests.filter((request) => baseUrl.includes(`/s/${request.scenario}/`));
async function storedRecords(store: KeyStore) {
  const { document } = await store.read(parseStoredVault);
  return document ? viewOfStored(document).document.keys : [];
}

describe('keyless OpenAI-compatible endpoints', () => {
  it('keys:add with noKey stores no secret blob, shows "no key", and its check sends no Authorization header', async () => {
    const { core, store } = makeCore();
    const local = emulator.mount({ provider: 'compatible', key: '' });
    const saved = await call<KeySaveResult>(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: local.baseUrl, label: 'Ollama' });
    expect(saved.check?.state).toBe('ok');
    expect(saved.card).toMatchObject({ provider: 'openai-compatible', masked: 'no key', label: 'Ollama', state: 'ok', needsReentry: false, baseUrl: local.baseUrl });

    const [record] = await storedRecords(store);
    expect(record).toMatchObject({ secret: null, fingerprint: null, masked: 'no key' });

    // The check on entry, keys:check later and the model list: none of them carries an Authorization header.
    const [checked] = await call<CheckResult[]>(core, 'keys:check', { ids: [saved.card.id] });
    expect(checked?.state).toBe('ok');
    const models = await call<{ models: string[] }>(core, 'keys:models', { id: saved.card.id });
    expect(models.models).toEqual(['local-model']);
    const requests = received(local.baseUrl);
    expect(requests.map((request) => request.path)).toEqual(['/v1/models', '/v1/models', '/v1/models']);
    for (const request of requests) expect(Object.keys(request.headers)).not.toContain('authorization');
    await core.dispose();
  });

  it('an empty or missing secret without noKey is refused with a clear error, and nothing is stored', async () => {
    const { core, store } = makeCore();
    const local = emulator.mount({ provider: 'compatible', key: '' });
    for (const secret of [undefined, '', '   ', 'Bearer ']) {
      const error = await refusal(core, 'keys:add', { provider: 'openai-compatible', baseUrl: local.baseUrl, ...(secret === undefined ? {} : { secret }) });
      expect(error).toEqual({ code: 'bad_input', message: 'Paste the endpoint’s key first, or say that it needs no key (noKey).', detail: { reason: 'key_required' } });
    }
    const both = await refusal(core, 'keys:add', { provider: 'openai-compatible', baseUrl: local.baseUrl, noKey: true, secret: keys.compatible() });
    expect(both.code).toBe('bad_input');
    expect(both.message).toMatch(/not both/);
    expect(await storedRecords(store)).toEqual([]);
    expect(received(local.baseUrl)).toEqual([]);
    await core.dispose();
  });

  it('every other provider still needs a key: noKey, an empty and a missing secret get the same clear error', async () => {
    const { core, store } = makeCore();
    for (const provider of ['openai', 'anthropic', 'gemini', 'deepseek', 'xai', 'vertex'] as const) {
      const errors = [];
      for (const input of [{ noKey: true }, { secret: '' }, {}, { noKey: true, secret: '' }]) errors.push(await refusal(core, 'keys:add', { provider, check: false, ...input }));
      expect(new Set(errors.map((error) => JSON.stringify(error))).size, provider).toBe(1);
      expect(errors[0]!.code).toBe('bad_input');
      expect(errors[0]!.message).toMatch(/^Paste the .+ key first: only an OpenAI-compatible endpoint can be saved without a key\.$/);
    }
    expect(await storedRecords(store)).toEqual([]);
    await core.dispose();
  });

  it('the same base URL saved keyless twice is a duplicate (also after a trailing slash or an update onto it); another URL is not', async () => {
    const { core } = makeCore();
    const local = emulator.mount({ provider: 'compatible', key: '' });
    const other = emulator.mount({ provider: 'compatible', key: '' });
    const first = await call<KeySaveResult>(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: local.baseUrl, label: 'Ollama', check: false });
    const twin = await refusal(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: `${local.baseUrl}/`, check: false });
    expect(twin).toMatchObject({ code: 'conflict', message: 'This endpoint is already saved without a key as "Ollama".', detail: { id: first.card.id } });

    const second = await call<KeySaveResult>(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: other.baseUrl, check: false });
    const moved = await refusal(core, 'keys:update', { id: second.card.id, baseUrl: local.baseUrl });
    expect(moved.code).toBe('conflict');
    // A key-bearing record at the same URL is a different credential, not a twin.
    await call(core, 'keys:add', { provider: 'openai-compatible', secret: keys.compatible(), baseUrl: local.baseUrl, check: false });
    expect((await call<KeyCard[]>(core, 'keys:list')).map((card) => [card.baseUrl, card.masked.startsWith('…') ? 'key' : card.masked])).toEqual([
      [local.baseUrl, 'no key'],
      [other.baseUrl, 'no key'],
      [local.baseUrl, 'key'],
    ]);
    await core.dispose();
  });

  it('keeps sealed custom headers on a keyless endpoint and sends them, still without Authorization', async () => {
    const { core, store } = makeCore();
    const local = emulator.mount({ provider: 'compatible', key: '' });
    const gatewayToken = `gw-${keys.compatible()}`;
    const saved = await call<KeySaveResult>(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: local.baseUrl, headers: [{ name: 'X-Gateway-Token', value: gatewayToken }] });
    expect(saved.check?.state).toBe('ok');
    expect(saved.card.headerNames).toEqual(['X-Gateway-Token']);
    const [request] = received(local.baseUrl);
    expect(request?.headers['x-gateway-token']).toBe(gatewayToken);
    expect(request?.headers.authorization).toBeUndefined();
    const [record] = await storedRecords(store);
    expect(JSON.stringify(record)).not.toContain(gatewayToken);
    expect(record!.headers[0]!.value.blob.length).toBeGreaterThan(0);
    await core.dispose();
  });

  it('plain http off the local network is warned about only when something secret goes there (a header or, later, a key)', async () => {
    const { core } = makeCore();
    const bare = await call<KeySaveResult>(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: 'http://8.8.8.8/v1', check: false });
    expect(bare.warnings).toEqual([]);
    expect(bare.card.warnings).toEqual([]);
    const withHeader = await call<KeySaveResult>(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: 'http://8.8.4.4/v1', headers: [{ name: 'X-Token', value: 'gateway-secret-1' }], check: false });
    expect(withHeader.warnings).toEqual([expect.stringMatching(/^Plain http to 8\.8\.4\.4 /)]);
    expect(withHeader.card.warnings).toEqual(withHeader.warnings);
    const keyed = await call<KeySaveResult>(core, 'keys:replace', { id: bare.card.id, secret: keys.compatible(), check: false });
    expect(keyed.card.warnings).toEqual([expect.stringMatching(/^Plain http to 8\.8\.8\.8 /)]);
    await core.dispose();
  });

  it('keys:replace gives a keyless endpoint a key, checked with it; a keyed one cannot lose its key', async () => {
    const { core, store } = makeCore();
    const open = emulator.mount({ provider: 'compatible', key: '' });
    const saved = await call<KeySaveResult>(core, 'keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: open.baseUrl });
    // The server is restarted with --api-key: the endpoint moves there and gets its key.
    const secret = keys.compatible();
    const guarded = emulator.mount({ provider: 'compatible', key: secret });
    await call(core, 'keys:update', { id: saved.card.id, baseUrl: guarded.baseUrl });
    const [before] = await call<CheckResult[]>(core, 'keys:check', { ids: [saved.card.id] });
    expect(before?.state).toBe('invalid_key');

    const replaced = await call<KeySaveResult>(core, 'keys:replace', { id: saved.card.id, secret });
    expect(replaced.check?.state).toBe('ok');
    expect(replaced.card.masked).toBe(`…${secret.slice(-4)}`);
    expect(received(guarded.baseUrl).at(-1)?.headers.authorization).toBe(`Bearer ${secret}`);
    const [record] = await storedRecords(store);
    expect(record!.secret?.blob).toEqual(expect.any(String));
    expect(record!.fingerprint).not.toBeNull();

    // No channel takes a key away: an empty replacement is refused, and noKey is not a replace or update field.
    expect((await refusal(core, 'keys:replace', { id: saved.card.id, secret: '' })).code).toBe('bad_input');
    expect((await refusal(core, 'keys:replace', { id: saved.card.id, secret: '  ' })).code).toBe('bad_input');
    await call(core, 'keys:replace', { id: saved.card.id, noKey: true, secret: keys.compatible(), check: false }).catch(() => undefined);
    await call(core, 'keys:update', { id: saved.card.id, noKey: true, label: 'still keyed' }).catch(() => undefined);
    const [after] = await storedRecords(store);
    expect(after!.secret).not.toBeNull();
    expect(after!.masked).not.toBe('no key');
    await core.dispose();
  });
});
