// The provider's platform health under its group header, from its public status page: a line of its own,
// worded and styled unlike a key's state chip, because a key can be Working while its provider has an outage.
import { providers, type ProviderId } from '../../../shared/providers';
import { CheckedAgo } from './CheckedAgo';
import { useHealthStore } from './health-store';
import { describeHealth } from './health-text';

export function ProviderHealthLine({ provider }: { provider: ProviderId }) {
  const entry = useHealthStore((state) => state.byProvider[provider]);
  // Providers without a machine-readable page (Gemini, custom endpoints), or status pages turned off.
  if (!entry) return null;
  const text = describeHealth(entry);
  const name = providers[provider].displayName;
  return (
    <div className="provider-health" data-provider={provider} data-indicator={entry.indicator} role="group" aria-label={`${name} platform status`}>
      <p className="health-main">
        <span className={`health-dot health-${text.tone}`} aria-hidden="true" />
        <span className="health-kind">Platform status:</span>
        <span className="health-headline">
          {text.headline}
          {text.incidents.length > 0 && `: ${text.incidents.join('; ')}`}
        </span>
        <span className="muted health-age">
          · {entry.fetchedAt ? <CheckedAgo at={entry.fetchedAt} verb="read" /> : 'never read'}
        </span>
        <a href={entry.pageUrl} target="_blank" rel="noopener noreferrer">
          {name} status page<span className="visually-hidden"> (opens in your browser)</span>
        </a>
      </p>
      {text.other.length > 0 && (
        <p className="muted health-other">Elsewhere on the page, not the API: {text.other.join('; ')}</p>
      )}
      {text.caveat && <p className="muted health-other">{text.caveat}</p>}
    </div>
  );
}
