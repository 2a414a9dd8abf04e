// When checks run: on entry (a candidate), on demand, every interval, on resume and on network change.
// At most one check in flight per key (a second request joins the first), a per-host concurrency limit,
// and after `rate_limited` the key backs off, honouring Retry-After. The vault stays the owner of keys.
import { createHash } from 'node:crypto';
import type { CheckResult } from '../../../shared/channels/checks';
import type { KeyState } from '../../../shared/vocabulary';
import { systemTimers, type Clock, type SystemEvents, type Timers } from '../ports';
import type { CheckService } from './create-key-check-service';
import { createHostLimiter } from './host-limiter';
import type { CheckTarget, KeyCheckService } from './key-check-service';

/** What the scheduler needs from the vault (its VaultAccess, narrowed). */
export interface CheckTargetSource {
  checkTargets(ids?: readonly string[]): Promise<CheckTarget[]>;
  /** `target` is the one the result came from: the vault drops the result if the key changed meanwhile. */
  recordCheck(result: CheckResult, target?: CheckTarget): Promise<void>;
}

export type CheckTrigger = 'demand' | 'interval' | 'resume' | 'network';

export interface CheckSchedulerDeps {
  readonly service: CheckService;
  readonly clock: Clock;
  /** Late-bound: the vault is built after the scheduler it hands its keys:check to. */
  readonly source: () => CheckTargetSource | null;
  readonly onStateChange?: (result: CheckResult, previous: KeyState | null) => void;
  readonly intervalMs?: number;
  readonly perHostLimit?: number;
  readonly systemEvents?: SystemEvents | undefined;
  /** After resume the network is often not back yet; wait this long first. */
  readonly resumeDelayMs?: number;
  /** Network changes come in bursts; run once they settle. */
  readonly networkSettleMs?: number;
  /** Backoff after `rate_limited` without Retry-After: base doubling per repeat, capped. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** The longest Retry-After honoured (default 1 h): a year-long one from a broken or hostile endpoint must
   *  not freeze a key's checks until the app restarts. */
  readonly retryAfterMaxMs?: number;
  readonly timers?: Timers;
}

export interface CheckSchedule {
  readonly intervalMs: number;
  readonly nextRunAt: string | null;
  readonly lastRunAt: string | null;
  readonly lastTrigger: CheckTrigger | null;
}

export interface CheckScheduler {
  /** The KeyCheckService the vault's keys:add and keys:check use: joined per key, host-limited, backed off. */
  readonly service: KeyCheckService;
  /** Checks the given keys (all when omitted) and records the results on the vault. */
  checkKeys(ids: readonly string[] | undefined, trigger: CheckTrigger): Promise<CheckResult[]>;
  setIntervalMs(ms: number): void;
  schedule(): CheckSchedule;
  start(): void;
  dispose(): void;
}

export const defaultCheckIntervalMs = 15 * 60_000;
const minIntervalMs = 60_000;
/** A day, as the channel allows. Past 2^31 ms Node fires a timer at once, which would sweep without pause. */
const maxIntervalMs = 24 * 60 * 60_000;
const clampInterval = (ms: number) => Math.min(maxIntervalMs, Math.max(minIntervalMs, Number.isFinite(ms) ? ms : defaultCheckIntervalMs));

interface Backoff {
  readonly until: number;
  readonly repeats: number;
  readonly result: CheckResult;
  readonly signature: string;
}

/** What makes two checks of one key the same check: credential, endpoint, headers and options. Hashed, so
 *  no plaintext outlives the check in the scheduler's maps. A replaced key (same id, new secret) differs. */
function targetSignature(target: CheckTarget): string {
  return createHash('sha256').update(JSON.stringify([target.provider, target.secret, target.baseUrl, target.headers, target.options])).digest('hex');
}

export function createCheckScheduler(deps: CheckSchedulerDeps): CheckScheduler {
  const timers: Timers = deps.timers ?? systemTimers;
  const limiter = createHostLimiter(deps.perHostLimit ?? 8);
  const inFlight = new Map<string, { signature: string; promise: Promise<CheckResult> }>();
  const backoffs = new Map<string, Backoff>();
  const lastStates = new Map<string, KeyState>();
  const backoffBaseMs = deps.backoffBaseMs ?? 60_000;
  const backoffMaxMs = deps.backoffMaxMs ?? 15 * 60_000;
  const retryAfterMaxMs = deps.retryAfterMaxMs ?? 60 * 60_000;
  let intervalMs = clampInterval(deps.intervalMs ?? defaultCheckIntervalMs);
  let timer: unknown = null;
  let nextRunAt: number | null = null;
  let lastRunAt: number | null = null;
  let lastTrigger: CheckTrigger | null = null;
  let running: Promise<unknown> | null = null;
  let started = false;
  let disposed = false;
  const unsubscribers: (() => void)[] = [];

  function noteResult(result: CheckResult, signature: string): void {
    if (result.id === null) return;
    const now = deps.clock.now();
    if (result.state === 'rate_limited') {
      const previous = backoffs.get(result.id);
      const repeats = (previous?.signature === signature ? previous.repeats : 0) + 1;
      const waitMs = result.retryAfterS !== null ? Math.min(retryAfterMaxMs, result.retryAfterS * 1000) : Math.min(backoffMaxMs, backoffBaseMs * 2 ** (repeats - 1));
      backoffs.set(result.id, { until: now + waitMs, repeats, result, signature });
    } else {
      backoffs.delete(result.id);
    }
  }

  /** Announces a state change once the vault has kept the result on its key. */
  function noteRecorded(result: CheckResult): void {
    if (result.id === null) return;
    const previous = lastStates.get(result.id) ?? null;
    lastStates.set(result.id, result.state);
    if (previous !== result.state) deps.onStateChange?.(result, previous);
  }

  async function runOne(target: CheckTarget): Promise<CheckResult> {
    const host = deps.service.originOf(target) ?? 'no-host';
    return limiter.run(host, () => deps.service.check(target));
  }

  const service: KeyCheckService = {
    check(target) {
      if (target.keyId === null) return runOne(target);
      const keyId = target.keyId;
      const signature = targetSignature(target);
      const backoff = backoffs.get(keyId);
      const now = deps.clock.now();
      if (backoff && backoff.signature === signature && backoff.until > now) {
        // Still inside the provider's Retry-After: asking again would only extend the throttle.
        return Promise.resolve({ ...backoff.result, retryAfterS: Math.ceil((backoff.until - now) / 1000) });
      }
      const joined = inFlight.get(keyId);
      if (joined?.signature === signature) return joined.promise;
      const promise = runOne(target)
        .then((result) => {
          noteResult(result, signature);
          return result;
        })
        .finally(() => {
          if (inFlight.get(keyId)?.promise === promise) inFlight.delete(keyId);
        });
      inFlight.set(keyId, { signature, promise });
      return promise;
    },
    recorded: noteRecorded,
  };

  async function checkKeys(ids: readonly string[] | undefined, trigger: CheckTrigger): Promise<CheckResult[]> {
    const source = deps.source();
    if (!source) return [];
    lastTrigger = trigger;
    lastRunAt = deps.clock.now();
    const targets = await source.checkTargets(ids);
    return Promise.all(
      targets.map(async (target) => {
        const result = await service.check(target);
        await source.recordCheck(result, target).catch(() => undefined);
        return result;
      }),
    );
  }

  function arm(delayMs: number, trigger: CheckTrigger): void {
    if (!started || disposed) return;
    if (timer !== null) timers.clearTimeout(timer);
    nextRunAt = deps.clock.now() + delayMs;
    timer = timers.setTimeout(() => {
      timer = null;
      nextRunAt = null;
      void runScheduled(trigger);
    }, delayMs);
  }

  async function runScheduled(trigger: CheckTrigger): Promise<void> {
    // One scheduled sweep at a time; a trigger during a sweep is covered by the sweep (keys join anyway).
    if (!running) {
      running = checkKeys(undefined, trigger)
        .catch(() => undefined)
        .finally(() => {
          running = null;
        });
    }
    await running;
    arm(intervalMs, 'interval');
  }

  return {
    service,
    checkKeys,
    setIntervalMs(ms) {
      intervalMs = clampInterval(ms);
      if (started) arm(intervalMs, 'interval');
    },
    schedule: () => ({
      intervalMs,
      nextRunAt: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
      lastRunAt: lastRunAt === null ? null : new Date(lastRunAt).toISOString(),
      lastTrigger,
    }),
    start() {
      if (started || disposed) return;
      started = true;
      arm(intervalMs, 'interval');
      if (deps.systemEvents) {
        unsubscribers.push(deps.systemEvents.onResume(() => arm(deps.resumeDelayMs ?? 5_000, 'resume')));
        unsubscribers.push(deps.systemEvents.onNetworkChange(() => arm(deps.networkSettleMs ?? 2_000, 'network')));
      }
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      nextRunAt = null;
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    },
  };
}
