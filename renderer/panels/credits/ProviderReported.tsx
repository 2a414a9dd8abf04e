// Balances the providers report themselves (DeepSeek balance, OpenRouter key usage), with their age,
// beside NOME's own estimate: shown apart, never merged.
import type { ProviderReported as Reported } from '../../../shared/channels/credits';
import { providers, type ProviderId } from '../../../shared/providers';
import { formatAgo, formatMoney } from '../../app/format';
import { useNow } from '../../app/use-now';

/** What NOME's estimate beside a provider's figure covers, in plain words (`estimateScope`). */
function estimateScopeWords(row: Reported): string {
  if (row.estimateScope === 'key') return 'NOME estimate for this key';
  // OpenRouter keys are OpenAI-compatible endpoints; their figures are compared with OpenRouter's receipts.
  const provider = row.figure.source === 'openrouter-key' ? 'OpenRouter' : (providers[row.provider as ProviderId]?.displayName ?? row.provider);
  return `NOME estimate for all of ${provider}, not this key alone`;
}

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
                reported {formatAgo(f.reportedAt, now)} · {estimateScopeWords(row)} {formatMoney(row.nomeEstimateUsd)}
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
