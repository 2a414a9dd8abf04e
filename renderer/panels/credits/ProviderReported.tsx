// Balances the providers report themselves (DeepSeek balance, OpenRouter key usage), with their age,
// beside NOME's own estimate: shown apart, never merged.
import type { ProviderReported as Reported } from '../../../shared/channels/credits';
import { formatAgo, formatMoney } from '../../app/format';
import { useNow } from '../../app/use-now';

export function ProviderReported({ rows }: { rows: readonly Reported[] }) {
  const now = useNow(15_000);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="reported-title">
      <h2 id="reported-title">What providers report</h2>
      <ul className="reported">
        {rows.map((row) => {
          const f = row.figure;
          const currency = f.currency ?? 'USD';
          return (
            <li key={row.keyId} className="card">
              <strong>{row.label ?? row.provider}</strong>
              <span>
                {f.remaining !== null ? `${formatMoney(f.remaining, currency)} left` : f.usage !== null ? `${formatMoney(f.usage, currency)} used` : 'No balance reported'}
                {f.limit !== null && ` of ${formatMoney(f.limit, currency)}`}
                {f.isAvailable === false && ' · not available'}
              </span>
              <span className="muted">
                reported {formatAgo(f.reportedAt, now)} · NOME estimate {formatMoney(row.nomeEstimateUsd)}
                {row.gapUsd !== null && ` · gap ${formatMoney(row.gapUsd)}`}
              </span>
              {row.note && <span className="muted hint">{row.note}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
