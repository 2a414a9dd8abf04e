// Seat sign-ins, local model servers and lane availability: the lanes that cost no credits, as data.
// Facts: ../shared/facts/providers.md §9 (seat files) and §10 (local servers). No schema here holds a token.
import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel';
import { providerIdSchema } from '../providers';
import { costLaneSchema } from '../vocabulary';

export const seatSources = ['claude-code', 'codex', 'gemini-cli', 'github-copilot', 'qwen-code', 'grok-cli'] as const;
export const seatSourceSchema = z.enum(seatSources);
export type SeatSource = z.infer<typeof seatSourceSchema>;

export const seatSourceNames: Readonly<Record<SeatSource, string>> = {
  'claude-code': 'Claude Code',
  codex: 'Codex CLI',
  'gemini-cli': 'Gemini CLI',
  'github-copilot': 'GitHub Copilot',
  'qwen-code': 'Qwen Code',
  'grok-cli': 'Grok CLI',
};

/**
 * What reading a CLI's own files found. Only `signed_in` is a seat (and `signedIn: true`); `api_key_mode` means the
 * CLI bills an API key, which is the BYOK lane, so it is reported but not counted as signed in.
 * - `signed_out`: the CLI is there (its folder exists) but holds no sign-in.
 * - `not_found`: nothing of this CLI on the host.
 * - `elsewhere`: the CLI keeps its sign-in in the OS keychain, which we do not open (no prompt, no copy).
 * - `unreadable` / `malformed` / `too_large`: the file is there but could not be used; the detail says which.
 */
export const seatStatuses = ['signed_in', 'api_key_mode', 'signed_out', 'not_found', 'elsewhere', 'unreadable', 'malformed', 'too_large'] as const;
export const seatStatusSchema = z.enum(seatStatuses);
export type SeatStatus = z.infer<typeof seatStatusSchema>;

export const seatSchema = z.object({
  source: seatSourceSchema,
  displayName: z.string(),
  signedIn: z.boolean(),
  status: seatStatusSchema,
  /** The subscription plan where a file says it (Claude `subscriptionType`, Codex `chatgpt_plan_type`). */
  plan: z.string().nullable(),
  email: z.string().nullable(),
  /** The account name where the file names one but no email (a GitHub login). */
  account: z.string().nullable(),
  /** ISO time the stored access token expires; the CLI refreshes it itself, so past expiry is not signed out. */
  expiresAt: z.string().nullable(),
  /** How the CLI is signed in, in its own words (`chatgpt`, `oauth-personal`, `qwen-oauth`…). */
  authMode: z.string().nullable(),
  /** The provider whose models this seat serves. */
  provider: providerIdSchema.nullable(),
  /** The files that were read (paths only). */
  files: z.array(z.string()),
  /** One plain line for people: what was found, or what went wrong with which file. */
  detail: z.string(),
  checkedAt: z.string(),
});
export type Seat = z.infer<typeof seatSchema>;

export const localServerKinds = ['ollama', 'lm-studio', 'llama-cpp', 'vllm', 'custom'] as const;
export const localServerKindSchema = z.enum(localServerKinds);
export type LocalServerKind = z.infer<typeof localServerKindSchema>;

export const localServerStates = ['running', 'starting', 'needs_key', 'not_running'] as const;
export const localServerStateSchema = z.enum(localServerStates);
export type LocalServerState = z.infer<typeof localServerStateSchema>;

export const localModelSchema = z.object({
  id: z.string(),
  /** Bytes on disk where the server says (Ollama). */
  sizeBytes: z.number().nullable(),
});
export type LocalModel = z.infer<typeof localModelSchema>;

export const localServerSchema = z.object({
  server: localServerKindSchema,
  /** "Ollama", or the label of the user's own endpoint. */
  label: z.string(),
  url: z.string(),
  state: localServerStateSchema,
  version: z.string().nullable(),
  models: z.array(localModelSchema),
  latencyMs: z.number().nullable(),
  checkedAt: z.string(),
  /** One plain line: why this state. */
  message: z.string(),
});
export type LocalServer = z.infer<typeof localServerSchema>;

export const laneOptionSchema = z.object({
  lane: costLaneSchema,
  available: z.boolean(),
  /** What provides it: "Claude Code (Max)", "key Work (Anthropic)", "Ollama: qwen3:8b", "NOME Credits". */
  via: z.string().nullable(),
  /** Why it is or is not available, in plain words. */
  reason: z.string(),
});
export type LaneOption = z.infer<typeof laneOptionSchema>;

export const laneFamilySchema = z.object({
  family: z.string(),
  displayName: z.string(),
  provider: providerIdSchema.nullable(),
  /** One entry per lane, in the order a turn would try them. */
  lanes: z.array(laneOptionSchema),
  /** The lane a turn takes by default, or null when this host offers none. */
  defaultLane: costLaneSchema.nullable(),
  defaultVia: z.string().nullable(),
  /** e.g. "seat (Claude Code) by default because you are signed in and seat turns cost no credits". */
  reason: z.string(),
  /** The same reason without the lane in front, for a UI that shows the lane beside it. */
  why: z.string(),
});
export type LaneFamily = z.infer<typeof laneFamilySchema>;

export const laneAvailabilitySchema = z.object({
  computedAt: z.string(),
  families: z.array(laneFamilySchema),
});
export type LaneAvailability = z.infer<typeof laneAvailabilitySchema>;

/** `refresh: true` re-reads the files / re-probes the servers now; otherwise the last scan is returned. */
const scanInputSchema = z.object({ refresh: z.boolean().optional() }).optional();

export const seatsChannels = {
  'seats:list': defineChannel({
    summary: 'Provider CLI sign-ins found on this host (metadata only, never a token)',
    input: scanInputSchema,
    output: z.array(seatSchema),
  }),
  'local:list': defineChannel({
    summary: 'Local model servers on loopback and their models',
    input: scanInputSchema,
    output: z.array(localServerSchema),
  }),
  'lanes:availability': defineChannel({
    summary: 'Which lanes this host offers per model family, and the default lane with its reason',
    input: scanInputSchema,
    output: laneAvailabilitySchema,
  }),
};

export const seatsEvents = {
  'seats:changed': defineEvent({ summary: 'A CLI sign-in changed on disk', payload: z.array(seatSchema) }),
  'local:changed': defineEvent({ summary: 'A local server started, stopped or changed its models', payload: z.array(localServerSchema) }),
  'lanes:changed': defineEvent({ summary: 'Lane availability changed', payload: laneAvailabilitySchema }),
};
