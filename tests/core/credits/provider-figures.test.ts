import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreditSummary } from '../../../shared/channels/credits';
import { createCore, type Core } from '../../../electron/core/create-core';
import { createMemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { startProviderEmulator, type ProviderEmulator } from '../../emulators/provider-emulator';
import { createTestCipher } from '../../support/test-cipher';

// The whole path: a DeepSeek key is checked against a loopback emulator that answers /user/balance (facts §5),
// the vault keeps the figure on the key card, and the credit summary shows it beside NOME's own estimate.
let emulator: ProviderEmulator;
let core: Core;
beforeEach(async () => {
  emulator = await startProviderEmulator();
  core = createCore({
    host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false },
    clock: { now: () => Date.now() },
    env: {},
    cipher: createTestCipher(),
    fetch: globalThis.fetch,
    files: createMemoryDataFiles(),
  });
});
afterEach(async () => {
  await core.dispose();
  await emulator.close();
});

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = await core.router.invoke(channel, input);
  if (!result.ok) throw result.error;
  return result.value as T;
}

describe('provider-reported figures in the credit summary', () => {
  it("a DeepSeek balance from the key check appears beside NOME's estimate with its age, never merged", async () => {
    const secret = `sk-${'a1b2c3d4'.repeat(4)}`;
    const { baseUrl } = emulator.mount({ provider: 'deepseek', key: secret });
    await call('keys:add', { provider: 'deepseek', secret, label: 'work', baseUrl, allowForeignHost: true });
    await call('receipts:record', {
      receipts: [{ lane: 'byok', laneReason: 'user key', provider: 'deepseek', model: 'deepseek-chat', tokens: { input: 1_000_000, output: 0 } }],
    });
    const summary = await call<CreditSummary>('credits:summary');
    expect(summary.providerReported).toHaveLength(1);
    const reported = summary.providerReported[0]!;
    expect(reported).toMatchObject({ provider: 'deepseek', label: 'work', gapUsd: null, estimateScope: 'provider' });
    // The receipt names no key, so the estimate is the provider's, and the summary says so.
    expect(reported.note).toMatch(/Provider-wide: no receipt names this key/);
    expect(reported.figure).toMatchObject({ source: 'deepseek-balance', currency: 'USD', remaining: 110 });
    expect(reported.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(reported.nomeEstimateUsd).toBeGreaterThan(0);
    // NOME's own figures come only from its receipts.
    expect(summary.byLane.byok.providerCostUsd).toBe(reported.nomeEstimateUsd);
    expect(JSON.stringify(summary)).not.toContain(secret);
  });

  it("an OpenRouter key's limit and usage from its check sit beside NOME's estimate, with the gap shown, not merged", async () => {
    const secret = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
    const { baseUrl } = emulator.mount({ provider: 'openrouter', key: secret });
    await call('keys:add', { provider: 'openai-compatible', secret, label: 'router', baseUrl, options: { preset: 'openrouter' }, allowForeignHost: true });
    // Two turns through that key at list price: 1M input tokens of gpt-4o ($2.50) each.
    const turn = { lane: 'byok', laneReason: 'BYOK: OpenRouter key', provider: 'openrouter', model: 'openai/gpt-4o', tokens: { input: 1_000_000, output: 0 } };
    const { recorded } = await call<{ recorded: { providerCostUsd: number | null }[] }>('receipts:record', { receipts: [turn, turn] });
    const estimate = recorded.reduce((sum, r) => sum + (r.providerCostUsd ?? 0), 0);
    expect(estimate).toBeGreaterThan(0);

    const summary = await call<CreditSummary>('credits:summary');
    const reported = summary.providerReported.find((entry) => entry.figure.source === 'openrouter-key')!;
    // The emulator answers GET /api/v1/key as OpenRouter documents it: limit 100, 74.5 remaining, 25.5 used.
    expect(reported).toMatchObject({ provider: 'openai-compatible', label: 'router', figure: { limit: 100, remaining: 74.5, usage: 25.5 } });
    expect(reported.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(reported.nomeEstimateUsd).toBeCloseTo(estimate, 9);
    expect(reported.gapUsd).toBeCloseTo(25.5 - estimate, 9);
    // The provider's figure never replaces NOME's own.
    expect(summary.byLane.byok.providerCostUsd).toBeCloseTo(estimate, 9);
    expect(JSON.stringify(summary)).not.toContain(secret);
  });

  it("with two OpenRouter keys, each key's usage is compared with the receipts that name it, not all the provider's", async () => {
    const first = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
    const second = `sk-or-v1-${'fedcba9876543210'.repeat(4)}`;
    const a = emulator.mount({ provider: 'openrouter', key: first });
    const b = emulator.mount({
      provider: 'openrouter',
      key: second,
      answer: { status: 200, body: { data: { label: 'sk-or-v1-fed...210', limit: 50, limit_remaining: 47, limit_reset: 'monthly', usage: 3, is_free_tier: false } } },
    });
    const add = async (secret: string, label: string, baseUrl: string) =>
      (await call<{ card: { id: string } }>('keys:add', { provider: 'openai-compatible', secret, label, baseUrl: baseUrl, options: { preset: 'openrouter' }, allowForeignHost: true })).card.id;
    const firstId = await add(first, 'router A', a.baseUrl);
    const secondId = await add(second, 'router B', b.baseUrl);
    // 1M input tokens of gpt-4o at list price ($2.50) a turn: two on A, one on B, one naming no key.
    const turn = (keyId?: string) => ({ lane: 'byok', laneReason: 'BYOK: OpenRouter key', provider: 'openrouter', model: 'openai/gpt-4o', tokens: { input: 1_000_000, output: 0 }, ...(keyId ? { keyId } : {}) });
    const { recorded } = await call<{ recorded: { providerCostUsd: number | null; keyId: string | null }[] }>('receipts:record', {
      receipts: [turn(firstId), turn(firstId), turn(secondId), turn()],
    });
    const perTurn = recorded[0]!.providerCostUsd!;
    expect(perTurn).toBeGreaterThan(0);
    expect(recorded.map((r) => r.keyId)).toEqual([firstId, firstId, secondId, null]);

    const summary = await call<CreditSummary>('credits:summary');
    const of = (keyId: string) => summary.providerReported.find((entry) => entry.keyId === keyId)!;
    expect(of(firstId)).toMatchObject({ label: 'router A', estimateScope: 'key', figure: { usage: 25.5 } });
    expect(of(firstId).nomeEstimateUsd).toBeCloseTo(2 * perTurn, 9);
    expect(of(firstId).gapUsd).toBeCloseTo(25.5 - 2 * perTurn, 9);
    expect(of(secondId)).toMatchObject({ label: 'router B', estimateScope: 'key', figure: { usage: 3 } });
    expect(of(secondId).nomeEstimateUsd).toBeCloseTo(perTurn, 9);
    expect(of(secondId).gapUsd).toBeCloseTo(3 - perTurn, 9);
    // The turn that names no key is counted against neither key, and the note says so.
    expect(of(firstId).note).toMatch(/this key’s own: 2 receipts name it; \$2\.5 of openrouter receipts name no key and are not counted here/);
    expect(of(secondId).note).toMatch(/this key’s own: 1 receipt name it/);
    // NOME's own totals still count every turn, and the provider's figures are not merged into them.
    expect(summary.byLane.byok.providerCostUsd).toBeCloseTo(4 * perTurn, 9);
    expect(JSON.stringify(summary)).not.toContain(first);
    expect(JSON.stringify(summary)).not.toContain(second);
  });

  it('a key no receipt names is compared provider-wide, against the receipts that name no key only', async () => {
    const first = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
    const second = `sk-or-v1-${'fedcba9876543210'.repeat(4)}`;
    const a = emulator.mount({ provider: 'openrouter', key: first });
    const b = emulator.mount({ provider: 'openrouter', key: second });
    const add = async (secret: string, baseUrl: string) =>
      (await call<{ card: { id: string } }>('keys:add', { provider: 'openai-compatible', secret, baseUrl, options: { preset: 'openrouter' }, allowForeignHost: true })).card.id;
    const firstId = await add(first, a.baseUrl);
    const secondId = await add(second, b.baseUrl);
    const turn = (keyId?: string) => ({ lane: 'byok', laneReason: 'BYOK', provider: 'openrouter', model: 'openai/gpt-4o', tokens: { input: 1_000_000, output: 0 }, ...(keyId ? { keyId } : {}) });
    const { recorded } = await call<{ recorded: { providerCostUsd: number | null }[] }>('receipts:record', { receipts: [turn(firstId), turn(firstId), turn()] });
    const perTurn = recorded[0]!.providerCostUsd!;
    const summary = await call<CreditSummary>('credits:summary');
    const other = summary.providerReported.find((entry) => entry.keyId === secondId)!;
    // First's two turns are surely not the second key's; the one naming no key might be.
    expect(other).toMatchObject({ estimateScope: 'provider' });
    expect(other.nomeEstimateUsd).toBeCloseTo(perTurn, 9);
    expect(other.note).toMatch(/Provider-wide: no receipt names this key, so NOME’s estimate covers every openrouter BYOK receipt that names no key/);
  });
});
