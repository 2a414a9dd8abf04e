// The key check service: picks the provider's adapter, sends through the shared HTTP port, classifies,
// and returns a CheckResult whose message is scrubbed of the key in every form. Never throws.
import type { CheckResult } from '../../../shared/channels/checks';
import type { Clock } from '../ports';
import type { Scrubber } from '../scrub/scrubber';
import { adapters as defaultAdapters } from './adapters';
import { createCheckHttp, defaultSendOptions, type CheckHttp } from './check-http';
import type { CheckTarget, KeyCheckService } from './key-check-service';
import { isTargetProblem, type HostEnv, type ProviderAdapter, type Verdict } from './provider-adapter';
import type { ProviderId } from '../../../shared/providers';

export interface KeyCheckDeps {
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  readonly scrubber: Scrubber;
  /** Per check, covering every request it makes (default 10 s). */
  readonly deadlineMs?: number;
  readonly maxBytes?: number;
  /** Monotonic milliseconds for latency; defaults to performance.now. */
  readonly monotonic?: () => number;
  readonly adapters?: Readonly<Record<ProviderId, ProviderAdapter>>;
  /** The host's environment (core's env port, never process.env read here); empty when not given. */
  readonly env?: HostEnv;
}

export interface CheckService extends KeyCheckService {
  /** The origin the target's credential is sent to first, for per-host limits; null when unusable. */
  originOf(target: CheckTarget): string | null;
}

const maxMessageLength = 240;

/** Every form of the secret a message could carry: whole, its parts, and header values it rides in. */
function secretsOf(target: CheckTarget, adapter: ProviderAdapter): string[] {
  const parts = [target.secret, ...Object.values(target.headers), ...(adapter.kind === 'flow' ? adapter.secretParts(target) : [])];
  const encoded = parts.flatMap((part) => [part, encodeURIComponent(part), Buffer.from(part).toString('base64')]);
  // Short local-server keys count too: a mangled word in a message is cheaper than a leaked key.
  return [...new Set(encoded.filter((part) => part.length >= 4))].sort((a, b) => b.length - a.length);
}

export function createKeyCheckService(deps: KeyCheckDeps): CheckService {
  const http: CheckHttp = createCheckHttp(deps.fetch);
  const deadlineMs = deps.deadlineMs ?? defaultSendOptions.deadlineMs;
  const maxBytes = deps.maxBytes ?? defaultSendOptions.maxBytes;
  const monotonic = deps.monotonic ?? (() => performance.now());
  const adapters = deps.adapters ?? defaultAdapters;
  const env = deps.env ?? {};

  const cleanMessage = (message: string, secrets: readonly string[]): string => {
    let out = message;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    out = deps.scrubber.scrub(out).replace(/\s+/g, ' ').trim();
    return out.length > maxMessageLength ? `${out.slice(0, maxMessageLength - 1)}…` : out || 'no message';
  };

  async function decide(target: CheckTarget, adapter: ProviderAdapter, startedAt: number): Promise<{ verdict: Verdict; httpStatus: number | null }> {
    if (adapter.kind === 'flow') return adapter.run(target, http, startedAt + deadlineMs, monotonic, env);
    // A header carries bytes; a "…" or a smart quote copied with the key cannot be sent and fetch would
    // throw, which reads as "network error". Say what is wrong with the key instead, and send nothing.
    const unsendable = /[^\u0000-\u00ff]/;
    if (unsendable.test(target.secret)) {
      return { verdict: { state: 'invalid_key', providerCode: null, message: 'the key holds a character that cannot be sent in an HTTP header (a "…" or a curly quote copied with it?); copy it again', retryAfterS: null }, httpStatus: null };
    }
    const badHeader = Object.entries(target.headers).find(([, value]) => unsendable.test(value));
    if (badHeader) {
      return { verdict: { state: 'bad_endpoint', providerCode: null, message: `the ${badHeader[0].slice(0, 40)} header holds a character that cannot be sent in an HTTP header`, retryAfterS: null }, httpStatus: null };
    }
    const request = adapter.request(target);
    if (isTargetProblem(request)) return { verdict: request.problem, httpStatus: null };
    const outcome = await http.send(request, { deadlineMs, maxBytes });
    if (outcome.kind === 'failure') {
      return { verdict: { state: outcome.state, providerCode: null, message: outcome.reason, retryAfterS: null }, httpStatus: outcome.httpStatus };
    }
    const classify = adapter.classifierFor?.(target) ?? adapter.classify;
    return { verdict: classify(outcome.status, outcome.headers, outcome.body), httpStatus: outcome.status };
  }

  return {
    originOf(target) {
      const adapter = adapters[target.provider];
      if (adapter.kind === 'flow') return adapter.origin(target);
      const request = adapter.request(target);
      if (isTargetProblem(request)) return null;
      try {
        return new URL(request.url).origin;
      } catch {
        return null;
      }
    },
    async check(target) {
      const adapter = adapters[target.provider];
      const startedAt = monotonic();
      let verdict: Verdict;
      let httpStatus: number | null = null;
      try {
        ({ verdict, httpStatus } = await decide(target, adapter, startedAt));
      } catch (error) {
        // A bug in an adapter must not become a thrown error carrying request details.
        const reason = error instanceof Error ? error.message : String(error);
        verdict = { state: 'unchecked', providerCode: null, message: `check could not run: ${reason}`, retryAfterS: null };
      }
      const latencyMs = Math.round((monotonic() - startedAt) * 10) / 10;
      const checkedAt = new Date(deps.clock.now()).toISOString();
      const secrets = adapter ? secretsOf(target, adapter) : [target.secret];
      const result: CheckResult = {
        id: target.keyId,
        provider: target.provider,
        state: verdict.state,
        httpStatus,
        providerCode: verdict.providerCode === null ? null : cleanMessage(verdict.providerCode, secrets),
        retryAfterS: verdict.retryAfterS,
        latencyMs,
        checkedAt,
        message: cleanMessage(verdict.message, secrets),
        figures: verdict.figures ? { ...verdict.figures, reportedAt: checkedAt } : null,
      };
      return result;
    },
  };
}
