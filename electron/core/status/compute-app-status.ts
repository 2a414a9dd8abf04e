// The pure centre of the tray: key states, provider health and credits in, one app status with its
// tooltip and menu lines out. No I/O; the status feature feeds it and the tests table it.
import type { AppStatus, LineLevel, ProviderStatusLine, StatusReport } from '../../../shared/channels/status';
import { providerIds, providers, type ProviderId } from '../../../shared/providers';
import type { KeyState } from '../../../shared/vocabulary';

export interface StatusKey {
  readonly id: string;
  readonly provider: ProviderId;
  readonly label: string;
  readonly state: KeyState;
}

/** Platform health from a status page, already reduced to four levels (facts §8: Statuspage indicator
 *  `minor` and components `degraded_performance`/`partial_outage` are degraded; `major`/`critical` and
 *  `major_outage` are an outage). `unknown` (no page, page unreachable) never changes the status. */
export type HealthLevel = 'operational' | 'degraded' | 'maintenance' | 'outage' | 'unknown';

export interface ProviderHealth {
  readonly provider: ProviderId;
  readonly level: HealthLevel;
}

export interface CreditStanding {
  /** Credits available now (balance minus holds). */
  readonly available: number;
  /** The credit summary's low-balance threshold state. */
  readonly low: boolean;
  /** Days left at the recent pace; null when there is no pace to measure. */
  readonly runwayDays: number | null;
}

export interface StatusInputs {
  readonly keys: readonly StatusKey[];
  readonly health: readonly ProviderHealth[];
  /** null when the host has no credit account to read. */
  readonly credits: CreditStanding | null;
}

/** `failing`: retrying will not help, the user must act. `attention`: the key works or may work soon, but
 *  something is off. Network-side states count as attention, not failing: being offline is not a broken key. */
const keyLevels: Record<KeyState, LineLevel | null> = {
  ok: 'ok',
  restricted: 'attention',
  rate_limited: 'attention',
  provider_down: 'attention',
  bad_endpoint: 'attention',
  unreachable: 'attention',
  timeout: 'attention',
  invalid_key: 'failing',
  no_credit: 'failing',
  unchecked: null,
};

const keyStateWords: Record<KeyState, string> = {
  ok: 'ok',
  restricted: 'restricted',
  rate_limited: 'rate limited',
  provider_down: 'provider down',
  bad_endpoint: 'wrong endpoint',
  unreachable: 'unreachable',
  timeout: 'timed out',
  invalid_key: 'invalid',
  no_credit: 'out of credit',
  unchecked: 'not checked yet',
};

const healthLevels: Record<HealthLevel, LineLevel | null> = {
  operational: 'ok',
  degraded: 'attention',
  maintenance: 'attention',
  outage: 'failing',
  unknown: null,
};

const healthWords: Record<HealthLevel, string | null> = {
  operational: null,
  degraded: 'degraded service',
  maintenance: 'under maintenance',
  outage: 'major outage',
  unknown: null,
};

const levelRank: Record<LineLevel, number> = { ok: 0, attention: 1, failing: 2 };

function worse(a: LineLevel, b: LineLevel | null): LineLevel {
  return b !== null && levelRank[b] > levelRank[a] ? b : a;
}

/** Worst states first, so the line leads with what needs doing. */
function keyStateOrder(state: KeyState): number {
  const level = keyLevels[state];
  return level === null ? -1 : levelRank[level];
}

function describeKeys(keys: readonly StatusKey[]): string {
  if (keys.length === 1) return `key ${keyStateWords[keys[0]!.state]}`;
  const counts = new Map<KeyState, number>();
  for (const key of keys) counts.set(key.state, (counts.get(key.state) ?? 0) + 1);
  if (counts.size === 1) return `${keys.length} keys ${keyStateWords[keys[0]!.state]}`;
  return [...counts]
    .sort(([a], [b]) => keyStateOrder(b) - keyStateOrder(a))
    .map(([state, count]) => `${count} ${keyStateWords[state]}`)
    .join(', ');
}

function describeProvider(provider: ProviderId, keys: readonly StatusKey[], health: HealthLevel): ProviderStatusLine {
  let level: LineLevel = 'ok';
  for (const key of keys) level = worse(level, keyLevels[key.state]);
  level = worse(level, healthLevels[health]);
  const healthText = healthWords[health];
  const line = `${providers[provider].displayName}: ${describeKeys(keys)}${healthText ? ` · ${healthText}` : ''}`;
  return { provider, level, line };
}

function formatCredits(value: number): string {
  return Math.floor(value).toLocaleString('en-US');
}

function describeCredits(credits: CreditStanding): string {
  const runway = credits.runwayDays === null ? '' : ` · about ${Math.max(0, Math.round(credits.runwayDays))} days left`;
  return `Credits: ${formatCredits(credits.available)} available${credits.low ? ' (low)' : ''}${runway}`;
}

/** The first problem worth naming in the headline, worst first: a failing key, an outage, then attention. */
function describeProblem(keys: readonly StatusKey[], health: ReadonlyMap<ProviderId, HealthLevel>, level: LineLevel): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    if (keyLevels[key.state] === level) problems.push(`${providers[key.provider].displayName} key "${key.label}" ${keyStateWords[key.state]}`);
  }
  for (const [provider, healthLevel] of health) {
    if (healthLevels[healthLevel] === level) problems.push(`${providers[provider].displayName} ${healthWords[healthLevel]}`);
  }
  return problems;
}

function summarize(problems: string[]): string {
  const [first, ...rest] = problems;
  return rest.length === 0 ? first! : `${first} (+${rest.length} more)`;
}

export function computeAppStatus(inputs: StatusInputs): StatusReport {
  const keysByProvider = new Map<ProviderId, StatusKey[]>();
  for (const key of inputs.keys) {
    const list = keysByProvider.get(key.provider) ?? [];
    list.push(key);
    keysByProvider.set(key.provider, list);
  }
  // Health only matters for providers the user has keys for: an outage elsewhere is not this user's problem.
  const health = new Map<ProviderId, HealthLevel>();
  for (const entry of inputs.health) if (keysByProvider.has(entry.provider)) health.set(entry.provider, entry.level);

  const providerLines = providerIds
    .filter((provider) => keysByProvider.has(provider))
    .map((provider) => describeProvider(provider, keysByProvider.get(provider)!, health.get(provider) ?? 'unknown'));
  const worst = providerLines.reduce<LineLevel>((level, line) => worse(level, line.level), 'ok');
  const creditsLow = inputs.credits?.low === true;

  // Failing outranks low credits (a dead key blocks work now); low credits outrank attention (it will block
  // work soon and only the user can fix it, while rate limits and degraded service pass on their own).
  const status: AppStatus = worst === 'failing' ? 'failing' : creditsLow ? 'low_credits' : worst === 'attention' ? 'attention' : 'ok';

  let headline: string;
  if (status === 'failing' || status === 'attention') headline = summarize(describeProblem(inputs.keys, health, worst));
  else if (status === 'low_credits') headline = `Credits low: ${formatCredits(inputs.credits!.available)} left`;
  else if (inputs.keys.length === 0) headline = 'No keys yet';
  else if (inputs.keys.every((key) => key.state === 'unchecked')) headline = 'Keys not checked yet';
  else headline = 'All keys ok';

  const creditsLine = inputs.credits ? describeCredits(inputs.credits) : null;
  return {
    status,
    tooltip: `NOME Settings: ${headline}`,
    headline,
    providers: providerLines,
    creditsLine,
    lines: [headline, ...providerLines.map((line) => line.line), ...(creditsLine ? [creditsLine] : [])],
  };
}
