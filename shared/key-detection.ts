// Reads a pasted key: normalizes it, guesses its provider from its shape and masks it. Pure, so the
// renderer runs it on every keystroke and core runs the same rules before sealing.
// Facts: ../shared/facts/providers.md §0.4 (detection order), §1–§7 (key shapes).
import { maxSecretLength, type KeyKind } from './channels/keys';
import type { ProviderId } from './providers';

export type NormalizeResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'empty' | 'too_long' | 'whitespace' | 'control' | 'bad_json'; readonly message: string };

export interface Detection {
  /** null when the shape names no provider we know. */
  readonly provider: ProviderId | null;
  readonly kind: KeyKind;
  /** Plain words for the entry field, e.g. "Anthropic admin key". */
  readonly label: string;
  /** `certain` for a distinctive prefix, `probable` where a shape is shared (bare `sk-`, `AIza`). */
  readonly confidence: 'certain' | 'probable' | 'none';
  /** The prefix shown in the masked form. */
  readonly prefix: string;
  /** A base URL the key implies (OpenRouter, Groq), for the openai-compatible form. */
  readonly suggestedBaseUrl: string | null;
  /** The official API host this key belongs to; sending it elsewhere warrants a warning. */
  readonly homeHost: string | null;
  /** Set when the vault must refuse the key, with the reason in plain words. */
  readonly refusal: string | null;
}

interface Shape {
  readonly test: (key: string) => boolean;
  readonly prefix: string;
  readonly detection: Omit<Detection, 'prefix' | 'refusal'> & { readonly refusal?: string };
}

const seatRefusal =
  'This is a Claude subscription sign-in token, not an API key: it belongs to a Claude seat and may not be used as a bring-your-own key. Create an API key at console.anthropic.com instead.';

const starts = (prefix: string) => (key: string) => key.startsWith(prefix);
const base = { suggestedBaseUrl: null } as const;

// Longest, most distinctive prefix first (facts §0.4): `sk-ant-`, `sk-or-v1-` and the OpenAI project
// prefixes must win over the bare `sk-` family, which is ambiguous.
const shapes: readonly Shape[] = [
  { test: starts('sk-ant-oat01-'), prefix: 'sk-ant-oat01-', detection: { ...base, provider: 'anthropic', kind: 'unknown', label: 'Claude subscription token', confidence: 'certain', homeHost: 'api.anthropic.com', refusal: seatRefusal } },
  { test: starts('sk-ant-ort01-'), prefix: 'sk-ant-ort01-', detection: { ...base, provider: 'anthropic', kind: 'unknown', label: 'Claude subscription refresh token', confidence: 'certain', homeHost: 'api.anthropic.com', refusal: seatRefusal } },
  // A claude.ai web session cookie (`sessionKey`) also starts `sk-ant-` (facts §2): a browser login, not a key.
  { test: starts('sk-ant-sid'), prefix: 'sk-ant-sid', detection: { ...base, provider: 'anthropic', kind: 'unknown', label: 'claude.ai session cookie', confidence: 'certain', homeHost: 'api.anthropic.com', refusal: 'This is a claude.ai browser session cookie, not an API key. Create an API key at console.anthropic.com instead.' } },
  { test: starts('sk-ant-admin01-'), prefix: 'sk-ant-admin01-', detection: { ...base, provider: 'anthropic', kind: 'admin', label: 'Anthropic admin key', confidence: 'certain', homeHost: 'api.anthropic.com' } },
  { test: starts('sk-ant-api03-'), prefix: 'sk-ant-api03-', detection: { ...base, provider: 'anthropic', kind: 'api', label: 'Anthropic API key', confidence: 'certain', homeHost: 'api.anthropic.com' } },
  { test: starts('sk-ant-'), prefix: 'sk-ant-', detection: { ...base, provider: 'anthropic', kind: 'api', label: 'Anthropic key (unfamiliar version)', confidence: 'probable', homeHost: 'api.anthropic.com' } },
  { test: starts('sk-or-v1-'), prefix: 'sk-or-v1-', detection: { provider: 'openai-compatible', kind: 'api', label: 'OpenRouter key', confidence: 'certain', suggestedBaseUrl: 'https://openrouter.ai/api/v1', homeHost: 'openrouter.ai' } },
  { test: starts('sk-svcacct-'), prefix: 'sk-svcacct-', detection: { ...base, provider: 'openai', kind: 'api', label: 'OpenAI service-account key', confidence: 'certain', homeHost: 'api.openai.com' } },
  { test: starts('sk-admin-'), prefix: 'sk-admin-', detection: { ...base, provider: 'openai', kind: 'admin', label: 'OpenAI admin key', confidence: 'certain', homeHost: 'api.openai.com' } },
  { test: starts('sk-proj-'), prefix: 'sk-proj-', detection: { ...base, provider: 'openai', kind: 'api', label: 'OpenAI project key', confidence: 'certain', homeHost: 'api.openai.com' } },
  // Legacy OpenAI keys carry `T3BlbkFJ` (base64 "OpenAI") in the middle (facts §1, gitleaks rule).
  { test: (k) => k.startsWith('sk-') && k.includes('T3BlbkFJ'), prefix: 'sk-', detection: { ...base, provider: 'openai', kind: 'api', label: 'OpenAI key (legacy)', confidence: 'certain', homeHost: 'api.openai.com' } },
  { test: starts('xai-'), prefix: 'xai-', detection: { ...base, provider: 'xai', kind: 'api', label: 'xAI API key', confidence: 'certain', homeHost: 'api.x.ai' } },
  { test: starts('gsk_'), prefix: 'gsk_', detection: { provider: 'openai-compatible', kind: 'api', label: 'Groq key', confidence: 'certain', suggestedBaseUrl: 'https://api.groq.com/openai/v1', homeHost: 'api.groq.com' } },
  // `AIza` is any Google Cloud API key, not necessarily a Gemini one (facts §3), hence only probable.
  { test: starts('AIza'), prefix: 'AIza', detection: { ...base, provider: 'gemini', kind: 'api', label: 'Google API key (standard; retired for Gemini in 2026)', confidence: 'probable', homeHost: 'generativelanguage.googleapis.com' } },
  { test: starts('AQ.'), prefix: 'AQ.', detection: { ...base, provider: 'gemini', kind: 'api', label: 'Gemini API auth key', confidence: 'certain', homeHost: 'generativelanguage.googleapis.com' } },
  // `sk-` + 32 lowercase alphanumerics is DeepSeek's shape, shared with other OpenAI-compatible vendors (facts §5).
  { test: (k) => /^sk-[a-z0-9]{32}$/.test(k), prefix: 'sk-', detection: { ...base, provider: 'deepseek', kind: 'api', label: 'Probably a DeepSeek key', confidence: 'probable', homeHost: 'api.deepseek.com' } },
  { test: starts('sk-'), prefix: 'sk-', detection: { ...base, provider: null, kind: 'api', label: 'An sk- key (OpenAI-style; provider unclear)', confidence: 'none', homeHost: null } },
];

const unknownDetection: Detection = {
  provider: null,
  kind: 'unknown',
  label: 'Unrecognised key shape',
  confidence: 'none',
  prefix: '',
  suggestedBaseUrl: null,
  homeHost: null,
  refusal: null,
};

const credentialTypeOf = (parsed: unknown): unknown => (typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).type : undefined);
const isGoogleCredential = (parsed: unknown): boolean => ['service_account', 'authorized_user'].includes(credentialTypeOf(parsed) as string);

function detectJson(value: string): Detection {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ...unknownDetection, label: 'Not valid JSON' };
  }
  const type = credentialTypeOf(parsed);
  if (type === 'service_account') {
    return { ...unknownDetection, provider: 'vertex', kind: 'service-account', label: 'Google service-account JSON (Vertex AI)', confidence: 'certain', homeHost: 'aiplatform.googleapis.com' };
  }
  if (type === 'authorized_user') {
    return { ...unknownDetection, provider: 'vertex', kind: 'service-account', label: 'Google application-default user credentials (Vertex AI)', confidence: 'probable', homeHost: 'aiplatform.googleapis.com' };
  }
  return { ...unknownDetection, label: 'JSON that is not a Google credential' };
}

/** Guesses the provider and kind of an already normalized key. */
export function detectProvider(key: string): Detection {
  if (key.startsWith('{')) return detectJson(key);
  const shape = shapes.find((candidate) => candidate.test(key));
  if (!shape) return unknownDetection;
  return { ...shape.detection, prefix: shape.prefix, refusal: shape.detection.refusal ?? null };
}

const quotePairs: ReadonlyArray<readonly [string, string]> = [['"', '"'], ["'", "'"], ['`', '`'], ['“', '”'], ['‘', '’']];
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/;

/** Trims, strips surrounding quotes and a leading `Bearer `, and refuses what cannot be a key. */
export function normalizeKeyInput(raw: string): NormalizeResult {
  // Length first: a 1 MB paste is refused before any scan touches it.
  if (raw.length > maxSecretLength * 2) return tooLong();
  let value = raw.trim();
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const [open, close] of quotePairs) {
      if (value.length >= 2 && value.startsWith(open) && value.endsWith(close)) {
        value = value.slice(open.length, value.length - close.length).trim();
        stripped = true;
      }
    }
    const bearer = /^bearer\s+/i.exec(value);
    if (bearer) {
      value = value.slice(bearer[0].length).trim();
      stripped = true;
    }
  }
  // A bare "Bearer" is the header's prefix pasted without the key after it.
  if (value.length === 0 || /^bearer$/i.test(value)) return { ok: false, reason: 'empty', message: 'Paste a key first.' };
  if (value.length > maxSecretLength) return tooLong();
  if (value.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return { ok: false, reason: 'bad_json', message: 'This looks like JSON but does not parse; paste the whole credential file.' };
    }
    // A Google credential JSON keeps its own whitespace (it is read, never sent as a header). Any other JSON
    // would travel as a bearer token, so it meets the rules below: a line break there splits the request.
    if (isGoogleCredential(parsed)) return { ok: true, value };
  }
  if (/\s/.test(value)) return { ok: false, reason: 'whitespace', message: 'A key has no spaces or line breaks inside it; copy it again.' };
  if (controlCharacter.test(value)) return { ok: false, reason: 'control', message: 'The key holds invisible control characters; copy it again.' };
  return { ok: true, value };
}

function tooLong(): NormalizeResult {
  return { ok: false, reason: 'too_long', message: `That is too long to be a key (at most ${maxSecretLength.toLocaleString('en-US')} characters).` };
}

/** The card's masked form: the key's prefix plus its last 4 characters, never more than a quarter of it. */
export function maskKey(key: string, detection: Detection = detectProvider(key)): string {
  if (detection.kind === 'service-account') {
    const id = serviceAccountKeyId(key);
    return id ? `service account …${id.slice(-4)}` : 'service account';
  }
  const showTail = key.length >= 16;
  const prefix = detection.prefix && key.length >= detection.prefix.length + 12 ? detection.prefix : '';
  return `${prefix}…${showTail ? key.slice(-4) : ''}`;
}

function serviceAccountKeyId(json: string): string | null {
  try {
    const parsed = JSON.parse(json) as Record<string, unknown>;
    const id = parsed.private_key_id ?? parsed.client_id;
    return typeof id === 'string' && id.length >= 8 ? id : null;
  } catch {
    return null;
  }
}
