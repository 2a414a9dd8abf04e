// Per-model totals: turns, normalized tokens, credits and the BYOK cost, with unpriced turns flagged.
import type { ModelTotals } from '../../../shared/channels/credits';
import { formatInteger, formatMoney } from '../../app/format';

const laneWords: Record<ModelTotals['lane'], string> = {
  credits: 'NOME Credits',
  byok: 'Your key',
  local: 'Local',
  'provider-subscription': 'Sign-in',
};

export function ModelTable({ rows }: { rows: readonly ModelTotals[] }) {
  if (rows.length === 0) return <p className="muted">No turns this period.</p>;
  const sorted = [...rows].sort((a, b) => b.normalizedTokens - a.normalizedTokens);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Usage this period by model</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Lane</th>
            <th scope="col" className="number">Turns</th>
            <th scope="col" className="number">Normalized tokens</th>
            <th scope="col" className="number">Credits</th>
            <th scope="col" className="number">Cost at list price</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={`${row.lane}/${row.provider}/${row.model}`}>
              <th scope="row">
                {row.model} <span className="muted">· {row.provider}</span>
                {row.unpricedTurns > 0 && <span className="chip chip-warn">{row.unpricedTurns} unpriced</span>}
              </th>
              <td>{laneWords[row.lane]}</td>
              <td className="number">{formatInteger(row.turns)}</td>
              <td className="number">{formatInteger(row.normalizedTokens)}</td>
              <td className="number">{row.lane === 'credits' ? formatInteger(row.credits) : '—'}</td>
              <td className="number">{row.unpricedTurns === row.turns ? '—' : formatMoney(row.providerCostUsd || row.normalizedTokens / 1_000_000)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
