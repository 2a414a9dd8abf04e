// The checks feature inside the real core: the vault's keys:add and keys:check go through the scheduler,
// a state change emits checks:state-changed, checks:schedule reads and sets the interval, and the
// scheduler only runs once the core is started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import type { CorePorts } from '../../../electron/core/ports';
import { startProviderEmulator, type ProviderEmulator } from '../../emulators/provider-emulator';
import { fakeKey, mountAuthorizedUserWithoutProject } from '../../emulators/row-target';
import { createMemoryPreferences, type PreferencesStore } from '../../../electron/core/status/status-preferences';
import { createTestCipher } from '../../support/test-cipher';

let emulator: ProviderEmulator;
beforeAll(async () => {
  emulator = await startProviderEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function core(env: Record<string, string> = {}, preferences?: PreferencesStore, fetchPort: typeof fetch = globalThis.fetch): Core {
  const ports: CorePorts = {
    host: { kind: 'cli', version: '0.0.0-test', dataDir: '/nonexistent-nome-test', demo: false },
    clock: { now: () => Date.now() },
    env,
    cipher: createTestCipher(),
    fetch: fetchPort,
  };
  return createCore(ports, preferences ? { preferences } : {});
}

async function call<T>(c: Core, channel: string, input?: unknown): Promise<T> {
  const result = await c.router.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('checks feature', () => {
  it('keys:check through the scheduler emits checks:state-changed when a key goes from ok to invalid', async () => {
    const c = core();
    const key = fakeKey('openai');
    const good = emulator.mount({ provider: 'openai', key });
    const events: { event: string; payload: unknown }[] = [];
    c.events.subscribe((event, payload) => events.push({ event, payload }));

    const saved = await call<{ card: { id: string }; check: { state: string } }>(c, 'keys:add', { provider: 'openai', secret: key, baseUrl: good.baseUrl, allowForeignHost: true });
    expect(saved.check.state).toBe('ok');
    await call(c, 'keys:check', {});
    const revoked = emulator.mount({ provider: 'openai', key: 'a-different-key' });
    await call(c, 'keys:update', { id: saved.card.id, baseUrl: revoked.baseUrl, allowForeignHost: true });
    const [result] = await call<{ state: string }[]>(c, 'keys:check', { ids: [saved.card.id] });
    expect(result?.state).toBe('invalid_key');

    const changes = events.filter((e) => e.event === 'checks:state-changed').map((e) => e.payload as { id: string; previous: string | null; result: { state: string } });
    expect(changes.map((c) => [c.previous, c.result.state])).toEqual([
      [null, 'ok'],
      ['ok', 'invalid_key'],
    ]);
    expect(changes.every((change) => change.id === saved.card.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(key);
    await c.dispose();
  });

  it('a Vertex key with no project of its own takes GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION from the core env port', async () => {
    const mounted = mountAuthorizedUserWithoutProject(emulator);
    // A Vertex key takes no base URL, so countTokens goes to Google's regional host; there is no internet here,
    // so the fetch port hands that one host to the emulator and records where each request was meant to go.
    const googleHost = 'https://europe-west2-aiplatform.googleapis.com';
    const asked: string[] = [];
    const fetchPort = ((url: string | URL | Request, init?: RequestInit) => {
      asked.push(String(url));
      return globalThis.fetch(String(url).startsWith(googleHost) ? `${mounted.baseUrl}${String(url).slice(googleHost.length)}` : url, init);
    }) as typeof fetch;
    const c = core({ GOOGLE_CLOUD_PROJECT: 'env-port-project', GOOGLE_CLOUD_LOCATION: 'europe-west2' }, undefined, fetchPort);
    const saved = await call<{ check: { state: string; message: string } }>(c, 'keys:add', { provider: 'vertex', secret: mounted.secret });
    expect(saved.check.state, saved.check.message).toBe('ok');
    expect(saved.check.message).toContain('project "env-port-project" (from GOOGLE_CLOUD_PROJECT) in europe-west2 (from GOOGLE_CLOUD_LOCATION)');
    expect(asked).toEqual([mounted.tokenUri, `${googleHost}/v1/projects/env-port-project/locations/europe-west2/publishers/google/models/gemini-2.5-flash:countTokens`]);
    await c.dispose();
  });

  it('checks:schedule reports 15 minutes by default, takes a new interval, and has a next run only once started', async () => {
    const c = core();
    expect(await call(c, 'checks:schedule')).toEqual({ intervalMinutes: 15, nextRunAt: null, lastRunAt: null, lastTrigger: null });
    c.start();
    const started = await call<{ nextRunAt: string | null }>(c, 'checks:schedule');
    expect(started.nextRunAt).not.toBeNull();
    expect(await call(c, 'checks:schedule', { intervalMinutes: 5 })).toMatchObject({ intervalMinutes: 5 });
    await c.dispose();
    expect(await call(c, 'checks:schedule')).toMatchObject({ nextRunAt: null });
  });

  it('a changed interval is saved in the preferences and used by the next core', async () => {
    const preferences = createMemoryPreferences();
    const first = core({}, preferences);
    await call(first, 'checks:schedule', { intervalMinutes: 30 });
    await first.dispose();
    const second = core({}, preferences);
    expect(await call(second, 'checks:schedule')).toMatchObject({ intervalMinutes: 30 });
    await second.dispose();
  });

  it('NOME_CHECK_INTERVAL_MINUTES sets the default interval', async () => {
    const c = core({ NOME_CHECK_INTERVAL_MINUTES: '60' });
    expect(await call(c, 'checks:schedule')).toMatchObject({ intervalMinutes: 60 });
    await c.dispose();
  });

  it.each(['0', '100000', 'soon'])('NOME_CHECK_INTERVAL_MINUTES=%s (outside 1 to 1440) is ignored for the 15-minute default', async (value) => {
    const c = core({ NOME_CHECK_INTERVAL_MINUTES: value });
    expect(await call(c, 'checks:schedule')).toMatchObject({ intervalMinutes: 15 });
    await c.dispose();
  });

  it('checks:presets lists the OpenAI-compatible presets with their roots', async () => {
    const c = core();
    const presets = await call<{ id: string; apiRoot: string; keyOptional: boolean }[]>(c, 'checks:presets');
    expect(presets.map((p) => p.id)).toEqual(['openrouter', 'groq', 'together', 'mistral', 'ollama', 'lmstudio', 'llamacpp', 'vllm']);
    expect(presets.find((p) => p.id === 'ollama')).toMatchObject({ apiRoot: 'http://localhost:11434/v1', keyOptional: true });
    await c.dispose();
  });

  it('an out-of-range interval is bad_input', async () => {
    const c = core();
    const result = await c.router.invoke('checks:schedule', { intervalMinutes: 0 });
    expect(result.ok ? null : result.error.code).toBe('bad_input');
    await c.dispose();
  });
});
