// A check that finishes after its key changed must not land on the changed key: a sweep (or keys:check)
// of the OLD secret still in flight when keys:replace saves a NEW one, a base URL changed mid-check, and a
// key removed mid-check. The real checks feature (scheduler, service, classification) and the real vault
// run together; only the fetch port is ours, so a check can be held open while the change lands.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/channels/checks';
import type { KeyCard, KeySaveResult } from '../../../shared/channels/keys';
import { createIncidentLog } from '../../../electron/core/app/app-info';
import { createChecksFeature } from '../../../electron/core/checks/checks-feature';
import type { FeatureContext } from '../../../electron/core/create-core';
import { createEventBus } from '../../../electron/core/events';
import type { CorePorts } from '../../../electron/core/ports';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { createKeyVault, type KeyVault } from '../../../electron/core/vault/key-vault';
import { createMemoryKeyStore } from '../../../electron/core/vault/key-store';
import { aesCipher, keys } from './vault-fixtures';

interface Held {
  readonly release: () => void;
}

/** A fetch port: requests whose URL or Authorization header contains a held word wait for `release`;
 *  a request carrying a `revoked` word gets 401, every other one 200 (a DeepSeek balance, or an empty model list). */
function controllableFetch() {
  const revoked = new Set<string>();
  const holds = new Map<string, { seen: Promise<void>; markSeen: () => void; gate: Promise<void>; open: () => void }>();
  const matches = (word: string, url: string, auth: string) => url.includes(word) || auth.includes(word);
  const fetchPort = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    for (const [word, hold] of holds) {
      if (!matches(word, url, auth)) continue;
      hold.markSeen();
      await hold.gate;
    }
    const status = [...revoked].some((word) => matches(word, url, auth)) ? 401 : 200;
    const ok = url.includes('/user/balance')
      ? { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '4.20', granted_balance: '0.00', topped_up_balance: '4.20' }] }
      : { object: 'list', data: [] };
    const body = status === 401 ? { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } } : ok;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return {
    fetchPort,
    revoke: (word: string) => revoked.add(word),
    /** Holds requests matching `word`; resolves once one arrived, with a handle to let it through. */
    hold(word: string): Promise<Held> {
      let markSeen!: () => void;
      let open!: () => void;
      const seen = new Promise<void>((resolve) => (markSeen = resolve));
      const gate = new Promise<void>((resolve) => (open = resolve));
      holds.set(word, { seen, markSeen, gate, open });
      return seen.then(() => ({
        release: () => {
          holds.delete(word);
          open();
        },
      }));
    },
  };
}

function harness() {
  const net = controllableFetch();
  const events = createEventBus();
  const emitted: Array<{ event: string; payload: unknown }> = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const ports: CorePorts = {
    host: { kind: 'cli', version: '0.0.0-test', dataDir: '/nonexistent-nome-test', demo: false },
    clock: { now: () => Date.now() },
    env: {},
    cipher: aesCipher(),
    fetch: net.fetchPort,
  };
  const context: FeatureContext = { ports, events, scrubber: createMinimalScrubber(), incidents: createIncidentLog(() => undefined) };
  const store = createMemoryKeyStore();
  // Wired as createCore wires them: the scheduler reads the vault late; the vault checks through the scheduler.
  let vault: KeyVault | null = null;
  const checks = createChecksFeature(context, { source: () => vault });
  vault = createKeyVault(context, { store, checks: checks.scheduler.service });
  const h = vault.handlers as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
  const stateChanges = () => emitted.filter((e) => e.event === 'checks:state-changed').map((e) => e.payload as { id: string; previous: string | null; result: CheckResult });
  return {
    net,
    store,
    checks,
    stateChanges,
    add: (input: object) => h['keys:add']!({ check: false, force: false, allowForeignHost: false, ...input }) as Promise<KeySaveResult>,
    replace: (input: object) => h['keys:replace']!({ check: true, force: false, allowForeignHost: false, ...input }) as Promise<KeySaveResult>,
    update: (input: object) => h['keys:update']!(input) as Promise<KeyCard>,
    remove: (id: string) => h['keys:remove']!({ id }),
    check: (ids: string[]) => h['keys:check']!({ ids }) as Promise<CheckResult[]>,
    list: () => h['keys:list']!() as Promise<KeyCard[]>,
  };
}

describe('a check result for a key that changed meanwhile is dropped', () => {
  it('a periodic sweep of the old secret that finishes after keys:replace does not touch the new key or announce a state', async () => {
    const t = harness();
    const oldSecret = keys.deepseek();
    const newSecret = keys.deepseek();
    t.net.revoke(oldSecret); // the reason for rotating: the old key was revoked
    const { card } = await t.add({ provider: 'deepseek', secret: oldSecret });

    const held = t.net.hold(oldSecret);
    const sweep = t.checks.scheduler.checkKeys(undefined, 'interval');
    const oldCheck = await held; // the sweep's request with the old key is on the wire
    const replaced = await t.replace({ id: card.id, secret: newSecret });
    expect(replaced.check?.state).toBe('ok');
    oldCheck.release();
    const [swept] = await sweep;
    expect(swept).toMatchObject({ id: card.id, state: 'invalid_key' }); // the old key really was refused

    const [listed] = await t.list();
    expect(listed).toMatchObject({ id: card.id, state: 'ok', lastCheckedAt: replaced.check!.checkedAt, masked: replaced.card.masked });
    expect(t.stateChanges().map((change) => [change.id, change.previous, change.result.state])).toEqual([[card.id, null, 'ok']]);
  });

  it('keys:check of the old secret finishing after keys:replace does not land either', async () => {
    const t = harness();
    const oldSecret = keys.deepseek();
    t.net.revoke(oldSecret);
    const { card } = await t.add({ provider: 'deepseek', secret: oldSecret });
    const held = t.net.hold(oldSecret);
    const checking = t.check([card.id]);
    const oldCheck = await held;
    const replaced = await t.replace({ id: card.id, secret: keys.deepseek() });
    oldCheck.release();
    // The caller asked about the key it had, and is told what that check found.
    expect((await checking)[0]).toMatchObject({ id: card.id, state: 'invalid_key' });
    expect((await t.list())[0]).toMatchObject({ state: 'ok', lastCheckedAt: replaced.check!.checkedAt });
    expect(t.stateChanges().map((change) => change.result.state)).toEqual(['ok']);
  });

  it('a check against the old base URL finishing after keys:update re-pointed the key is dropped; a label edit is not a reason to drop one', async () => {
    const t = harness();
    t.net.revoke('gw-old.example');
    const { card } = await t.add({ provider: 'openai-compatible', secret: keys.compatible(), baseUrl: 'https://gw-old.example/v1' });

    const held = t.net.hold('gw-old.example');
    const checking = t.check([card.id]);
    const oldCheck = await held;
    await t.update({ id: card.id, baseUrl: 'https://gw-new.example/v1' });
    oldCheck.release();
    expect((await checking)[0]?.state).toBe('invalid_key');
    expect((await t.list())[0]).toMatchObject({ state: 'unchecked', lastCheckedAt: null, baseUrl: 'https://gw-new.example/v1' });
    expect(t.stateChanges()).toEqual([]);

    // Control: the same race with only the label changing keeps the result (the endpoint is the same).
    const heldAgain = t.net.hold('gw-new.example');
    const again = t.check([card.id]);
    const newCheck = await heldAgain;
    await t.update({ id: card.id, label: 'Gateway' });
    newCheck.release();
    const [result] = await again;
    expect(result?.state).toBe('ok');
    expect((await t.list())[0]).toMatchObject({ label: 'Gateway', state: 'ok', lastCheckedAt: result!.checkedAt });
    expect(t.stateChanges().map((change) => change.result.state)).toEqual(['ok']);
  });

  it('a check finishing after keys:remove neither errors nor brings the key back', async () => {
    const t = harness();
    const secret = keys.deepseek();
    const { card } = await t.add({ provider: 'deepseek', secret });
    const held = t.net.hold(secret);
    const checking = t.check([card.id]);
    const sweep = t.checks.scheduler.checkKeys(undefined, 'interval');
    const inFlight = await held;
    await t.remove(card.id);
    inFlight.release();
    await expect(checking).resolves.toHaveLength(1);
    await expect(sweep).resolves.toHaveLength(1);
    expect(await t.list()).toEqual([]);
    expect((t.store as ReturnType<typeof createMemoryKeyStore>).raw()).toMatchObject({ keys: [] });
    expect(t.stateChanges()).toEqual([]);
  });
});
