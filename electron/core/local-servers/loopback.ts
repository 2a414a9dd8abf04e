// Local servers are probed on loopback only: a URL that names another host is refused before any request.
import type { LocalServerKind } from '../../../shared/channels/seats';

export interface LocalServerTarget {
  readonly server: LocalServerKind;
  readonly label: string;
  /** The server's root (`http://127.0.0.1:11434`) or, for `custom`, its OpenAI-compatible base (`…/v1`). */
  readonly url: string;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::ffff:127.0.0.1';
}

/** The URL without trailing slash when it is http(s) on loopback; null otherwise. */
export function loopbackUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isLoopbackHost(url.hostname) || url.username || url.password) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const defaults: readonly { server: Exclude<LocalServerKind, 'custom'>; label: string; url: string; env: string }[] = [
  { server: 'ollama', label: 'Ollama', url: 'http://127.0.0.1:11434', env: 'OLLAMA_HOST' },
  { server: 'lm-studio', label: 'LM Studio', url: 'http://127.0.0.1:1234', env: 'NOME_LMSTUDIO_URL' },
  { server: 'llama-cpp', label: 'llama.cpp', url: 'http://127.0.0.1:8080', env: 'NOME_LLAMACPP_URL' },
  { server: 'vllm', label: 'vLLM', url: 'http://127.0.0.1:8000', env: 'NOME_VLLM_URL' },
];

/** `OLLAMA_HOST` may be `host:port`, `0.0.0.0:port` (listen everywhere: probe loopback) or a URL (facts §10). */
function fromEnv(value: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const url = new URL(withScheme);
    if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return withScheme;
  }
}

/**
 * The built-in servers at their default ports, each overridable: by the host (tests point them at emulators)
 * or by environment (`OLLAMA_HOST`, `NOME_LMSTUDIO_URL`, `NOME_LLAMACPP_URL`, `NOME_VLLM_URL`).
 */
export function builtInTargets(
  env: Readonly<Record<string, string | undefined>>,
  overrides: Partial<Record<LocalServerKind, string>> = {},
): LocalServerTarget[] {
  return defaults.map(({ server, label, url, env: name }) => {
    const fromEnvValue = env[name]?.trim();
    return { server, label, url: overrides[server] ?? (fromEnvValue ? fromEnv(fromEnvValue) : url) };
  });
}
