// The key vault feature: seals keys through the cipher port, keeps them in the KeyStore port, and
// answers the keys:* channels with key cards. Plaintext stays inside this folder and the check it is
// handed to; cards, events and errors carry metadata only (DESIGN.md "Storage", "Contract rules").
import type { CheckResult } from '../../../shared/channels/checks';
import type { StoreIncident } from '../../../shared/channels/app';
import type { KeyCard, KeySaveResult, LastCheck } from '../../../shared/channels/keys';
import { NomeError, isNomeError } from '../../../shared/errors';
import { createCheckHttp } from '../checks/check-http';
import type { KeyCheckService } from '../checks/key-check-service';
import type { Feature, FeatureContext } from '../create-core';
import type { Handlers } from '../router';
import { envKeyCard, readEnvKeys } from './env-keys';
import { createFingerprintKeyMaterial, fingerprintSecret, importFingerprintKey, type FingerprintKey } from './fingerprint';
import { keyCardOf, lastCheckOf, needsReentry, sortRecords } from './key-cards';
import type { KeyStore, SetAside, StoreSnapshot } from './key-store';
import type { VaultAccess } from './vault-access';
import {
  emptyStoredVault,
  parseStoredVault,
  storeVault,
  viewOfStored,
  type HeldRecord,
  type KeyRecord,
  type Sealed,
  type StoredVault,
  type VaultDocument,
  type VaultView,
} from './vault-document';
import { listEndpointModels } from './endpoint-models';
import { createVaultEdits } from './vault-edits';
import { createVaultTargets, revisionOf } from './vault-targets';

export type VaultHandlers = Pick<
  Handlers,
  'keys:list' | 'keys:add' | 'keys:replace' | 'keys:update' | 'keys:remove' | 'keys:reorder' | 'keys:import-env' | 'keys:check' | 'keys:models' | 'storage:consent'
>;

export interface KeyVaultOptions {
  readonly store: KeyStore;
  /** The checks feature's service; null until one exists (keys are then saved `unchecked`). */
  readonly checks: KeyCheckService | null;
  /** Reads the file GOOGLE_APPLICATION_CREDENTIALS points to, for importing it; hosts without files omit it. */
  readonly readCredentialFile?: ((path: string) => Promise<string>) | undefined;
}

export interface KeyVault extends Feature<VaultHandlers>, VaultAccess {
  /** Opens every secret once, so the scrubber knows them all; records this host cannot open are marked.
   *  Once per vault: start() and the first receipts:record share one opening (keys saved or changed later
   *  are learned as they are saved or as the store's watch sees them); a failed opening is tried again. */
  open(): Promise<void>;
}

/** What the vault's parts share: the store, the cipher and the bookkeeping around them. */
export interface VaultCore {
  readonly context: FeatureContext;
  readonly options: KeyVaultOptions;
  readonly envChecks: Map<string, LastCheck>;
  now(): string;
  readDocument(): Promise<VaultDocument>;
  write<T>(change: (document: VaultDocument) => { next: VaultDocument; result: T }): Promise<T>;
  seal(plaintext: string): Promise<Sealed>;
  requireStorage(): Promise<{ cipher: string; weaker: boolean }>;
  fingerprintOf(secret: string): Promise<NonNullable<KeyRecord['fingerprint']>>;
  /** Adds to a key's secrets the scrubber knows (this process keeps them all); `refresh: false` defers the scrubber update (bulk opens). */
  rememberSecrets(id: string, secrets: readonly string[], refresh?: boolean): void;
  /** Hands the scrubber every secret this host has opened, plus the environment's keys. */
  refreshScrubber(): void;
  check(target: Parameters<KeyCheckService['check']>[0]): Promise<CheckResult>;
  /** Tells the checks a result is now its key's state (they announce state changes from here). */
  recorded(result: CheckResult): void;
  emitChanged(): void;
  listCards(): Promise<KeyCard[]>;
}

const uncheckedService: KeyCheckService = {
  async check(target) {
    return {
      id: target.keyId,
      provider: target.provider,
      state: 'unchecked',
      httpStatus: null,
      providerCode: null,
      retryAfterS: null,
      latencyMs: null,
      checkedAt: new Date().toISOString(),
      message: 'Key checks are not available on this host yet.',
      figures: null,
    };
  },
};

export function createKeyVault(context: FeatureContext, options: KeyVaultOptions): KeyVault {
  const { ports, events, scrubber, incidents } = context;
  const cipher = ports.cipher;
  const known = new Map<string, readonly string[]>();
  const fingerprintKeys = new Map<string, Promise<FingerprintKey>>();
  const checks = options.checks ?? uncheckedService;
  let refreshPending = false;
  const modelsHttp = createCheckHttp(ports.fetch);

  const noteSetAside = (setAside: SetAside | null) => {
    if (setAside) incidents.record({ kind: 'corrupt_store_set_aside', ...setAside });
  };

  // Records kept unread are reported while they are in the file; each notice keeps the time it was first seen.
  const storeFile = options.store.location.split(/[\\/]/).pop() || 'keys.json';
  const heldSince = new Map<string, string>();
  let heldNow: readonly StoreIncident[] = [];
  const noteHeld = (held: readonly HeldRecord[]) => {
    const kept = held.map((record): StoreIncident => {
      const setAsideAs = `${storeFile}#${record.id ?? `record-${record.position + 1}`}`;
      const at = heldSince.get(setAsideAs) ?? core.now();
      heldSince.set(setAsideAs, at);
      return { kind: 'unreadable_record_kept', file: storeFile, setAsideAs, at, fields: [...record.fields] };
    });
    const changed = JSON.stringify(kept) !== JSON.stringify(heldNow);
    heldNow = kept;
    if (changed) incidents.announce();
  };
  // app:info reads the store itself: a fresh process (`nome-settings info`) reports the kept records too.
  incidents.addStanding(async () => {
    await core.readDocument();
    return heldNow;
  });
  const viewOf = (snapshot: StoreSnapshot<StoredVault>): VaultView => {
    noteSetAside(snapshot.setAside);
    const view = viewOfStored(snapshot.document ?? emptyStoredVault());
    noteHeld(view.held);
    return view;
  };

  const storageFailure = (error: unknown) =>
    isNomeError(error) ? error : new NomeError('storage_failed', `The key store could not be used: ${error instanceof Error ? error.message : String(error)}`);

  function importCached(sealed: Sealed): Promise<FingerprintKey> {
    let key = fingerprintKeys.get(sealed.blob);
    if (!key) {
      key = cipher.open(sealed.blob).then(importFingerprintKey);
      fingerprintKeys.set(sealed.blob, key);
      key.catch(() => fingerprintKeys.delete(sealed.blob));
    }
    return key;
  }

  const core: VaultCore = {
    context,
    options,
    envChecks: new Map(),
    now: () => new Date(ports.clock.now()).toISOString(),
    async readDocument() {
      try {
        return viewOf(await options.store.read(parseStoredVault)).document;
      } catch (error) {
        throw storageFailure(error);
      }
    },
    async write(change) {
      try {
        let held: readonly HeldRecord[] = [];
        const snapshot = await options.store.update(parseStoredVault, (current) => {
          const view = viewOfStored(current ?? emptyStoredVault());
          held = view.held;
          const { next, result } = change(view.document);
          // Records this version cannot read go back exactly as they were: a save never drops one.
          return { next: storeVault({ document: next, held }), result };
        });
        noteSetAside(snapshot.setAside);
        noteHeld(held);
        return snapshot.result;
      } catch (error) {
        throw storageFailure(error);
      }
    },
    async seal(plaintext) {
      return { cipher: cipher.id, blob: await cipher.seal(plaintext) };
    },
    async requireStorage() {
      const info = await cipher.describe();
      if (!info.available) throw new NomeError(info.weaker ? 'needs_consent' : 'storage_unavailable', info.note ?? 'Keys cannot be stored on this host right now.');
      return { cipher: info.cipher, weaker: info.weaker };
    },
    async fingerprintOf(secret) {
      const existing = (await core.readDocument()).fingerprintKeys[cipher.id];
      let key: FingerprintKey | null = null;
      if (existing) key = await importCached(existing).catch(() => null);
      if (!key) {
        // No fingerprint key for this cipher yet, or its keyring was reset: make one; a racing host may win.
        const fresh = await core.seal(createFingerprintKeyMaterial());
        const chosen = await core.write((document) => {
          const current = document.fingerprintKeys[cipher.id];
          if (current && current.blob !== existing?.blob) return { next: document, result: current };
          return { next: { ...document, fingerprintKeys: { ...document.fingerprintKeys, [cipher.id]: fresh } }, result: fresh };
        });
        key = await importCached(chosen);
      }
      return { cipher: cipher.id, value: await fingerprintSecret(key, secret) };
    },
    rememberSecrets(id, secrets, refresh = true) {
      // A union, never a replacement: a header edit hands in only the new header values, and the key's own
      // secret must stay known; a replaced or removed secret may still be quoted by a request in flight.
      known.set(id, [...new Set([...(known.get(id) ?? []), ...secrets])]);
      if (!refresh || refreshPending) return;
      // Rebuilding the scrubber costs ~70 ms for 1,000 secrets (bench/vault.ts), so a save does not wait
      // for it; saves in a burst share one rebuild, and a check flushes it first (see `check`).
      refreshPending = true;
      setImmediate(() => {
        if (refreshPending) core.refreshScrubber();
      });
    },
    refreshScrubber() {
      refreshPending = false;
      const env = readEnvKeys(ports.env).filter((key) => !key.isFilePath).map((key) => key.value);
      scrubber.setKnownSecrets([...[...known.values()].flat(), ...env]);
    },
    async check(target) {
      if (refreshPending) core.refreshScrubber();
      const result = await checks.check(target);
      // Belt and braces: the checks scrub their messages; the vault also removes the exact secrets it sent.
      let message = scrubber.scrub(result.message);
      for (const secret of [target.secret, ...Object.values(target.headers)]) if (secret.length >= 4) message = message.split(secret).join('[redacted]');
      return { ...result, message };
    },
    recorded(result) {
      checks.recorded?.(result);
    },
    emitChanged() {
      core.listCards().then(
        (cards) => events.emit('keys:changed', cards),
        () => undefined,
      );
    },
    async listCards() {
      const document = await core.readDocument();
      const stored = sortRecords(document.keys).map((record) => keyCardOf(record, cipher.id));
      const env = readEnvKeys(ports.env);
      const counts = new Map<string, number>();
      for (const record of document.keys) counts.set(record.provider, (counts.get(record.provider) ?? 0) + 1);
      return [...stored, ...env.map((key) => envKeyCard(key, env, counts.get(key.provider) ?? 0, core.envChecks.get(key.id) ?? null))];
    },
  };

  const edits = createVaultEdits(core);
  const targets = createVaultTargets(core);

  /** A check's result with what it was run against: `revision` (from the opened target) makes a result
   *  for a key that was replaced, re-pointed or removed meanwhile stale; `announce` is false for the
   *  vault's own placeholders (keys this host cannot open), which were never checks. */
  interface CheckToKeep {
    readonly result: CheckResult;
    readonly revision?: string | undefined;
    readonly announce: boolean;
  }

  async function recordChecks(entries: readonly CheckToKeep[]): Promise<void> {
    const stored = new Map<string, CheckToKeep>();
    const kept: CheckToKeep[] = [];
    for (const entry of entries) {
      const id = entry.result.id;
      if (!id) continue;
      if (id.startsWith('env:')) {
        core.envChecks.set(id, lastCheckOf(entry.result));
        kept.push(entry);
      } else stored.set(id, entry);
    }
    if (stored.size > 0) {
      const applied = await core.write((document) => {
        const applied: CheckToKeep[] = [];
        const keys = document.keys.map((record) => {
          const entry = stored.get(record.id);
          if (!entry || needsReentry(record, cipher.id)) return record;
          // Stale: the record's secret or endpoint changed while this check ran, so the result is not this key's.
          if (entry.revision !== undefined && entry.revision !== revisionOf(record)) return record;
          applied.push(entry);
          const { result } = entry;
          return { ...record, state: result.state, lastCheck: lastCheckOf(result), lastCheckedAt: result.checkedAt };
        });
        return { next: applied.length > 0 ? { ...document, keys } : document, result: applied };
      });
      kept.push(...applied);
    }
    for (const entry of kept) if (entry.announce) core.recorded(entry.result);
    core.emitChanged();
  }

  const handlers: VaultHandlers = {
    'keys:list': () => core.listCards(),
    'keys:add': (input): Promise<KeySaveResult> => edits.add(input),
    'keys:replace': (input) => edits.replace(input),
    'keys:update': (input) => edits.update(input),
    'keys:remove': (input) => edits.remove(input),
    'keys:reorder': (input) => edits.reorder(input),
    'keys:import-env': (input) => edits.importEnv(input),
    async 'keys:check'(input) {
      const { targets: opened, unopenable, withheld } = await targets.collect(input?.ids, { strict: true });
      // All keys at once: the check service limits concurrency per host and joins duplicate checks.
      const checked: CheckToKeep[] = await Promise.all(opened.map(async (target) => ({ result: await core.check(target), revision: target.revision, announce: true })));
      const results = checked.map((entry) => entry.result);
      const placeholders: CheckResult[] = [];
      const notSent = [...unopenable.map((record) => ({ id: record.id, provider: record.provider, reason: 'This host cannot open this key; enter it again.' })), ...withheld];
      for (const key of notSent) {
        placeholders.push({ ...(await uncheckedService.check({ keyId: key.id, provider: key.provider, secret: '', baseUrl: null, headers: {}, options: {} })), message: key.reason });
      }
      await recordChecks([...checked, ...placeholders.map((result) => ({ result, announce: false }))]);
      results.push(...placeholders);
      const order = new Map((input?.ids ?? []).map((id, index) => [id, index]));
      return results.sort((a, b) => (order.get(a.id ?? '') ?? 0) - (order.get(b.id ?? '') ?? 0));
    },
    async 'keys:models'(input) {
      const { targets: [target], unopenable } = await targets.collect([input.id], { strict: true });
      if (unopenable.length > 0 || !target) throw new NomeError('unavailable', 'This host cannot open this key; enter it again first.');
      if (target.provider !== 'openai-compatible') throw new NomeError('bad_input', 'Model lists are read from custom OpenAI-compatible endpoints only.');
      const models = await listEndpointModels(modelsHttp, target, (text) => scrubber.scrub(text));
      return { id: input.id, models, fetchedAt: core.now() };
    },
    async 'storage:consent'(input) {
      if (input) {
        const at = core.now();
        await core.write((document) => ({
          next: { ...document, settings: { ...document.settings, weakerStorageConsent: input.weakerStorage, consentAt: at } },
          result: undefined,
        }));
        incidents.announce();
      }
      const { settings } = await core.readDocument();
      return { weakerStorage: settings.weakerStorageConsent, at: settings.consentAt };
    },
  };

  let stopWatching: (() => void) | null = null;
  let opened: Promise<void> | null = null;
  const openOnce = (): Promise<void> =>
    (opened ??= targets.openAll().catch((error: unknown) => {
      opened = null;
      throw error;
    }));

  return {
    handlers,
    start() {
      void openOnce().catch(() => undefined);
      // Another host (the CLI beside the app, a second window's process) changed the store: fresh cards for
      // every open surface, and the scrubber learns any key it added.
      stopWatching = options.store.watch?.(() => {
        core.emitChanged();
        void targets.openChanged().catch(() => undefined);
      }) ?? null;
    },
    dispose() {
      stopWatching?.();
      stopWatching = null;
    },
    open: openOnce,
    checkTargets: async (ids) => (await targets.collect(ids, { strict: false })).targets,
    recordCheck: (result, target) => recordChecks([{ result, revision: target?.revision, announce: true }]),
    async markUsed(id, at) {
      const uses = typeof id === 'string' ? new Map([[id, at ?? core.now()]]) : id;
      // Compared under the store's lock, so a batch recorded late or by another host never moves it back.
      const later = (record: KeyRecord, usedAt: string | undefined) => usedAt !== undefined && (record.lastUsedAt === null || Date.parse(usedAt) > Date.parse(record.lastUsedAt));
      const changed = await core.write((document) => {
        const keys = document.keys.map((record) => (later(record, uses.get(record.id)) ? { ...record, lastUsedAt: uses.get(record.id) as string } : record));
        return keys.some((record, index) => record !== document.keys[index]) ? { next: { ...document, keys }, result: true } : { next: document, result: false };
      });
      if (changed) core.emitChanged();
    },
  };
}
