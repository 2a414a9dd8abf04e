import { describe, expect, it } from 'vitest';
import type { KeyCard } from '../../../shared/channels/keys';
import type { Receipt } from '../../../shared/channels/receipts';
import { createCore } from '../../../electron/core/create-core';
import { createMemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { createMemoryKeyStore, type KeyStore } from '../../../electron/core/vault/key-store';
import { routerCall, testPorts } from '../../support/test-core';

// receipts:record with a byok receipt's keyId: the key card's lastUsedAt, through the real vault (memory store).
const now = Date.parse('2026-12-03T12:00:00.000Z');
const openRouterKey = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
const deepSeekKey = `sk-${'a1b2c3d4'.repeat(4)}`;

/** A memory key store that counts its writes and can be made to fail them. */
function countingStore() {
  const inner = createMemoryKeyStore();
  const counts = { writes: 0, failWrites: false };
  const store: KeyStore = {
    ...inner,
    update(parse, change) {
      counts.writes += 1;
      if (counts.failWrites) return Promise.reject(new Error('disk full'));
      return inner.update(parse, change);
    },
  };
  return { store, counts };
}

function setup(env: Record<string, string> = {}) {
  const { store, counts } = countingStore();
  const files = createMemoryDataFiles();
  const core = createCore(testPorts({ clock: { now: () => now }, env, files }), { keyStore: store });
  const events: { event: string; payload: unknown }[] = [];
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  const call = routerCall(core);
  const addKey = async (provider: string, secret: string) =>
    (await call<{ card: KeyCard }>('keys:add', { provider, secret, check: false, ...(provider === 'openai-compatible' ? { baseUrl: 'https://openrouter.ai/api/v1' } : {}) })).card.id;
  const card = async (id: string) => (await call<KeyCard[]>('keys:list')).find((c) => c.id === id)!;
  const segmentText = () => new TextDecoder().decode(files.contents.get('receipts/2026-12.jsonl') ?? new Uint8Array());
  return { core, call, counts, events, addKey, card, segmentText };
}

type RecordOutput = {
  recordedCount: number;
  recorded: Receipt[];
  rejected: { index: number; code: string; message: string }[];
  flagged: { index: number; code: string; message: string }[];
  unmarkedKeys: { keyIds: string[]; code: string; message: string } | null;
};

const byok = (keyId: string | undefined, at: string, overrides: Record<string, unknown> = {}) => ({
  lane: 'byok',
  laneReason: 'BYOK: OpenRouter key',
  provider: 'openrouter',
  model: 'openai/gpt-4o',
  tokens: { input: 1000, output: 100 },
  at,
  ...(keyId === undefined ? {} : { keyId }),
  ...overrides,
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('receipts naming their key', () => {
  it("a byok receipt's keyId sets that key's lastUsedAt to the batch's latest at, and keys:changed says so", async () => {
    const { call, addKey, card, events } = setup();
    const id = await addKey('openai-compatible', openRouterKey);
    expect((await card(id)).lastUsedAt).toBeNull();
    events.length = 0;
    const out = await call<RecordOutput>('receipts:record', {
      receipts: [byok(id, '2026-12-03T09:00:00.000Z'), byok(id, '2026-12-03T11:30:00.000Z'), byok(id, '2026-12-03T10:00:00.000Z')],
    });
    expect(out).toMatchObject({ recordedCount: 3, rejected: [], flagged: [], unmarkedKeys: null });
    expect(out.recorded.map((r) => r.keyId)).toEqual([id, id, id]);
    expect((await card(id)).lastUsedAt).toBe('2026-12-03T11:30:00.000Z');
    await settle();
    const changed = events.filter((e) => e.event === 'keys:changed').at(-1)?.payload as KeyCard[] | undefined;
    expect(changed?.find((c) => c.id === id)?.lastUsedAt).toBe('2026-12-03T11:30:00.000Z');
    expect(JSON.stringify(events)).not.toContain(openRouterKey);
  });

  it('never moves lastUsedAt back: a batch recorded late leaves the later use, and writes nothing', async () => {
    const { call, addKey, card, counts, events } = setup();
    const id = await addKey('openai-compatible', openRouterKey);
    await call('receipts:record', { receipts: [byok(id, '2026-12-03T11:00:00.000Z')] });
    const writes = counts.writes;
    events.length = 0;
    await call('receipts:record', { receipts: [byok(id, '2026-12-02T08:00:00.000Z'), byok(id, '2026-12-03T10:59:59.999Z')] });
    expect((await card(id)).lastUsedAt).toBe('2026-12-03T11:00:00.000Z');
    expect(counts.writes).toBe(writes);
    await settle();
    expect(events.filter((e) => e.event === 'keys:changed')).toHaveLength(0);
  });

  it('two batches at once, the later one first: the vault keeps the later use (compared under its lock)', async () => {
    const { call, addKey, card } = setup();
    const id = await addKey('openai-compatible', openRouterKey);
    await Promise.all([
      call('receipts:record', { receipts: [byok(id, '2026-12-03T11:00:00.000Z')] }),
      call('receipts:record', { receipts: [byok(id, '2026-12-03T08:00:00.000Z')] }),
    ]);
    expect((await card(id)).lastUsedAt).toBe('2026-12-03T11:00:00.000Z');
  });

  it('one vault write per batch, however many receipts and keys it names', async () => {
    const { call, addKey, card, counts } = setup();
    const first = await addKey('openai-compatible', openRouterKey);
    const second = await addKey('deepseek', deepSeekKey);
    const receipts = Array.from({ length: 1000 }, (_, index) =>
      index % 2 === 0
        ? byok(first, new Date(now - 3_600_000 + index * 1000).toISOString())
        : byok(second, new Date(now - 3_600_000 + index * 1000).toISOString(), { provider: 'deepseek', model: 'deepseek-chat' }),
    );
    const writes = counts.writes;
    const out = await call<RecordOutput>('receipts:record', { receipts, echo: false });
    expect(out.recordedCount).toBe(1000);
    expect(counts.writes - writes).toBe(1);
    expect((await card(first)).lastUsedAt).toBe(new Date(now - 3_600_000 + 998 * 1000).toISOString());
    expect((await card(second)).lastUsedAt).toBe(new Date(now - 3_600_000 + 999 * 1000).toISOString());
  });

  it('batches recorded at once share a vault write (group commit), each returning once its own use is written', async () => {
    const { call, addKey, card, counts } = setup();
    const id = await addKey('openai-compatible', openRouterKey);
    const writes = counts.writes;
    const ats = ['2026-12-03T08:00:00.000Z', '2026-12-03T11:00:00.000Z', '2026-12-03T09:00:00.000Z', '2026-12-03T10:00:00.000Z', '2026-12-03T07:00:00.000Z'];
    const outs = await Promise.all(ats.map((at) => call<RecordOutput>('receipts:record', { receipts: [byok(id, at)] })));
    for (const out of outs) expect(out).toMatchObject({ recordedCount: 1, flagged: [], unmarkedKeys: null });
    expect((await card(id)).lastUsedAt).toBe('2026-12-03T11:00:00.000Z');
    expect(counts.writes - writes).toBeGreaterThanOrEqual(1);
    expect(counts.writes - writes).toBeLessThan(ats.length);
  });

  it('receipts that name no key leave the vault alone', async () => {
    const { call, addKey, counts } = setup();
    await addKey('openai-compatible', openRouterKey);
    const writes = counts.writes;
    await call('receipts:record', { receipts: [byok(undefined, '2026-12-03T11:00:00.000Z'), { lane: 'local', laneReason: 'local', provider: 'ollama', model: 'qwen', tokens: {} }] });
    expect(counts.writes).toBe(writes);
  });

  it('keyId on any lane but byok is rejected line by line, naming the field; the good receipts are kept', async () => {
    const { call, addKey, card, segmentText } = setup();
    const id = await addKey('openai-compatible', openRouterKey);
    const out = await call<RecordOutput>('receipts:record', {
      receipts: [
        { lane: 'credits', laneReason: 'default', provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: { input: 10 }, keyId: id, at: '2026-12-03T11:00:00.000Z' },
        { lane: 'local', laneReason: 'local', provider: 'ollama', model: 'qwen', tokens: {}, keyId: id },
        byok(id, '2026-12-03T10:00:00.000Z'),
      ],
    });
    expect(out.recordedCount).toBe(1);
    expect(out.rejected.map((r) => [r.index, r.code])).toEqual([[0, 'bad_input'], [1, 'bad_input']]);
    for (const reject of out.rejected) expect(reject.message).toMatch(/keyId: only a byok receipt names a key/);
    // The rejected credits receipt did not count as a use of the key.
    expect((await card(id)).lastUsedAt).toBe('2026-12-03T10:00:00.000Z');
    expect(segmentText().trim().split('\n')).toHaveLength(1);
  });

  it('an unknown keyId is recorded and flagged, not rejected: the turn ran and cost money', async () => {
    const { call, addKey, counts, segmentText } = setup();
    await addKey('openai-compatible', openRouterKey);
    const writes = counts.writes;
    const out = await call<RecordOutput>('receipts:record', { receipts: [byok('key_removedlongago0000', '2026-12-03T10:00:00.000Z'), byok(undefined, '2026-12-03T10:00:00.000Z')] });
    expect(out.recordedCount).toBe(2);
    expect(out.rejected).toEqual([]);
    expect(out.flagged).toEqual([{ index: 0, code: 'not_found', message: expect.stringMatching(/keyId key_removedlongago0000 names no key on this host .*the receipt is recorded/) }]);
    expect(counts.writes).toBe(writes);
    expect(segmentText()).toContain('"keyId":"key_removedlongago0000"');
  });

  it("an environment key's id is known (not flagged); the vault keeps no lastUsedAt for it", async () => {
    const { call, card } = setup({ DEEPSEEK_API_KEY: deepSeekKey });
    const out = await call<RecordOutput>('receipts:record', { receipts: [byok('env:DEEPSEEK_API_KEY', '2026-12-03T10:00:00.000Z', { provider: 'deepseek', model: 'deepseek-chat' })] });
    expect(out).toMatchObject({ recordedCount: 1, flagged: [], unmarkedKeys: null });
    expect(out.recorded[0]!.keyId).toBe('env:DEEPSEEK_API_KEY');
    expect((await card('env:DEEPSEEK_API_KEY')).lastUsedAt).toBeNull();
  });

  it('a key sent in place of its id is refused and never reaches disk, a pattern key or one only the vault knows', async () => {
    const { call, addKey, segmentText } = setup();
    // A custom endpoint's key: nothing about it looks like a key, so only the vault knows it is one.
    const shapeless = 'zq7Hw3pLk9Vt2mXr8bYc4nJf6gDs1aQe';
    await call('keys:add', { provider: 'openai-compatible', secret: shapeless, baseUrl: 'http://127.0.0.1:9/v1', check: false });
    const id = await addKey('openai-compatible', openRouterKey);
    const out = await call<RecordOutput>('receipts:record', {
      receipts: [byok(openRouterKey, '2026-12-03T10:00:00.000Z'), byok(shapeless, '2026-12-03T10:00:00.000Z'), byok(id, '2026-12-03T10:00:00.000Z')],
    });
    expect(out.recordedCount).toBe(1);
    expect(out.rejected.map((r) => r.index)).toEqual([0, 1]);
    for (const reject of out.rejected) expect(reject.message).toMatch(/keyId: this looks like a key itself, not a key's id/);
    const everything = JSON.stringify(out) + segmentText();
    expect(everything).not.toContain(openRouterKey);
    expect(everything).not.toContain(shapeless);
  });

  it("a real key id passes the scrubber whole: on disk, in receipts:list and in the CSV's key_id column", async () => {
    const { call, addKey, segmentText } = setup();
    const id = await addKey('openai-compatible', openRouterKey);
    expect(id).toMatch(/^key_[0-9a-f]{20}$/);
    await call('receipts:record', { receipts: [byok(id, '2026-12-03T10:00:00.000Z'), byok(undefined, '2026-12-03T10:01:00.000Z')] });
    expect(segmentText()).toContain(`"keyId":"${id}"`);
    expect((await call<{ receipts: Receipt[] }>('receipts:list', {})).receipts.map((r) => r.keyId)).toEqual([null, id]);
    const csv = (await call<{ text: string }>('receipts:export', {})).text.trimEnd().split('\r\n');
    const header = csv[0]!.split(',');
    const column = header.indexOf('key_id');
    expect(column).toBeGreaterThan(-1);
    expect(csv.slice(1).map((row) => row.split(',')[column])).toEqual([id, '']);
  });

  it('receipts:list and receipts:export filter by keyId; a keyId that is not an id (spaces, slashes) is bad_input', async () => {
    const { core, call, addKey } = setup();
    const first = await addKey('openai-compatible', openRouterKey);
    const second = await addKey('deepseek', deepSeekKey);
    await call('receipts:record', {
      receipts: [byok(first, '2026-12-03T10:00:00.000Z'), byok(second, '2026-12-03T10:01:00.000Z', { provider: 'deepseek', model: 'deepseek-chat' }), byok(undefined, '2026-12-03T10:02:00.000Z'), byok(first, '2026-12-03T10:03:00.000Z')],
    });
    const listed = await call<{ receipts: Receipt[] }>('receipts:list', { keyId: first });
    expect(listed.receipts.map((r) => [r.at, r.keyId])).toEqual([
      ['2026-12-03T10:03:00.000Z', first],
      ['2026-12-03T10:00:00.000Z', first],
    ]);
    expect((await call<{ receipts: Receipt[] }>('receipts:list', { keyId: second })).receipts.map((r) => r.provider)).toEqual(['deepseek']);
    const csv = (await call<{ rows: number; text: string }>('receipts:export', { keyId: second }));
    expect(csv.rows).toBe(1);
    expect(csv.text).toContain(second);
    expect(csv.text).not.toContain(first);
    const refused = await core.router.invoke('receipts:list', { keyId: 'key a/b' });
    expect(refused.ok ? null : refused.error.code).toBe('bad_input');
  });

  it("a key store that cannot be written keeps the receipts and says which keys' lastUsedAt was not set", async () => {
    const { call, addKey, counts, card } = setup();
    const id = await addKey('openai-compatible', openRouterKey);
    counts.failWrites = true;
    const out = await call<RecordOutput>('receipts:record', { receipts: [byok(id, '2026-12-03T10:00:00.000Z')] });
    expect(out.recordedCount).toBe(1);
    expect(out.unmarkedKeys).toMatchObject({ keyIds: [id], code: 'storage_failed' });
    counts.failWrites = false;
    expect((await card(id)).lastUsedAt).toBeNull();
  });
});
