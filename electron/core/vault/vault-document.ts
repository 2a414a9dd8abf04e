// The on-disk shape of the vault: plaintext metadata, each secret a blob tagged with the cipher that sealed it.
import { z } from 'zod';
import { keyKindSchema, lastCheckSchema } from '../../../shared/channels/keys';
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
  secret: sealedSchema,
  /** Keyed fingerprint (HMAC) of the secret, under the fingerprint key of the same cipher. */
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

export function emptyVaultDocument(): VaultDocument {
  return { format: vaultFormat, fingerprintKeys: {}, settings: { weakerStorageConsent: false, consentAt: null }, keys: [] };
}

/** Parses what the store read. An empty object is a fresh store (conf and electron-store create `{}`). */
export function parseVaultDocument(raw: unknown): VaultDocument {
  if (raw === null || raw === undefined) return emptyVaultDocument();
  if (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0) return emptyVaultDocument();
  const parsed = vaultDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new CorruptDocumentError(`the key store does not have the vault's shape (${parsed.error.issues[0]?.path.join('.') ?? 'root'})`);
  return parsed.data;
}
