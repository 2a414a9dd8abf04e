// The model list of a custom OpenAI-compatible endpoint: `GET {base}/models` (facts §7, §10), sent through the
// checks' HTTP port so the deadline, size cap and redirect policy are the same as a key check's.
import { NomeError } from '../../../shared/errors';
import type { CheckHttp } from '../checks/check-http';
import type { CheckTarget } from '../checks/key-check-service';
import { joinUrl } from '../checks/providers/join-url';

const maxModels = 500;

/** Model ids from an OpenAI-style `{ data: [{ id }] }` or an Ollama-style `{ models: [{ name }] }` body. */
export function parseModelList(body: string): string[] | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const record = json as { data?: unknown; models?: unknown };
  const entries = Array.isArray(record.data) ? record.data : Array.isArray(record.models) ? record.models : null;
  if (!entries) return null;
  const ids = entries
    .map((entry: unknown) => (typeof entry === 'object' && entry !== null ? ((entry as { id?: unknown; name?: unknown }).id ?? (entry as { name?: unknown }).name) : null))
    .filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 200);
  return [...new Set(ids)].sort().slice(0, maxModels);
}

/** Fetches the endpoint's models with the key (if any) and its custom headers. Errors never hold the key. */
export async function listEndpointModels(http: CheckHttp, target: CheckTarget, scrub: (text: string) => string): Promise<string[]> {
  if (!target.baseUrl) throw new NomeError('bad_input', 'This key has no base URL to list models from.');
  const headers: Record<string, string> = { accept: 'application/json', ...target.headers };
  // Local servers often need no key; an empty secret sends no Authorization header at all.
  if (target.secret) headers.authorization = `Bearer ${target.secret}`;
  const outcome = await http.send({ method: 'GET', url: joinUrl(target.baseUrl, 'models'), headers }, { deadlineMs: 10_000, maxBytes: 2 * 1024 * 1024 });
  const clean = (text: string) => scrub(target.secret ? text.split(target.secret).join('[redacted]') : text);
  if (outcome.kind === 'failure') throw new NomeError('unavailable', clean(`The endpoint did not answer (${outcome.state}): ${outcome.reason}`));
  if (outcome.status < 200 || outcome.status >= 300) throw new NomeError('unavailable', `The endpoint answered HTTP ${outcome.status} to GET /models.`);
  const models = parseModelList(outcome.body);
  if (!models) throw new NomeError('unavailable', 'The endpoint’s /models answer is not a model list.');
  return models;
}
