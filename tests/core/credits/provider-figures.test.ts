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
    expect(reported).toMatchObject({ provider: 'deepseek', label: 'work', gapUsd: null });
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
});
