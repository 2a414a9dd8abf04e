// The model families a turn can ask for, and which seats, keys, local models and credits can serve each.
import type { SeatSource } from '../../../shared/channels/seats';
import type { ProviderId } from '../../../shared/providers';

export interface ModelFamily {
  readonly family: string;
  readonly displayName: string;
  readonly provider: ProviderId | null;
  /** CLIs whose sign-in runs this family on the provider's own plan. */
  readonly seats: readonly SeatSource[];
  /** Vault providers whose keys can run it. */
  readonly keyProviders: readonly ProviderId[];
  /** Local model ids of this family (`qwen3:8b`, `deepseek-r1:14b`); null for closed-weight families. */
  readonly localModels: RegExp | null;
  /** Whether NOME's managed lane serves it. */
  readonly credits: boolean;
}

export const modelFamilies: readonly ModelFamily[] = [
  { family: 'claude-opus', displayName: 'Claude Opus', provider: 'anthropic', seats: ['claude-code'], keyProviders: ['anthropic'], localModels: null, credits: true },
  { family: 'claude-sonnet', displayName: 'Claude Sonnet', provider: 'anthropic', seats: ['claude-code'], keyProviders: ['anthropic'], localModels: null, credits: true },
  { family: 'claude-haiku', displayName: 'Claude Haiku', provider: 'anthropic', seats: ['claude-code'], keyProviders: ['anthropic'], localModels: null, credits: true },
  { family: 'gpt', displayName: 'OpenAI GPT', provider: 'openai', seats: ['codex'], keyProviders: ['openai'], localModels: null, credits: true },
  { family: 'gemini', displayName: 'Gemini', provider: 'gemini', seats: ['gemini-cli'], keyProviders: ['gemini', 'vertex'], localModels: null, credits: true },
  { family: 'grok', displayName: 'Grok', provider: 'xai', seats: ['grok-cli'], keyProviders: ['xai'], localModels: null, credits: true },
  { family: 'deepseek', displayName: 'DeepSeek', provider: 'deepseek', seats: [], keyProviders: ['deepseek'], localModels: /deepseek/i, credits: true },
  { family: 'copilot', displayName: 'GitHub Copilot models', provider: null, seats: ['github-copilot'], keyProviders: [], localModels: null, credits: false },
  { family: 'qwen', displayName: 'Qwen', provider: null, seats: ['qwen-code'], keyProviders: [], localModels: /qwen/i, credits: false },
  { family: 'llama', displayName: 'Llama', provider: null, seats: [], keyProviders: [], localModels: /llama/i, credits: false },
  { family: 'gemma', displayName: 'Gemma', provider: null, seats: [], keyProviders: [], localModels: /gemma/i, credits: false },
  { family: 'mistral', displayName: 'Mistral', provider: null, seats: [], keyProviders: [], localModels: /mistral|mixtral|devstral|codestral|magistral/i, credits: false },
  { family: 'gpt-oss', displayName: 'gpt-oss', provider: null, seats: [], keyProviders: [], localModels: /gpt-oss/i, credits: false },
];

/** Local models no family above claims still get a lane. */
export const otherLocalFamily: ModelFamily = {
  family: 'other-local',
  displayName: 'Other local models',
  provider: null,
  seats: [],
  keyProviders: [],
  localModels: /./,
  credits: false,
};
