// Opens sealed keys for checks (and once at start, for the scrubber). A record this host cannot open is
// kept and marked as needing re-entry; a keyring that does not answer marks nothing (it may come back).
import { createHash } from 'node:crypto';
import { NomeError, isNomeError } from '../../../shared/errors';
import type { CheckTarget } from '../checks/key-check-service';
import { readEnvKeys, type EnvKey } from './env-keys';
import { needsReentry } from './key-cards';
import type { VaultCore } from './key-vault';
import type { KeyRecord } from './vault-document';

export interface CollectedTargets {
  readonly targets: CheckTarget[];
  /** Stored records asked for that this host cannot open. */
  readonly unopenable: KeyRecord[];
  /** Environment keys that are not sent anywhere, with the reason (an unusable OPENAI_BASE_URL). */
  readonly withheld: Array<{ readonly id: string; readonly provider: KeyRecord['provider']; readonly reason: string }>;
}

/** What a check of this record depends on: its sealed secret (a fresh seal differs even for the same key),
 *  endpoint, headers and options. Label, priority and check bookkeeping do not change it. */
export function revisionOf(record: KeyRecord): string {
  return createHash('sha256')
    .update(JSON.stringify([record.provider, record.secret, record.baseUrl, record.headers, record.options]))
    .digest('base64url');
}

export function createVaultTargets(core: VaultCore) {
  const { ports } = core.context;
  /** Revisions this process has opened: their secrets are already in the scrubber (rememberSecrets keeps a union). */
  const openedRevisions = new Set<string>();

  /** Opens one record; null when it cannot be opened here (and it is then marked). */
  async function openRecord(record: KeyRecord, failed: string[]): Promise<CheckTarget | null> {
    if (needsReentry(record, ports.cipher.id)) return null;
    try {
      // A keyless endpoint's secret is '': the adapters then send no Authorization header.
      const secret = record.secret ? await ports.cipher.open(record.secret.blob) : '';
      const headers: Record<string, string> = {};
      for (const header of record.headers) headers[header.name] = await ports.cipher.open(header.value.blob);
      // The scrubber is refreshed once per collect: rebuilding it per key would be quadratic.
      core.rememberSecrets(record.id, [secret, ...Object.values(headers)].filter((value) => value !== ''), false);
      const revision = revisionOf(record);
      openedRevisions.add(revision);
      return { keyId: record.id, provider: record.provider, secret, baseUrl: record.baseUrl, headers, options: record.options, revision };
    } catch (error) {
      // `storage_unavailable`: the keyring did not answer this time. That is not a reason to ask for re-entry.
      if (isNomeError(error) && error.code === 'storage_unavailable') throw error;
      failed.push(record.id);
      return null;
    }
  }

  async function markUnopenable(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const marked = new Set(ids);
    await core.write((document) => ({
      next: { ...document, keys: document.keys.map((record) => (marked.has(record.id) ? { ...record, unopenable: true, state: 'unchecked' as const } : record)) },
      result: undefined,
    }));
    core.emitChanged();
  }

  async function envTarget(key: EnvKey): Promise<CheckTarget | null> {
    let secret = key.value;
    if (key.isFilePath) {
      if (!core.options.readCredentialFile) return null;
      secret = await core.options.readCredentialFile(key.value);
    }
    return { keyId: key.id, provider: key.provider, secret, baseUrl: key.baseUrl, headers: {}, options: {} };
  }

  return {
    /** Targets for `ids` (every key when omitted). `strict` turns an unknown id into `not_found`. */
    async collect(ids: readonly string[] | undefined, { strict }: { strict: boolean }): Promise<CollectedTargets> {
      const document = await core.readDocument();
      const envKeys = readEnvKeys(ports.env);
      const wanted = ids ?? [...document.keys.map((record) => record.id), ...envKeys.map((key) => key.id)];
      const targets: CheckTarget[] = [];
      const unopenable: KeyRecord[] = [];
      const withheld: CollectedTargets['withheld'] = [];
      const failed: string[] = [];
      for (const id of new Set(wanted)) {
        const record = document.keys.find((candidate) => candidate.id === id);
        const envKey = envKeys.find((key) => key.id === id);
        let target: CheckTarget | null = null;
        if (record) {
          target = await openRecord(record, failed);
          if (!target) unopenable.push(record);
        } else if (envKey?.unusable) {
          withheld.push({ id, provider: envKey.provider, reason: envKey.baseUrlNote ?? 'This environment key is not checked.' });
        } else if (envKey) {
          target = await envTarget(envKey).catch(() => null);
        } else if (strict) {
          throw new NomeError('not_found', `No key with id ${id.slice(0, 80)}`);
        }
        if (target) targets.push(target);
      }
      if (targets.length > 0) core.refreshScrubber();
      await markUnopenable(failed);
      return { targets, unopenable, withheld };
    },
    /** After another host changed the store: opens only the records not opened here yet (added, replaced,
     *  headers changed), so the scrubber learns them without every key being opened again each time another
     *  host writes a lastUsedAt, a label or a check result. */
    async openChanged(): Promise<void> {
      const document = await core.readDocument();
      const ids = document.keys.filter((record) => !openedRevisions.has(revisionOf(record))).map((record) => record.id);
      if (ids.length > 0) await this.collect(ids, { strict: false });
    },
    /** Opens everything once so the scrubber knows every stored secret and header value. */
    async openAll(): Promise<void> {
      await this.collect(undefined, { strict: false });
      core.refreshScrubber(); // environment keys too, even when nothing is stored
    },
  };
}
