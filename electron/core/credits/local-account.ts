// The embedded local account (the default AccountSource): plan history, top-ups and holds in
// credits/account.json in the data dir, balances from the receipt log's rollup. Never scans receipts.
import type { Hold, TopUp } from '../../../shared/channels/credits';
import { NomeError } from '../../../shared/errors';
import type { AccountSource, AccountSummary } from '../account/account-source';
import type { Clock, DataFiles } from '../ports';
import type { ReceiptLog } from '../receipts/receipt-log';
import { creditsToNano, nanoToCredits } from './price-turn';
import { activeHolds, emptyAccount, summarizeCredits, type AccountState, type FigureEntry } from './summarize';

export interface LocalAccountOptions {
  readonly files: DataFiles;
  readonly clock: Clock;
  readonly log: ReceiptLog;
  /** Folder inside the data dir; default `credits`. */
  readonly dir?: string;
}

export interface LocalAccount extends AccountSource {
  /** The same summary with provider figures, for callers that have them (the credits feature). */
  summaryWith(figures: readonly FigureEntry[]): Promise<AccountSummary & { providerReported: ReturnType<typeof summarizeCredits>['providerReported'] }>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function newId(prefix: string, now: number): string {
  const bytes = new Uint8Array(5);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}-${now.toString(36)}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createLocalAccount(options: LocalAccountOptions): LocalAccount {
  const { files, clock, log } = options;
  const path = `${options.dir ?? 'credits'}/account.json`;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  // Read from disk on every use (a small file): the app and a CLI `credits top-up` may both change it, and
  // a copy cached in one process would overwrite the other's change.
  async function load(): Promise<AccountState> {
    const bytes = await files.read(path);
    if (!bytes) return emptyAccount();
    try {
      const value = JSON.parse(decoder.decode(bytes)) as AccountState;
      if (value.version !== 1 || !Array.isArray(value.topUps) || !Array.isArray(value.planHistory) || !Array.isArray(value.holds)) throw new Error('unknown shape');
      return value;
    } catch {
      // The account holds what the user paid for: never replace it silently.
      throw new NomeError('storage_failed', `${path} cannot be read; it was left as it is`);
    }
  }

  /** One read-change-write at a time: in this process by the queue, across processes (the app and CLI
   *  `credits top-up` runs at once) by the host's lock on the file, so no change overwrites another's. */
  const locked = <T>(work: () => Promise<T>): Promise<T> => serial(() => (files.exclusive ? files.exclusive(path, work) : work()));

  /** Applies a change to the file as it is now and writes it whole, atomically, one change at a time. */
  function change<T>(work: (current: AccountState) => { next: AccountState; result: T }): Promise<T> {
    return locked(async () => {
      const { next, result } = work(await load());
      await files.writeAtomic(path, encoder.encode(JSON.stringify(next, null, 1)));
      return result;
    });
  }

  async function summaryWith(figures: readonly FigureEntry[]) {
    await log.refresh();
    const account = await serial(load);
    return { source: 'local' as const, ...summarizeCredits({ now: clock.now(), days: log.rollup().days, account, figures }) };
  }

  return {
    kind: 'local',
    summaryWith,
    async summary() {
      const { providerReported: _ignored, ...rest } = await summaryWith([]);
      return rest;
    },
    async setPlan(plan) {
      await change((current) => ({
        next: { ...current, planHistory: [...current.planHistory, { since: new Date(clock.now()).toISOString(), plan }] },
        result: undefined,
      }));
    },
    topUp(input) {
      const now = clock.now();
      if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now) {
        return Promise.reject(new NomeError('bad_input', 'expiresAt: a top-up must expire in the future'));
      }
      return change((current) => {
        const record = {
          id: newId('t', now),
          nano: creditsToNano(input.credits),
          at: new Date(now).toISOString(),
          expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt).toISOString(),
          note: input.note ?? null,
        };
        const topUp: TopUp = { id: record.id, credits: input.credits, remaining: input.credits, at: record.at, expiresAt: record.expiresAt, expired: false, note: record.note };
        return { next: { ...current, topUps: [...current.topUps, record] }, result: topUp };
      });
    },
    async hold(input) {
      // The check and the write happen under one lock, so two holds (in any processes) cannot both pass on
      // the same credits. Receipts another process recorded are counted first.
      await log.refresh();
      return locked(async () => {
        const current = await load();
        const now = clock.now();
        const { available } = summarizeCredits({ now, days: log.rollup().days, account: current, figures: [] });
        if (available < input.credits) {
          throw new NomeError('conflict', `not enough credits: ${available} available, ${input.credits} asked`, { available });
        }
        const record = {
          id: newId('h', now),
          nano: creditsToNano(input.credits),
          at: new Date(now).toISOString(),
          expiresAt: new Date(now + input.ttlSeconds * 1000).toISOString(),
          turnId: input.turnId ?? null,
        };
        // Lapsed holds are dropped as new ones are taken, so the file does not grow without end.
        const next: AccountState = { ...current, holds: [...activeHolds(current, now), record] };
        await files.writeAtomic(path, encoder.encode(JSON.stringify(next, null, 1)));
        const hold: Hold = { id: record.id, credits: nanoToCredits(record.nano), at: record.at, expiresAt: record.expiresAt, turnId: record.turnId };
        return hold;
      });
    },
    release(holdId) {
      return change((current) => {
        // A lapsed hold already holds nothing: releasing it is `false` whether or not its record was pruned yet.
        const found = activeHolds(current, clock.now()).some((hold) => hold.id === holdId);
        return { next: { ...current, holds: current.holds.filter((hold) => hold.id !== holdId) }, result: found };
      });
    },
    async settle(holdIds) {
      const ids = new Set(holdIds);
      const current = await serial(load);
      if (!current.holds.some((hold) => ids.has(hold.id))) return;
      await change((latest) => ({ next: { ...latest, holds: latest.holds.filter((hold) => !ids.has(hold.id)) }, result: undefined }));
    },
    async setLowBalanceThreshold(credits) {
      await change((current) => ({ next: { ...current, lowBalanceThreshold: credits }, result: undefined }));
    },
  };
}

