// Key vault channels: the key card (the only view of a key that leaves core) and every keys:* call.
// Secrets travel in (add, replace, header values) and never come back out (DESIGN.md "Contract rules").
import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel';
import { providerIdSchema } from '../providers';
import { keyStateSchema } from '../vocabulary';
import { checkResultSchema, providerFigureSchema } from './checks';

/** The longest secret the vault accepts; a Vertex service-account JSON is ~2.4 KB, so 16 KB leaves room. */
export const maxSecretLength = 16_384;
export const maxLabelLength = 120;
export const maxHeaderCount = 16;

/** What kind of credential a key is, as detected from its shape. */
export const keyKindSchema = z.enum(['api', 'admin', 'service-account', 'unknown']);
export type KeyKind = z.infer<typeof keyKindSchema>;

/** The last check of a key, without any secret: what a card shows beside its state. */
export const lastCheckSchema = checkResultSchema.omit({ id: true, provider: true }).extend({ figures: providerFigureSchema.nullable() });
export type LastCheck = z.infer<typeof lastCheckSchema>;

export const keyCardSchema = z.object({
  /** Stored keys: a random id. Environment keys: `env:<VAR>`. */
  id: z.string(),
  provider: providerIdSchema,
  label: z.string(),
  /** The key's prefix plus its last 4 characters, e.g. `sk-ant-api03-…Q9xA`. */
  masked: z.string(),
  kind: keyKindSchema,
  state: keyStateSchema,
  /** How the secret is sealed here. Environment keys: `{ cipher: 'environment', weaker: false }`. */
  storage: z.object({ cipher: z.string(), weaker: z.boolean() }),
  /** `stored` for vault keys, or the environment variable's name. */
  source: z.string(),
  /** Environment keys cannot be edited or removed here; importing one is an explicit action. */
  readOnly: z.boolean(),
  /** Plain words on where the key comes from and which one wins; null for ordinary stored keys. */
  precedence: z.string().nullable(),
  /** 0 is tried first; per provider. Environment keys come after every stored key of their provider. */
  priority: z.number().int(),
  /** Replaces the provider's API root; null means the provider's default. */
  baseUrl: z.string().nullable(),
  /** Custom header NAMES only; values are sealed like keys and never leave core. */
  headerNames: z.array(z.string()),
  /** Non-secret provider settings, e.g. Vertex `location`. */
  options: z.record(z.string(), z.string()),
  /** True when this host cannot open the sealed secret (keyring reset, another host's cipher). */
  needsReentry: z.boolean(),
  /** Warnings about how the key is used, e.g. a first-party key sent to a host that is not the provider's. */
  warnings: z.array(z.string()),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastCheck: lastCheckSchema.nullable(),
});
export type KeyCard = z.infer<typeof keyCardSchema>;

const secretSchema = z.string().min(1).max(maxSecretLength, `A key is at most ${maxSecretLength} characters`);
const idSchema = z.string().min(1).max(200);
const labelSchema = z.string().max(maxLabelLength);
const baseUrlSchema = z.string().max(2048);
const optionsSchema = z.record(z.string().max(64), z.string().max(512));

/** A custom header. On update, `value: null` keeps the header's stored value. */
export const headerInputSchema = z.object({
  name: z.string().min(1).max(128),
  value: z.string().max(8192),
});
const headerUpdateSchema = z.object({
  name: z.string().min(1).max(128),
  value: z.string().max(8192).nullable(),
});

/** What a keyless endpoint's card shows where a key's masked form would be. */
export const noKeyMasked = 'no key';

/**
 * Adding a key. Keyless endpoints (a local Ollama, LM Studio, llama.cpp or vLLM server) are said so
 * explicitly: `provider: 'openai-compatible'` with `noKey: true` and no `secret` (or an empty one). An empty
 * or missing secret WITHOUT `noKey` is refused as before ("Paste a key first."), so a key the user forgot to
 * paste is never silently saved as keyless; `noKey` with a non-empty secret is refused as ambiguous; `noKey`
 * for any other provider is refused with the same words as a missing key. A keyless record stores no secret
 * blob, its card's `masked` is {@link noKeyMasked}, its checks send no Authorization header, custom headers
 * still work (sealed), and `keys:replace` later gives it a key (a keyed record never loses its key).
 * Duplicates: two keyless records with the same base URL are the same endpoint (`conflict`).
 */
export const addKeyInputSchema = z.object({
  provider: providerIdSchema,
  secret: z.string().max(maxSecretLength, `A key is at most ${maxSecretLength} characters`).optional(),
  /** The endpoint needs no key (openai-compatible only); see above. */
  noKey: z.boolean().optional(),
  label: labelSchema.optional(),
  baseUrl: baseUrlSchema.nullable().optional(),
  headers: z.array(headerInputSchema).max(maxHeaderCount).optional(),
  options: optionsSchema.optional(),
  /** Check the candidate before saving (default true). */
  check: z.boolean().default(true),
  /** Save even when the check says `invalid_key`. */
  force: z.boolean().default(false),
  /** Send a first-party-shaped key to a host that is not that provider's official API host. */
  allowForeignHost: z.boolean().default(false),
});
export type AddKeyInput = z.input<typeof addKeyInputSchema>;

export const keySaveResultSchema = z.object({
  card: keyCardSchema,
  /** The candidate's check, or null when it was skipped. */
  check: checkResultSchema.nullable(),
  warnings: z.array(z.string()),
});
export type KeySaveResult = z.infer<typeof keySaveResultSchema>;

export const replaceKeyInputSchema = z.object({
  id: idSchema,
  secret: secretSchema,
  check: z.boolean().default(true),
  force: z.boolean().default(false),
  allowForeignHost: z.boolean().default(false),
});

export const updateKeyInputSchema = z.object({
  id: idSchema,
  label: labelSchema.optional(),
  baseUrl: baseUrlSchema.nullable().optional(),
  /** The complete new header list; omitted leaves headers unchanged. */
  headers: z.array(headerUpdateSchema).max(maxHeaderCount).optional(),
  options: optionsSchema.optional(),
  /** Move the key to this place in its provider's order. */
  priority: z.number().int().min(0).max(100_000).optional(),
  allowForeignHost: z.boolean().default(false),
});
export type UpdateKeyInput = z.input<typeof updateKeyInputSchema>;

export const storageConsentSchema = z.object({
  /** The user agreed to weaker storage (Linux `basic_text`). */
  weakerStorage: z.boolean(),
  at: z.string().nullable(),
});
export type StorageConsent = z.infer<typeof storageConsentSchema>;

export const keysChannels = {
  'keys:list': defineChannel({
    summary: 'Every key card: stored keys in priority order per provider, then read-only environment keys',
    input: z.void(),
    output: z.array(keyCardSchema),
  }),
  'keys:add': defineChannel({
    summary: 'Check a candidate key, then seal and save it',
    input: addKeyInputSchema,
    output: keySaveResultSchema,
  }),
  'keys:replace': defineChannel({
    summary: 'Rotate a key: the new one is checked and sealed before the old one goes',
    input: replaceKeyInputSchema,
    output: keySaveResultSchema,
  }),
  'keys:update': defineChannel({
    summary: 'Change a key’s label, base URL, headers, options or priority',
    input: updateKeyInputSchema,
    output: keyCardSchema,
  }),
  'keys:remove': defineChannel({
    summary: 'Remove a stored key',
    input: z.object({ id: idSchema }),
    output: z.object({ removed: z.string() }),
  }),
  'keys:reorder': defineChannel({
    summary: 'Set the priority order of one provider’s stored keys (every id, once)',
    input: z.object({ provider: providerIdSchema, ids: z.array(idSchema).max(1000) }),
    output: z.array(keyCardSchema),
  }),
  'keys:import-env': defineChannel({
    summary: 'Copy an environment key into the vault (an explicit action)',
    input: z.object({ name: z.string().min(1).max(64), check: z.boolean().default(true), force: z.boolean().default(false) }),
    output: keySaveResultSchema,
  }),
  'keys:check': defineChannel({
    summary: 'Check keys now (all when no ids are given) and record the results',
    input: z.object({ ids: z.array(idSchema).max(1000).optional() }).optional(),
    output: z.array(checkResultSchema),
  }),
  'keys:models': defineChannel({
    summary: 'The model list of a custom OpenAI-compatible endpoint (GET {base URL}/models)',
    input: z.object({ id: idSchema }),
    output: z.object({ id: z.string(), models: z.array(z.string()), fetchedAt: z.string() }),
  }),
  'storage:consent': defineChannel({
    summary: 'Give or withdraw consent to weaker storage (Linux basic_text); read it back',
    input: z.object({ weakerStorage: z.boolean() }).optional(),
    output: storageConsentSchema,
  }),
};

export const keysEvents = {
  'keys:changed': defineEvent({ summary: 'The key cards changed (add, remove, check, reorder)', payload: z.array(keyCardSchema) }),
};
