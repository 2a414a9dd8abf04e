// One adapter per provider, keyed by provider id.
import type { ProviderId } from '../../../shared/providers';
import type { ProviderAdapter } from './provider-adapter';
import { anthropicAdapter } from './providers/anthropic';
import { deepSeekAdapter } from './providers/deepseek';
import { geminiAdapter } from './providers/gemini';
import { openAiAdapter } from './providers/openai';
import { openAiCompatibleAdapter } from './providers/openai-compatible';
import { vertexAdapter } from './providers/vertex';
import { xaiAdapter } from './providers/xai';

export const adapters: Readonly<Record<ProviderId, ProviderAdapter>> = {
  openai: openAiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  vertex: vertexAdapter,
  deepseek: deepSeekAdapter,
  xai: xaiAdapter,
  'openai-compatible': openAiCompatibleAdapter,
};
