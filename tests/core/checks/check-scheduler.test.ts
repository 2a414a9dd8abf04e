// The scheduler over the real check service and a loopback emulator: joining, per-host limits, backoff,
// the interval and the resume / network-change triggers. The vault is stood in for by an in-memory source
// that implements the same VaultAccess methods (the vault's own tests cover the vault).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/channels/checks';
import { createCheckScheduler, type CheckTargetSource } from '../../../electron/core/checks/check-scheduler';
import { createKeyCheckService } from '../../../electron/core/checks/create-key-check-service';
import type { CheckTarget } from '../../../electron/core/checks/key-check-service';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { startProviderEmulator, type ProviderEmulator } from '../../emulators/provider-emulator';
import { fakeKey } from '../../emulators/row-target';
import { manualTimers } from '../../support/manual-timers';

let emulator: ProviderEmulator;
let now: number;
const clock = { now: () => now };

beforeEach(async () => {
  emulator = await startProviderEmulator();
  now = Date.parse('2026-12-03T12:00:00Z');
});
afterEach(async () => {
  await emulator.close();
});

function target(keyId: string, answer?: { status: number; headers?: Record<string, string>; body?: unknown }): CheckTarget {
  const key = fakeKey('openai');
  const mounted = emulator.mount({ provider: 'openai', key, ...(answer ? { answer } : {}) });
  return { keyId, provider: 'openai', secret: key, baseUrl: mounted.baseUrl, headers: {}, options: {} };
}

function memorySource(targets: CheckTarget[]): CheckTargetSource & { recorded: CheckResult[]; asked: (readonly string[] | undefined)[] } {
  const recorded: CheckResult[] = [];
  const asked: (readonly string[] | undefined)[] = [];
  return {
    recorded,
    asked,
    async checkTargets(ids) {
      asked.push(ids);
      return ids ? targets.filter((t) => t.keyId !== null && ids.includes(t.keyId)) : targets;
    },
    async recordCheck(result) {
      recorded.push(result);
    },
  };
}

const service = () => createKeyCheckService({ fetch: globalThis.fetch, clock, scrubber: createMinimalScrubber() });

describe('check scheduler', () => {
  it('a second check of the same key joins the first: one request, same result', async () => {
    emulator.setLatency(100);
    const t = target('k1');
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null });
    const [a, b] = await Promise.all([scheduler.service.check(t), scheduler.service.check(t)]);
    expect(a).toBe(b);
    expect(emulator.requests.length).toBe(1);
  });

  it('a replaced key (same id, new secret) is not joined to a check of the old secret', async () => {
    emulator.setLatency(100);
    const old = target('k1');
    const fresh = target('k1');
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null });
    const [a, b] = await Promise.all([scheduler.service.check(old), scheduler.service.check(fresh)]);
    expect(a).not.toBe(b);
    expect(emulator.requests.length).toBe(2);
  });

  it("a replaced key is not held by the old secret's backoff", async () => {
    const old = target('k1', { status: 429, headers: { 'retry-after': '60' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
    const fresh = target('k1');
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null });
    expect((await scheduler.service.check(old)).state).toBe('rate_limited');
    expect((await scheduler.service.check(fresh)).state).toBe('ok');
    expect(emulator.requests.length).toBe(2);
  });

  it('candidates (no key id) are never joined', async () => {
    const t = { ...target('x'), keyId: null };
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null });
    await Promise.all([scheduler.service.check(t), scheduler.service.check(t)]);
    expect(emulator.requests.length).toBe(2);
  });

  it('keys on one host run at most perHostLimit at a time, and all in parallel up to it', async () => {
    emulator.setLatency(100);
    const targets = Array.from({ length: 8 }, (_, i) => target(`k${i}`));
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => memorySource(targets), perHostLimit: 2 });
    const results = await scheduler.checkKeys(undefined, 'demand');
    expect(results.map((r) => r.state)).toEqual(Array(8).fill('ok'));
    // Exactly two at once: never more than the limit, and not one at a time either.
    expect(emulator.maxConcurrent).toBe(2);
  });

  it('after rate_limited the key backs off for Retry-After, then checks again', async () => {
    const t = target('k1', { status: 429, headers: { 'retry-after': '30' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null });
    const first = await scheduler.service.check(t);
    expect(first.state).toBe('rate_limited');
    now += 10_000;
    const during = await scheduler.service.check(t);
    expect(emulator.requests.length).toBe(1);
    expect(during.state).toBe('rate_limited');
    expect(during.retryAfterS).toBe(20);
    now += 21_000;
    await scheduler.service.check(t);
    expect(emulator.requests.length).toBe(2);
  });

  it('a Retry-After beyond the ceiling (a year) is honoured only up to it, then the key is checked again', async () => {
    const t = target('k1', { status: 429, headers: { 'retry-after': String(365 * 86_400) }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null, retryAfterMaxMs: 60 * 60_000 });
    expect((await scheduler.service.check(t)).state).toBe('rate_limited');
    now += 59 * 60_000;
    const during = await scheduler.service.check(t);
    expect(during.retryAfterS).toBe(60);
    expect(emulator.requests.length).toBe(1);
    now += 61_000;
    await scheduler.service.check(t);
    expect(emulator.requests.length).toBe(2);
  });

  it('without Retry-After the backoff doubles from its base', async () => {
    const t = target('k1', { status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error', code: 'slow_down' } } });
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null, backoffBaseMs: 1_000 });
    await scheduler.service.check(t);
    now += 1_001;
    await scheduler.service.check(t);
    expect(emulator.requests.length).toBe(2);
    now += 1_500; // the second backoff is 2 s
    await scheduler.service.check(t);
    expect(emulator.requests.length).toBe(2);
    now += 600;
    await scheduler.service.check(t);
    expect(emulator.requests.length).toBe(3);
  });

  it('a state change is reported once, with the previous state', async () => {
    const t = target('k1');
    const changes: [string, string | null][] = [];
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null, onStateChange: (r, previous) => changes.push([r.state, previous]) });
    // Announced when the vault says it kept the result (VaultAccess.recordCheck), not when the check returns.
    const kept = async (target: typeof t) => scheduler.service.recorded?.(await scheduler.service.check(target));
    await scheduler.service.check(t);
    expect(changes).toEqual([]);
    await kept(t);
    await kept(t);
    await kept({ ...t, secret: fakeKey('openai') });
    expect(changes).toEqual([
      ['ok', null],
      ['invalid_key', 'ok'],
    ]);
  });

  it('runs every interval once started, records results on the source, and stops on dispose', async () => {
    const source = memorySource([target('k1'), target('k2')]);
    const manual = manualTimers();
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => source, intervalMs: 15 * 60_000, timers: manual.timers });
    expect(manual.pending.size).toBe(0);
    scheduler.start();
    expect([...manual.pending.values()][0]?.ms).toBe(15 * 60_000);
    manual.fire();
    await expect.poll(() => source.recorded.length).toBe(2);
    expect(scheduler.schedule().lastTrigger).toBe('interval');
    await expect.poll(() => manual.pending.size).toBe(1);
    scheduler.dispose();
    expect(manual.pending.size).toBe(0);
  });

  it('resume and network change each trigger a sweep after their settle delay', async () => {
    const source = memorySource([target('k1')]);
    const manual = manualTimers();
    const listeners = { resume: [] as (() => void)[], network: [] as (() => void)[] };
    const systemEvents = {
      onResume: (cb: () => void) => (listeners.resume.push(cb), () => void listeners.resume.splice(listeners.resume.indexOf(cb), 1)),
      onNetworkChange: (cb: () => void) => (listeners.network.push(cb), () => void listeners.network.splice(listeners.network.indexOf(cb), 1)),
    };
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => source, timers: manual.timers, systemEvents, resumeDelayMs: 5_000, networkSettleMs: 2_000 });
    scheduler.start();
    listeners.resume[0]!();
    expect(manual.pending.size).toBe(1);
    expect(manual.fire()).toBe(5_000);
    await expect.poll(() => source.recorded.length).toBe(1);
    expect(scheduler.schedule().lastTrigger).toBe('resume');
    await expect.poll(() => manual.pending.size).toBe(1);
    listeners.network[0]!();
    expect(manual.fire()).toBe(2_000);
    await expect.poll(() => source.recorded.length).toBe(2);
    expect(scheduler.schedule().lastTrigger).toBe('network');
    scheduler.dispose();
    expect(listeners.resume.length + listeners.network.length).toBe(0);
  });

  it('the interval can be changed and never goes below a minute', () => {
    const manual = manualTimers();
    const scheduler = createCheckScheduler({ service: service(), clock, source: () => null, timers: manual.timers });
    scheduler.start();
    scheduler.setIntervalMs(5 * 60_000);
    expect(scheduler.schedule().intervalMs).toBe(5 * 60_000);
    expect([...manual.pending.values()].map((t) => t.ms)).toEqual([5 * 60_000]);
    scheduler.setIntervalMs(10);
    expect(scheduler.schedule().intervalMs).toBe(60_000);
    // Past 2^31 ms Node would fire the timer at once and sweep without pause: a day is the most.
    scheduler.setIntervalMs(100_000 * 60_000);
    expect(scheduler.schedule().intervalMs).toBe(24 * 60 * 60_000);
    expect(Math.max(...[...manual.pending.values()].map((t) => t.ms))).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(createCheckScheduler({ service: service(), clock, source: () => null, intervalMs: 1e12 }).schedule().intervalMs).toBe(24 * 60 * 60_000);
    scheduler.dispose();
  });
});
