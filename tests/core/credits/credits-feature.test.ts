import { describe, expect, it } from 'vitest';
import type { CreditSummary, Hold } from '../../../shared/channels/credits';
import type { Receipt } from '../../../shared/channels/receipts';
import { createCore } from '../../../electron/core/create-core';
import { figuresFromKeyCards } from '../../../electron/core/credits/key-card-figures';
import { createMemoryDataFiles, type MemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { createMemoryKeyStore } from '../../../electron/core/vault/key-store';
import { createTestCipher } from '../../support/test-cipher';
import { routerCall, testPorts } from '../../support/test-core';

const start = Date.parse('2026-12-03T12:00:00.000Z');

function setup(options: { demo?: boolean; files?: MemoryDataFiles } = {}) {
  let now = start;
  const files = options.files ?? createMemoryDataFiles();
  const core = createCore(
    testPorts({ host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: options.demo === true }, clock: { now: () => now }, files }),
  );
  return { core, call: routerCall(core), files, advance: (ms: number) => (now += ms) };
}

const turn = (overrides: Record<string, unknown> = {}) => ({
  lane: 'credits',
  laneReason: 'NOME Credits: default lane',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  tokens: { input: 1000, output: 200 },
  ...overrides,
});

describe('credits feature', () => {
  it('receipts:record keeps good entries and rejects bad ones one by one, naming the entry and field', async () => {
    const { call } = setup();
    const result = await call<{ recorded: Receipt[]; rejected: { index: number; message: string }[] }>('receipts:record', {
      receipts: [turn(), { lane: 'credits' }, turn({ tokens: { input: -5 } }), turn({ lane: 'local', provider: 'ollama', model: 'qwen' })],
    });
    expect(result.recorded.map((r) => r.lane)).toEqual(['credits', 'local']);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(result.rejected[1]!.message).toMatch(/tokens\.input/);
  });

  it('a receipt dated more than an hour past the clock is rejected on its own; a little clock skew is fine', async () => {
    const { call } = setup();
    const result = await call<{ recordedCount: number; rejected: { index: number; message: string }[] }>('receipts:record', {
      receipts: [
        turn({ at: '2026-12-03T11:00:00.000Z' }),
        turn({ at: '2206-12-03T11:00:00.000Z' }),
        turn({ at: '2026-12-03T12:30:00.000Z' }),
        turn({ at: '2026-12-03T15:00:01+02:00' }), // 13:00:01Z: an hour and a second ahead
        turn({ at: '2026-12-03T13:00:00.001Z' }),
      ],
    });
    expect(result.recordedCount).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 3, 4]);
    expect(result.rejected[0]!.message).toBe(
      "at: 2206-12-03T11:00:00.000Z is after 2026-12-03T13:00:00.000Z, more than an hour past this host's clock; a receipt records a turn that has finished",
    );
    expect((await call<{ receipts: Receipt[] }>('receipts:list', {})).receipts.map((r) => r.at)).toEqual(['2026-12-03T12:30:00.000Z', '2026-12-03T11:00:00.000Z']);
  });

  it('each lane records what it costs: credits debit, BYOK estimates USD, local is free, a seat is named', async () => {
    const { call } = setup();
    const { recorded } = await call<{ recorded: Receipt[] }>('receipts:record', {
      receipts: [
        turn(),
        turn({ lane: 'byok', laneReason: 'user key' }),
        turn({ lane: 'local', provider: 'ollama', model: 'qwen2.5-coder:7b' }),
        turn({ lane: 'provider-subscription', seat: 'claude-code:max' }),
      ],
    });
    const [credits, byok, local, seat] = recorded;
    expect(credits).toMatchObject({ credits: 6, normalizedTokens: 6000, providerCostUsd: 0, priced: true });
    expect(byok).toMatchObject({ credits: 0, normalizedTokens: 6000, providerCostUsd: 0.006 });
    expect(local).toMatchObject({ credits: 0, normalizedTokens: 0, providerCostUsd: 0, priced: true, tokens: { input: 1000, output: 200 } });
    expect(seat).toMatchObject({ credits: 0, providerCostUsd: 0, seat: 'claude-code:max', laneReason: 'NOME Credits: default lane' });
    const summary = await call<CreditSummary>('credits:summary');
    expect(summary.ledger.debited).toBe(6);
    expect(summary.byLane.byok.providerCostUsd).toBe(0.006);
    expect(summary.byLane['provider-subscription'].turns).toBe(1);
  });

  it('an unknown model on the credits lane is recorded unpriced, with no credits, never as free', async () => {
    const { call } = setup();
    const { recorded } = await call<{ recorded: Receipt[] }>('receipts:record', { receipts: [turn({ provider: 'openai-compatible', model: 'team-finetune-v2' })] });
    expect(recorded[0]).toMatchObject({ priced: false, credits: null, normalizedTokens: null });
    const summary = await call<CreditSummary>('credits:summary');
    expect(summary.unpricedTurns).toBe(1);
    expect(summary.byLane.credits.unpricedTurns).toBe(1);
  });

  it('every receipt passes the scrubber before it reaches disk: no key in any field', async () => {
    const { call, files } = setup();
    const key = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789';
    const { recorded } = await call<{ recorded: Receipt[] }>('receipts:record', {
      receipts: [
        turn({ lane: 'provider-subscription', laneReason: `fell back after ${key} failed`, seat: `claude-code ${key}`, turnId: `turn ${key}` }),
        // A field the contract does not know (a runtime sending its request along) is dropped, not stored.
        turn({ apiKey: key, request: { headers: { 'x-api-key': key } } }),
      ],
    });
    expect(recorded).toHaveLength(2);
    expect(JSON.stringify(recorded)).not.toContain(key);
    const onDisk = [...files.contents.values()].map((bytes) => new TextDecoder().decode(bytes)).join('\n');
    expect(onDisk).not.toContain(key);
    expect(onDisk).toContain('[redacted');
  });

  it('a fresh core that never opened its vault still redacts the vault\'s own keys from receipts', async () => {
    const secret = 'zq7Hw3pLk9Vt2mXr8bYc4nJf6gDs1aQe'; // no recognisable shape: only the vault knows it
    const store = createMemoryKeyStore();
    const cipher = createTestCipher();
    const portsWith = (files: MemoryDataFiles) => testPorts({ clock: { now: () => start }, cipher, files });
    const first = createCore(portsWith(createMemoryDataFiles()), { keyStore: store });
    const added = await first.router.invoke('keys:add', { provider: 'openai-compatible', secret, baseUrl: 'http://localhost:1/v1', check: false });
    expect(added.ok).toBe(true);
    await first.dispose();

    const files = createMemoryDataFiles();
    const fresh = createCore(portsWith(files), { keyStore: store }); // like a new CLI process: start() never ran
    const recorded = await fresh.router.invoke('receipts:record', { receipts: [turn({ laneReason: `retry after ${secret} failed` })] });
    expect(recorded).toMatchObject({ ok: true, value: { recordedCount: 1 } });
    const onDisk = [...files.contents.values()].map((bytes) => new TextDecoder().decode(bytes)).join('\n');
    expect(onDisk).not.toContain(secret);
    expect(onDisk).toContain('retry after [redacted:known-secret] failed');
  });

  it('a started core opens its vault once: start() and the first receipts:record share the opening', async () => {
    const secret = 'zq7Hw3pLk9Vt2mXr8bYc4nJf6gDs1aQe';
    const store = createMemoryKeyStore();
    const cipher = createTestCipher();
    let opens = 0;
    const counting = { ...cipher, open: (sealed: string) => (opens++, cipher.open(sealed)) };
    const portsWith = (files: MemoryDataFiles) => testPorts({ clock: { now: () => start }, cipher: counting, files });
    const first = createCore(portsWith(createMemoryDataFiles()), { keyStore: store });
    await first.router.invoke('keys:add', { provider: 'openai-compatible', secret, baseUrl: 'http://localhost:1/v1', check: false });
    await first.dispose();

    const files = createMemoryDataFiles();
    const app = createCore(portsWith(files), { keyStore: store });
    opens = 0;
    app.start(); // the app's start-up opens every stored secret for the scrubber
    await app.router.invoke('receipts:record', { receipts: [turn({ laneReason: `retry after ${secret} failed` })] });
    await app.router.invoke('receipts:record', { receipts: [turn()] });
    expect(opens).toBe(1);
    const onDisk = [...files.contents.values()].map((bytes) => new TextDecoder().decode(bytes)).join('\n');
    expect(onDisk).toContain('retry after [redacted:known-secret] failed');
    await app.dispose();
  });

  it('holds: taken against available credits, refused beyond them, settled by the receipt naming them', async () => {
    const { call, advance } = setup();
    await call('credits:top-up', { credits: 100 });
    const hold = await call<Hold>('credits:hold', { credits: 60, turnId: 't1' });
    let summary = await call<CreditSummary>('credits:summary');
    expect(summary).toMatchObject({ totalBalance: 100, held: 60, available: 40 });
    await expect(call('credits:hold', { credits: 50 })).rejects.toMatchObject({ code: 'conflict' });

    await call('receipts:record', { receipts: [turn({ holdId: hold.id })] });
    summary = await call<CreditSummary>('credits:summary');
    expect(summary).toMatchObject({ totalBalance: 94, held: 0, available: 94, holds: [] });

    const released = await call<Hold>('credits:hold', { credits: 30 });
    expect((await call<CreditSummary>('credits:summary')).available).toBe(64);
    expect(await call('credits:release', { holdId: released.id })).toEqual({ released: true });
    expect(await call<CreditSummary>('credits:summary')).toMatchObject({ totalBalance: 94, held: 0, available: 94 });
    expect(await call('credits:release', { holdId: released.id })).toEqual({ released: false });

    const lapsing = await call<Hold>('credits:hold', { credits: 10, ttlSeconds: 60 });
    advance(61_000);
    summary = await call<CreditSummary>('credits:summary');
    expect(summary.held).toBe(0);
    // As docs/account-api.md says: false for no such hold, or one that lapsed.
    expect(await call('credits:release', { holdId: lapsing.id })).toEqual({ released: false });
    expect(await call('credits:release', { holdId: 'h-unknown' })).toEqual({ released: false });
  });

  it('a plan sets the included allocation and the period; a top-up can expire', async () => {
    const { call, advance } = setup();
    const summary = await call<CreditSummary>('credits:set-plan', { plan: { name: 'Pro', monthlyAllocation: 20_000, anchorDay: 15 } });
    expect(summary).toMatchObject({ includedMonthlyAllocation: 20_000, allocationRemaining: 20_000, totalBalance: 20_000, periodStart: '2026-11-15T00:00:00.000Z', resetsAt: '2026-12-15T00:00:00.000Z' });
    await call('credits:top-up', { credits: 500, expiresAt: '2026-12-05T00:00:00Z' });
    expect((await call<CreditSummary>('credits:summary')).totalBalance).toBe(20_500);
    advance(3 * 86_400_000);
    const later = await call<CreditSummary>('credits:summary');
    expect(later.totalBalance).toBe(20_000);
    expect(later.topUps[0]).toMatchObject({ expired: true });
    await expect(call('credits:top-up', { credits: 5, expiresAt: '2026-01-01T00:00:00Z' })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('emits credits:changed when receipts are recorded or the account changes', async () => {
    const { core, call } = setup();
    const seen: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'credits:changed' && seen.push(payload));
    await call('receipts:record', { receipts: [turn()] });
    await call('credits:top-up', { credits: 1 });
    expect(seen).toEqual([expect.objectContaining({ reason: 'receipts' }), expect.objectContaining({ reason: 'account' })]);
  });

  it('an account file that does not read fails every account call plainly and is never overwritten', async () => {
    const files = createMemoryDataFiles();
    const damaged = new TextEncoder().encode('{"version":1,"topUps":[{"id":"t1","nano":5000');
    await files.writeAtomic('credits/account.json', damaged);
    const { call } = setup({ files });
    const plain = { code: 'storage_failed', message: 'credits/account.json cannot be read; it was left as it is' };
    await expect(call('credits:summary')).rejects.toMatchObject(plain);
    await expect(call('credits:top-up', { credits: 10 })).rejects.toMatchObject(plain);
    await expect(call('credits:hold', { credits: 1 })).rejects.toMatchObject(plain);
    expect(files.contents.get('credits/account.json')).toEqual(damaged);
    // Receipts are the user's own record: they are still kept while the account is unreadable, and a hold
    // that cannot be ended is said, not turned into a failed call the runtime would retry (counting twice).
    expect(await call('receipts:record', { receipts: [turn()] })).toMatchObject({ recordedCount: 1, unsettledHolds: null });
    expect(await call('receipts:record', { receipts: [turn({ holdId: 'h-1' })] })).toMatchObject({
      recordedCount: 1,
      unsettledHolds: { holdIds: ['h-1'], ...plain },
    });
    expect((await call<{ receipts: Receipt[] }>('receipts:list', {})).receipts).toHaveLength(2);
  });

  it('a torn tail found on open shows up in app:info incidents', async () => {
    const files = createMemoryDataFiles();
    await files.append('receipts/2026-12.jsonl', new TextEncoder().encode('{"id":"r1","at":"2026-12-0'));
    const { call } = setup({ files });
    await call('credits:summary');
    const info = await call<{ incidents: { kind: string }[] }>('app:info');
    expect(info.incidents).toEqual([expect.objectContaining({ kind: 'torn_tail_set_aside', file: 'receipts/2026-12.jsonl' })]);
  });

  it('--demo seeds a month over every lane and several providers, in its own folder only', async () => {
    const { call, files } = setup({ demo: true });
    const summary = await call<CreditSummary>('credits:summary');
    for (const lane of ['credits', 'byok', 'local', 'provider-subscription'] as const) expect(summary.byLane[lane].turns).toBeGreaterThan(0);
    expect(new Set(summary.byModel.map((m) => m.provider)).size).toBeGreaterThanOrEqual(5);
    expect(summary.plan?.name).toBe('NOME Pro');
    expect(summary.unpricedTurns).toBeGreaterThan(0);
    expect(summary.runwayDays).not.toBeNull();
    expect([...files.contents.keys()].every((path) => path.startsWith('demo/'))).toBe(true);
    const page = await call<{ receipts: Receipt[] }>('receipts:list', { limit: 5 });
    expect(page.receipts).toHaveLength(5);
  });

  it('without --demo nothing is seeded', async () => {
    const { call } = setup();
    const summary = await call<CreditSummary>('credits:summary');
    expect(summary.byModel).toEqual([]);
    expect(summary.lowBalance.state).toBe('unused');
  });

  it('receipts:export gives CSV with a header and one row per receipt, formulas defused', async () => {
    const { call } = setup();
    await call('receipts:record', { receipts: [turn({ laneReason: '=HYPERLINK("x")' }), turn({ lane: 'local', provider: 'ollama', model: 'qwen' })] });
    const csv = await call<{ rows: number; text: string }>('receipts:export', { format: 'csv' });
    const lines = csv.text.trimEnd().split('\r\n');
    expect(csv.rows).toBe(2);
    expect(lines[0]).toMatch(/^id,at,lane,lane_reason,provider,model/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('receipts:export pages oldest first; the pages joined are the whole export, with one header', async () => {
    const { call, advance } = setup();
    advance(2 * 86_400_000); // to 2026-12-05, after the last receipt
    await call('receipts:record', { receipts: [1, 2, 3, 4, 5].map((n) => turn({ id: `r${n}`, at: `2026-1${n % 2 ? 1 : 2}-0${n}T00:00:00.000Z` })) });
    const whole = await call<{ text: string; nextCursor: string | null }>('receipts:export', {});
    expect(whole.nextCursor).toBeNull();
    let text = '';
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call<{ text: string; rows: number; nextCursor: string | null }>('receipts:export', { limit: 2, ...(cursor ? { cursor } : {}) });
      text += page.text;
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(text).toBe(whole.text);
    expect(text.split('\r\n').filter((row) => row.startsWith('id,')).length).toBe(1);
    expect(text.split('\r\n').slice(1, 6).map((row) => row.split(',')[0])).toEqual(['r1', 'r3', 'r5', 'r2', 'r4']);
  });

  it('reads provider figures from key cards that have them', () => {
    const figure = { source: 'deepseek-balance' as const, reportedAt: '2026-12-03T11:00:00.000Z', currency: 'CNY', remaining: 110, limit: null, usage: null, isAvailable: true, detail: {} };
    const cards = [
      { id: 'k1', provider: 'deepseek', label: 'work', lastCheck: { figures: figure } },
      { id: 'k2', provider: 'openai', label: 'home', lastCheck: { figures: null } },
      { id: 'k3', provider: 'openai', label: 'new', lastCheck: null },
    ];
    expect(figuresFromKeyCards(cards as never)).toEqual([{ keyId: 'k1', provider: 'deepseek', label: 'work', figure }]);
  });
});

describe('credits feature, concurrent holds', () => {
  it('two holds at once cannot both take the same credits', async () => {
    const { call } = setup();
    await call('credits:top-up', { credits: 100 });
    const results = await Promise.allSettled([call('credits:hold', { credits: 70 }), call('credits:hold', { credits: 70 })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([expect.objectContaining({ reason: expect.objectContaining({ code: 'conflict' }) })]);
  });
});

describe('credits feature, two processes', () => {
  it('a top-up made by another process (the CLI) is kept when this one changes the account', async () => {
    const files = createMemoryDataFiles();
    const app = setup({ files });
    const cli = setup({ files });
    await app.call('credits:summary');
    await cli.call('credits:top-up', { credits: 300 });
    await app.call('credits:top-up', { credits: 200 });
    expect((await app.call<CreditSummary>('credits:summary')).totalBalance).toBe(500);
    expect((await cli.call<CreditSummary>('credits:summary')).totalBalance).toBe(500);
  });

  it('receipts recorded by another process show in this one\'s summary without a restart', async () => {
    const files = createMemoryDataFiles();
    const app = setup({ files });
    const cli = setup({ files });
    await app.call('credits:summary');
    await cli.call('receipts:record', { receipts: [turn(), turn({ at: '2026-11-20T00:00:00.000Z' })] });
    const summary = await app.call<CreditSummary>('credits:summary');
    expect(summary.ledger.debited).toBe(12);
  });
});
