import { describe, expect, it, vi } from 'vitest';
import { NomeError } from '../../shared/errors';
import { createRouter, type Handlers } from '../../electron/core/router';
import { createMinimalScrubber } from '../../electron/core/scrub/scrubber';
import type { AppInfo } from '../../shared/channels/app';

const info: AppInfo = {
  name: 'NOME Settings',
  version: '1.2.3',
  host: 'cli',
  dataDir: '/tmp/x',
  storage: { cipher: 'test', weaker: false, available: true, note: null },
  incidents: [],
  demo: false,
};

function routerWith(appInfo: () => unknown, checkOutput = true) {
  const onInternalError = vi.fn();
  const handler = vi.fn(appInfo);
  const router = createRouter({
    // Only app:info is exercised; the other channels are never reached in these tests.
    handlers: { 'app:info': handler } as unknown as Handlers,
    scrubber: createMinimalScrubber(),
    checkOutput,
    onInternalError,
  });
  return { router, handler, onInternalError };
}

describe('router', () => {
  it('returns the handler value for a valid call', async () => {
    const { router } = routerWith(() => info);
    expect(await router.invoke('app:info', undefined)).toEqual({ ok: true, value: info });
  });

  it('bad input is a typed bad_input error and the handler never runs', async () => {
    const { router, handler } = routerWith(() => info);
    const result = await router.invoke('app:info', { unexpected: true });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('bad_input');
    expect(handler).not.toHaveBeenCalled();
  });

  it('an unknown channel is unknown_channel, also for prototype names', async () => {
    const { router } = routerWith(() => info);
    for (const name of ['nope:nope', '__proto__', 'constructor', 'toString']) {
      const result = await router.invoke(name, undefined);
      expect(!result.ok && result.error.code).toBe('unknown_channel');
    }
  });

  it('output that breaks the contract is an internal error when checking is on', async () => {
    const { router, onInternalError } = routerWith(() => ({ ...info, version: 42 }));
    const result = await router.invoke('app:info', undefined);
    expect(!result.ok && result.error.code).toBe('internal');
    expect(!result.ok && result.error.message).toMatch(/version/);
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('output is stripped of fields the contract does not declare, so nothing extra leaks', async () => {
    const { router } = routerWith(() => ({ ...info, secret: 'sk-should-not-cross-the-boundary' }));
    const result = await router.invoke('app:info', undefined);
    expect(result.ok && 'secret' in (result.value as object)).toBe(false);
  });

  it('a NomeError keeps its code and its message is scrubbed', async () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    const { router } = routerWith(() => {
      throw new NomeError('conflict', `key ${key} already saved`);
    });
    const result = await router.invoke('app:info', undefined);
    expect(!result.ok && result.error.code).toBe('conflict');
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('an unexpected throw is internal, scrubbed, and reported', async () => {
    const key = 'sk-ant-api03-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const { router, onInternalError } = routerWith(() => {
      throw new Error(`boom with ${key}`);
    });
    const result = await router.invoke('app:info', undefined);
    expect(!result.ok && result.error.code).toBe('internal');
    expect(JSON.stringify(result)).not.toContain(key);
    expect(JSON.stringify(onInternalError.mock.calls)).not.toContain(key);
  });
});
