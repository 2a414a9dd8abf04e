// What a provider adapter is: `request(target)` says what to send, `classify(status, headers, body)` turns
// the answer into a verdict, pure and table-tested. Multi-step providers (Vertex) run a short flow instead.
import type { ProviderFigure } from '../../../shared/channels/checks';
import type { ProviderId } from '../../../shared/providers';
import type { KeyState } from '../../../shared/vocabulary';
import type { CheckHttp, CheckRequest } from './check-http';
import type { CheckTarget } from './key-check-service';

/** Figures as the provider reported them; the service stamps `reportedAt`. */
export type ReportedFigure = Omit<ProviderFigure, 'reportedAt'>;

export interface Verdict {
  readonly state: KeyState;
  readonly providerCode: string | null;
  /** Unscrubbed; the service scrubs it and cuts it to one line. */
  readonly message: string;
  readonly retryAfterS: number | null;
  readonly figures?: ReportedFigure | null;
}

/** The adapter could not build a request from the target (no base URL, unreadable credential JSON). */
export interface TargetProblem {
  readonly problem: Verdict;
}

export interface SimpleAdapter {
  readonly kind: 'simple';
  readonly provider: ProviderId;
  request(target: CheckTarget): CheckRequest | TargetProblem;
  classify(status: number, headers: Readonly<Record<string, string>>, body: string): Verdict;
  /** When one provider answers in more than one shape (an OpenAI-compatible preset), the classifier for this target. */
  classifierFor?(target: CheckTarget): SimpleAdapter['classify'];
}

export type HostEnv = Readonly<Record<string, string | undefined>>;

export interface FlowResult {
  readonly verdict: Verdict;
  /** The HTTP status of the step that decided, if one answered. */
  readonly httpStatus: number | null;
}

export interface FlowAdapter {
  readonly kind: 'flow';
  readonly provider: ProviderId;
  /** The origin the credential goes to first (per-host concurrency); null when the target is unusable. */
  origin(target: CheckTarget): string | null;
  /** `env` is the host's environment through core's env port (Vertex reads its project and region fallbacks there). */
  run(target: CheckTarget, http: CheckHttp, deadlineAt: number, now: () => number, env: HostEnv): Promise<FlowResult>;
  /** Parts of the credential that must be scrubbed on their own (a PEM key inside a JSON file). */
  secretParts(target: CheckTarget): string[];
}

export type ProviderAdapter = SimpleAdapter | FlowAdapter;

export function isTargetProblem(value: CheckRequest | TargetProblem): value is TargetProblem {
  return 'problem' in value;
}
