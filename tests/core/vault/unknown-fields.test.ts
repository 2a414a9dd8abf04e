// A store written by a newer version carries fields this version does not know: on a record, inside its
// nested objects (secret, headers, storage, lastCheck, …) and at the top of keys.json. Every save writes them
// back unchanged, on the records it edits too (only the fields the edit changes change), and none of them
// ever leaves core: cards, save results and keys:changed carry declared fields only.
import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../../electron/core/router';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { createMemoryKeyStore } from '../../../electron/core/vault/key-store';
import { aesCipher, keys, makeVault, memoryMasterKeyStore, settle } from './vault-fixtures';

type Json = Record<string, unknown>;
type Raw = Json & { keys: Json[]; settings: Json; fingerprintKeys: Record<string, Json> };

const checkedAt = '2026-11-30T10:00:00.000Z';
/** A valid last check as a newer version would store it: with a field of its own, and one in its figures. */
const futureLastCheck = {
  state: 'ok',
  httpStatus: 200,
  providerCode: null,
  retryAfterS: null,
  latencyMs: 40,
  checkedAt,
  message: 'ok',
  figures: { source: 'deepseek-balance', reportedAt: checkedAt, currency: 'USD', remaining: 3.5, limit: null, usage: null, isAvailable: true, detail: {}, futureTrend: 'FUTURE-figures' },
  futureProbe: 'FUTURE-lastCheck',
};

/** Adds a newer version's fields at every level of the document. */
function withFutureFields(raw: Raw): Raw {
  const sealed = (value: Json, tag: string) => ({ ...value, futureWrap: `FUTURE-${tag}` });
  return {
    ...raw,
    futureSchemaHint: { minimumReader: 'nome-vault/1', note: 'FUTURE-top' },
    settings: { ...raw.settings, futureSetting: 'FUTURE-settings' },
    fingerprintKeys: Object.fromEntries(Object.entries(raw.fingerprintKeys).map(([cipher, value]) => [cipher, sealed(value, 'fingerprint-key')])),
    keys: raw.keys.map((record) => ({
      ...record,
      rotationPolicy: { everyDays: 90, futureNote: 'FUTURE-rotation' },
      secret: record.secret && sealed(record.secret as Json, 'secret'),
      fingerprint: record.fingerprint && { ...(record.fingerprint as Json), futureAlgorithm: 'FUTURE-hmac' },
      storage: { ...(record.storage as Json), futureSince: 'FUTURE-storage' },
      options: { ...(record.options as Json), region: 'eu-west' },
      headers: (record.headers as Json[]).map((header) => ({ ...header, futureSensitive: true, value: sealed(header.value as Json, 'header') })),
      lastCheck: record.provider === 'deepseek' ? futureLastCheck : record.lastCheck,
    })),
  };
}

const recordOf = (raw: Raw, id: string) => {
  const record = raw.keys.find((candidate) => candidate.id === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
};
const without = (value: Json, fields: readonly string[]) => Object.fromEntries(Object.entries(value).filter(([name]) => !fields.includes(name)));
const topLevel = (raw: Raw) => without(raw, ['keys']);
/** Nothing of what a newer version wrote may appear in what leaves core (region is a declared, open option). */
const leaksFuture = (output: unknown) => /future|rotationPolicy|everyDays/i.test(JSON.stringify(output));

async function futureStore() {
  const cipher = aesCipher(memoryMasterKeyStore());
  const store = createMemoryKeyStore();
  const first = makeVault({ store, cipher });
  const add = first.vault.handlers['keys:add'];
  const a = await add({ provider: 'deepseek', secret: keys.deepseek(), label: 'A', check: false, force: false, allowForeignHost: false });
  const b = await add({ provider: 'deepseek', secret: keys.deepseek(), label: 'B', check: false, force: false, allowForeignHost: false });
  const c = await add({
    provider: 'openai-compatible',
    secret: keys.compatible(),
    label: 'C',
    baseUrl: 'https://llm.example.com/v1',
    headers: [{ name: 'X-Org', value: 'org-value-123456' }],
    check: false,
    force: false,
    allowForeignHost: false,
  });
  store.replaceRaw(withFutureFields(store.raw() as Raw));
  const harness = makeVault({ store, cipher });
  return { store, harness, ids: { a: a.card.id, b: b.card.id, c: c.card.id }, raw: () => store.raw() as Raw };
}

describe('fields written by a newer version', () => {
  it('survive add, update, header edits, reorder, replace, checks, use, consent and remove, and only the edited fields change', async () => {
    const { harness, ids, raw } = await futureStore();
    const h = harness.vault.handlers;
    const outputs: unknown[] = [];
    const step = async <F extends () => unknown>(run: F, changed: Record<string, readonly string[]>): Promise<Awaited<ReturnType<F>>> => {
      const before = raw();
      const output = (await run()) as Awaited<ReturnType<F>>;
      outputs.push(output);
      const after = raw();
      expect(topLevel(after), 'top-level fields').toEqual(topLevel(before));
      for (const record of before.keys) {
        const id = record.id as string;
        if (!after.keys.some((candidate) => candidate.id === id)) continue;
        const fields = changed[id] ?? [];
        expect(without(recordOf(after, id), fields), `record ${id}`).toEqual(without(record, fields));
      }
      return output;
    };

    outputs.push(await h['keys:list']());
    const added = await step(() => h['keys:add']({ provider: 'xai', secret: keys.xai(), check: false, force: false, allowForeignHost: false }), {});
    expect(raw().keys).toHaveLength(4);

    await step(() => h['keys:update']({ id: ids.a, label: 'A renamed', allowForeignHost: false }), { [ids.a]: ['label', 'updatedAt'] });

    // C keeps X-Org (value null keeps the sealed value) and gains X-Team: the kept header keeps its unknown fields.
    const beforeHeaders = recordOf(raw(), ids.c).headers as Json[];
    await step(
      () => h['keys:update']({ id: ids.c, headers: [{ name: 'X-Org', value: null }, { name: 'X-Team', value: 'team-value-98765' }], allowForeignHost: false }),
      { [ids.c]: ['headers', 'updatedAt'] },
    );
    const headers = recordOf(raw(), ids.c).headers as Json[];
    expect(headers[0]).toEqual(beforeHeaders[0]);
    expect(headers[1]).toMatchObject({ name: 'X-Team' });
    // A new value for a header that stays: its value is this version's, what stood beside it stays.
    await step(() => h['keys:update']({ id: ids.c, headers: [{ name: 'X-Org', value: 'org-value-654321' }, { name: 'X-Team', value: null }], allowForeignHost: false }), {
      [ids.c]: ['headers', 'updatedAt'],
    });
    const [org] = recordOf(raw(), ids.c).headers as Json[];
    expect(org).toMatchObject({ name: 'X-Org', futureSensitive: true });
    expect(org!.value).not.toEqual(beforeHeaders[0]!.value);

    await step(() => h['keys:reorder']({ provider: 'deepseek', ids: [ids.b, ids.a] }), { [ids.a]: ['priority'], [ids.b]: ['priority'] });

    // Replacing re-seals: the sealing's own objects (secret, fingerprint, storage) are this version's; the rest stays.
    const sealing = ['kind', 'secret', 'fingerprint', 'masked', 'homeHost', 'shapeLabel', 'storage', 'unopenable', 'state', 'lastCheck', 'lastCheckedAt', 'updatedAt'];
    await step(() => h['keys:replace']({ id: ids.a, secret: keys.deepseek(), check: false, force: false, allowForeignHost: false }), { [ids.a]: sealing });
    expect(recordOf(raw(), ids.a).rotationPolicy).toEqual({ everyDays: 90, futureNote: 'FUTURE-rotation' });
    expect(recordOf(raw(), ids.a).secret).not.toHaveProperty('futureWrap');

    await step(() => h['keys:check']({ ids: [ids.c] }), { [ids.c]: ['state', 'lastCheck', 'lastCheckedAt'] });
    await step(() => harness.vault.markUsed(ids.b, '2026-12-01T00:00:00.000Z'), { [ids.b]: ['lastUsedAt'] });

    const beforeConsent = raw();
    outputs.push(await h['storage:consent']({ weakerStorage: true }));
    expect(raw().settings).toEqual({ ...beforeConsent.settings, weakerStorageConsent: true, consentAt: expect.any(String) });
    expect(raw().settings.futureSetting).toBe('FUTURE-settings');

    await step(() => h['keys:remove']({ id: ids.b }), { [ids.a]: ['priority'] });
    await step(() => h['keys:remove']({ id: added.card.id }), {});
    expect(raw().keys.map((record) => record.id)).toEqual([ids.a, ids.c]);
    expect(raw().futureSchemaHint).toEqual({ minimumReader: 'nome-vault/1', note: 'FUTURE-top' });
    expect(Object.values(raw().fingerprintKeys).every((sealed) => sealed.futureWrap === 'FUTURE-fingerprint-key')).toBe(true);

    // What left core: every handler output above and every keys:changed, before any router stripped anything.
    await settle();
    outputs.push(await h['keys:list']());
    const changes = harness.emitted.filter((entry) => entry.event === 'keys:changed');
    expect(changes.length).toBeGreaterThan(5);
    for (const output of [...outputs, ...changes.map((entry) => entry.payload)]) expect(leaksFuture(output)).toBe(false);
  });

  it('never reach keys:list, and the card still shows what this version knows (state, figures, options)', async () => {
    const { harness, ids } = await futureStore();
    const direct = await harness.vault.handlers['keys:list']();
    expect(leaksFuture(direct)).toBe(false);
    const a = direct.find((card) => card.id === ids.a)!;
    expect(a.storage).toStrictEqual({ cipher: 'aes-256-gcm:keyring', weaker: false });
    const { futureProbe: _probe, ...knownCheck } = futureLastCheck;
    const { futureTrend: _trend, ...knownFigures } = futureLastCheck.figures;
    expect(a.lastCheck).toStrictEqual({ ...knownCheck, figures: knownFigures });
    expect(a.options).toEqual({ region: 'eu-west' });

    const router = createRouter({ handlers: harness.vault.handlers as unknown as Handlers, scrubber: createMinimalScrubber(), checkOutput: true });
    const routed = await router.invoke('keys:list', undefined);
    expect(routed).toMatchObject({ ok: true });
    expect(leaksFuture(routed)).toBe(false);
    expect(routed).toEqual({ ok: true, value: direct });
  });

  it('a record whose known field is invalid is still held as it is, and only that field is named', async () => {
    const { store, harness, ids, raw } = await futureStore();
    const broken = { ...recordOf(raw(), ids.b), priority: -1 };
    store.replaceRaw({ ...raw(), keys: raw().keys.map((record) => (record.id === ids.b ? broken : record)) });
    expect((await harness.vault.handlers['keys:list']()).map((card) => card.id).sort()).toEqual([ids.a, ids.c].sort());
    expect(await harness.context.incidents.standing()).toEqual([expect.objectContaining({ kind: 'unreadable_record_kept', setAsideAs: `memory#${ids.b}`, fields: ['priority'] })]);
    await harness.vault.handlers['keys:update']({ id: ids.a, label: 'A again', allowForeignHost: false });
    expect(JSON.stringify(recordOf(raw(), ids.b))).toBe(JSON.stringify(broken));
  });
});

describe('a store in another version’s format', () => {
  it('is left untouched, not set aside: reads and saves fail with a clear error, and the rest of the app keeps working', async () => {
    const { store, raw } = await futureStore();
    const newer = { ...raw(), format: 'nome-vault/2' };
    store.replaceRaw(newer);
    const harness = makeVault({ store, cipher: aesCipher(memoryMasterKeyStore()) });
    const h = harness.vault.handlers;
    const refusal = { code: 'storage_failed', message: expect.stringContaining('another version of NOME Settings (nome-vault/2; this one reads nome-vault/1)') };
    await expect(h['keys:list']()).rejects.toMatchObject(refusal);
    await expect(h['keys:add']({ provider: 'xai', secret: keys.xai(), check: false, force: false, allowForeignHost: false })).rejects.toMatchObject(refusal);
    await expect(h['keys:remove']({ id: newer.keys[0]!.id as string })).rejects.toMatchObject(refusal);
    await expect(h['storage:consent']({ weakerStorage: true })).rejects.toMatchObject(refusal);
    expect(store.raw()).toEqual(newer);
    expect(harness.context.incidents.list()).toEqual([]);
    expect(await harness.context.incidents.standing()).toEqual([]);

    // Through the router the caller gets that message, and a later store in this version's format works again.
    const router = createRouter({ handlers: h as unknown as Handlers, scrubber: createMinimalScrubber(), checkOutput: true });
    expect(await router.invoke('keys:list', undefined)).toMatchObject({ ok: false, error: refusal });
    store.replaceRaw({ ...newer, format: 'nome-vault/1' });
    expect(await h['keys:list']()).toHaveLength(3);
  });

  it('a format that is not the vault’s at all is still damage and is set aside', async () => {
    const store = createMemoryKeyStore({ format: 'something-else', fingerprintKeys: {}, settings: { weakerStorageConsent: false, consentAt: null }, keys: [] });
    const harness = makeVault({ store });
    expect(await harness.vault.handlers['keys:list']()).toEqual([]);
    expect(harness.context.incidents.list()).toMatchObject([{ kind: 'corrupt_store_set_aside' }]);
  });
});
