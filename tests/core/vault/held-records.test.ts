// One record this version cannot read (a provider from a newer version, a hand-edited field) must not take
// the other keys with it: the readable ones are used, the unreadable one stays in the store exactly as it was
// through every save, and app:info reports it. A store without the vault's shape is still set aside whole.
import { describe, expect, it } from 'vitest';
import type { Cipher } from '../../../electron/core/ports';
import { createMemoryKeyStore } from '../../../electron/core/vault/key-store';
import { aesCipher, keys, makeVault, memoryMasterKeyStore } from './vault-fixtures';

const h = (harness: ReturnType<typeof makeVault>) => harness.vault.handlers;
const add = (harness: ReturnType<typeof makeVault>, provider: 'deepseek' | 'xai', secret: string) =>
  h(harness)['keys:add']({ provider, secret, check: false, force: false, allowForeignHost: false });

type Raw = { keys: unknown[] } & Record<string, unknown>;

/** A store holding one readable deepseek key and, after it, one record from "a newer version". */
async function storeWithOneUnreadable(cipher: Cipher) {
  const store = createMemoryKeyStore();
  const first = makeVault({ store, cipher });
  const { card } = await add(first, 'deepseek', keys.deepseek());
  const raw = store.raw() as Raw;
  const good = raw.keys[0] as Record<string, unknown>;
  // Same shape as ours but a provider id this version does not know, and a field it has never heard of.
  const future = { ...good, id: 'key_from_the_future', provider: 'mistral', priority: 0, label: 'Mistral (newer app)', tags: ['eu'] };
  store.replaceRaw({ ...raw, keys: [good, future] });
  return { store, goodId: card.id, futureJson: JSON.stringify(future) };
}

const keptAsIs = (store: ReturnType<typeof createMemoryKeyStore>) => (store.raw() as Raw).keys.filter((k) => (k as { id: string }).id === 'key_from_the_future').map((k) => JSON.stringify(k));

describe('a record this version cannot read', () => {
  it('lists the readable keys, reports the unreadable one, and keeps it byte for byte through add, update, reorder and remove', async () => {
    const cipher = aesCipher(memoryMasterKeyStore());
    const { store, goodId, futureJson } = await storeWithOneUnreadable(cipher);
    const harness = makeVault({ store, cipher });

    const listed = await h(harness)['keys:list']();
    expect(listed.map((card) => card.id)).toEqual([goodId]);
    expect(await harness.context.incidents.standing()).toEqual([
      { kind: 'unreadable_record_kept', file: 'memory', setAsideAs: 'memory#key_from_the_future', at: expect.any(String), fields: ['provider'] },
    ]);

    const second = await add(harness, 'deepseek', keys.deepseek());
    expect(keptAsIs(store)).toEqual([futureJson]);
    await h(harness)['keys:update']({ id: goodId, label: 'renamed', baseUrl: 'https://api.deepseek.com', allowForeignHost: false });
    expect(keptAsIs(store)).toEqual([futureJson]);
    const reordered = await h(harness)['keys:reorder']({ provider: 'deepseek', ids: [second.card.id, goodId] });
    expect(reordered.map((card) => card.id)).toEqual([second.card.id, goodId]);
    expect(keptAsIs(store)).toEqual([futureJson]);
    await h(harness)['keys:remove']({ id: goodId });
    await h(harness)['keys:remove']({ id: second.card.id });
    expect(keptAsIs(store)).toEqual([futureJson]);
    // The record stays where it was in the file, and is still reported with the time it was first seen.
    expect((store.raw() as Raw).keys.map((k) => JSON.stringify(k))).toEqual([futureJson]);
    expect(await h(harness)['keys:list']()).toEqual([]);
    const [incident] = await harness.context.incidents.standing();
    expect(incident).toMatchObject({ kind: 'unreadable_record_kept', setAsideAs: 'memory#key_from_the_future' });
  });

  it('is no longer reported once it is gone from the store (fixed by hand)', async () => {
    const cipher = aesCipher(memoryMasterKeyStore());
    const { store } = await storeWithOneUnreadable(cipher);
    const harness = makeVault({ store, cipher });
    await h(harness)['keys:list']();
    expect(await harness.context.incidents.standing()).toHaveLength(1);
    const raw = store.raw() as Raw;
    store.replaceRaw({ ...raw, keys: raw.keys.slice(0, 1) });
    expect(await h(harness)['keys:list']()).toHaveLength(1);
    expect(await harness.context.incidents.standing()).toEqual([]);
  });

  it('a record without an id is kept and named by its place; a record that is not an object is kept too', async () => {
    const cipher = aesCipher(memoryMasterKeyStore());
    const { store, goodId } = await storeWithOneUnreadable(cipher);
    const raw = store.raw() as Raw;
    store.replaceRaw({ ...raw, keys: [raw.keys[0], { label: 'half a record' }, 42] });
    const harness = makeVault({ store, cipher });
    expect((await h(harness)['keys:list']()).map((card) => card.id)).toEqual([goodId]);
    expect((await harness.context.incidents.standing()).map((incident) => incident.setAsideAs)).toEqual(['memory#record-2', 'memory#record-3']);
    await add(harness, 'xai', keys.xai());
    const after = (store.raw() as Raw).keys;
    expect(after.slice(0, 3)).toEqual([raw.keys[0], { label: 'half a record' }, 42]);
    expect(after).toHaveLength(4);
  });

  it('still sets aside a store whose own shape is wrong (not one bad record: the document itself)', async () => {
    const store = createMemoryKeyStore({ format: 'nome-vault/1', fingerprintKeys: {}, settings: { weakerStorageConsent: 'yes', consentAt: null }, keys: [] });
    const harness = makeVault({ store });
    expect(await h(harness)['keys:list']()).toEqual([]);
    expect(harness.context.incidents.list()).toMatchObject([{ kind: 'corrupt_store_set_aside' }]);
    expect(await harness.context.incidents.standing()).toEqual([]);
  });
});
