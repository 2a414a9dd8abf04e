// The on-disk shape of the vault: plaintext metadata, each secret a blob tagged with the cipher that sealed it.
import { z } from 'zod';
import { providerFigureSchema } from '../../../shared/channels/checks';
import { keyKindSchema, lastCheckSchema } from '../../../shared/channels/keys';
import { NomeError } from '../../../shared/errors';
import { providerIdSchema } from '../../../shared/providers';
import { keyStateSchema } from '../../../shared/vocabulary';
import { CorruptDocumentError } from './key-store';

export const vaultFormat = 'nome-vault/1';

export const sealedSchema = z.object({
  /** The sealing cipher's id (`aes-256-gcm`, `safeStorage`); another host's blobs are kept, not opened. */
  cipher: z.string(),
  blob: z.string(),
});
export type Sealed = z.infer<typeof sealedSchema>;

export const keyRecordSchema = z.object({
  id: z.string().min(1),
  provider: providerIdSchema,
  label: z.string(),
  kind: keyKindSchema,
  priority: z.number().int().min(0),
  /** null for a keyless endpoint (a local server): no blob is stored, and its checks send no Authorization. */
  secret: sealedSchema.nullable(),
  /** Keyed fingerprint (HMAC) of the secret, under the fingerprint key of the same cipher; null when keyless. */
  fingerprint: z.object({ cipher: z.string(), value: z.string() }).nullable(),
  masked: z.string(),
  /** The official host the key's shape belongs to; lets the vault warn about foreign hosts without opening it. */
  homeHost: z.string().nullable(),
  shapeLabel: z.string(),
  baseUrl: z.string().nullable(),
  headers: z.array(z.object({ name: z.string(), value: sealedSchema })),
  options: z.record(z.string(), z.string()),
  storage: z.object({ cipher: z.string(), weaker: z.boolean() }),
  /** Set when this cipher failed to open the secret (keyring reset): kept and shown as needing re-entry. */
  unopenable: z.boolean(),
  state: keyStateSchema,
  lastCheck: lastCheckSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastCheckedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

export const vaultDocumentSchema = z.object({
  format: z.literal(vaultFormat),
  /** One random fingerprint key per cipher, sealed by it: fingerprints reveal nothing without it. */
  fingerprintKeys: z.record(z.string(), sealedSchema),
  settings: z.object({
    weakerStorageConsent: z.boolean(),
    consentAt: z.string().nullable(),
  }),
  keys: z.array(keyRecordSchema),
});
export type VaultDocument = z.infer<typeof vaultDocumentSchema>;

/** The schemas the store is READ with: the same fields, but every object keeps the fields this version does
 *  not know (written by a newer version), so the edits' spreads carry them into the next save unchanged.
 *  The declarations above stay strict for the types; what leaves core is built field by field (key-cards.ts). */
const storedSealedSchema = sealedSchema.loose();
const storedKeyRecordSchema = keyRecordSchema
  .extend({
    secret: storedSealedSchema.nullable(),
    fingerprint: keyRecordSchema.shape.fingerprint.unwrap().loose().nullable(),
    headers: z.array(keyRecordSchema.shape.headers.element.extend({ value: storedSealedSchema }).loose()),
    storage: keyRecordSchema.shape.storage.loose(),
    lastCheck: lastCheckSchema.extend({ figures: providerFigureSchema.loose().nullable() }).loose().nullable(),
  })
  .loose();

export function emptyVaultDocument(): VaultDocument {
  return { format: vaultFormat, fingerprintKeys: {}, settings: { weakerStorageConsent: false, consentAt: null }, keys: [] };
}

/** A record this version cannot read (a provider from a newer version, a hand-edited field): kept exactly as
 *  found, written back unchanged on every save, and reported; never dropped, never a reason to set the whole
 *  store aside. */
export interface HeldRecord {
  /** Its index in the file's `keys` array. */
  readonly position: number;
  readonly raw: unknown;
  /** The record's own id when it has a usable one, for the notice. */
  readonly id: string | null;
  /** Which fields this version does not accept (names only: a field's value could be anything). */
  readonly fields: readonly string[];
}

/** What the vault works with: the records it can read, and the ones it keeps without reading. */
export interface VaultView {
  readonly document: VaultDocument;
  readonly held: readonly HeldRecord[];
}

/** The document as the store holds it: the vault's own fields, and every record in file order, readable or not. */
export type StoredVault = Omit<VaultDocument, 'keys'> & { readonly keys: readonly unknown[] };

const storedVaultSchema = vaultDocumentSchema
  .extend({
    fingerprintKeys: z.record(z.string(), storedSealedSchema),
    settings: vaultDocumentSchema.shape.settings.loose(),
    keys: z.array(z.unknown()),
  })
  .loose();
/** The view of each stored document this process parsed or wrote (documents are never mutated). */
const views = new WeakMap<StoredVault, VaultView>();

function split(stored: StoredVault): VaultView {
  const keys: KeyRecord[] = [];
  const held: HeldRecord[] = [];
  stored.keys.forEach((entry, position) => {
    const record = storedKeyRecordSchema.safeParse(entry);
    if (record.success) {
      keys.push(record.data);
      return;
    }
    const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id.slice(0, 80) : null;
    const fields = [...new Set(record.error.issues.map((issue) => String(issue.path[0] ?? 'record')))];
    held.push({ position, raw: entry, id: id || null, fields });
  });
  return { document: { ...stored, keys }, held };
}

/** Parses what the store read: the vault's shape with each record read on its own, so one record this
 *  version cannot read is held as it is instead of setting the whole store aside. An empty object is a fresh
 *  store (conf and electron-store create `{}`). A document without the vault's shape is CorruptDocumentError. */
export function parseStoredVault(raw: unknown): StoredVault {
  if (raw === null || raw === undefined) return emptyStoredVault();
  if (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0) return emptyStoredVault();
  // Another version's format is not damage: setting it aside would hide every key from the version that wrote
  // it. The file is left untouched and every read and save says why, until the app that can read it is back.
  const format = typeof raw === 'object' && !Array.isArray(raw) ? (raw as { format?: unknown }).format : undefined;
  if (typeof format === 'string' && format !== vaultFormat && /^nome-vault\/\d{1,6}$/.test(format)) {
    throw new NomeError('storage_failed', `The key store was written by another version of NOME Settings (${format}; this one reads ${vaultFormat}), so it is left untouched. Use the version that wrote it.`);
  }
  const parsed = storedVaultSchema.safeParse(raw);
  if (!parsed.success) throw new CorruptDocumentError(`the key store does not have the vault's shape (${parsed.error.issues[0]?.path.join('.') ?? 'root'})`);
  views.set(parsed.data, split(parsed.data));
  return parsed.data;
}

export function viewOfStored(stored: StoredVault): VaultView {
  let view = views.get(stored);
  if (!view) {
    view = split(stored);
    views.set(stored, view);
  }
  return view;
}

/** The stored form of a changed document: its records, with the held ones put back unchanged where they were. */
export function storeVault({ document, held }: VaultView): StoredVault {
  const keys: unknown[] = [...document.keys];
  for (const record of [...held].sort((a, b) => a.position - b.position)) keys.splice(Math.min(record.position, keys.length), 0, record.raw);
  const stored: StoredVault = { ...document, keys };
  views.set(stored, { document, held: held.map((record) => ({ ...record, position: keys.indexOf(record.raw) })) });
  return stored;
}

/** A fresh store: no records, none held. */
export function emptyStoredVault(): StoredVault {
  return storeVault({ document: emptyVaultDocument(), held: [] });
}

/** The records this version can read (the held ones are left out; see parseStoredVault). */
export function parseVaultDocument(raw: unknown): VaultDocument {
  return viewOfStored(parseStoredVault(raw)).document;
}
