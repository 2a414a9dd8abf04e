// The vault's writes: add, replace (rotation), update, remove, reorder, import from the environment.
// Everything is validated, checked and sealed first; the store then changes in one atomic write, so a
// failure at any step leaves the vault exactly as it was.
import type { CheckResult } from '../../../shared/channels/checks';
import { noKeyMasked, type KeyCard, type KeySaveResult } from '../../../shared/channels/keys';
import type { ChannelName, ChannelParsedInput } from '../../../shared/contract';
import { foreignHostWarningFor } from '../../../shared/endpoint-rules';
import { NomeError, isNomeError } from '../../../shared/errors';
import { maskKey } from '../../../shared/key-detection';
import { providers, type ProviderId } from '../../../shared/providers';
import { envKeyPrefix, readEnvKeys } from './env-keys';
import { guardForeignHost, prepareAddSecret, prepareBaseUrl, prepareHeaders, prepareLabel, prepareOptions, prepareSecret } from './key-candidate';
import { keyCardOf, lastCheckOf, sendsSecrets } from './key-cards';
import type { VaultCore } from './key-vault';
import { randomKeyId } from './fingerprint';
import type { KeyRecord, VaultDocument } from './vault-document';

type Input<C extends ChannelName> = ChannelParsedInput<C>;

const notFound = (id: string) =>
  new NomeError('not_found', id.startsWith(envKeyPrefix) ? 'Environment keys are read-only here; import one to edit it.' : `No stored key with id ${id.slice(0, 80)}`);

function findRecord(document: VaultDocument, id: string): KeyRecord {
  const record = document.keys.find((candidate) => candidate.id === id);
  if (!record) throw notFound(id);
  return record;
}

function refuseDuplicate(document: VaultDocument, fingerprint: NonNullable<KeyRecord['fingerprint']>, exceptId: string | null): void {
  const twin = document.keys.find((r) => r.id !== exceptId && r.fingerprint?.cipher === fingerprint.cipher && r.fingerprint.value === fingerprint.value);
  if (twin) throw new NomeError('conflict', `This key is already saved as "${twin.label}".`, { id: twin.id });
}

/** A keyless endpoint has no secret to fingerprint: the same (normalized) base URL saved keyless twice is the twin. */
function refuseKeylessDuplicate(document: VaultDocument, baseUrl: string | null, exceptId: string | null): void {
  const twin = document.keys.find((r) => r.id !== exceptId && r.secret === null && r.baseUrl !== null && r.baseUrl === baseUrl);
  if (twin) throw new NomeError('conflict', `This endpoint is already saved without a key as "${twin.label}".`, { id: twin.id });
}

/** A check that says `invalid_key` stops the save unless the caller insists (issue 3, Must have 1). */
function refuseInvalid(check: CheckResult | null, force: boolean): void {
  if (check?.state === 'invalid_key' && !force) {
    throw new NomeError('check_failed', `The provider rejected this key: ${check.message}`, { check });
  }
}

/** Renumbers one provider's records 0..n-1 in the given order. */
function renumber(keys: readonly KeyRecord[], provider: ProviderId, order: readonly KeyRecord[]): KeyRecord[] {
  const priority = new Map(order.map((record, index) => [record.id, index]));
  return keys.map((record) => (record.provider === provider ? { ...record, priority: priority.get(record.id) ?? record.priority } : record));
}

/** What a check is run against besides the secret. */
const endpointOf = (record: KeyRecord) => JSON.stringify([record.baseUrl, record.headers, record.options]);

const byPriority = (keys: readonly KeyRecord[], provider: ProviderId) => keys.filter((r) => r.provider === provider).sort((a, b) => a.priority - b.priority);

export function createVaultEdits(core: VaultCore) {
  const cipherId = () => core.context.ports.cipher.id;

  const saved = (record: KeyRecord, check: CheckResult | null, warnings: string[]): KeySaveResult => {
    core.emitChanged();
    return { card: keyCardOf(record, cipherId()), check: check && { ...check, id: record.id }, warnings };
  };

  async function add(input: Input<'keys:add'>): Promise<KeySaveResult> {
    // null: a keyless endpoint (noKey), which stores no secret and is checked without Authorization.
    const candidate = prepareAddSecret(input.secret, input.provider, input.noKey === true);
    const { baseUrl, warning: httpWarning } = prepareBaseUrl(input.baseUrl, input.provider);
    const headers = prepareHeaders(input.headers ?? []);
    const options = prepareOptions(input.options);
    const foreign = candidate && guardForeignHost(candidate, input.provider, baseUrl, input.allowForeignHost);
    const label = prepareLabel(input.label, candidate?.detection.provider === input.provider ? candidate.detection.label : providers[input.provider].displayName);
    await core.requireStorage();
    const fingerprint = candidate && (await core.fingerprintOf(candidate.secret));
    const refuseTwin = (document: VaultDocument) => (fingerprint ? refuseDuplicate(document, fingerprint, null) : refuseKeylessDuplicate(document, baseUrl, null));
    refuseTwin(await core.readDocument());

    const headerMap = Object.fromEntries(headers.map((h) => [h.name, h.value]));
    const check = input.check
      ? await core.check({ keyId: null, provider: input.provider, secret: candidate?.secret ?? '', baseUrl, headers: headerMap, options })
      : null;
    refuseInvalid(check, input.force);

    const secret = candidate && (await core.seal(candidate.secret));
    const sealedHeaders = await Promise.all(headers.map(async (h) => ({ name: h.name, value: await core.seal(h.value) })));
    // Described after sealing: a cipher may have fallen back (keyring refused, file key opted in) while sealing.
    const storage = await core.requireStorage();
    const at = core.now();
    const record: KeyRecord = {
      id: randomKeyId(),
      provider: input.provider,
      label,
      kind: candidate?.detection.kind ?? 'unknown',
      priority: 0,
      secret,
      fingerprint,
      masked: candidate ? maskKey(candidate.secret, candidate.detection) : noKeyMasked,
      homeHost: candidate?.detection.homeHost ?? null,
      shapeLabel: candidate?.detection.label ?? noKeyMasked,
      baseUrl,
      headers: sealedHeaders,
      options,
      storage,
      unopenable: false,
      state: check?.state ?? 'unchecked',
      lastCheck: check && lastCheckOf(check),
      createdAt: at,
      updatedAt: at,
      lastCheckedAt: check?.checkedAt ?? null,
      lastUsedAt: null,
    };
    const written = await core.write((document) => {
      refuseTwin(document);
      const entry = { ...record, priority: document.keys.filter((r) => r.provider === record.provider).length };
      return { next: { ...document, keys: [...document.keys, entry] }, result: entry };
    });
    core.rememberSecrets(written.id, [...(candidate ? [candidate.secret] : []), ...headers.map((h) => h.value)]);
    return saved(written, check, [foreign, sendsSecrets(written) ? httpWarning : null].filter((w): w is string => !!w));
  }

  async function replace(input: Input<'keys:replace'>): Promise<KeySaveResult> {
    const current = findRecord(await core.readDocument(), input.id);
    const candidate = prepareSecret(input.secret, current.provider);
    const foreign = guardForeignHost(candidate, current.provider, current.baseUrl, input.allowForeignHost);
    await core.requireStorage();
    const fingerprint = await core.fingerprintOf(candidate.secret);
    refuseDuplicate(await core.readDocument(), fingerprint, current.id);

    // Headers sealed by this host go along with the check; ones it cannot open are kept as they are.
    const headerMap: Record<string, string> = {};
    for (const header of current.headers) {
      headerMap[header.name] = await core.context.ports.cipher.open(header.value.blob).catch(() => '');
      if (!headerMap[header.name]) delete headerMap[header.name];
    }
    const check = input.check
      ? await core.check({ keyId: current.id, provider: current.provider, secret: candidate.secret, baseUrl: current.baseUrl, headers: headerMap, options: current.options })
      : null;
    // A failed check never wipes anything: the old key is untouched until the new one is sealed and saved.
    refuseInvalid(check, input.force);
    const secret = await core.seal(candidate.secret);
    const storage = await core.requireStorage();
    const at = core.now();
    const written = await core.write((document) => {
      const record = findRecord(document, input.id);
      refuseDuplicate(document, fingerprint, record.id);
      // The endpoint changed while the candidate was checked (keys:update): the new key is saved, but that
      // check was against the old endpoint, so it is not this key's state.
      const checkHolds = endpointOf(record) === endpointOf(current);
      const next: KeyRecord = {
        ...record,
        kind: candidate.detection.kind,
        secret,
        fingerprint,
        masked: maskKey(candidate.secret, candidate.detection),
        homeHost: candidate.detection.homeHost,
        shapeLabel: candidate.detection.label,
        storage,
        unopenable: false,
        state: (checkHolds && check?.state) || 'unchecked',
        lastCheck: checkHolds && check ? lastCheckOf(check) : null,
        lastCheckedAt: (checkHolds && check?.checkedAt) || null,
        updatedAt: at,
      };
      return { next: { ...document, keys: document.keys.map((r) => (r.id === record.id ? next : r)) }, result: next };
    });
    if (check && written.lastCheck) core.recorded({ ...check, id: written.id });
    core.rememberSecrets(written.id, [candidate.secret, ...Object.values(headerMap)]);
    return saved(written, check, [foreign].filter((w): w is string => !!w));
  }

  async function update(input: Input<'keys:update'>): Promise<KeyCard> {
    const before = findRecord(await core.readDocument(), input.id);
    const base = input.baseUrl === undefined ? { baseUrl: before.baseUrl, warning: null } : prepareBaseUrl(input.baseUrl, before.provider);
    const headers = input.headers === undefined ? null : prepareHeaders(input.headers);
    const options = input.options === undefined ? null : prepareOptions(input.options);
    if (input.baseUrl !== undefined && base.baseUrl !== before.baseUrl && !input.allowForeignHost) {
      const warning = foreignHostWarningFor(before.homeHost, before.shapeLabel, before.provider, base.baseUrl);
      if (warning) throw new NomeError('bad_input', warning, { reason: 'foreign_host', warning });
    }
    if (headers?.some((h) => h.value !== null)) await core.requireStorage();
    const sealed = new Map<string, KeyRecord['headers'][number]['value']>();
    for (const header of headers ?? []) if (header.value !== null) sealed.set(header.name, await core.seal(header.value));
    const at = core.now();

    const written = await core.write((document) => {
      const record = findRecord(document, input.id);
      let nextHeaders = record.headers;
      if (headers) {
        nextHeaders = headers.map((header) => {
          // A header that stays keeps what a newer version stored beside it; only its name and value are ours.
          const kept = record.headers.find((h) => h.name.toLowerCase() === header.name.toLowerCase());
          const fresh = sealed.get(header.name);
          if (fresh) return { ...kept, name: header.name, value: fresh };
          if (!kept) throw new NomeError('bad_input', `The ${header.name} header is new, so it needs a value.`);
          return { ...kept, name: header.name, value: kept.value };
        });
      }
      const next: KeyRecord = {
        ...record,
        label: input.label === undefined ? record.label : prepareLabel(input.label, record.label),
        baseUrl: base.baseUrl,
        headers: nextHeaders,
        options: options ?? record.options,
        updatedAt: at,
      };
      if (next.secret === null) refuseKeylessDuplicate(document, next.baseUrl, next.id);
      let keys = document.keys.map((r) => (r.id === record.id ? next : r));
      if (input.priority !== undefined) {
        const order = byPriority(keys, record.provider).filter((r) => r.id !== record.id);
        order.splice(Math.min(input.priority, order.length), 0, next);
        keys = renumber(keys, record.provider, order);
      }
      const result = keys.find((r) => r.id === record.id)!;
      return { next: { ...document, keys }, result };
    });
    if (headers?.some((h) => h.value !== null)) {
      core.rememberSecrets(written.id, [...headers.flatMap((h) => (h.value === null ? [] : [h.value]))]);
    }
    core.emitChanged();
    return keyCardOf(written, cipherId());
  }

  async function remove(input: Input<'keys:remove'>): Promise<{ removed: string }> {
    await core.write((document) => {
      const record = findRecord(document, input.id);
      const keys = document.keys.filter((r) => r.id !== record.id);
      return { next: { ...document, keys: renumber(keys, record.provider, byPriority(keys, record.provider)) }, result: undefined };
    });
    core.emitChanged();
    return { removed: input.id };
  }

  async function reorder(input: Input<'keys:reorder'>): Promise<KeyCard[]> {
    const records = await core.write((document) => {
      const current = byPriority(document.keys, input.provider);
      const wanted = new Set(input.ids);
      if (wanted.size !== input.ids.length || wanted.size !== current.length || current.some((r) => !wanted.has(r.id))) {
        throw new NomeError('conflict', 'The order does not list each of this provider’s stored keys exactly once; reload and try again.');
      }
      const order = input.ids.map((id) => current.find((r) => r.id === id)!);
      const keys = renumber(document.keys, input.provider, order);
      return { next: { ...document, keys }, result: byPriority(keys, input.provider) };
    });
    core.emitChanged();
    return records.map((record) => keyCardOf(record, cipherId()));
  }

  async function importEnv(input: Input<'keys:import-env'>): Promise<KeySaveResult> {
    const key = readEnvKeys(core.context.ports.env).find((candidate) => candidate.variable === input.name);
    if (!key) throw new NomeError('not_found', `${input.name.slice(0, 64)} is not set, or is not a provider key variable.`);
    if (key.unusable) throw new NomeError('bad_input', `${key.baseUrlNote} Fix it, or add the key by hand with the base URL it needs.`);
    let secret = key.value;
    if (key.isFilePath) {
      if (!core.options.readCredentialFile) throw new NomeError('unavailable', 'This host cannot read credential files.');
      secret = await core.options.readCredentialFile(key.value).catch((error: unknown) => {
        if (isNomeError(error)) throw error;
        throw new NomeError('bad_input', `The file ${key.variable} points to could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      });
    }
    // The environment already sends this key to OPENAI_BASE_URL, so importing repeats the warning instead of blocking.
    return add({
      provider: key.provider,
      secret,
      label: `${key.variable} (imported)`,
      baseUrl: key.baseUrl,
      check: input.check,
      force: input.force,
      allowForeignHost: true,
    });
  }

  return { add, replace, update, remove, reorder, importEnv };
}
