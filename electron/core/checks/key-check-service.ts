// The port between the vault and the checks: the vault asks, the checks answer with a CheckResult.
// The checks issue implements it (adapters, HTTP safety, scheduling); the vault only consumes it.
import type { CheckResult } from '../../../shared/channels/checks';
import type { ProviderId } from '../../../shared/providers';

/** Everything a check needs about one key. Plaintext lives here only for the length of the check. */
export interface CheckTarget {
  /** null for a candidate not yet saved. */
  readonly keyId: string | null;
  readonly provider: ProviderId;
  readonly secret: string;
  /** Replaces the provider's API root (`--base-url`); required for openai-compatible. */
  readonly baseUrl: string | null;
  /** Custom headers (openai-compatible), values already opened. */
  readonly headers: Readonly<Record<string, string>>;
  /** Provider-specific settings, e.g. Vertex project and region. */
  readonly options: Readonly<Record<string, string>>;
  /** The stored record's revision when it was opened (an opaque hash of its sealed secret and endpoint; set by
   *  the vault, absent for candidates and environment keys). A result is kept on the key only while the record
   *  still has this revision: a key replaced or re-pointed mid-check does not take the old check's result. */
  readonly revision?: string | undefined;
}

export interface KeyCheckService {
  /** Checks one target now (a candidate before saving, or a key on demand). Never throws. */
  check(target: CheckTarget): Promise<CheckResult>;
  /** The vault kept this result on its key (it was not stale). State changes are announced from here, not
   *  when a check returns, so a stale check (old secret, old endpoint, removed key) announces nothing. */
  recorded?(result: CheckResult): void;
}
