// Presets for OpenAI-compatible endpoints: where each one's API root is and which path proves a key (facts §7, §10).

export interface CompatiblePreset {
  readonly id: string;
  readonly displayName: string;
  readonly apiRoot: string;
  /** Path under the root that proves the key; `/models` is public on OpenRouter, so it uses `/key` (facts §7). */
  readonly checkPath: string;
  /** Local servers run without a key unless started with one. */
  readonly keyOptional: boolean;
}

export const compatiblePresets: Readonly<Record<string, CompatiblePreset>> = {
  openrouter: { id: 'openrouter', displayName: 'OpenRouter', apiRoot: 'https://openrouter.ai/api/v1', checkPath: 'key', keyOptional: false },
  groq: { id: 'groq', displayName: 'Groq', apiRoot: 'https://api.groq.com/openai/v1', checkPath: 'models', keyOptional: false },
  together: { id: 'together', displayName: 'Together AI', apiRoot: 'https://api.together.xyz/v1', checkPath: 'models', keyOptional: false },
  mistral: { id: 'mistral', displayName: 'Mistral', apiRoot: 'https://api.mistral.ai/v1', checkPath: 'models', keyOptional: false },
  ollama: { id: 'ollama', displayName: 'Ollama', apiRoot: 'http://localhost:11434/v1', checkPath: 'models', keyOptional: true },
  lmstudio: { id: 'lmstudio', displayName: 'LM Studio', apiRoot: 'http://localhost:1234/v1', checkPath: 'models', keyOptional: true },
  llamacpp: { id: 'llamacpp', displayName: 'llama.cpp server', apiRoot: 'http://127.0.0.1:8080/v1', checkPath: 'models', keyOptional: true },
  vllm: { id: 'vllm', displayName: 'vLLM', apiRoot: 'http://localhost:8000/v1', checkPath: 'models', keyOptional: true },
};

export const compatiblePresetIds = Object.keys(compatiblePresets);
