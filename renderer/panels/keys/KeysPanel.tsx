// The Keys panel: Add key first (keyboard-first entry), then every key grouped by provider in priority order.
import { startTransition, useEffect, useRef, useState } from 'react';
import { providers } from '../../../shared/providers';
import { useKeyboardStore } from '../../keyboard/keyboard-store';
import { AddKeyForm } from './AddKeyForm';
import { KeyCardView } from './KeyCardView';
import { UndoNotice } from './UndoNotice';
import { ProviderHealthLine } from './ProviderHealthLine';
import { connectHealthStore } from './health-store';
import { groupKeys } from './key-groups';
import { connectKeysStore, useKeysStore } from './keys-store';

/** Cards drawn in the first pass; the rest follow in a transition right after that paint (bench/renderer.ts). */
export const firstScreenCards = 24;

export function KeysPanel() {
  const cards = useKeysStore((state) => state.cards);
  const loaded = useKeysStore((state) => state.loaded);
  const error = useKeysStore((state) => state.error);
  const pendingId = useKeysStore((state) => state.pendingRemoval?.card.id ?? null);
  const checkingAll = useKeysStore((state) => state.checkingAll);
  const check = useKeysStore((state) => state.check);
  const recheckRequest = useKeyboardStore((state) => state.recheckAllRequest);
  const seenRecheck = useRef(recheckRequest);

  useEffect(connectKeysStore, []);
  useEffect(connectHealthStore, []);
  // Shift+R from anywhere re-checks every key once this panel is showing.
  useEffect(() => {
    if (recheckRequest !== seenRecheck.current) {
      seenRecheck.current = recheckRequest;
      void check();
    }
  }, [recheckRequest, check]);

  const visible = pendingId ? cards.filter((card) => card.id !== pendingId) : cards;
  // A long list paints its first screen at once and the remainder a frame later, without blocking input.
  const [limit, setLimit] = useState(firstScreenCards);
  useEffect(() => {
    if (limit >= visible.length) return;
    const timer = setTimeout(() => startTransition(() => setLimit(Number.POSITIVE_INFINITY)), 0);
    return () => clearTimeout(timer);
  }, [limit, visible.length]);
  const groups = groupKeys(visible);
  let budget = limit;
  const reentry = visible.filter((card) => card.needsReentry).length;

  return (
    <section aria-labelledby="panel-title" className="panel">
      <div className="panel-head">
        <div>
          <h1 id="panel-title">Keys</h1>
          <p className="muted">Your provider API keys. They are checked here and never shown again after you save them.</p>
        </div>
        <button type="button" onClick={() => void check()} disabled={checkingAll || visible.length === 0} aria-keyshortcuts="Shift+R">
          {checkingAll ? 'Checking every key…' : 'Re-check all'}
        </button>
      </div>
      {reentry > 0 && (
        <div className="banner banner-warning" role="note">
          {reentry === 1 ? 'One key needs' : `${reentry} keys need`} to be pasted again: this host cannot open them. They were kept, not deleted.
        </div>
      )}
      <AddKeyForm />
      <UndoNotice />
      {error && (
        <div className="banner banner-danger" role="alert">
          {error}
        </div>
      )}
      {loaded && visible.length === 0 && !error && <p className="muted">No keys yet. Paste one above.</p>}
      {groups.map((group) => {
        if (budget <= 0) return null;
        const stored = group.cards.filter((card) => !card.readOnly).length;
        let place = 0;
        return (
          <section key={group.provider} className="key-group" aria-labelledby={`group-${group.provider}`}>
            <h2 id={`group-${group.provider}`}>
              {providers[group.provider].displayName} <span className="muted count">({group.cards.length})</span>
            </h2>
            <ProviderHealthLine provider={group.provider} />
            <ul className="key-list">
              {group.cards.map((card) => {
                const cardPlace = card.readOnly ? 0 : ++place;
                return budget-- > 0 ? <KeyCardView key={card.id} card={card} place={cardPlace} of={stored} /> : null;
              })}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
