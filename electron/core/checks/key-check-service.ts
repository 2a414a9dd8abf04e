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
}

export interface KeyCheckService {
  /** Checks one target now (a candidate before saving, or a key on demand). Never throws. */
  check(target: CheckTarget): Promise<CheckResult>;
}
