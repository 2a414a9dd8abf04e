// The shared HTTP port for key checks: one deadline over connect and body, a body cap, no redirects
// followed with credentials, and transport failures turned into key states (timeout, unreachable, bad_endpoint).
import type { KeyState } from '../../../shared/vocabulary';

export interface CheckRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface CheckResponse {
  readonly kind: 'response';
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The body was cut at maxBytes (only with `overflow: 'truncate'`): `body` is its first part. */
  readonly truncated?: boolean;
}

export interface TransportFailure {
  readonly kind: 'failure';
  readonly state: Extract<KeyState, 'timeout' | 'unreachable' | 'bad_endpoint'>;
  /** One line, safe to show: never holds request headers or the URL's query. */
  readonly reason: string;
  readonly httpStatus: number | null;
}

export type CheckOutcome = CheckResponse | TransportFailure;

export interface SendOptions {
  /** Covers connect, headers and body together. */
  readonly deadlineMs: number;
  readonly maxBytes: number;
  /** Past maxBytes: fail (`bad_endpoint`, the default, for anything carrying a key) or keep the first maxBytes
   *  and stop reading (a public feed whose newest entries come first). */
  readonly overflow?: 'fail' | 'truncate';
}

export interface CheckHttp {
  send(request: CheckRequest, options?: Partial<SendOptions>): Promise<CheckOutcome>;
}

export const defaultSendOptions: SendOptions = { deadlineMs: 10_000, maxBytes: 1024 * 1024 };

/** Node's TLS verification codes, so a TLS failure says why instead of "fetch failed". */
const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

class BodyTooLarge extends Error {}

function errorCode(error: unknown): string | null {
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code } }), sometimes twice.
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Chromium's net errors as Electron's net.fetch reports them ("net::ERR_CERT_AUTHORITY_INVALID"). */
function chromiumNetError(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const match = /net::(ERR_[A-Z0-9_]+)/.exec(String((current as { message?: unknown }).message ?? ''));
    if (match) return match[1]!;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function describeNetworkError(error: unknown): string {
  const chromium = chromiumNetError(error);
  if (chromium) {
    if (/^ERR_(CERT_|SSL_|BAD_SSL)/.test(chromium)) return `TLS failure: ${chromium}`;
    if (chromium === 'ERR_CONNECTION_REFUSED') return 'connection refused';
    if (chromium === 'ERR_NAME_NOT_RESOLVED') return `host not found (${chromium})`;
    if (chromium === 'ERR_CONNECTION_RESET' || chromium === 'ERR_CONNECTION_CLOSED' || chromium === 'ERR_EMPTY_RESPONSE') return 'connection reset';
    return `network error: ${chromium}`;
  }
  const code = errorCode(error);
  if (code && (tlsCodes.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) return `TLS failure: ${code}`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code})`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  return code ? `network error: ${code}` : 'network error';
}

async function readCapped(response: Response, maxBytes: number, truncate: boolean): Promise<{ body: string; truncated: boolean }> {
  const declared = Number(response.headers.get('content-length'));
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge();
  }
  if (!response.body) return { body: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) throw new BodyTooLarge();
      chunks.push(value.subarray(0, maxBytes - total));
      truncated = true;
      break;
    }
    total += value.byteLength;
    chunks.push(value);
  }
  return { body: new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)), truncated };
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

export function createCheckHttp(fetchPort: typeof fetch): CheckHttp {
  return {
    async send(request, options = {}) {
      const { deadlineMs, maxBytes, overflow } = { ...defaultSendOptions, ...options };
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, deadlineMs);
      const timeoutFailure = (): TransportFailure => ({
        kind: 'failure',
        state: 'timeout',
        reason: `no complete answer within ${deadlineMs} ms`,
        httpStatus: null,
      });
      let status: number | null = null;
      try {
        // Later entries win case-insensitively: an adapter's own auth header replaces a custom one of the
        // same name instead of being comma-joined with it.
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
        const response = await fetchPort(request.url, {
          method: request.method,
          headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          // Never follow: a followed redirect would carry the key to whatever origin the answer names.
          redirect: 'manual',
          signal: controller.signal,
        });
        status = response.status;
        // Spec fetch (Electron's net.fetch) hides a manual redirect as an opaque response with status 0.
        if (response.type === 'opaqueredirect' || status === 0) {
          await response.body?.cancel().catch(() => undefined);
          return { kind: 'failure', state: 'bad_endpoint', reason: 'redirected; not followed with credentials', httpStatus: null };
        }
        if (status >= 300 && status < 400) {
          await response.body?.cancel().catch(() => undefined);
          const location = response.headers.get('location');
          let target = 'an unnamed location';
          if (location) {
            try {
              const resolved = new URL(location, request.url);
              target = resolved.origin === new URL(request.url).origin ? `${resolved.origin}${resolved.pathname}` : resolved.origin;
            } catch {
              target = 'an unparseable location';
            }
          }
          return { kind: 'failure', state: 'bad_endpoint', reason: `redirected (HTTP ${status}) to ${target}; not followed with credentials`, httpStatus: status };
        }
        const { body, truncated } = await readCapped(response, maxBytes, overflow === 'truncate');
        return { kind: 'response', status, headers: headerRecord(response.headers), body, ...(truncated ? { truncated } : {}) };
      } catch (error) {
        if (timedOut) return timeoutFailure();
        if (error instanceof BodyTooLarge) {
          return { kind: 'failure', state: 'bad_endpoint', reason: `response body over ${maxBytes} bytes`, httpStatus: status };
        }
        return { kind: 'failure', state: 'unreachable', reason: describeNetworkError(error), httpStatus: status };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
