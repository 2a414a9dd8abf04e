// Receipt channels: the agent runtime records turns; the surface lists and exports them.
// Shapes: DESIGN.md "Credits, lanes and receipts" and the `--json` receipt shape (more fields welcome).
import { z } from 'zod';
import { defineChannel } from '../channel';
import { costLaneSchema } from '../vocabulary';

const count = z.number().int().nonnegative().max(1e12);

/** Token usage of one turn. `input` is the uncached input only; cache reads and writes are counted apart. */
export const tokenUsageSchema = z.object({
  input: count.default(0),
  output: count.default(0),
  cacheRead: count.default(0),
  cacheWrite: count.default(0),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

const idText = z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/, 'letters, digits and . _ : - only (1-80)');

/** What the agent runtime says about a turn; NOME prices it and fills in the rest. */
export const receiptInputSchema = z
  .object({
    id: idText.optional(),
    /** When the turn finished (ISO, with offset or Z); default now. More than an hour after the recording
     *  host's clock is rejected (receipts:record checks it; the schema has no clock). */
    at: z.iso.datetime({ offset: true }).optional(),
    lane: costLaneSchema,
    /** Why this lane was chosen, in a few words ("no BYOK key for xai", "user pinned local"). */
    laneReason: z.string().min(1).max(200),
    /** A catalog provider id, or another name for openai-compatible endpoints (openrouter, ollama, ...). */
    provider: z.string().min(1).max(64),
    model: z.string().min(1).max(160),
    tokens: tokenUsageSchema,
    /** For `provider-subscription`: which seat ran the turn (e.g. "claude-code:max"). */
    seat: z.string().min(1).max(120).optional(),
    /** The hold this turn settles, if one was taken before it ran. */
    holdId: idText.optional(),
    turnId: z.string().min(1).max(120).optional(),
    /** A list price the runtime knows better (a custom endpoint); otherwise NOME prices the turn. */
    listPriceUsd: z.number().nonnegative().max(1e6).optional(),
    /** For `byok`: the id of the vault key that ran the turn, as `keys:list` gives it (`key_…`, or `env:NAME`
     *  for an environment key). An opaque id, never the key: one the scrubber would change is rejected. */
    keyId: idText.optional(),
  })
  .refine((input) => input.lane !== 'provider-subscription' || input.seat !== undefined, {
    message: 'a provider-subscription receipt must name its seat',
    path: ['seat'],
  })
  .refine((input) => input.keyId === undefined || input.lane === 'byok', {
    message: 'only a byok receipt names a key (the user\'s own key that ran the turn); drop keyId or use lane byok',
    path: ['keyId'],
  });
export type ReceiptInput = z.input<typeof receiptInputSchema>;
export type ParsedReceiptInput = z.output<typeof receiptInputSchema>;

export const receiptSchema = z.object({
  id: z.string(),
  at: z.string(),
  lane: costLaneSchema,
  laneReason: z.string(),
  provider: z.string(),
  model: z.string(),
  tokens: tokenUsageSchema,
  /** List price in USD x 1,000,000, so turns compare whichever model ran; null when unpriced, 0 for local. */
  normalizedTokens: z.number().nullable(),
  /** Credits debited (only the `credits` lane; 1 credit = $0.001); null when that lane's turn is unpriced. */
  credits: z.number().nullable(),
  /** What the user pays the provider directly: the BYOK estimate; 0 for other lanes; null when unpriced. */
  providerCostUsd: z.number().nullable(),
  /** The list price NOME used, in USD; null when unpriced. */
  listPriceUsd: z.number().nullable(),
  /** False when no list price is known for this provider and model: never counted as free. */
  priced: z.boolean(),
  /** Which price entry matched (`anthropic/claude-sonnet-4-0`), or why none did. */
  pricedAs: z.string().nullable(),
  seat: z.string().nullable(),
  holdId: z.string().nullable(),
  turnId: z.string().nullable(),
  /** The vault key a `byok` turn ran on (its id, never the key); null when the runtime did not say, and on
   *  receipts recorded before keys were named (read back as null). */
  keyId: z.string().nullable(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const receiptFilterSchema = z.object({
  lane: costLaneSchema.optional(),
  provider: z.string().min(1).max(64).optional(),
  model: z.string().min(1).max(160).optional(),
  /** Only the `byok` receipts that name this vault key (its id from `keys:list`, never the key). */
  keyId: idText.optional(),
  /** Inclusive start, ISO. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive end, ISO. */
  to: z.iso.datetime({ offset: true }).optional(),
});
export type ReceiptFilter = z.infer<typeof receiptFilterSchema>;

export const rejectedReceiptSchema = z.object({
  /** Position in the batch (0-based). */
  index: z.number().int(),
  code: z.string(),
  message: z.string(),
});

export const receiptChannels = {
  'receipts:record': defineChannel({
    summary: 'Record finished turns (priced, scrubbed, appended); bad entries are rejected one by one',
    input: z.object({
      receipts: z.array(z.unknown()).min(1).max(10_000),
      /** Return the priced receipts (default); bulk recorders turn it off and read only the counts. */
      echo: z.boolean().default(true),
    }),
    output: z.object({
      /** Receipts written by this call (duplicates not included). */
      recordedCount: z.number().int(),
      /** The receipts as written (empty when `echo` is false). */
      recorded: z.array(receiptSchema),
      /** Receipts not written again because a receipt with the same runtime-given `id` already was (a
       *  retried call): among the ledger's last 50,000 receipts, or this process's last 50,000 given ids. */
      duplicates: z.number().int(),
      rejected: z.array(rejectedReceiptSchema),
      /** Receipts recorded, but whose `keyId` names no key this host knows (removed since the turn ran, or
       *  another machine's vault): kept, because the turn ran and cost money, and flagged here, because no
       *  card's lastUsedAt could be set for it. */
      flagged: z.array(rejectedReceiptSchema),
      /** Key ids whose lastUsedAt could not be set just now (the key store does not read or write). The
       *  receipts are recorded all the same; null when there was nothing to set or it was set. */
      unmarkedKeys: z.object({ keyIds: z.array(z.string()), code: z.string(), message: z.string() }).nullable(),
      /** Holds these receipts name that the account could not end just now (the account file does not read,
       *  or the account service cannot be reached). The receipts are recorded all the same, so a retry would
       *  count them twice; the holds lapse at their expiry. Null when every hold was settled. */
      unsettledHolds: z.object({ holdIds: z.array(z.string()), code: z.string(), message: z.string() }).nullable(),
    }),
  }),
  'receipts:list': defineChannel({
    // Order: months newest first by each receipt's `at`; within a month, the last recorded first. Receipts
    // recorded late (a batch from yesterday) therefore come before newer turns recorded earlier that month;
    // sorting a month by `at` would mean reading the whole segment for every page.
    summary: 'Receipts, newest first (by month, then by when recorded), paged; filter by lane, provider, model, key and period',
    input: receiptFilterSchema
      .extend({
        limit: z.number().int().min(1).max(1000).default(50),
        /** From a previous page's `nextCursor`. */
        cursor: z.string().max(64).optional(),
      })
      .default({ limit: 50 }),
    output: z.object({ receipts: z.array(receiptSchema), nextCursor: z.string().nullable() }),
  }),
  'receipts:export': defineChannel({
    summary: 'Receipts as CSV, oldest first, with the same filters as the list; paged for long histories',
    input: receiptFilterSchema
      .extend({
        format: z.literal('csv').default('csv'),
        /** Rows per page; the header comes with the first page only. */
        limit: z.number().int().min(1).max(100_000).default(100_000),
        cursor: z.string().max(64).optional(),
      })
      .default({ format: 'csv', limit: 100_000 }),
    output: z.object({ format: z.literal('csv'), rows: z.number().int(), text: z.string(), nextCursor: z.string().nullable() }),
  }),
};
