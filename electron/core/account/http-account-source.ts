// An AccountSource over HTTP: the client for a NOME account service (contract: docs/account-api.md).
// Off unless the NOME_ACCOUNT_URL setting names a service; the local ledger stays the default.
import { z } from 'zod';
import { creditSummarySchema, holdSchema, topUpSchema } from '../../../shared/channels/credits';
import { errorCodeSchema, NomeError } from '../../../shared/errors';
import type { AccountSource, AccountSummary } from './account-source';

export interface HttpAccountSourceOptions {
  /** The service root, e.g. `https://account.nome.dev`; paths below it start with /v1/account. */
  readonly baseUrl: string;
  /** Sent as a bearer token; never logged, never in an error. */
  readonly token: string | null;
  readonly fetch: typeof fetch;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
}

const accountSummarySchema = creditSummarySchema.omit({ providerReported: true });
const serviceErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Reads NOME_ACCOUNT_URL / NOME_ACCOUNT_TOKEN; null (use the local ledger) when no URL is set. */
export function accountServiceSetting(env: Readonly<Record<string, string | undefined>>): { baseUrl: string; token: string | null } | null {
  const baseUrl = env.NOME_ACCOUNT_URL?.trim();
  if (!baseUrl) return null;
  const url = new URL(baseUrl); // a malformed setting fails loudly at start, not on the first call
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  // The token is a credential: it goes over TLS, or stays on this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error('NOME_ACCOUNT_URL must be https (or http on loopback)');
  return { baseUrl: baseUrl.replace(/\/+$/, ''), token: env.NOME_ACCOUNT_TOKEN?.trim() || null };
}

export function createHttpAccountSource(options: HttpAccountSourceOptions): AccountSource {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call<T>(method: string, path: string, body: unknown, schema: z.ZodType<T> | null): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await options.fetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new NomeError('unavailable', timedOut ? `the account service did not answer within ${timeoutMs} ms` : 'the account service cannot be reached');
    }
    const text = await response.text();
    let value: unknown = null;
    try {
      value = text ? JSON.parse(text) : null;
    } catch {
      throw new NomeError('unavailable', `the account service answered ${response.status} with a body that is not JSON`);
    }
    if (!response.ok) {
      const parsed = serviceErrorSchema.safeParse(value);
      const code = parsed.success ? errorCodeSchema.safeParse(parsed.data.error.code) : null;
      if (response.status >= 500 || !code?.success) {
        throw new NomeError(response.status === 401 || response.status === 403 ? 'forbidden' : 'unavailable', `the account service answered ${response.status}${parsed.success ? `: ${parsed.data.error.message.slice(0, 200)}` : ''}`);
      }
      throw new NomeError(code.data, parsed.success ? parsed.data.error.message.slice(0, 200) : `HTTP ${response.status}`);
    }
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new NomeError('unavailable', `the account service answered ${method} ${path} with a body that breaks the contract`);
    return parsed.data;
  }

  return {
    kind: 'remote',
    async summary(): Promise<AccountSummary> {
      return { ...(await call('GET', '/v1/account/summary', undefined, accountSummarySchema)), source: 'remote' };
    },
    async setPlan(plan) {
      await call('PUT', '/v1/account/plan', { plan }, null);
    },
    topUp: (input) => call('POST', '/v1/account/top-ups', input, topUpSchema),
    hold: (input) => call('POST', '/v1/account/holds', input, holdSchema),
    async release(holdId) {
      const result = await call('DELETE', `/v1/account/holds/${encodeURIComponent(holdId)}`, undefined, z.object({ released: z.boolean() }));
      return result.released;
    },
    async settle(holdIds) {
      if (holdIds.length) await call('POST', '/v1/account/holds/settle', { holdIds }, null);
    },
    async setLowBalanceThreshold(credits) {
      await call('PUT', '/v1/account/low-balance-threshold', { credits }, null);
    },
  };
}
