// `--demo`: a realistic month of turns over every lane and several providers and models, plus a plan and
// top-ups, so the surface can be seen full. Deterministic (seeded), re-seeded at each start relative to now,
// and kept in the demo folder only. Never on by default (ports.host.demo comes from the --demo flag).
import type { ReceiptInput } from '../../../shared/channels/receipts';
import { receiptInputSchema, type Receipt } from '../../../shared/channels/receipts';
import type { LocalAccount } from '../credits/local-account';
import { dayMs, startOfDay } from '../credits/billing-period';
import { creditsToNano } from '../credits/price-turn';
import type { AccountState } from '../credits/summarize';
import type { DataFiles } from '../ports';
import type { ReceiptBuilder } from '../receipts/build-receipt';
import type { ReceiptLog } from '../receipts/receipt-log';

interface Choice {
  readonly lane: ReceiptInput['lane'];
  readonly provider: string;
  readonly model: string;
  readonly weight: number;
  readonly laneReason: string;
  readonly seat?: string;
}

const choices: readonly Choice[] = [
  { lane: 'credits', provider: 'anthropic', model: 'claude-sonnet-4-5', weight: 18, laneReason: 'NOME Credits: default lane' },
  { lane: 'credits', provider: 'openai', model: 'gpt-4.1', weight: 8, laneReason: 'NOME Credits: default lane' },
  { lane: 'credits', provider: 'gemini', model: 'gemini-2.5-pro', weight: 6, laneReason: 'NOME Credits: long context' },
  { lane: 'credits', provider: 'deepseek', model: 'deepseek-chat', weight: 6, laneReason: 'NOME Credits: cheap bulk edits' },
  { lane: 'byok', provider: 'anthropic', model: 'claude-sonnet-4-5', weight: 10, laneReason: 'BYOK: user key for anthropic first' },
  { lane: 'byok', provider: 'openai', model: 'gpt-4o-mini', weight: 6, laneReason: 'BYOK: user key for openai first' },
  { lane: 'byok', provider: 'deepseek', model: 'deepseek-reasoner', weight: 5, laneReason: 'BYOK: user key for deepseek first' },
  { lane: 'byok', provider: 'openrouter', model: 'openai/gpt-4o', weight: 4, laneReason: 'BYOK: OpenRouter key' },
  { lane: 'byok', provider: 'xai', model: 'grok-4', weight: 3, laneReason: 'BYOK: user key for xai' },
  { lane: 'byok', provider: 'openai-compatible', model: 'team-finetune-v2', weight: 2, laneReason: 'BYOK: custom endpoint' },
  { lane: 'local', provider: 'ollama', model: 'qwen2.5-coder:7b', weight: 10, laneReason: 'local: offline mode' },
  { lane: 'local', provider: 'llama.cpp', model: 'llama-3.1-8b-instruct-q4', weight: 4, laneReason: 'local: user pinned local model' },
  { lane: 'provider-subscription', provider: 'anthropic', model: 'claude-sonnet-4-5', weight: 8, laneReason: 'seat: Claude Code signed in', seat: 'claude-code:max' },
  { lane: 'provider-subscription', provider: 'openai', model: 'gpt-5', weight: 4, laneReason: 'seat: Codex CLI signed in', seat: 'codex:plus' },
];

/** mulberry32: small, fast and deterministic, so every demo looks the same for the same day. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoReceiptInputs(now: number, days = 30): ReceiptInput[] {
  const next = random(42);
  const totalWeight = choices.reduce((sum, choice) => sum + choice.weight, 0);
  const pick = (): Choice => {
    let roll = next() * totalWeight;
    for (const choice of choices) if ((roll -= choice.weight) < 0) return choice;
    return choices[0]!;
  };
  const inputs: ReceiptInput[] = [];
  const today = startOfDay(now);
  for (let day = today - (days - 1) * dayMs; day <= today; day += dayMs) {
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    const turns = Math.round((weekend ? 8 : 30) + next() * (weekend ? 10 : 30));
    // In time order, as a runtime records turns when they finish, so "newest first" lists read right.
    const times = Array.from({ length: turns }, () => day + Math.floor((8 + next() * 12) * 3_600_000)).sort((a, b) => a - b);
    for (const at of times) {
      if (at > now) continue;
      const choice = pick();
      const cached = next() < 0.6;
      inputs.push({
        at: new Date(at).toISOString(),
        lane: choice.lane,
        laneReason: choice.laneReason,
        provider: choice.provider,
        model: choice.model,
        tokens: {
          input: Math.round(400 + next() * 9000),
          output: Math.round(80 + next() * 2200),
          cacheRead: cached ? Math.round(next() * 30_000) : 0,
          cacheWrite: cached && next() < 0.2 ? Math.round(next() * 4000) : 0,
        },
        ...(choice.seat ? { seat: choice.seat } : {}),
      });
    }
  }
  return inputs;
}

export function demoAccount(now: number): AccountState {
  const iso = (ms: number) => new Date(ms).toISOString();
  const anchorDay = new Date(now - 18 * dayMs).getUTCDate();
  return {
    version: 1,
    planHistory: [{ since: iso(now - 75 * dayMs), plan: { name: 'NOME Pro', monthlyAllocation: 20_000, anchorDay: Math.min(anchorDay, 28) } }],
    topUps: [
      { id: 't-demo-1', nano: creditsToNano(10_000), at: iso(now - 50 * dayMs), expiresAt: null, note: 'Top-up' },
      { id: 't-demo-2', nano: creditsToNano(5_000), at: iso(now - 9 * dayMs), expiresAt: iso(now + 21 * dayMs), note: 'Promotional credits' },
      { id: 't-demo-3', nano: creditsToNano(2_000), at: iso(now - 70 * dayMs), expiresAt: iso(now - 40 * dayMs), note: 'Trial credits' },
    ],
    holds: [{ id: 'h-demo-1', nano: creditsToNano(120), at: iso(now - 30_000), expiresAt: iso(now + 15 * 60_000), turnId: 'demo-turn-in-flight' }],
    lowBalanceThreshold: 2_000,
  };
}

export async function seedDemo(options: {
  files: DataFiles;
  log: ReceiptLog;
  account: LocalAccount;
  builder: ReceiptBuilder;
  now: number;
}): Promise<void> {
  const { files, log, builder, now } = options;
  // Seeded once a day, relative to that day: a second `--demo` process the same day (serve and a CLI call)
  // reads the same demo instead of deleting it under the first one.
  const today = new Date(now).toISOString().slice(0, 10);
  const existing = await files.read('credits/account.json');
  if (existing && (JSON.parse(new TextDecoder().decode(existing)) as { demoSeededOn?: string }).demoSeededOn === today) return;
  // Start clean, before the log or the account has read anything.
  for (const name of await files.list('receipts')) await files.remove(`receipts/${name}`);
  await files.writeAtomic('credits/account.json', new TextEncoder().encode(JSON.stringify({ ...demoAccount(now), demoSeededOn: today })));
  const receipts: Receipt[] = demoReceiptInputs(now).map((input) => builder.build(receiptInputSchema.parse(input)));
  await log.append(receipts);
  await log.flush();
}
