// The result of one key check, and the provider-reported figures some checks bring back.
// Vocabulary: DESIGN.md "Key states". The checks issue adds channels here; the schema is shared now
// because the vault, credits and tray all read it.
import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel';
import { providerIdSchema } from '../providers';
import { keyStateSchema } from '../vocabulary';

/** Money or usage as the provider reported it, with its age: shown beside NOME's estimate, never merged. */
export const providerFigureSchema = z.object({
  source: z.enum(['deepseek-balance', 'openrouter-key']),
  /** ISO time the provider answered. */
  reportedAt: z.string(),
  currency: z.string().nullable(),
  /** Remaining money or credit the provider says the key can spend; null when uncapped or unknown. */
  remaining: z.number().nullable(),
  /** Spend cap on the key, when the provider has one. */
  limit: z.number().nullable(),
  /** Usage the provider counted so far (OpenRouter). */
  usage: z.number().nullable(),
  isAvailable: z.boolean().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type ProviderFigure = z.infer<typeof providerFigureSchema>;

export const checkResultSchema = z.object({
  /** The key's id, or null for a candidate checked before saving. */
  id: z.string().nullable(),
  provider: providerIdSchema,
  state: keyStateSchema,
  httpStatus: z.number().int().nullable(),
  providerCode: z.string().nullable(),
  retryAfterS: z.number().nullable(),
  latencyMs: z.number().nullable(),
  checkedAt: z.string(),
  /** One line, scrubbed: never holds the key. */
  message: z.string(),
  figures: providerFigureSchema.nullable().default(null),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

/** When checks run by themselves; the vault owns keys:check (on demand). */
export const checkScheduleSchema = z.object({
  intervalMinutes: z.number(),
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastTrigger: z.enum(['demand', 'interval', 'resume', 'network']).nullable(),
});
export type CheckScheduleInfo = z.infer<typeof checkScheduleSchema>;

export const checkStateChangeSchema = z.object({
  id: z.string(),
  provider: providerIdSchema,
  /** null the first time this host checks the key. */
  previous: keyStateSchema.nullable(),
  result: checkResultSchema,
});
export type CheckStateChange = z.infer<typeof checkStateChangeSchema>;

/** An OpenAI-compatible preset: where its API is and whether a key is needed (local servers: no). */
export const compatiblePresetSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  apiRoot: z.string(),
  keyOptional: z.boolean(),
});
export type CompatiblePresetInfo = z.infer<typeof compatiblePresetSchema>;

export const checksChannels = {
  'checks:presets': defineChannel({
    summary: 'OpenAI-compatible presets (OpenRouter, Groq, Together, Mistral, Ollama, LM Studio, llama.cpp, vLLM); pass the id as options.preset',
    input: z.void(),
    output: z.array(compatiblePresetSchema),
  }),
  'checks:schedule': defineChannel({
    summary: 'How often keys are checked by themselves; give intervalMinutes (1 to 1440) to change it',
    input: z.object({ intervalMinutes: z.number().int().min(1).max(1440).optional() }).optional(),
    output: checkScheduleSchema,
  }),
};

export const checksEvents = {
  'checks:state-changed': defineEvent({ summary: "A key's checked state changed", payload: checkStateChangeSchema }),
};
