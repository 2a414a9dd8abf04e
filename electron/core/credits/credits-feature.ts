// The credits feature: receipts:* and credits:* handlers over the receipt log, the pricer and the account
// source (the local ledger, or the account service when NOME_ACCOUNT_URL is set). `--demo` runs on its own
// folder of the data dir, seeded with a month of turns, so real receipts are never mixed with demo ones.
import { receiptInputSchema, type ParsedReceiptInput, type Receipt } from '../../../shared/channels/receipts';
import { NomeError } from '../../../shared/errors';
import type { Handlers } from '../router';
import { describeIssues } from '../router';
import type { FeatureContext, Feature } from '../create-core';
import type { AccountSource } from '../account/account-source';
import { accountServiceSetting, createHttpAccountSource } from '../account/http-account-source';
import { prefixedDataFiles } from '../demo/prefixed-data-files';
import { seedDemo } from '../demo/seed-demo';
import { createReceiptBuilder, type ReceiptBuilder } from '../receipts/build-receipt';
import { fastParseReceiptInput } from '../receipts/fast-receipt-input';
import { createMemoryDataFiles } from '../receipts/memory-data-files';
import { receiptsToCsv } from '../receipts/receipt-csv';
import { createReceiptLog } from '../receipts/receipt-log';
import { createLocalAccount } from './local-account';
import type { MarkKeysUsed } from './key-use';
import { loadTurnPricer, nanoToCredits, nanoToNormalizedTokens, nanoToUsd, type TurnPricer } from './price-turn';
import type { FigureEntry } from './summarize';

export type CreditsHandlers = Pick<
  Handlers,
  | 'credits:summary'
  | 'credits:set-plan'
  | 'credits:top-up'
  | 'credits:hold'
  | 'credits:release'
  | 'credits:set-threshold'
  | 'credits:price'
  | 'receipts:record'
  | 'receipts:list'
  | 'receipts:export'
>;

/** How far past this host's clock a receipt's `at` may be (clocks of runtime and host may differ a little). */
const futureToleranceMs = 3_600_000;

export interface CreditsFeatureOptions {
  /** The last provider-reported figures per key (from the vault's key cards); none when no vault is wired. */
  readonly providerFigures?: () => Promise<readonly FigureEntry[]>;
  /** Resolves once the scrubber knows the vault's own secrets (a key with no recognisable shape): a fresh
   *  process (`receipts record` on the CLI) has not opened the vault otherwise. Awaited before every
   *  receipts:record, so it must be once per process (the vault's open is). */
  readonly knownSecrets?: () => Promise<void>;
  /** Sets lastUsedAt on the keys byok receipts name; without it (no vault wired) every keyId is unknown. */
  readonly markKeysUsed?: MarkKeysUsed;
}

interface KeyNamed {
  /** Position in the call's batch. */
  readonly index: number;
  readonly keyId: string;
}

/** The account service when NOME_ACCOUNT_URL names one; a setting that cannot be used makes every account
 *  call fail with a clear message, rather than stopping the app or quietly showing the local ledger. */
function chooseAccountSource(env: Readonly<Record<string, string | undefined>>, fetch: typeof globalThis.fetch, local: AccountSource): AccountSource {
  let service;
  try {
    service = accountServiceSetting(env);
  } catch (error) {
    const refuse = async (): Promise<never> => {
      throw new NomeError('unavailable', `NOME_ACCOUNT_URL cannot be used: ${(error as Error).message}`);
    };
    return { kind: 'remote', summary: refuse, setPlan: refuse, topUp: refuse, hold: refuse, release: refuse, settle: refuse, setLowBalanceThreshold: refuse };
  }
  return service ? createHttpAccountSource({ ...service, fetch }) : local;
}

export function createCreditsFeature(context: FeatureContext, options: CreditsFeatureOptions = {}): Feature<CreditsHandlers> {
  const { ports, scrubber, incidents, events } = context;
  const baseFiles = ports.files ?? createMemoryDataFiles();
  const files = ports.host.demo ? prefixedDataFiles(baseFiles, 'demo') : baseFiles;
  let pricing: Promise<{ pricer: TurnPricer; builder: ReceiptBuilder }> | null = null;
  const loadPricing = () =>
    (pricing ??= loadTurnPricer().then((pricer) => ({ pricer, builder: createReceiptBuilder({ pricer, scrubber, now: () => ports.clock.now() }) })));
  const log = createReceiptLog({ files, incidents, clock: ports.clock });
  const local = createLocalAccount({ files, clock: ports.clock, log });
  const account: AccountSource = chooseAccountSource(ports.env, ports.fetch, local);
  const figures = options.providerFigures ?? (async () => []);
  // The vault opens once per process (it shares that with its own start-up); a vault that cannot be opened
  // now (no keyring answering) leaves the patterns and environment keys, and the next call tries again.
  const learnSecrets = async () => options.knownSecrets?.().catch(() => undefined);

  let ready: Promise<void> | null = null;
  const whenReady = () =>
    (ready ??= (async () => {
      if (ports.host.demo) await seedDemo({ files, log, account: local, builder: (await loadPricing()).builder, now: ports.clock.now() });
      await log.open();
    })());
  const changed = (reason: 'receipts' | 'account') => events.emit('credits:changed', { reason, at: new Date(ports.clock.now()).toISOString() });

  async function summary() {
    await whenReady();
    const entries = await figures().catch(() => []);
    if (account.kind === 'local') return local.summaryWith(entries);
    // A remote account meters the credits lane; the provider figures still sit beside this host's own estimate.
    const [remote, localView] = await Promise.all([account.summary(), local.summaryWith(entries)]);
    return { ...remote, providerReported: localView.providerReported };
  }

  /** Builds and hands the batch to the log without awaiting, so nothing here keeps the receipt objects
   *  alive across the fsync unless they are echoed (bulk recorders do not ask for them). */
  function buildAndAppend(builder: ReceiptBuilder, valid: readonly ParsedReceiptInput[], echo: boolean, named: boolean) {
    const built = builder.buildBatch(valid);
    const holds: { index: number; holdId: string }[] = [];
    built.forEach((receipt, index) => {
      if (receipt.holdId) holds.push({ index, holdId: receipt.holdId });
    });
    // Only ids the runtime gave are checked for retries; NOME's own ids are unique by construction.
    const givenIds = valid.some((input) => input.id !== undefined) ? valid.map((input) => input.id !== undefined) : undefined;
    const written = built.length ? log.append(built, { givenIds }) : Promise.resolve({ duplicates: [] as readonly number[] });
    return { written, echoed: echo ? built : null, holds, count: built.length, lastUse: named ? lastUseByKey(built) : null };
  }

  /** The latest `at` of each key the receipts name (canonical UTC, so they compare as text). */
  function lastUseByKey(built: readonly Receipt[]): Map<string, string> {
    const latest = new Map<string, string>();
    for (const receipt of built) {
      if (receipt.keyId === null) continue;
      const seen = latest.get(receipt.keyId);
      if (seen === undefined || receipt.at > seen) latest.set(receipt.keyId, receipt.at);
    }
    return latest;
  }

  /** One vault write for the whole batch (never one a receipt), after the receipts are on disk. An unknown
   *  keyId is kept and flagged rather than rejected: the turn ran and was billed, so refusing its receipt
   *  would lose it (the runtime might not retry), while the flag tells the caller the key is not here. A
   *  store that cannot be written just now leaves lastUsedAt as it was and says so; the receipts stay. */
  async function markUsed(lastUse: ReadonlyMap<string, string>, named: readonly KeyNamed[]) {
    const unmarked = (code: string, message: string) => ({ flagged: [], unmarkedKeys: { keyIds: [...lastUse.keys()], code, message } });
    let unknown: ReadonlySet<string>;
    try {
      unknown = new Set(options.markKeysUsed ? (await options.markKeysUsed(lastUse)).unknown : lastUse.keys());
    } catch (error) {
      return unmarked(error instanceof NomeError ? error.code : 'internal', scrubber.scrub((error as Error).message));
    }
    const flagged = named
      .filter(({ keyId }) => unknown.has(keyId))
      .map(({ index, keyId }) => ({
        index,
        code: 'not_found',
        message: `keyId ${keyId} names no key on this host (removed since, or another machine's vault): the receipt is recorded, but no key's lastUsedAt was set`,
      }));
    return { flagged, unmarkedKeys: null };
  }

  const handlers: CreditsHandlers = {
    'credits:summary': () => summary(),
    'credits:set-plan': async ({ plan }) => {
      await whenReady();
      await account.setPlan(plan);
      changed('account');
      return summary();
    },
    'credits:top-up': async (input) => {
      await whenReady();
      const topUp = await account.topUp(input);
      changed('account');
      return topUp;
    },
    'credits:hold': async (input) => {
      await whenReady();
      const hold = await account.hold(input);
      changed('account');
      return hold;
    },
    'credits:release': async ({ holdId }) => {
      await whenReady();
      const released = await account.release(holdId);
      if (released) changed('account');
      return { released };
    },
    'credits:set-threshold': async ({ credits }) => {
      await whenReady();
      await account.setLowBalanceThreshold(credits);
      changed('account');
      return summary();
    },
    'credits:price': async ({ provider, model, tokens }) => {
      const price = (await loadPricing()).pricer.price(provider, model, tokens);
      return {
        priced: price.priced,
        usd: price.nano === null ? null : nanoToUsd(price.nano),
        credits: price.nano === null ? null : nanoToCredits(price.nano),
        normalizedTokens: price.nano === null ? null : nanoToNormalizedTokens(price.nano),
        pricedAs: price.pricedAs,
      };
    },
    'receipts:record': async ({ receipts, echo }) => {
      await whenReady();
      await learnSecrets();
      const valid: ParsedReceiptInput[] = [];
      const rejected: { index: number; code: string; message: string }[] = [];
      // A receipt is for a turn that has finished: one dated well after this host's clock (a runtime's broken
      // clock, a typo like 2206) would sit at the top of every list and debit a day that has not come.
      const latest = ports.clock.now() + futureToleranceMs;
      const latestIso = new Date(latest).toISOString();
      const tooLate = (at: string) => `at: ${at} is after ${latestIso}, more than an hour past this host's clock; a receipt records a turn that has finished`;
      // A keyId is an id, never the key: one the scrubber would change (a key pasted in its place, or any
      // secret) is refused whole, so neither it nor a mangled id reaches disk. Checked once per id a batch.
      const named: KeyNamed[] = [];
      const keyIdIsClean = new Map<string, boolean>();
      const isClean = (keyId: string) => {
        let clean = keyIdIsClean.get(keyId);
        if (clean === undefined) keyIdIsClean.set(keyId, (clean = scrubber.scrub(keyId) === keyId));
        return clean;
      };
      const accept = (input: ParsedReceiptInput, index: number) => {
        if (input.keyId === undefined) return valid.push(input);
        if (!isClean(input.keyId)) {
          return rejected.push({ index, code: 'bad_input', message: "keyId: this looks like a key itself, not a key's id; send the id keys:list gives (key_…), never the key" });
        }
        named.push({ index, keyId: input.keyId });
        return valid.push(input);
      };
      receipts.forEach((raw, index) => {
        const fast = fastParseReceiptInput(raw);
        // Canonical UTC times (all the fast path takes) compare as text.
        if (fast && (fast.at === undefined || fast.at <= latestIso)) {
          accept(fast, index);
          return;
        }
        const parsed = fast ? ({ success: true, data: fast } as const) : receiptInputSchema.safeParse(raw);
        if (!parsed.success) rejected.push({ index, code: 'bad_input', message: scrubber.scrub(describeIssues(parsed.error)) });
        else if (parsed.data.at !== undefined && Date.parse(parsed.data.at) > latest) rejected.push({ index, code: 'bad_input', message: tooLate(parsed.data.at) });
        else accept(parsed.data, index);
      });
      const { builder } = await loadPricing();
      const { written, echoed, holds, count, lastUse } = buildAndAppend(builder, valid, echo, named.length > 0);
      const { duplicates } = await written;
      // A duplicate's hold was settled by the receipt first recorded with its id.
      const skipped = new Set(duplicates);
      const holdIds = holds.flatMap(({ index, holdId }) => (skipped.has(index) ? [] : [holdId]));
      // The receipts are on disk now: an account that cannot end their holds must not turn that into a
      // failed call, which the runtime would retry and so count the turns twice.
      const unsettledHolds = holdIds.length
        ? await account.settle(holdIds).then(
            () => null,
            (error: unknown) => ({ holdIds, code: error instanceof NomeError ? error.code : 'internal', message: scrubber.scrub((error as Error).message) }),
          )
        : null;
      const keys = lastUse ? await markUsed(lastUse, named) : { flagged: [], unmarkedKeys: null };
      if (count > duplicates.length) changed('receipts');
      return {
        recordedCount: count - duplicates.length,
        recorded: echoed ? echoed.filter((_, index) => !skipped.has(index)) : [],
        duplicates: duplicates.length,
        rejected,
        flagged: keys.flagged,
        unmarkedKeys: keys.unmarkedKeys,
        unsettledHolds,
      };
    },
    'receipts:list': async ({ limit, cursor, ...filter }) => {
      await whenReady();
      return log.list(filter, limit, cursor);
    },
    'receipts:export': async ({ format: _format, limit, cursor, ...filter }) => {
      await whenReady();
      const rows: Receipt[] = [];
      let last = '';
      let nextCursor: string | null = null;
      await log.scan(
        filter,
        (receipt, after) => {
          if (rows.length === limit) {
            nextCursor = last;
            return false;
          }
          rows.push(receipt);
          last = after;
          return true;
        },
        cursor,
      );
      const text = receiptsToCsv(rows, { header: cursor === undefined });
      return { format: 'csv' as const, rows: rows.length, text, nextCursor };
    },
  };

  return {
    handlers,
    async dispose() {
      // Only a ledger this process opened has a snapshot to write; `keys list` never touches receipts.
      if (!ready) return;
      await ready.catch(() => undefined);
      await log.flush().catch(() => undefined);
    },
  };
}
