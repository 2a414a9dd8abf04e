// A provider's platform health (its public status page) in plain words for the line under its group header.
// Kept apart from key state on purpose: a key can be Working while its provider has an outage (DESIGN.md).
import type { HealthIncident, ProviderHealth } from '../../../shared/channels/status-pages';
import { providers, type ProviderId } from '../../../shared/providers';
import type { Tone } from './key-state-text';

export interface HealthText {
  /** "API operational", "Partial outage", "Status unknown"… */
  readonly headline: string;
  readonly tone: Tone;
  /** The incidents behind the headline (those touching the API, or whose reach the feed does not say). */
  readonly incidents: readonly string[];
  /** Incidents elsewhere on the page (claude.ai, ChatGPT): secondary, not the API's health. */
  readonly other: readonly string[];
  /** Why the reading is less precise or older than it looks; null when there is nothing to add. */
  readonly caveat: string | null;
}

const componentWords: Record<string, string> = {
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

const indicatorWords = { none: 'operational', minor: 'Degraded', major: 'Major outage', critical: 'Major outage', maintenance: 'Under maintenance', unknown: 'Status unknown' } as const;

const toneOf = { none: 'ok', minor: 'warn', maintenance: 'info', major: 'danger', critical: 'danger', unknown: 'neutral' } as const;

function incidentWords(incident: HealthIncident): string {
  return `${incident.name}${incident.components.length ? ` (${incident.components.join(', ')})` : ''}`;
}

export function describeHealth(entry: ProviderHealth): HealthText {
  const incidents = entry.incidents.map((incident) => incident.name);
  const other = entry.otherIncidents.map(incidentWords);
  const stale = entry.stale ? `The status page could not be read again (${entry.error ?? 'no reason given'}); this is the last reading.` : null;
  const caveat = [stale, entry.note].filter(Boolean).join(' ') || null;
  if (entry.indicator === 'unknown') {
    // No evidence is not bad news, and not good news either: say which it is, plainly.
    const why = entry.fetchedAt === null ? (entry.error ? `the status page could not be read (${entry.error})` : 'not read yet') : 'the page gave a status this app does not know';
    return { headline: `Status unknown: ${why}`, tone: 'neutral', incidents, other, caveat: entry.fetchedAt === null ? entry.note : caveat };
  }
  // The worst API component names the kind of trouble ("Partial outage"); without components, the indicator.
  const worst = [...entry.api].sort((a, b) => rank(b.status) - rank(a.status))[0];
  const words = entry.indicator === 'none' ? 'operational' : (worst && componentWords[worst.status]) ?? indicatorWords[entry.indicator];
  const what = entry.scope === 'api' ? 'API' : 'Whole status page';
  const headline = entry.indicator === 'none' ? `${what} operational` : entry.scope === 'api' ? words : `${what}: ${words.toLowerCase()}`;
  return { headline, tone: toneOf[entry.indicator], incidents, other, caveat };
}

const order = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];
const rank = (status: string) => order.indexOf(status);

/** One sentence per provider (with keys here) whose platform health changed, for the live region. */
export function describeHealthChanges(before: readonly ProviderHealth[], after: readonly ProviderHealth[], withKeys: ReadonlySet<ProviderId>): string[] {
  const previous = new Map(before.map((entry) => [entry.provider, entry]));
  const lines: string[] = [];
  for (const entry of after) {
    const was = previous.get(entry.provider);
    if (!was || !withKeys.has(entry.provider)) continue;
    const now = describeHealth(entry);
    if (now.headline === describeHealth(was).headline && now.incidents.join() === describeHealth(was).incidents.join()) continue;
    lines.push(`${providers[entry.provider].displayName} platform status: ${now.headline}${now.incidents.length ? `: ${now.incidents.join('; ')}` : ''}.`);
  }
  return lines;
}
