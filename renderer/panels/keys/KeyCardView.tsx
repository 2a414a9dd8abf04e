// One key card: masked key, label, state chip with its next step, storage and source badges, when it was
// checked, and its actions (re-check, replace, endpoint, move, remove). Alt+↑/↓ on the card moves it.
import { memo, useState, type KeyboardEvent } from 'react';
import { noKeyMasked, type KeyCard } from '../../../shared/channels/keys';
import { providers } from '../../../shared/providers';
import { CheckedAgo } from './CheckedAgo';
import { EndpointEditor } from './EndpointEditor';
import { ReplaceKeyForm } from './ReplaceKeyForm';
import { StateChip } from './StateChip';
import { useKeysStore } from './keys-store';

interface Props {
  card: KeyCard;
  /** 1-based place among the provider's stored keys, and how many there are. */
  place: number;
  of: number;
}

function storageWords(card: KeyCard): string {
  if (card.storage.cipher === 'environment') return 'Read from the environment';
  if (card.storage.weaker) return 'Weaker storage';
  return 'Encrypted';
}

/** `keys:changed` sends fresh objects for every card; an unchanged card must not re-render for that. */
function sameCard(a: Props, b: Props): boolean {
  return a.place === b.place && a.of === b.of && (a.card === b.card || JSON.stringify(a.card) === JSON.stringify(b.card));
}

/** Memoized: a change to one card (or to what is being checked) re-renders that card, not all 500. */
export const KeyCardView = memo(function KeyCardView({ card, place, of }: Props) {
  const [mode, setMode] = useState<'view' | 'replace' | 'endpoint'>('view');
  const checking = useKeysStore((state) => state.checking.has(card.id) || state.checkingAll);
  const { check, move, remove } = useKeysStore.getState();
  const name = card.label || card.masked;
  /** A keyless endpoint (a local server): the same form gives it its first key, so it says "add", not "replace". */
  const keyless = card.masked === noKeyMasked;
  const customEndpoint = card.provider === 'openai-compatible' || card.baseUrl !== null || card.headerNames.length > 0;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (!event.altKey || card.readOnly || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const target = event.target as HTMLElement;
    const refocus = target.dataset.refocus;
    void move(card.id, event.key === 'ArrowUp' ? -1 : 1).then(() => {
      // The card re-renders in its new place; keep focus on the same control of the same card.
      if (refocus) document.querySelector<HTMLElement>(`[data-card="${CSS.escape(card.id)}"] [data-refocus="${refocus}"]`)?.focus();
    });
  };

  return (
    <li className="card key-card" data-card={card.id} aria-label={`${providers[card.provider].displayName} key ${name}`} onKeyDown={onKeyDown}>
      <div className="key-card-head">
        <div className="key-id">
          <span className="key-label">{card.label || 'Unlabelled key'}</span>
          <code className="key-masked">{card.masked}</code>
        </div>
        <div className="badges">
          {!card.readOnly && of > 1 && <span className="chip chip-neutral">Priority {place} of {of}</span>}
          <span className={`chip ${card.storage.weaker ? 'chip-warn' : 'chip-neutral'}`} title={card.storage.cipher}>
            {storageWords(card)}
          </span>
          <span className="chip chip-neutral">{card.source === 'stored' ? 'Saved here' : `From ${card.source}`}</span>
          {/* Shown whatever the label says: an admin key manages an organization, it is not for model requests
              (facts §1 "Admin keys cannot do inference"; §2 "Usage & cost (Admin API)"). */}
          {card.kind === 'admin' && (
            <span className="chip chip-neutral" title="An organization admin key: it manages keys, usage and costs, and cannot be used for model requests.">
              Admin key
            </span>
          )}
        </div>
      </div>
      {card.needsReentry ? (
        <div className="state">
          <span className="chip chip-warn">Needs re-entry</span>
          <span className="state-meaning">This host cannot open the stored key (the keyring was reset or another host sealed it). It was kept, not deleted.</span>
          <button type="button" className="link-button" onClick={() => setMode('replace')}>
            Paste the key again
          </button>
        </div>
      ) : (
        <StateChip
          state={card.state}
          provider={card.provider}
          retryAfterS={card.lastCheck?.retryAfterS ?? null}
          checkedAt={card.lastCheck?.checkedAt ?? card.lastCheckedAt}
          message={card.lastCheck?.message ?? null}
          onAction={(action) => (action === 'recheck' ? void check([card.id]) : setMode(action === 'replace' ? 'replace' : 'endpoint'))}
        />
      )}
      {card.precedence && <p className="muted hint">{card.precedence}</p>}
      {card.warnings.map((warning) => (
        <p key={warning} className="chip chip-warn warning">
          {warning}
        </p>
      ))}
      {customEndpoint && mode === 'view' && (
        <p className="muted hint">
          Endpoint: <code>{card.baseUrl ?? providers[card.provider].defaultApiRoot ?? 'not set'}</code>
          {card.headerNames.length > 0 && <> · headers: {card.headerNames.join(', ')}</>}
          {card.options.models && <> · models: {card.options.models.split(',').join(', ')}</>}
        </p>
      )}
      <p className="muted hint">
        <CheckedAgo at={card.lastCheckedAt} />
        {card.lastCheck?.latencyMs != null && <> · {Math.round(card.lastCheck.latencyMs)} ms</>}
        {/* Set from byok receipts that name the key (receipts:record keyId); never shown as 'never used',
            since a runtime that does not send keyId would make that untrue. */}
        {card.lastUsedAt && (
          <>
            {' · '}
            <CheckedAgo at={card.lastUsedAt} verb="last used" />
          </>
        )}
      </p>
      {mode === 'replace' && <ReplaceKeyForm card={card} onDone={() => setMode('view')} />}
      {mode === 'endpoint' && <EndpointEditor card={card} onDone={() => setMode('view')} />}
      {mode === 'view' && (
        <div className="actions" role="group" aria-label={`Actions for ${name}`}>
          <button type="button" data-refocus="check" onClick={() => void check([card.id])} disabled={checking} aria-label={`Re-check ${name}`}>
            {checking ? 'Checking…' : 'Re-check'}
          </button>
          {card.readOnly && card.storage.cipher === 'environment' && (
            <button type="button" onClick={() => void useKeysStore.getState().importEnv(card.source)} aria-label={`Save a copy of ${card.source} here`}>
              Save a copy here
            </button>
          )}
          {!card.readOnly && (
            <>
              <button type="button" data-refocus="replace" onClick={() => setMode('replace')} aria-label={keyless ? `Add a key to ${name}` : `Replace ${name}`}>
                {keyless ? 'Add a key' : 'Replace'}
              </button>
              <button type="button" data-refocus="endpoint" onClick={() => setMode('endpoint')} aria-label={`Edit endpoint of ${name}`}>
                Endpoint
              </button>
              {of > 1 && (
                <>
                  <button type="button" data-refocus="up" onClick={() => void move(card.id, -1)} disabled={place === 1} aria-label={`Move ${name} up`} aria-keyshortcuts="Alt+ArrowUp">
                    ↑
                  </button>
                  <button type="button" data-refocus="down" onClick={() => void move(card.id, 1)} disabled={place === of} aria-label={`Move ${name} down`} aria-keyshortcuts="Alt+ArrowDown">
                    ↓
                  </button>
                </>
              )}
              <button type="button" className="danger" onClick={() => remove(card.id)} aria-label={`Remove ${name}`}>
                Remove
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}, sameCard);
