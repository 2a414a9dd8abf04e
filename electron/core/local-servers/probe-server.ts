// Probes one local model server and names its state (facts §10): refused ⇒ not_running, 503 loading ⇒ starting,
// 401/403 ⇒ needs_key, models listed ⇒ running. Something else on the port is reported as such, not as the server.
import type { LocalModel, LocalServer, LocalServerState } from '../../../shared/channels/seats';
import { loopbackUrl, type LocalServerTarget } from './loopback';
import { probeGet, type ProbeAnswer } from './probe-http';

export interface ProbeOptions {
  readonly fetch: typeof fetch;
  readonly now: () => number;
  /** Per request; loopback answers in milliseconds, so a slow one is as good as absent. */
  readonly timeoutMs: number;
}

type Outcome = { state: LocalServerState; message: string; version?: string | null; models?: LocalModel[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/v1/models` → `{ data: [{ id }] }`; Ollama `/api/tags` → `{ models: [{ name, size }] }`. */
export function parseModels(body: unknown): LocalModel[] | null {
  if (!isRecord(body)) return null;
  const list = Array.isArray(body.data) ? body.data : Array.isArray(body.models) ? body.models : null;
  if (!list) return null;
  return list.flatMap((entry): LocalModel[] => {
    if (!isRecord(entry)) return [];
    const id = typeof entry.id === 'string' ? entry.id : typeof entry.name === 'string' ? entry.name : typeof entry.model === 'string' ? entry.model : null;
    if (!id) return [];
    return [{ id: id.slice(0, 200), sizeBytes: typeof entry.size === 'number' && Number.isFinite(entry.size) ? entry.size : null }];
  }).slice(0, 500);
}

function notAnswering(answer: Exclude<ProbeAnswer, { kind: 'answer' }>, label: string, url: string, timeoutMs: number): Outcome {
  const where = new URL(url).host;
  if (answer.kind === 'timeout') return { state: 'not_running', message: `Nothing answered at ${where} within ${timeoutMs} ms` };
  if (answer.kind === 'refused') return { state: 'not_running', message: `${label} is not running (nothing listens at ${where})` };
  return { state: 'not_running', message: `Could not connect to ${where}` };
}

/** The shared reading of a models answer; `null` when the answer is not a models list at all. */
function fromModelsAnswer(answer: ProbeAnswer, label: string, url: string, timeoutMs: number): Outcome {
  if (answer.kind !== 'answer') return notAnswering(answer, label, url, timeoutMs);
  if (answer.status === 401 || answer.status === 403) return { state: 'needs_key', message: `${label} is running and asks for an API key` };
  if (answer.status === 503) return { state: 'starting', message: `${label} is starting (loading a model)` };
  const models = answer.status === 200 ? parseModels(answer.body) : null;
  if (models === null) return { state: 'not_running', message: `Something at ${new URL(url).host} answers (HTTP ${answer.status}), but not like ${label}` };
  return { state: 'running', message: models.length ? `${label} is running with ${models.length} model${models.length === 1 ? '' : 's'}` : `${label} is running; no models are loaded`, models };
}

async function probeOllama(target: LocalServerTarget, options: ProbeOptions): Promise<Outcome> {
  const version = await probeGet(options.fetch, `${target.url}/api/version`, options.timeoutMs);
  if (version.kind !== 'answer') return notAnswering(version, target.label, target.url, options.timeoutMs);
  if (version.status === 401 || version.status === 403) return { state: 'needs_key', message: `${target.label} is running and asks for a key` };
  const versionText = version.status === 200 && isRecord(version.body) && typeof version.body.version === 'string' ? version.body.version : null;
  if (versionText === null) return { state: 'not_running', message: `Something at ${new URL(target.url).host} answers (HTTP ${version.status}), but not like Ollama` };
  const tags = await probeGet(options.fetch, `${target.url}/api/tags`, options.timeoutMs);
  return { ...fromModelsAnswer(tags, target.label, target.url, options.timeoutMs), version: versionText.slice(0, 40) };
}

/** llama.cpp and vLLM: `/health` first (503 while loading), then `/v1/models` (401 with `--api-key`). */
async function probeWithHealth(target: LocalServerTarget, options: ProbeOptions): Promise<Outcome> {
  const health = await probeGet(options.fetch, `${target.url}/health`, options.timeoutMs);
  if (health.kind !== 'answer') return notAnswering(health, target.label, target.url, options.timeoutMs);
  if (health.status === 503) return { state: 'starting', message: `${target.label} is starting (loading the model)` };
  if (health.status === 401 || health.status === 403) return { state: 'needs_key', message: `${target.label} is running and asks for an API key` };
  if (health.status !== 200) return { state: 'not_running', message: `Something at ${new URL(target.url).host} answers (HTTP ${health.status}), but not like ${target.label}` };
  return fromModelsAnswer(await probeGet(options.fetch, `${target.url}/v1/models`, options.timeoutMs), target.label, target.url, options.timeoutMs);
}

export async function probeServer(target: LocalServerTarget, options: ProbeOptions): Promise<LocalServer> {
  const started = options.now();
  const url = loopbackUrl(target.url);
  const base = { server: target.server, label: target.label, url: url ?? target.url, version: null, models: [] as LocalModel[] };
  if (url === null) {
    return { ...base, state: 'not_running', latencyMs: null, checkedAt: new Date(started).toISOString(), message: 'Not probed: local servers are only reached on this computer (loopback)' };
  }
  const resolved = { ...target, url };
  const outcome =
    target.server === 'ollama' ? await probeOllama(resolved, options)
    : target.server === 'llama-cpp' || target.server === 'vllm' ? await probeWithHealth(resolved, options)
    : target.server === 'lm-studio' ? fromModelsAnswer(await probeGet(options.fetch, `${url}/v1/models`, options.timeoutMs), target.label, url, options.timeoutMs)
    : fromModelsAnswer(await probeGet(options.fetch, `${url}/models`, options.timeoutMs), target.label, url, options.timeoutMs);
  // The user's own endpoint comes from a key in the vault: this probe never sends that key (the key check does).
  const message =
    target.server === 'custom' && outcome.state === 'needs_key' ? `${target.label} is running and asks for its key; the key saved in Keys is checked there, not sent by this probe` : outcome.message;
  return {
    ...base,
    state: outcome.state,
    version: outcome.version ?? null,
    models: outcome.models ?? [],
    latencyMs: Math.max(0, options.now() - started),
    checkedAt: new Date(started).toISOString(),
    message,
  };
}
