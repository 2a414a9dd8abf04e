// Validates what a caller hands the vault (secret, base URL, headers, label) before anything is checked,
// sealed or written: every refusal is a `bad_input` NomeError and nothing is half-done.
import { checkBaseUrl, checkHeader, foreignHostWarning } from '../../../shared/endpoint-rules';
import { NomeError } from '../../../shared/errors';
import { detectProvider, normalizeKeyInput, type Detection } from '../../../shared/key-detection';
import { providers, type ProviderId } from '../../../shared/providers';

export interface CandidateSecret {
  readonly secret: string;
  readonly detection: Detection;
}

/** Normalizes a pasted secret and refuses seat tokens and keys meant for another provider family. */
export function prepareSecret(raw: string, provider: ProviderId): CandidateSecret {
  const normalized = normalizeKeyInput(raw);
  if (!normalized.ok) throw new NomeError('bad_input', normalized.message);
  const detection = detectProvider(normalized.value);
  if (detection.refusal) throw new NomeError('bad_input', detection.refusal, { reason: 'refused_shape' });
  if (provider === 'vertex' && detection.kind !== 'service-account') {
    throw new NomeError('bad_input', 'Vertex AI needs a service-account JSON (type "service_account"), not an API key.');
  }
  if (provider !== 'vertex' && detection.kind === 'service-account') {
    throw new NomeError('bad_input', `A Google credential JSON belongs to Vertex AI, not ${providers[provider].displayName}.`);
  }
  return { secret: normalized.value, detection };
}

/** The refusal of a keys:add without a key: the same words whether the secret is missing, empty or `noKey` was asked. */
function keyRequired(provider: ProviderId): NomeError {
  const message =
    provider === 'openai-compatible'
      ? 'Paste the endpoint’s key first, or say that it needs no key (noKey).'
      : `Paste the ${providers[provider].displayName} key first: only an OpenAI-compatible endpoint can be saved without a key.`;
  return new NomeError('bad_input', message, { reason: 'key_required' });
}

/** The secret of a keys:add, or null for a keyless endpoint (the contract: addKeyInputSchema in shared/channels/keys.ts). */
export function prepareAddSecret(raw: string | undefined, provider: ProviderId, noKey: boolean): CandidateSecret | null {
  if (noKey) {
    if (provider !== 'openai-compatible') throw keyRequired(provider);
    if (raw !== undefined && raw.trim() !== '') throw new NomeError('bad_input', 'A key was given for an endpoint said to need no key: send the key or noKey, not both.');
    return null;
  }
  const normalized = normalizeKeyInput(raw ?? '');
  if (!normalized.ok && normalized.reason === 'empty') throw keyRequired(provider);
  return prepareSecret(raw ?? '', provider);
}

/** A base URL after the rules: null for the provider's default root. */
export function prepareBaseUrl(raw: string | null | undefined, provider: ProviderId): { baseUrl: string | null; warning: string | null } {
  const text = raw?.trim() ? raw.trim() : null;
  if (text === null) {
    if (provider === 'openai-compatible') throw new NomeError('bad_input', 'An OpenAI-compatible endpoint needs a base URL, e.g. http://localhost:11434/v1.');
    return { baseUrl: null, warning: null };
  }
  // Vertex reads its token endpoint from the service-account JSON (`token_uri`); there is no root to replace.
  if (provider === 'vertex') throw new NomeError('bad_input', 'Vertex AI takes no base URL; its endpoints come from the credential.');
  const verdict = checkBaseUrl(text);
  if (!verdict.ok) throw new NomeError('bad_input', verdict.message);
  return { baseUrl: verdict.url, warning: verdict.warning };
}

/** Header names checked and de-duplicated (case-insensitively); values are not inspected beyond CR/LF. */
export function prepareHeaders<V extends string | null>(headers: ReadonlyArray<{ name: string; value: V }>): Array<{ name: string; value: V }> {
  const seen = new Set<string>();
  return headers.map(({ name, value }) => {
    const verdict = checkHeader(name, value);
    if (!verdict.ok) throw new NomeError('bad_input', verdict.message);
    const key = verdict.name.toLowerCase();
    if (seen.has(key)) throw new NomeError('bad_input', `The ${verdict.name} header is given twice.`);
    seen.add(key);
    return { name: verdict.name, value };
  });
}

// eslint-disable-next-line no-control-regex
const labelJunk = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function prepareLabel(raw: string | undefined, fallback: string): string {
  const label = (raw ?? '').replace(labelJunk, ' ').trim();
  return label.length > 0 ? label : fallback;
}

/** Refuses to send a first-party-shaped key to a foreign host unless the caller said so explicitly. */
export function guardForeignHost(candidate: CandidateSecret, provider: ProviderId, baseUrl: string | null, allowForeignHost: boolean): string | null {
  const warning = foreignHostWarning(candidate.secret, provider, baseUrl);
  if (warning && !allowForeignHost) throw new NomeError('bad_input', warning, { reason: 'foreign_host', warning });
  return warning;
}

const optionName = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Provider options (e.g. Vertex `location`): plain names only, so no `__proto__` trick reaches a record. */
export function prepareOptions(raw: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (!optionName.test(name)) throw new NomeError('bad_input', `"${name.slice(0, 40)}" is not a valid option name.`);
    if (/[\r\n\0]/.test(value)) throw new NomeError('bad_input', `The ${name} option may not contain line breaks.`);
    Object.defineProperty(options, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return options;
}
