import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import type { CorePorts } from '../../../electron/core/ports';

// A cipher that never runs here: app:status touches no secrets.
const ports: CorePorts = {
  host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false },
  clock: { now: () => 0 },
  env: {},
  cipher: {
    id: 'none',
    describe: async () => ({ cipher: 'none', weaker: false, available: false, note: null }),
    seal: () => Promise.reject(new Error('unused')),
    open: () => Promise.reject(new Error('unused')),
  },
  fetch: () => Promise.reject(new Error('no network in this test')),
};

describe('status channels through the router', () => {
  it('app:status answers with a report that satisfies its contract', async () => {
    const result = await createCore(ports).router.invoke('app:status', undefined);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ status: expect.stringMatching(/^(ok|attention|failing|low_credits)$/), lines: expect.any(Array) });
  });

  it('app:set-preferences refuses unknown fields as bad_input', async () => {
    const result = await createCore(ports).router.invoke('app:set-preferences', { notificationsEnabled: false, volume: 11 });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('app:set-preferences persists into the preferences store the host gives', async () => {
    const values = new Map<string, unknown>();
    const preferences = { get: (k: string) => values.get(k), set: (k: string, v: unknown) => void values.set(k, v) };
    await createCore(ports, { preferences }).router.invoke('app:set-preferences', { notificationsEnabled: false });
    const result = await createCore(ports, { preferences }).router.invoke('app:preferences', undefined);
    expect(result).toEqual({ ok: true, value: { notificationsEnabled: false, openSettingsShortcut: 'CmdOrCtrl+Shift+Comma' } });
  });
});
