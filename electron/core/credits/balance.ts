// The balance, worked out from the account and per-day debits (pure). Each day's credit debits come first
// from that period's included allocation, then from top-ups soonest to expire; what nothing covers is a
// deficit the next top-up pays first. Unused allocation lapses at period end; a top-up's rest at its expiry.
// Granularity is the UTC day: a top-up counts from the day it was bought, expires at the first day boundary
// at or after its expiry. Invariant: balance = granted - debited - forfeited (all whole nano-dollars).
import type { Plan } from '../../../shared/channels/credits';
import { dayMs, periodContaining, startOfDay } from './billing-period';

export interface PlanChange {
  /** ISO time the plan took effect. */
  readonly since: string;
  readonly plan: Plan | null;
}

export interface TopUpRecord {
  readonly id: string;
  readonly nano: number;
  readonly at: string;
  readonly expiresAt: string | null;
  readonly note: string | null;
}

export interface BalanceInput {
  readonly now: number;
  readonly planHistory: readonly PlanChange[];
  readonly topUps: readonly TopUpRecord[];
  /** Credit-lane debits per UTC day: [day start ms, nano], any order. */
  readonly debitsByDay: readonly (readonly [number, number])[];
}

export interface Balance {
  readonly balanceNano: number;
  readonly allocationNano: number;
  readonly allocationUsedNano: number;
  readonly grantedNano: number;
  readonly debitedNano: number;
  readonly forfeitedNano: number;
  readonly deficitNano: number;
  /** Remaining per top-up id (0 once expired or spent). */
  readonly topUpRemaining: ReadonlyMap<string, number>;
  readonly topUpExpired: ReadonlySet<string>;
}

/** The plan in force at `ms`: the latest change by time (not by place in the file, which a clock set back
 *  could disorder); of changes at the same instant, the one written last. */
export function planAt(history: readonly PlanChange[], ms: number): Plan | null {
  let plan: Plan | null = null;
  let since = Number.NEGATIVE_INFINITY;
  for (const change of history) {
    const at = Date.parse(change.since);
    if (at <= ms && at >= since) {
      plan = change.plan;
      since = at;
    }
  }
  return plan;
}

interface Bucket {
  allocation: number;
  used: number;
  end: number;
}

export function computeBalance(input: BalanceInput): Balance {
  const { now } = input;
  const today = startOfDay(now);

  // Allocation buckets: one per period any plan covered up to now; a later plan in the same period wins.
  // A plan replaced mid-period (another plan, another anchor day, or none) ends there: the rest of its
  // allocation lapses on the day of the change, so two plans' allocations are never current at once.
  const buckets = new Map<number, Bucket>();
  const history = [...input.planHistory].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  history.forEach((change, index) => {
    const plan = change.plan;
    if (!plan || plan.monthlyAllocation <= 0) return;
    const from = startOfDay(Date.parse(change.since));
    const next = history[index + 1];
    const until = next ? Date.parse(next.since) : now + 1;
    const replacedAt = next ? startOfDay(until) : Number.POSITIVE_INFINITY;
    for (let period = periodContaining(from, plan.anchorDay); period.start < until && period.start <= now; period = periodContaining(period.end, plan.anchorDay)) {
      buckets.set(period.start, { allocation: Math.round(plan.monthlyAllocation * 1e6), used: 0, end: Math.min(period.end, replacedAt) });
    }
  });
  const bucketFor = (day: number): Bucket | null => {
    const plan = planAt(history, day + dayMs - 1);
    if (!plan) return null;
    return buckets.get(periodContaining(day, plan.anchorDay).start) ?? null;
  };

  const topUps = input.topUps
    .filter((topUp) => Date.parse(topUp.at) <= now)
    .map((topUp) => ({
      id: topUp.id,
      nano: topUp.nano,
      day: startOfDay(Date.parse(topUp.at)),
      expires: topUp.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(topUp.expiresAt),
      remaining: 0,
      added: false,
      expired: false,
    }))
    .sort((a, b) => a.day - b.day);
  const bySoonestExpiry = [...topUps].sort((a, b) => a.expires - b.expires || a.day - b.day);

  let deficit = 0;
  let forfeited = 0;
  let debited = 0;
  const advanceTo = (day: number) => {
    for (const topUp of topUps) {
      if (topUp.added || topUp.day > day) continue;
      topUp.added = true;
      const paid = Math.min(deficit, topUp.nano);
      deficit -= paid;
      topUp.remaining = topUp.nano - paid;
    }
    for (const topUp of topUps) {
      if (topUp.added && !topUp.expired && topUp.expires <= Math.max(day, 0) && topUp.expires <= now) {
        topUp.expired = true;
        forfeited += topUp.remaining;
        topUp.remaining = 0;
      }
    }
  };

  const days = [...input.debitsByDay].filter(([day]) => day <= today).sort((a, b) => a[0] - b[0]);
  for (const [day, nano] of days) {
    if (nano <= 0) continue;
    advanceTo(day);
    debited += nano;
    let owed = nano;
    const bucket = bucketFor(day);
    if (bucket) {
      const take = Math.min(owed, bucket.allocation - bucket.used);
      bucket.used += take;
      owed -= take;
    }
    for (const topUp of bySoonestExpiry) {
      if (owed === 0) break;
      if (!topUp.added || topUp.expired || topUp.remaining === 0) continue;
      const take = Math.min(owed, topUp.remaining);
      topUp.remaining -= take;
      owed -= take;
    }
    deficit += owed;
  }
  advanceTo(now);

  let granted = topUps.reduce((sum, topUp) => sum + topUp.nano, 0);
  let allocation = 0;
  let allocationUsed = 0;
  for (const [start, bucket] of buckets) {
    granted += bucket.allocation;
    if (bucket.end <= now) forfeited += bucket.allocation - bucket.used;
    else if (start <= now) {
      allocation = bucket.allocation;
      allocationUsed = bucket.used;
    }
  }
  const topUpTotal = topUps.reduce((sum, topUp) => sum + topUp.remaining, 0);
  return {
    balanceNano: allocation - allocationUsed + topUpTotal - deficit,
    allocationNano: allocation,
    allocationUsedNano: allocationUsed,
    grantedNano: granted,
    debitedNano: debited,
    forfeitedNano: forfeited,
    deficitNano: deficit,
    topUpRemaining: new Map(topUps.map((topUp) => [topUp.id, topUp.remaining])),
    topUpExpired: new Set(topUps.filter((topUp) => topUp.expired).map((topUp) => topUp.id)),
  };
}
