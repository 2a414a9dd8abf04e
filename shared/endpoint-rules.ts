// Rules for custom endpoints: which base URLs and header names are acceptable, and when a key is about
// to be sent somewhere it does not belong. Pure, so the entry form shows the same verdicts as core.
import { detectProvider } from './key-detection';
import { providers, type ProviderId } from './providers';

export type BaseUrlVerdict =
  | { readonly ok: true; readonly url: string; readonly host: string; readonly warning: string | null }
  | { readonly ok: false; readonly message: string };

/** Loopback and private-network hosts, where plain http is normal (local model servers, a LAN box). */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  // IPv6 unique-local (fc00::/7) and link-local (fe80::/10).
  return /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
}

/** Checks a base URL: http or https only, no userinfo; plain http warns unless the host is local. */
export function checkBaseUrl(raw: string): BaseUrlVerdict {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, message: 'Give a base URL, e.g. https://api.example.com/v1.' };
  if (text.length > 2048) return { ok: false, message: 'That base URL is too long.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'That is not a URL; it should look like https://api.example.com/v1.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'Only http and https base URLs are allowed.' };
  // A user:password in the URL would be stored in plaintext metadata and sent in every request.
  if (url.username || url.password) return { ok: false, message: 'Put credentials in the key or a header, not in the URL.' };
  if (url.hash) return { ok: false, message: 'A base URL has no #fragment.' };
  if (url.search) return { ok: false, message: 'A base URL has no ?query; add parameters as headers if the endpoint needs them.' };
  const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const warning =
    url.protocol === 'http:' && !isLocalHost(url.hostname)
      ? `Plain http to ${url.hostname} sends your key unencrypted over the network; use https unless this host is on your own network.`
      : null;
  return { ok: true, url: normalized, host: url.hostname.toLowerCase(), warning };
}

const tokenCharacters = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers the HTTP layer owns; letting a user set them would break or smuggle requests.
const reservedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer', 'keep-alive', 'expect', 'cookie']);

export type HeaderVerdict = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string };

/** Checks one custom header: a valid token name that the HTTP layer does not own, a value without CR/LF. */
export function checkHeader(name: string, value: string | null): HeaderVerdict {
  const trimmed = name.trim();
  if (!tokenCharacters.test(trimmed)) return { ok: false, message: `"${trimmed.slice(0, 40)}" is not a valid header name.` };
  const lower = trimmed.toLowerCase();
  if (reservedHeaders.has(lower) || lower.startsWith('proxy-')) return { ok: false, message: `The ${trimmed} header is set by the app and cannot be changed.` };
  // CR/LF would let a value start a new header or body (request splitting); NUL is refused by fetch anyway.
  if (value !== null && /[\r\n\0]/.test(value)) return { ok: false, message: `The ${trimmed} header value may not contain line breaks.` };
  return { ok: true, name: trimmed };
}

/** Parses a CLI `--header "Name: value"` into its parts. */
export function parseHeaderLine(line: string): { name: string; value: string } | null {
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
}

/** The host a key of `provider` would be sent to, given an optional base URL. */
export function targetHost(provider: ProviderId, baseUrl: string | null | undefined): string | null {
  if (baseUrl) {
    const verdict = checkBaseUrl(baseUrl);
    return verdict.ok ? verdict.host : null;
  }
  return providers[provider].officialHost;
}

/** A warning when a first-party-shaped key (sk-ant-…, sk-proj-…) would go to a host that is not its
 *  provider's official API host: a typo'd or hostile endpoint would receive a real provider key. */
export function foreignHostWarning(secret: string, provider: ProviderId, baseUrl: string | null | undefined): string | null {
  const detection = detectProvider(secret);
  if (!detection.homeHost || detection.confidence === 'none') return null;
  // `sk-` + 32 lowercase is only probably DeepSeek: many OpenAI-compatible vendors share the shape (facts §5).
  if (detection.provider === 'deepseek' && provider === 'openai-compatible') return null;
  return foreignHostWarningFor(detection.homeHost, detection.label, provider, baseUrl);
}

/** The same warning from what the vault keeps in plaintext: the key's home host and shape label. */
export function foreignHostWarningFor(homeHost: string | null, label: string, provider: ProviderId, baseUrl: string | null | undefined): string | null {
  if (!homeHost) return null;
  const host = targetHost(provider, baseUrl);
  if (host === null || host === homeHost) return null;
  const what = label.replace(/^Probably an? /, '');
  return `This looks like ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}, but it would be sent to ${host}, not ${homeHost}. Only continue if you trust ${host} with it.`;
}
