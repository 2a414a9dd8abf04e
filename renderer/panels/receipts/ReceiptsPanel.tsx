// The Receipts view: every turn and what it cost, newest first, paged, filterable and exportable as CSV.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { costLanes, type CostLane } from '../../../shared/vocabulary';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { formatDateTime, formatInteger, formatMoney } from '../../app/format';
import { connectKeysStore, useKeysStore } from '../keys/keys-store';
import { keyOptionText, receiptKeyText, type ReceiptKeyText } from './receipt-key-text';
import { connectReceiptsStore, useReceiptsStore } from './receipts-store';

const laneWords: Record<CostLane, string> = {
  credits: 'NOME Credits',
  byok: 'Your key (BYOK)',
  local: 'Local model',
  'provider-subscription': 'Sign-in',
};

function downloadCsv(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `nome-receipts-${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function KeyCell({ text }: { text: ReceiptKeyText }) {
  return (
    <td>
      {text.name}
      {text.masked && <span className="muted"> · {text.masked}</span>}
    </td>
  );
}

export function ReceiptsPanel() {
  const id = useId();
  const { receipts, cursors, nextCursor, loading, error, filter } = useReceiptsStore();
  const [lane, setLane] = useState<CostLane | ''>('');
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState('');
  const [keyId, setKeyId] = useState('');
  // The Key column names keys from the keys store (keys:list, kept current by keys:changed), not from receipts.
  const cards = useKeysStore((state) => state.cards);
  const keysLoaded = useKeysStore((state) => state.loaded);
  const keysError = useKeysStore((state) => state.error);
  const keys = { cards, loaded: keysLoaded, error: keysError };
  useEffect(connectReceiptsStore, []);
  useEffect(connectKeysStore, []);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    void useReceiptsStore
      .getState()
      .setFilter({
        ...(lane ? { lane } : {}),
        ...(provider.trim() ? { provider: provider.trim() } : {}),
        ...(model.trim() ? { model: model.trim() } : {}),
        ...(keyId ? { keyId } : {}),
      })
      .then(() => announce(`Showing ${useReceiptsStore.getState().receipts.length} receipts.`));
  };

  const exportCsv = async () => {
    try {
      const { rows, text } = await useReceiptsStore.getState().exportCsv();
      downloadCsv(text);
      announce(`Exported ${rows} receipts as CSV.`);
    } catch (caught) {
      announce(`Export failed: ${describeError(caught)}`);
    }
  };

  const page = cursors.length;
  const filtered = Object.keys(filter).length > 0;

  return (
    <section aria-labelledby="panel-title" className="panel">
      <div className="panel-head">
        <div>
          <h1 id="panel-title">Receipts</h1>
          <p className="muted">Every turn, which lane ran it and what it cost, newest first.</p>
        </div>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV{filtered ? ' (filtered)' : ''}
        </button>
      </div>
      <form className="card field-row filters" onSubmit={apply} aria-label="Filter receipts">
        <div className="field">
          <label htmlFor={`${id}-lane`}>Lane</label>
          <select id={`${id}-lane`} value={lane} onChange={(e) => setLane(e.target.value as CostLane | '')}>
            <option value="">All lanes</option>
            {costLanes.map((l) => (
              <option key={l} value={l}>
                {laneWords[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-provider`}>Provider</label>
          <input id={`${id}-provider`} value={provider} onChange={(e) => setProvider(e.target.value)} placeholder="e.g. anthropic" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-model`}>Model</label>
          <input id={`${id}-model`} value={model} onChange={(e) => setModel(e.target.value)} placeholder="e.g. claude-sonnet-4-5" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-key`}>Key</label>
          <select id={`${id}-key`} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
            <option value="">All keys</option>
            {keys.cards.map((card) => (
              <option key={card.id} value={card.id}>
                {keyOptionText(card)}
              </option>
            ))}
            {/* A key removed while chosen stays chosen, by what it now is. */}
            {keyId && !keys.cards.some((card) => card.id === keyId) && <option value={keyId}>removed key</option>}
          </select>
        </div>
        <div className="actions filter-actions">
          <button type="submit" className="primary">
            Apply
          </button>
        </div>
      </form>
      {error && (
        <div className="banner banner-danger" role="alert">
          {error}
        </div>
      )}
      {receipts.length === 0 && !loading && !error && <p className="muted">{filtered ? 'No receipts match this filter.' : 'No receipts yet.'}</p>}
      {receipts.length > 0 && (
        <div className="table-wrap">
          <table aria-busy={loading}>
            <caption className="visually-hidden">Receipts, page {page}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Lane</th>
                <th scope="col">Model</th>
                <th scope="col">Key</th>
                <th scope="col" className="number">Input</th>
                <th scope="col" className="number">Output</th>
                <th scope="col" className="number">Normalized</th>
                <th scope="col" className="number">Credits</th>
                <th scope="col" className="number">Billed by provider</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.id}>
                  <td>
                    <time dateTime={r.at}>{formatDateTime(r.at)}</time>
                  </td>
                  <td title={r.laneReason}>{laneWords[r.lane]}</td>
                  <th scope="row">
                    {r.model} <span className="muted">· {r.provider}</span>
                    {!r.priced && <span className="chip chip-warn">unpriced</span>}
                  </th>
                  <KeyCell text={receiptKeyText(r, keys)} />
                  <td className="number">{formatInteger(r.tokens.input + r.tokens.cacheRead + r.tokens.cacheWrite)}</td>
                  <td className="number">{formatInteger(r.tokens.output)}</td>
                  <td className="number">{r.normalizedTokens === null ? '—' : formatInteger(r.normalizedTokens)}</td>
                  {/* Only the credits lane spends credits and only BYOK is billed per turn by the provider: a
                      dash elsewhere reads as "not this lane", where 0 or $0.00 read as "free". */}
                  <td className="number">{r.lane !== 'credits' || r.credits === null ? '—' : formatInteger(r.credits)}</td>
                  <td className="number">{r.lane !== 'byok' || r.providerCostUsd === null ? '—' : formatMoney(r.providerCostUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="actions pager" aria-label="Receipt pages">
        <button type="button" onClick={() => void useReceiptsStore.getState().previous()} disabled={page <= 1 || loading}>
          Newer
        </button>
        <span className="muted">Page {page}</span>
        <button type="button" onClick={() => void useReceiptsStore.getState().next()} disabled={!nextCursor || loading}>
          Older
        </button>
      </nav>
    </section>
  );
}
