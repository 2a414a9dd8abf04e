// The custom endpoint editor: base URL, custom headers (values are write-only, like keys) and the model list.
// Header values already stored are never shown; leaving one blank keeps it (`value: null` in keys:update).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { KeyCard } from '../../../shared/channels/keys';
import { maxHeaderCount } from '../../../shared/channels/keys';
import { providers } from '../../../shared/providers';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { useKeysStore } from './keys-store';
import { FormError } from '../../app/FormError';

interface HeaderRow {
  readonly key: number;
  name: string;
  /** Whether this header already has a stored value (blank then means "keep it"). */
  readonly stored: boolean;
}

/** The models an endpoint offers, kept as a non-secret option (comma-separated). */
export const modelsOption = 'models';

export function EndpointEditor({ card, onDone }: { card: KeyCard; onDone: () => void }) {
  const id = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const valueRefs = useRef(new Map<number, HTMLInputElement>());
  const [baseUrl, setBaseUrl] = useState(card.baseUrl ?? '');
  const [rows, setRows] = useState<HeaderRow[]>(() => card.headerNames.map((name, index) => ({ key: index, name, stored: true })));
  const [models, setModels] = useState(card.options[modelsOption] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = useKeysStore((state) => state.update);
  const defaultRoot = providers[card.provider].defaultApiRoot;

  useEffect(() => firstRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const headers = rows
        .filter((row) => row.name.trim())
        .map((row) => {
          const value = valueRefs.current.get(row.key)?.value ?? '';
          return { name: row.name.trim(), value: value === '' && row.stored ? null : value };
        });
      const modelList = models
        .split(/[\s,]+/)
        .filter(Boolean)
        .join(',');
      const options = { ...card.options };
      if (modelList) options[modelsOption] = modelList;
      else delete options[modelsOption];
      await update({ id: card.id, baseUrl: baseUrl.trim() || null, headers, options });
      for (const input of valueRefs.current.values()) input.value = '';
      announce('Endpoint saved.');
      onDone();
    } catch (caught) {
      setError(describeError(caught));
      announce(`Endpoint not saved: ${describeError(caught)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inline-form endpoint-editor"
      aria-label={`Endpoint for ${card.label || card.masked}`}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onDone();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-base`}>Base URL</label>
        <input ref={firstRef} id={`${id}-base`} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder={defaultRoot ?? 'https://host/v1'} disabled={busy} />
        <p className="muted hint">{defaultRoot ? `Leave empty for ${defaultRoot}.` : 'Required for this provider.'}</p>
      </div>
      <fieldset>
        <legend>Headers</legend>
        {rows.length === 0 && <p className="muted hint">No custom headers.</p>}
        {rows.map((row, index) => (
          <div className="header-row" key={row.key}>
            <label htmlFor={`${id}-hn-${row.key}`} className="visually-hidden">
              Header {index + 1} name
            </label>
            <input id={`${id}-hn-${row.key}`} value={row.name} placeholder="Name" disabled={busy} onChange={(e) => setRows(rows.map((r) => (r.key === row.key ? { ...r, name: e.target.value } : r)))} />
            <label htmlFor={`${id}-hv-${row.key}`} className="visually-hidden">
              Header {index + 1} value
            </label>
            <input
              id={`${id}-hv-${row.key}`}
              type="password"
              autoComplete="off"
              placeholder={row.stored ? 'Stored (leave blank to keep)' : 'Value'}
              disabled={busy}
              ref={(element) => {
                if (element) valueRefs.current.set(row.key, element);
                else valueRefs.current.delete(row.key);
              }}
            />
            <button type="button" onClick={() => setRows(rows.filter((r) => r.key !== row.key))} aria-label={`Remove header ${row.name || index + 1}`} disabled={busy}>
              Remove
            </button>
          </div>
        ))}
        {rows.length < maxHeaderCount && (
          <button type="button" onClick={() => setRows([...rows, { key: Math.max(-1, ...rows.map((r) => r.key)) + 1, name: '', stored: false }])} disabled={busy}>
            Add header
          </button>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-models`}>Models (comma-separated)</label>
        <textarea id={`${id}-models`} rows={2} value={models} onChange={(e) => setModels(e.target.value)} placeholder="e.g. llama-3.3-70b, qwen-2.5-coder" disabled={busy} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Save endpoint
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}
